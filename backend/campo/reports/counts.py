"""Category 1 and Category 2 child counts for a performance period, in SQL.

The federal definitions (ESEA 1303(a)(1); EDFacts C121 and the Category 2 definition, quoted in
the domain notes section 4), as applied here:

- The unit is a person: the state's ``children`` row. A child linked from several COEs (a second
  qualifying move, or the duplicate check linking a COE's child to a known child) is one child.
- **Category 1**: there is at least one day in the period (September 1 - August 31) on which the
  child was, all at once: eligible under an approved COE (qualifying arrival date through end
  of eligibility; the end already stops at the day before the 22nd birthday and at a diploma
  recorded on the COE), aged 3 through 21, without a U.S. diploma or equivalency
  (``child_indicators.graduation_date``), and resident in the state by some evidence for that
  day. A child who turns 3 in the period therefore counts only if there is evidence on or after
  the 3rd birthday (as the domain notes and Texas's manual require), and one who turns 22 only
  with evidence before the 22nd birthday.
- **Residency evidence** for a day: a school enrollment or residency-only row covering it
  (enrollment date through withdrawal; an open enrollment through August 31 of its school
  year, ``periods.open_enrollment_end``), an MEP service on it, or the COE itself from the
  child's residency date to the interview (the recruiter met the family there). The domain
  notes leave this open ("residency or enrolment evidence for that day"); we follow EDFacts
  C121, "resided in the State for at least one day", and accept any of the three.
- **Category 2**: of the Category 1 children, those with at least one such day on which they
  were served in an MEP summer or intersession term. Services given only under continuation of
  services (ESEA 1304(e)) do not count: such children are formerly eligible (domain notes 4.4.4).
- **Statewide** counts are unduplicated: each child once, however many regions, COEs,
  enrollments or services. **By region**, a child counts in every region whose evidence made
  them countable (a child who lived in two regions counts in both), because each region serves
  and is funded for the children it had; so the regions' numbers may add up to more than the
  state's. Category 2 by region counts the region that gave the summer or intersession service.

Everything is a few aggregate queries: no Python loop over children. The core is one countable
window per approved COE child (the period cut to eligibility, ages 3-21 and no diploma) overlapped
with the evidence; the date arithmetic that differs between engines is in ``reports.sql``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import N_
from campo.families.models import Child
from campo.history.codes import SUMMER_TERMS
from campo.history.models import ChildIndicators, MepService, SchoolEnrollment
from campo.reports.periods import Period, latest_birth_date_for_age
from campo.reports.sql import add_days, add_years, greatest, least

CATEGORIES = ("1", "2")

# Breakdown buckets, as ED reports them: ages 3-5 not yet in kindergarten, each grade K-12,
# ungraded, out-of-school youth; and those with no grade reported (older children with no
# enrollment grade in the period), kept apart rather than guessed.
GRADE_BUCKETS = ("KG", *(f"{n:02d}" for n in range(1, 13)), "UG", "OS")
BUCKETS = ("age_3_5", *GRADE_BUCKETS, "not_reported")
BUCKET_LABELS = {
    "age_3_5": N_("Ages 3-5, not in kindergarten"),
    "KG": N_("Kindergarten"),
    **{f"{n:02d}": N_("Grade %(grade)s") for n in range(1, 13)},
    "UG": N_("Ungraded"),
    "OS": N_("Out-of-school youth"),
    "not_reported": N_("Grade not reported"),
}


# Stands for "no diploma yet" (greatest/least take no NULL on SQLite).
_NEVER = date(9999, 12, 31)


def _eligibility(period: Period, child_ids: list[uuid.UUID] | None = None) -> sa.Select[Any]:
    """Each approved COE child's countable window in the period, one row per COE child.

    The window is the period, cut to the eligibility (QAD through end of eligibility), to the
    ages 3 through 21 (the 3rd birthday through the day before the 22nd) and to the days
    before a diploma; a window that ends before it starts is dropped. ``coe_seen`` is 1 when
    the COE's own residency evidence (residency date through interview) falls in the window:
    it lies within its own COE's eligibility, and the other cuts are the child's, so checking
    it against its own window alone is enough.
    """
    birth = Child.birth_date
    # Birthdays are computed only for the few children who turn 3 or 22 within the period;
    # everyone else is 3-21 throughout it (the WHERE below drops the rest).
    turns_3 = birth > latest_birth_date_for_age(3, period.start)
    turns_22 = birth <= latest_birth_date_for_age(22, period.end)
    start = greatest(
        period.start,
        Coe.qualifying_arrival_date,
        sa.case((turns_3, add_years(birth, 3)), else_=sa.literal(period.start, sa.Date())),
    )
    end = least(
        period.end,
        CoeChild.eligibility_end_date,
        sa.case(
            (turns_22, add_days(add_years(birth, 22), -1)),
            else_=sa.literal(period.end, sa.Date()),
        ),
        add_days(sa.func.coalesce(ChildIndicators.graduation_date, _NEVER), -1),
    )
    resident_from = sa.func.coalesce(CoeChild.residency_date, Coe.qualifying_arrival_date)
    resident_to = sa.func.coalesce(Coe.interview_date, resident_from)
    windows = (
        sa.select(
            CoeChild.child_id.label("child_id"),
            CoeChild.coe_id.label("coe_id"),
            Coe.region_id.label("region_id"),
            start.label("first_day"),
            end.label("last_day"),
            resident_from.label("resident_from"),
            resident_to.label("resident_to"),
        )
        .join(Coe, Coe.id == CoeChild.coe_id)
        .join(Child, Child.id == CoeChild.child_id)
        .outerjoin(ChildIndicators, ChildIndicators.child_id == CoeChild.child_id)
        .where(
            Coe.status == CoeStatus.APPROVED,
            Coe.qualifying_arrival_date <= period.end,
            CoeChild.eligibility_end_date >= period.start,
            # Cheap bounds first: 3 or older by the period's end, under 22 at its start.
            birth <= latest_birth_date_for_age(3, period.end),
            birth > latest_birth_date_for_age(22, period.start),
            *((CoeChild.child_id.in_(child_ids),) if child_ids is not None else ()),
        )
        .subquery("windows")
    )
    coe_seen = sa.case(
        (
            sa.and_(
                windows.c.resident_from <= windows.c.last_day,
                windows.c.resident_to >= windows.c.first_day,
            ),
            1,
        ),
        else_=0,
    )
    return sa.select(
        windows.c.child_id,
        windows.c.coe_id,
        windows.c.region_id,
        windows.c.first_day,
        windows.c.last_day,
        coe_seen.label("coe_seen"),
    ).where(windows.c.first_day <= windows.c.last_day)


def _evidence(
    period: Period,
    region_id: int | None,
    *,
    detail: bool,
    child_ids: list[uuid.UUID] | None = None,
) -> sa.Subquery:
    """School and service evidence overlapping the period: (child, region, first day, last day,
    served, kind, id); ``served`` is 1 for an MEP summer or intersession service that is not
    continuation of services only.
    """
    enrollments = sa.select(
        SchoolEnrollment.child_id.label("child_id"),
        SchoolEnrollment.region_id.label("region_id"),
        SchoolEnrollment.enrollment_date.label("first_day"),
        SchoolEnrollment.evidence_end_date.label("last_day"),
        sa.literal(0).label("served"),
        *(
            (sa.literal("enrollment").label("kind"), SchoolEnrollment.id.label("record_id"))
            if detail
            else ()
        ),
    ).where(
        SchoolEnrollment.enrollment_date <= period.end,
        SchoolEnrollment.evidence_end_date >= period.start,
    )
    services = sa.select(
        MepService.child_id,
        MepService.region_id,
        MepService.start_date,
        MepService.end_date,
        sa.case(
            (
                sa.and_(
                    MepService.term.in_(SUMMER_TERMS), MepService.continuation_reason.is_(None)
                ),
                1,
            ),
            else_=0,
        ),
        *((sa.literal("service"), MepService.id) if detail else ()),
    ).where(MepService.start_date <= period.end, MepService.end_date >= period.start)
    if region_id is not None:
        enrollments = enrollments.where(SchoolEnrollment.region_id == region_id)
        services = services.where(MepService.region_id == region_id)
    if child_ids is not None:
        enrollments = enrollments.where(SchoolEnrollment.child_id.in_(child_ids))
        services = services.where(MepService.child_id.in_(child_ids))
    return sa.union_all(enrollments, services).subquery("evidence")


def qualifying_days(
    period: Period,
    region_id: int | None = None,
    *,
    detail: bool = False,
    child_ids: list[uuid.UUID] | None = None,
) -> sa.Select[Any]:
    """One row per (countable window, evidence) pair that share a day: the evidence is a school
    or service row overlapping the window, or the window's COE itself.

    Columns: child_id, region_id (of the evidence), served; with ``detail`` also coe_id, kind
    and record_id (the audit trail of the drill-down; the counts read less without them).
    """
    # A CTE: both halves of the union read it, and PostgreSQL computes it once.
    elig = _eligibility(period, child_ids).cte("eligibility")
    ev = _evidence(period, region_id, detail=detail, child_ids=child_ids)
    records = (
        sa.select(
            elig.c.child_id,
            ev.c.region_id,
            ev.c.served,
            *((elig.c.coe_id, ev.c.kind, ev.c.record_id) if detail else ()),
        )
        .select_from(elig)
        .join(
            ev,
            sa.and_(
                ev.c.child_id == elig.c.child_id,
                ev.c.first_day <= elig.c.last_day,
                ev.c.last_day >= elig.c.first_day,
            ),
        )
    )
    coes = sa.select(
        elig.c.child_id,
        elig.c.region_id,
        sa.literal(0),
        *((elig.c.coe_id, sa.literal("coe"), elig.c.coe_id) if detail else ()),
    ).where(elig.c.coe_seen == 1)
    if region_id is not None:
        coes = coes.where(elig.c.region_id == region_id)
    union = sa.union_all(records, coes).subquery("pairs")
    return sa.select(union)


def tune_for_counting(session: Session) -> None:
    """On PostgreSQL, for this transaction: no JIT (compiling the plan costs more than it saves
    on this one-off aggregate) and enough work memory for its hash joins to stay in memory.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SET LOCAL jit = off"))
        session.execute(sa.text("SET LOCAL work_mem = '64MB'"))


def counted_children(period: Period, region_id: int | None = None) -> sa.Subquery:
    """One row per countable child: ``child_id`` and ``served`` (1 = Category 2).

    One pass: each countable window, left-joined to the school and service evidence that
    overlaps it, grouped by child; the same rule as ``qualifying_days``, read once so that
    PostgreSQL can run it as parallel hash joins.
    """
    windows = _eligibility(period).subquery("eligibility")
    ev = _evidence(period, region_id, detail=False)
    coe_counts = windows.c.coe_seen == 1
    if region_id is not None:
        coe_counts = sa.and_(coe_counts, windows.c.region_id == region_id)
    per_child = (
        sa.select(
            windows.c.child_id,
            sa.func.max(
                sa.case((sa.or_(ev.c.child_id.is_not(None), coe_counts), 1), else_=0)
            ).label("countable"),
            sa.func.max(sa.func.coalesce(ev.c.served, 0)).label("served"),
        )
        .select_from(windows)
        .outerjoin(
            ev,
            sa.and_(
                ev.c.child_id == windows.c.child_id,
                ev.c.first_day <= windows.c.last_day,
                ev.c.last_day >= windows.c.first_day,
            ),
        )
        .group_by(windows.c.child_id)
        .subquery("per_child")
    )
    return (
        sa.select(per_child.c.child_id, per_child.c.served)
        .where(per_child.c.countable == 1)
        .subquery("counted")
    )


def _bucket(period: Period, counted: sa.Subquery) -> sa.Subquery:
    """Each counted child's breakdown bucket: the grade of the child's latest enrollment in the
    period with a grade (any region: the grade is the child's), else 3-5 by age on September 1,
    else not reported.
    """
    ranked = (
        sa.select(
            SchoolEnrollment.child_id.label("child_id"),
            SchoolEnrollment.grade.label("grade"),
            sa.func.row_number()
            .over(
                partition_by=SchoolEnrollment.child_id,
                order_by=(SchoolEnrollment.enrollment_date.desc(), SchoolEnrollment.id),
            )
            .label("rank"),
        )
        .where(
            SchoolEnrollment.enrollment_date <= period.end,
            SchoolEnrollment.evidence_end_date >= period.start,
            SchoolEnrollment.grade.is_not(None),
        )
        .subquery("ranked")
    )
    latest = (
        sa.select(ranked.c.child_id, ranked.c.grade).where(ranked.c.rank == 1).subquery("latest")
    )
    bucket = sa.case(
        (latest.c.grade.in_(GRADE_BUCKETS), latest.c.grade),
        (Child.birth_date > latest_birth_date_for_age(6, period.start), "age_3_5"),
        else_="not_reported",
    )
    return (
        sa.select(counted.c.child_id, counted.c.served, bucket.label("bucket"))
        .join(Child, Child.id == counted.c.child_id)
        .outerjoin(latest, latest.c.child_id == counted.c.child_id)
        .subquery("bucketed")
    )


@dataclass
class ChildCount:
    period: Period
    region_id: int | None  # None: statewide
    category1: int = 0
    category2: int = 0
    by_region: list[dict[str, Any]] = field(default_factory=list)
    by_bucket: list[dict[str, Any]] = field(default_factory=list)


def statewide_totals(
    session: Session, period: Period, region_id: int | None = None
) -> tuple[int, int]:
    """(Category 1, Category 2) for the state, or for one region when ``region_id`` is given."""
    tune_for_counting(session)
    counted = counted_children(period, region_id)
    row = session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(counted.c.served), 0))
    ).one()
    return int(row[0]), int(row[1])


def by_region(
    session: Session, period: Period, region_id: int | None = None
) -> list[dict[str, Any]]:
    """Category 1 and 2 per region (a child counts in each region with countable evidence)."""
    tune_for_counting(session)
    rows = qualifying_days(period, region_id).subquery("qualifying")
    per_child = (
        sa.select(rows.c.child_id, rows.c.region_id, sa.func.max(rows.c.served).label("served"))
        .group_by(rows.c.child_id, rows.c.region_id)
        .subquery("per_region")
    )
    query = (
        sa.select(
            per_child.c.region_id,
            sa.func.count().label("category1"),
            sa.func.sum(per_child.c.served).label("category2"),
        )
        .group_by(per_child.c.region_id)
        .order_by(per_child.c.region_id)
    )
    return [
        {"region_id": r.region_id, "category1": int(r.category1), "category2": int(r.category2)}
        for r in session.execute(query)
    ]


def by_bucket(
    session: Session, period: Period, region_id: int | None = None
) -> list[dict[str, Any]]:
    """Category 1 and 2 per age/grade bucket, every bucket listed (zeros included)."""
    tune_for_counting(session)
    bucketed = _bucket(period, counted_children(period, region_id))
    query = sa.select(
        bucketed.c.bucket,
        sa.func.count().label("category1"),
        sa.func.sum(bucketed.c.served).label("category2"),
    ).group_by(bucketed.c.bucket)
    found = {r.bucket: (int(r.category1), int(r.category2)) for r in session.execute(query)}
    return [
        {"bucket": b, "category1": found.get(b, (0, 0))[0], "category2": found.get(b, (0, 0))[1]}
        for b in BUCKETS
    ]


def child_count(session: Session, period: Period, region_id: int | None = None) -> ChildCount:
    """The whole report: totals, per region and per age/grade bucket."""
    category1, category2 = statewide_totals(session, period, region_id)
    return ChildCount(
        period=period,
        region_id=region_id,
        category1=category1,
        category2=category2,
        by_region=by_region(session, period, region_id),
        by_bucket=by_bucket(session, period, region_id),
    )


@dataclass(frozen=True)
class DrillDown:
    """Which number to open: a category, optionally one region's or one bucket's part of it."""

    category: str = "1"
    region_id: int | None = None
    bucket: str | None = None


def drill_down(
    session: Session,
    period: Period,
    what: DrillDown,
    *,
    scope_region_id: int | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """The children behind a number, by statewide number, with what made each countable.

    ``scope_region_id`` is the viewer's region (None for the state); ``what.region_id`` opens one
    region's number. A viewer limited to a region only sees that region's numbers.
    """
    if scope_region_id is not None and what.region_id not in (None, scope_region_id):
        return 0, []
    tune_for_counting(session)
    region_id = what.region_id if what.region_id is not None else scope_region_id
    bucketed = _bucket(period, counted_children(period, region_id))
    query = sa.select(bucketed.c.child_id, bucketed.c.served, bucketed.c.bucket)
    if what.category == "2":
        query = query.where(bucketed.c.served == 1)
    if what.bucket is not None:
        query = query.where(bucketed.c.bucket == what.bucket)
    chosen = query.subquery("chosen")
    total = session.scalar(sa.select(sa.func.count()).select_from(chosen)) or 0
    if offset >= total:
        return total, []
    page = session.execute(
        sa.select(chosen.c.served, chosen.c.bucket, Child)
        .join(Child, Child.id == chosen.c.child_id)
        .order_by(Child.statewide_number)
        .limit(limit)
        .offset(offset)
    ).all()
    evidence = _evidence_of(session, period, region_id, [child.id for _, _, child in page])
    return total, [
        {
            "child_id": child.id,
            "statewide_number": child.statewide_number,
            "region_id": child.region_id,
            "first_name": child.first_name,
            "last_name1": child.last_name1,
            "last_name2": child.last_name2,
            "birth_date": child.birth_date,
            "bucket": bucket,
            "category2": bool(served),
            **evidence.get(child.id, {"coe_ids": [], "evidence": []}),
        }
        for served, bucket, child in page
    ]


def _evidence_of(
    session: Session, period: Period, region_id: int | None, child_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """For each child, the COEs and evidence rows that gave a countable day (the audit trail)."""
    if not child_ids:
        return {}
    rows = qualifying_days(period, region_id, detail=True, child_ids=child_ids).subquery(
        "qualifying"
    )
    query = (
        sa.select(
            rows.c.child_id,
            rows.c.coe_id,
            rows.c.kind,
            rows.c.record_id,
            rows.c.region_id,
            rows.c.served,
        )
        .where(rows.c.child_id.in_(child_ids))
        .distinct()
    )
    found: dict[uuid.UUID, dict[str, Any]] = {}
    for row in session.execute(query):
        entry = found.setdefault(row.child_id, {"coe_ids": set(), "evidence": {}})
        entry["coe_ids"].add(row.coe_id)
        entry["evidence"][(row.kind, row.record_id)] = {
            "kind": row.kind,
            "id": row.record_id,
            "region_id": row.region_id,
            "summer_or_intersession_service": bool(row.served),
        }
    return {
        child_id: {
            "coe_ids": sorted(entry["coe_ids"], key=str),
            "evidence": sorted(entry["evidence"].values(), key=lambda e: (e["kind"], str(e["id"]))),
        }
        for child_id, entry in found.items()
    }
