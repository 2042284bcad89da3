"""Searching the audit trail: by child, user, period and action, for state admins only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Role, User
from campo.audit.models import AuditEvent
from campo.audit.services import record_event
from campo.auth.permissions import Actor, require_role
from campo.eligibility.models import CoeChild
from campo.errors import CampoError
from campo.families.models import Child
from campo.families.studentnumbers import StudentNumberError, parse_student_number
from campo.reinterviews.models import ReinterviewItem

# The most rows one CSV export holds; a larger trail is exported in narrower periods.
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class AuditQuery:
    """What a state admin asked for, as typed (a child by id or number, a user by id or name)."""

    child: str | None = None
    user: str | None = None
    day_from: date | None = None
    day_to: date | None = None
    action: str | None = None
    until_seq: int | None = None

    def as_details(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _child_id(session: Session, text: str, state_code: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        pass
    try:
        number = parse_student_number(text, state_code)
    except StudentNumberError:
        raise CampoError(errors.STUDENT_NUMBER_INVALID, fields={"child": []}) from None
    return session.scalar(sa.select(Child.id).where(Child.statewide_number == number))


def _user_id(session: Session, text: str) -> int | None:
    if text.strip().isdigit():
        return int(text)
    return session.scalar(sa.select(User.id).where(User.username == text.strip().lower()))


def _clamp(day: date) -> date:
    # Days at the calendar's very ends have instants in UTC outside it; no event is there.
    return min(max(day, date.min + timedelta(days=2)), date.max - timedelta(days=2))


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(_clamp(day), time.min, tzinfo=zone)


def events_query(
    session: Session, query: AuditQuery, *, state_code: str, time_zone: str
) -> sa.Select[tuple[AuditEvent]]:
    """Select the events matching ``query``, newest first. Days are the state's days."""
    if query.day_from and query.day_to and query.day_to < query.day_from:
        raise CampoError(errors.PERIOD_INVALID)
    select = sa.select(AuditEvent)
    if query.child:
        child_id = _child_id(session, query.child, state_code)
        if child_id is None:
            return select.where(sa.false())
        # The child's own record, the COEs that list the child, and its re-interviews.
        coes = session.scalars(
            sa.select(CoeChild.coe_id).where(CoeChild.child_id == child_id).distinct()
        ).all()
        items = session.scalars(
            sa.select(ReinterviewItem.id).where(ReinterviewItem.child_id == child_id)
        ).all()
        select = select.where(
            sa.or_(
                sa.and_(AuditEvent.entity_type == "child", AuditEvent.entity_id == str(child_id)),
                sa.and_(
                    AuditEvent.entity_type == "coe",
                    AuditEvent.entity_id.in_([str(c) for c in coes]),
                ),
                sa.and_(
                    AuditEvent.entity_type == "reinterview",
                    AuditEvent.entity_id.in_([str(i) for i in items]),
                ),
            )
        )
    if query.user:
        user_id = _user_id(session, query.user)
        if user_id is None:
            return select.where(sa.false())
        select = select.where(AuditEvent.actor_id == user_id)
    zone = ZoneInfo(time_zone)
    if query.day_from:
        select = select.where(AuditEvent.occurred_at >= _day_start(query.day_from, zone))
    if query.day_to:
        select = select.where(
            AuditEvent.occurred_at < _day_start(_clamp(query.day_to) + timedelta(days=1), zone)
        )
    if query.action:
        if query.action.endswith("*"):
            prefix = query.action[:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            select = select.where(AuditEvent.action.like(f"{prefix}%", escape="\\"))
        else:
            select = select.where(AuditEvent.action == query.action)
    if query.until_seq is not None:
        select = select.where(AuditEvent.seq <= query.until_seq)
    return select.order_by(AuditEvent.seq.desc())


def search_events(
    session: Session,
    *,
    actor: Actor,
    query: AuditQuery,
    state_code: str,
    time_zone: str,
    offset: int,
    limit: int,
) -> tuple[list[AuditEvent], int]:
    """One page of the events matching ``query`` and their total; the search is audited."""
    require_role(actor, Role.STATE_ADMIN)
    select = events_query(session, query, state_code=state_code, time_zone=time_zone)
    total = (
        session.scalar(sa.select(sa.func.count()).select_from(select.order_by(None).subquery()))
        or 0
    )
    page = list(session.scalars(select.limit(limit).offset(offset))) if offset < total else []
    record_event(
        session,
        actor=actor,
        action="audit.searched",
        entity_type="audit",
        details={"query": query.as_details(), "total": total},
    )
    return page, total


def export_events(
    session: Session, *, actor: Actor, query: AuditQuery, state_code: str, time_zone: str
) -> list[AuditEvent]:
    """Every event matching ``query`` (at most EXPORT_LIMIT), newest first; audited."""
    require_role(actor, Role.STATE_ADMIN)
    select = events_query(session, query, state_code=state_code, time_zone=time_zone)
    events = list(session.scalars(select.limit(EXPORT_LIMIT + 1)))
    if len(events) > EXPORT_LIMIT:
        raise CampoError(errors.AUDIT_EXPORT_TOO_LARGE, params={"limit": EXPORT_LIMIT})
    record_event(
        session,
        actor=actor,
        action="audit.exported",
        entity_type="audit",
        details={"query": query.as_details(), "total": len(events)},
    )
    return events


def usernames(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.execute(sa.select(User.id, User.username).where(User.id.in_(user_ids)))
    return {user_id: username for user_id, username in rows}
