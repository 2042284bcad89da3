"""What a COE must hold before it can be submitted: required answers and the date rules.

This is the first cut; the declarative form definition in ``forms/`` (with rules evaluated the
same way on the tablet and the server) replaces it. Paths name the answer they concern, e.g.
``answers.children.0.birth_date``; messages are English source strings, translated at the edge.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from campo.errors import N_
from campo.lib.dates import ELIGIBILITY_MONTHS, MAX_AGE_YEARS, add_months, age_on

REQUIRED = N_("This answer is required.")
IN_FUTURE = N_("This date cannot be in the future.")
QAD_AFTER_INTERVIEW = N_("The arrival date cannot be after the interview date.")
QAD_TOO_OLD = N_(
    "The arrival date is more than 36 months before the interview: eligibility has ended."
)
BORN_AFTER_MOVE = N_("The child was born after the qualifying move and cannot be listed.")
TOO_OLD = N_("The child was 22 or older on the arrival date.")
RESIDENCY_BEFORE_QAD = N_("The residency date cannot be before the qualifying arrival date.")
NO_CHILDREN = N_("List at least one child.")
NO_PARENT = N_("Give the name of at least one parent or guardian.")

FAMILY_REQUIRED = ("address", "city", "state", "zip_code")
CHILD_REQUIRED = (
    "last_name1",
    "first_name",
    "sex",
    "birth_date",
    "multiple_birth",
    "birth_date_verification",
    "residency_date",
)
MOVE_REQUIRED = (
    "from_city",
    "to_city",
    "to_state",
    "moved_how",
    "worker_first_name",
    "worker_last_name",
    "worker_relationship",
    "qualifying_arrival_date",
    "work_description",
    "work_type",
    "employment",
)
INTERVIEW_REQUIRED = ("interview_date", "interviewee_name", "interviewee_relationship")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_submission(answers: dict[str, Any], *, today: date) -> dict[str, list[str]]:
    """Return the problems that block submission, by answer path; empty when it may go."""
    problems: dict[str, list[str]] = {}

    def flag(path: str, message: str) -> None:
        problems.setdefault(f"answers.{path}", []).append(message)

    family = answers.get("family") or {}
    move = answers.get("move") or {}
    interview = answers.get("interview") or {}
    children = answers.get("children") or []

    has_parent1 = not (
        _missing(family.get("parent1_last_name")) or _missing(family.get("parent1_first_name"))
    )
    has_parent2 = not (
        _missing(family.get("parent2_last_name")) or _missing(family.get("parent2_first_name"))
    )
    if not (has_parent1 or has_parent2):
        flag("family.parent1_last_name", NO_PARENT)
    for name in FAMILY_REQUIRED:
        if _missing(family.get(name)):
            flag(f"family.{name}", REQUIRED)
    for name in MOVE_REQUIRED:
        if _missing(move.get(name)):
            flag(f"move.{name}", REQUIRED)
    if _missing(move.get("from_state")) and _missing(move.get("from_country")):
        flag("move.from_state", REQUIRED)
    if move.get("moved_how") == "to_join_or_precede":
        for name in ("worker_move_date", "child_move_date"):
            if _missing(move.get(name)):
                flag(f"move.{name}", REQUIRED)
    if move.get("employment") == "temporary" and _missing(move.get("temporary_basis")):
        flag("move.temporary_basis", REQUIRED)
    for name in INTERVIEW_REQUIRED:
        if _missing(interview.get(name)):
            flag(f"interview.{name}", REQUIRED)
    if not children:
        flag("children", NO_CHILDREN)

    qad = _date(move.get("qualifying_arrival_date"))
    interview_date = _date(interview.get("interview_date"))
    if interview_date and interview_date > today:
        flag("interview.interview_date", IN_FUTURE)
    if qad:
        if qad > today:
            flag("move.qualifying_arrival_date", IN_FUTURE)
        elif interview_date and qad > interview_date:
            flag("move.qualifying_arrival_date", QAD_AFTER_INTERVIEW)
        elif interview_date and add_months(qad, ELIGIBILITY_MONTHS) <= interview_date:
            flag("move.qualifying_arrival_date", QAD_TOO_OLD)

    for index, child in enumerate(children):
        for name in CHILD_REQUIRED:
            if _missing(child.get(name)):
                flag(f"children.{index}.{name}", REQUIRED)
        birth_date = _date(child.get("birth_date"))
        residency_date = _date(child.get("residency_date"))
        if birth_date and qad:
            if birth_date > qad:
                flag(f"children.{index}.birth_date", BORN_AFTER_MOVE)
            elif age_on(birth_date, qad) >= MAX_AGE_YEARS:
                flag(f"children.{index}.birth_date", TOO_OLD)
        if residency_date and qad and residency_date < qad:
            flag(f"children.{index}.residency_date", RESIDENCY_BEFORE_QAD)
    return problems
