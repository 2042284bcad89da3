"""Why a re-interview found a child not eligible (English source labels, translated when shown)."""

from __future__ import annotations

from campo.errors import N_

# Code -> label. Codes are stored with the outcome; never reuse one.
NOT_ELIGIBLE_REASONS: dict[str, str] = {
    "no_district_change": N_("The move did not cross school district lines"),
    "not_qualifying_work": N_("The work is not qualifying agricultural or fishing work"),
    "not_temporary_or_seasonal": N_("The work is not temporary or seasonal"),
    "economic_necessity_unclear": N_("The move does not show economic necessity"),
    "qad_outside_window": N_("The qualifying arrival date is more than 36 months ago"),
    "child_not_eligible_age": N_("A child is too old or was born after the move"),
    "other": N_("Other (explained in the notes)"),
}

REASON_NEEDING_NOTES = "other"
