"""The regional dashboard's counts and lists, limited to what the actor may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.accounts.models import User
from campo.auth.permissions import Actor
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.eligibility.queries import CoeFilters, coes_visible_to, count, family_names
from campo.matching.services import open_positions

# Days a COE has waited in the review queue: (label, first day, last day or None).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-2", 0, 2),
    ("3-7", 3, 7),
    ("8-14", 8, 14),
    ("15-30", 15, 30),
    ("31+", 31, None),
)
DUPLICATE_STATES = ("pending", "unresolved")

LIST_SORTS: dict[str, Any] = {
    "submitted": (Coe.submitted_at.asc().nulls_last(),),  # the queue: oldest first
    "-submitted": (Coe.submitted_at.desc().nulls_last(),),
    "updated": (Coe.updated_at.desc(),),
    "-updated": (Coe.updated_at.asc(),),
    "qad": (Coe.qualifying_arrival_date.desc(),),
    "decided": (Coe.decided_at.desc().nulls_last(),),
}


@dataclass(frozen=True)
class ListFilters:
    status: tuple[CoeStatus, ...] = ()
    recruiter_id: int | None = None
    region_id: int | None = None
    name: str | None = None
    age: str | None = None
    duplicates: str | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    sort: str = "submitted"


def days_waiting(submitted_at: datetime | None, now: datetime) -> int | None:
    return None if submitted_at is None else max((now - submitted_at).days, 0)


def _region_coes(actor: Actor, region_id: int | None) -> sa.Select[tuple[Coe]]:
    return coes_visible_to(actor, CoeFilters(region_id=region_id)).order_by(None)


def duplicate_states(
    session: Session, actor: Actor, region_id: int | None = None
) -> dict[str, set[uuid.UUID]]:
    """Submitted COEs whose duplicate check has not run (pending) or has a child that nobody
    linked or confirmed new (unresolved). The check is JSON, so this is judged in Python, over
    two narrow queries (no answers loaded)."""
    submitted = (
        _region_coes(actor, region_id)
        .where(Coe.status == CoeStatus.SUBMITTED)
        .with_only_columns(Coe.id, Coe.duplicate_check)
    )
    checks = {coe_id: check for coe_id, check in session.execute(submitted)}
    decided: dict[uuid.UUID, set[int]] = {coe_id: set() for coe_id in checks}
    rows = session.execute(
        sa.select(CoeChild.coe_id, CoeChild.position).where(
            CoeChild.coe_id.in_(submitted.with_only_columns(Coe.id).scalar_subquery()),
            CoeChild.match_decision.is_not(None),
        )
    )
    for coe_id, position in rows:
        decided[coe_id].add(position)
    states: dict[str, set[uuid.UUID]] = {name: set() for name in DUPLICATE_STATES}
    for coe_id, check in checks.items():
        if check is None:
            states["pending"].add(coe_id)
        elif open_positions(check) - decided[coe_id]:
            states["unresolved"].add(coe_id)
    return states


def summary(
    session: Session, *, actor: Actor, now: datetime, region_id: int | None = None
) -> dict[str, Any]:
    """Counts by status, by recruiter and status, by days in the queue, and duplicate states."""
    visible = _region_coes(actor, region_id).subquery()
    by_status = {status.value: 0 for status in CoeStatus}
    for status, number in session.execute(
        sa.select(visible.c.status, sa.func.count()).group_by(visible.c.status)
    ):
        by_status[CoeStatus(status).value] = number

    recruiters: dict[int, dict[str, Any]] = {}
    rows = session.execute(
        sa.select(visible.c.recruiter_id, User.full_name, visible.c.status, sa.func.count())
        .join(User, User.id == visible.c.recruiter_id)
        .group_by(visible.c.recruiter_id, User.full_name, visible.c.status)
    )
    for recruiter_id, name, status, number in rows:
        entry = recruiters.setdefault(
            recruiter_id,
            {
                "recruiter_id": recruiter_id,
                "name": name,
                "total": 0,
                "by_status": {s.value: 0 for s in CoeStatus},
            },
        )
        entry["by_status"][CoeStatus(status).value] = number
        entry["total"] += number

    waiting = [
        days_waiting(submitted_at, now) or 0
        for submitted_at in session.scalars(
            sa.select(visible.c.submitted_at).where(
                visible.c.status == CoeStatus.SUBMITTED, visible.c.submitted_at.is_not(None)
            )
        )
    ]
    ages = [
        {
            "bucket": label,
            "count": sum(1 for d in waiting if d >= first and (last is None or d <= last)),
        }
        for label, first, last in AGE_BUCKETS
    ]
    duplicates = duplicate_states(session, actor, region_id)
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_recruiter": sorted(recruiters.values(), key=lambda r: (-r["total"], r["name"])),
        "queue_age": ages,
        "oldest_waiting_days": max(waiting, default=None),
        "returned_not_resubmitted": by_status[CoeStatus.RETURNED.value],
        "duplicates": {name: len(ids) for name, ids in duplicates.items()},
    }


def _age_bounds(label: str, now: datetime) -> tuple[datetime | None, datetime | None]:
    """Submission times (after, at or before) of COEs that have waited ``label`` days."""
    _label, first, last = next(b for b in AGE_BUCKETS if b[0] == label)
    latest = now - timedelta(days=first)
    earliest = None if last is None else now - timedelta(days=last + 1)
    return earliest, latest


def list_query(
    session: Session, *, actor: Actor, filters: ListFilters, now: datetime
) -> sa.Select[tuple[Coe]]:
    """The COEs of the dashboard's list that match ``filters``, in the requested order."""
    query = coes_visible_to(
        actor,
        CoeFilters(
            status=filters.status,
            recruiter_id=filters.recruiter_id,
            region_id=filters.region_id,
            name=filters.name,
        ),
    ).order_by(None)
    if filters.age is not None:
        earliest, latest = _age_bounds(filters.age, now)
        query = query.where(Coe.status == CoeStatus.SUBMITTED, Coe.submitted_at <= latest)
        if earliest is not None:
            query = query.where(Coe.submitted_at > earliest)
    if filters.duplicates is not None:
        ids = duplicate_states(session, actor, filters.region_id)[filters.duplicates]
        query = query.where(Coe.id.in_(sorted(ids)))
    if filters.submitted_from is not None:
        query = query.where(
            Coe.submitted_at >= datetime.combine(filters.submitted_from, time.min, now.tzinfo)
        )
    if filters.submitted_to is not None:
        query = query.where(
            Coe.submitted_at
            < datetime.combine(filters.submitted_to + timedelta(days=1), time.min, now.tzinfo)
        )
    return query.order_by(*LIST_SORTS[filters.sort], Coe.id)


def list_page(
    session: Session, query: sa.Select[tuple[Coe]], *, offset: int, limit: int
) -> tuple[int, list[Coe]]:
    """The total and one page of ``query`` (a page past the end is empty, not an error)."""
    total = count(session, query)
    if offset >= total:
        return total, []
    return total, list(session.scalars(query.limit(limit).offset(offset)))


def rows_context(session: Session, coes: list[Coe]) -> dict[str, Any]:
    """What a list row shows beside the COE: family names and people's names, in two queries."""
    names = family_names(session, [coe.family_id for coe in coes])
    ids = {i for coe in coes for i in (coe.recruiter_id, coe.decided_by_id) if i is not None}
    people: dict[int, str] = {}
    if ids:
        query = sa.select(User.id, User.full_name).where(User.id.in_(sorted(ids)))
        people = {user_id: name for user_id, name in session.execute(query)}
    return {"families": names, "people": people}
