"""Reason codes a reviewer gives when returning or rejecting a COE (English source labels)."""

from __future__ import annotations

from campo.errors import N_

# Code -> label. Codes are stable (stored on COEs); labels are translated when shown.
REVIEW_REASONS: dict[str, str] = {
    "missing_information": N_("Required information is missing"),
    "dates_inconsistent": N_("Dates do not agree (move, arrival, residency, birth)"),
    "qad_outside_window": N_("The qualifying arrival date is more than 36 months ago"),
    "no_district_change": N_("The move did not cross school district lines"),
    "not_qualifying_work": N_("The work is not qualifying agricultural or fishing work"),
    "not_temporary_or_seasonal": N_("The work is not temporary or seasonal"),
    "economic_necessity_unclear": N_("The move does not show economic necessity"),
    "comment_missing": N_("A required comment is missing or unclear"),
    "child_not_eligible_age": N_("A child is too old or was born after the move"),
    "signature_missing": N_("A signature or its date is missing"),
    "possible_duplicate": N_("A child may already be known to the program"),
    "other": N_("Other (explained in the comment)"),
}

REASON_NEEDING_COMMENT = "other"
