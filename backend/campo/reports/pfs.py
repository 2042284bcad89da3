"""Priority for Services (ESEA 1304(d)) and the at-risk lists, in SQL.

Federal definition: priority goes to migratory children who made a qualifying move within the
previous 1-year period AND (1) are failing, or most at risk of failing, to meet the State's
academic standards, OR (2) have dropped out of school. As of a determination date:

- **qualifying move within the year**: an approved COE with QAD in (date - 1 year, date], and
  the child still eligible on the date (QAD through end of eligibility, no diploma);
- **dropped out**: an open ``dropped_out`` academic indicator on the date;
- **failing or most at risk**: any of the State's risk criteria on the date: an open academic
  indicator (assessment standard not met, retained in grade, over age for grade, behind in
  credits, failed a core course), a state assessment in the year before the date with a result
  below the standard (nearly met, not met), or a course failed this school year or the last.

The federal rule does not make English learners or special education risk criteria; a State may
(domain notes 4.5), so ``PfsCriteria`` turns them on. The State documents its criteria; these
defaults are California's usual ones, where the domain notes leave them open.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import N_
from campo.families.models import Child
from campo.history.codes import ACADEMIC_INDICATORS, BELOW_STANDARD
from campo.history.models import (
    AcademicIndicator,
    Assessment,
    ChildIndicators,
    CourseRecord,
    SchoolEnrollment,
)
from campo.reports.periods import Period, latest_birth_date_for_age

LISTS = ("pfs", "english_learner", "iep", "eligible")
REASONS = (
    "dropped_out",
    "assessment_not_met",
    "grade_retention",
    "over_age",
    "credit_deficient",
    "course_failure",
    "english_learner",
    "iep",
)


REASON_LABELS = {
    **ACADEMIC_INDICATORS,
    "english_learner": N_("English learner"),
    "iep": N_("Has an IEP (special education)"),
}


@dataclass(frozen=True)
class PfsCriteria:
    """Which State choices count as risk criteria besides the academic ones."""

    english_learner: bool = False
    iep: bool = False


def _year_before(day: date) -> date:
    return latest_birth_date_for_age(1, day)  # the same day a year earlier (Feb 29 -> 28)


def eligible_on(as_of: date) -> sa.Select[Any]:
    """(child, COE region, QAD) of each approved COE making the child eligible on the date."""
    return (
        sa.select(
            CoeChild.child_id.label("child_id"),
            Coe.region_id.label("region_id"),
            Coe.qualifying_arrival_date.label("qad"),
        )
        .join(Coe, Coe.id == CoeChild.coe_id)
        .outerjoin(ChildIndicators, ChildIndicators.child_id == CoeChild.child_id)
        .where(
            Coe.status == CoeStatus.APPROVED,
            CoeChild.child_id.is_not(None),
            Coe.qualifying_arrival_date <= as_of,
            CoeChild.eligibility_end_date >= as_of,
            sa.or_(
                ChildIndicators.graduation_date.is_(None),
                ChildIndicators.graduation_date > as_of,
            ),
        )
    )


def recent_movers(as_of: date) -> sa.Select[Any]:
    """Children eligible on the date whose qualifying move was within the year before it."""
    eligible = eligible_on(as_of).subquery("eligible")
    return sa.select(eligible.c.child_id).where(eligible.c.qad > _year_before(as_of)).distinct()


def risk_reasons(as_of: date, criteria: PfsCriteria = PfsCriteria()) -> sa.Select[Any]:
    """(child, reason) for every risk criterion (or dropping out) that holds on the date."""
    year_ago = _year_before(as_of)
    this_year = Period.containing(as_of)
    parts: list[sa.Select[Any]] = [
        sa.select(AcademicIndicator.child_id, AcademicIndicator.kind).where(
            AcademicIndicator.observed_date <= as_of,
            sa.or_(
                AcademicIndicator.resolved_date.is_(None), AcademicIndicator.resolved_date > as_of
            ),
        ),
        sa.select(Assessment.child_id, sa.literal("assessment_not_met")).where(
            Assessment.proficiency.in_(BELOW_STANDARD),
            Assessment.administered_on <= as_of,
            Assessment.administered_on > year_ago,
        ),
        sa.select(CourseRecord.child_id, sa.literal("course_failure")).where(
            CourseRecord.passed.is_(False),
            CourseRecord.school_year.in_((this_year.label, Period(this_year.start_year - 1).label)),
        ),
    ]
    if criteria.english_learner:
        parts.append(
            sa.select(ChildIndicators.child_id, sa.literal("english_learner")).where(
                ChildIndicators.english_learner.is_(True)
            )
        )
    if criteria.iep:
        parts.append(
            sa.select(ChildIndicators.child_id, sa.literal("iep")).where(
                ChildIndicators.iep.is_(True)
            )
        )
    union = sa.union(*parts).subquery("reasons")
    return sa.select(union.c[0].label("child_id"), union.c[1].label("reason"))


def pfs_children(as_of: date, criteria: PfsCriteria = PfsCriteria()) -> sa.Select[Any]:
    """Children with Priority for Services on the date."""
    reasons = risk_reasons(as_of, criteria).subquery("risk")
    return (
        sa.select(reasons.c.child_id).where(reasons.c.child_id.in_(recent_movers(as_of))).distinct()
    )


def reasons_of(
    session: Session, child_ids: list[uuid.UUID], as_of: date, criteria: PfsCriteria = PfsCriteria()
) -> dict[uuid.UUID, list[str]]:
    """The risk reasons of each child, in the order of ``REASONS``."""
    if not child_ids:
        return {}
    reasons = risk_reasons(as_of, criteria).subquery("risk")
    found: dict[uuid.UUID, set[str]] = {}
    for child_id, reason in session.execute(
        sa.select(reasons.c.child_id, reasons.c.reason).where(reasons.c.child_id.in_(child_ids))
    ):
        found.setdefault(child_id, set()).add(reason)
    return {
        child_id: sorted(values, key=lambda r: REASONS.index(r) if r in REASONS else len(REASONS))
        for child_id, values in found.items()
    }


def determination(
    session: Session, child_id: uuid.UUID, as_of: date, criteria: PfsCriteria = PfsCriteria()
) -> dict[str, Any]:
    """One child's Priority for Services on the date, with why (or why not)."""
    movers = eligible_on(as_of).where(CoeChild.child_id == child_id).subquery("eligible")
    latest_qad = session.scalar(sa.select(sa.func.max(movers.c.qad)))
    recent = latest_qad is not None and latest_qad > _year_before(as_of)
    reasons = reasons_of(session, [child_id], as_of, criteria).get(child_id, [])
    return {
        "child_id": child_id,
        "as_of": as_of,
        "priority_for_services": bool(recent and reasons),
        "eligible": latest_qad is not None,
        "qualifying_move_within_year": recent,
        "qualifying_arrival_date": latest_qad,
        "reasons": reasons,
    }


def _placements(as_of: date) -> sa.Subquery:
    """Where each child eligible on the date is: (child, region, school, grade).

    A current enrollment (the date within enrollment and evidence end) places the child at its
    school and region, one row per current enrollment; a child with none is placed in the
    region of an eligible COE, with no school.
    """
    eligible = eligible_on(as_of).subquery("eligible")
    current = sa.and_(
        SchoolEnrollment.enrollment_date <= as_of, SchoolEnrollment.evidence_end_date >= as_of
    )
    enrolled = sa.select(
        SchoolEnrollment.child_id.label("child_id"),
        SchoolEnrollment.region_id.label("region_id"),
        SchoolEnrollment.school_name.label("school_name"),
        SchoolEnrollment.grade.label("grade"),
    ).where(current, SchoolEnrollment.child_id.in_(sa.select(eligible.c.child_id)))
    unplaced = sa.select(
        eligible.c.child_id,
        eligible.c.region_id,
        sa.null().label("school_name"),
        sa.null().label("grade"),
    ).where(~sa.exists().where(SchoolEnrollment.child_id == eligible.c.child_id, current))
    return sa.union(enrolled, unplaced).subquery("placements")


@dataclass(frozen=True)
class ListQuery:
    which: str = "pfs"
    region_id: int | None = None
    school: str | None = None


def student_list(
    session: Session,
    as_of: date,
    query: ListQuery,
    *,
    scope_region_id: int | None,
    limit: int | None,
    offset: int = 0,
    criteria: PfsCriteria = PfsCriteria(),
) -> tuple[int, list[dict[str, Any]]]:
    """A list of eligible children by region and school: PFS, English learners, IEP, or all."""
    places = _placements(as_of)
    select = (
        sa.select(places, Child, ChildIndicators.english_learner, ChildIndicators.iep)
        .join(Child, Child.id == places.c.child_id)
        .outerjoin(ChildIndicators, ChildIndicators.child_id == places.c.child_id)
    )
    if query.which == "pfs":
        select = select.where(places.c.child_id.in_(pfs_children(as_of, criteria)))
    elif query.which == "english_learner":
        select = select.where(ChildIndicators.english_learner.is_(True))
    elif query.which == "iep":
        select = select.where(ChildIndicators.iep.is_(True))
    for region in (scope_region_id, query.region_id):
        if region is not None:
            select = select.where(places.c.region_id == region)
    if query.school:
        select = select.where(places.c.school_name == query.school)
    total = session.scalar(sa.select(sa.func.count()).select_from(select.subquery())) or 0
    ordered = select.order_by(
        places.c.region_id,
        sa.func.coalesce(places.c.school_name, ""),
        Child.last_name1,
        Child.first_name,
        Child.statewide_number,
    )
    if limit is not None:
        if offset >= total:
            return total, []
        ordered = ordered.limit(limit).offset(offset)
    rows = session.execute(ordered).all()
    reasons = reasons_of(session, list({row.Child.id for row in rows}), as_of, criteria)
    movers: set[uuid.UUID] = set()
    if rows:
        recent = recent_movers(as_of).subquery("recent")
        movers = set(
            session.scalars(
                sa.select(recent.c.child_id).where(
                    recent.c.child_id.in_([row.Child.id for row in rows])
                )
            )
        )
    return total, [
        {
            "child_id": row.Child.id,
            "statewide_number": row.Child.statewide_number,
            "first_name": row.Child.first_name,
            "last_name1": row.Child.last_name1,
            "last_name2": row.Child.last_name2,
            "birth_date": row.Child.birth_date,
            "region_id": row.region_id,
            "school_name": row.school_name,
            "grade": row.grade,
            "english_learner": bool(row.english_learner),
            "iep": bool(row.iep),
            "priority_for_services": row.Child.id in movers and bool(reasons.get(row.Child.id)),
            "reasons": reasons.get(row.Child.id, []),
        }
        for row in rows
    ]
