"""Re-interview samples: drawing, assigning independent re-interviewers, outcomes, the report.

State admins draw samples, assign and see everything. Supervisors and regional staff see the
drawn children of their own region (others are 404) and record the outcome of the
re-interviews assigned to them. Recruiters have no part in quality control of their own work.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role, User
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region, require_role, visible_region_id
from campo.db import utcnow
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import CampoError
from campo.families.models import Child
from campo.reinterviews import sampling
from campo.reinterviews.models import Outcome, ReinterviewItem, ReinterviewSample
from campo.reinterviews.reasons import NOT_ELIGIBLE_REASONS, REASON_NEEDING_NOTES
from campo.reinterviews.stats import DefectReport, defect_report
from campo.signatures.models import Signature

# Who may re-interview: people who are not recruiters, in the child's region (or statewide).
REINTERVIEWER_ROLES = (Role.SUPERVISOR, Role.REGIONAL_STAFF, Role.STATE_ADMIN)
VIEWER_ROLES = REINTERVIEWER_ROLES


@dataclass(frozen=True)
class Unit:
    """One eligible child on one approved COE: what a sample draws."""

    key: str
    coe_id: uuid.UUID
    coe_child_id: uuid.UUID
    child_id: uuid.UUID
    region_id: int


def _clamp(day: date) -> date:
    # Days at the calendar's very ends have instants in UTC outside it; no COE is there.
    return min(max(day, date.min + timedelta(days=2)), date.max - timedelta(days=2))


def _bounds(start: date, end: date, time_zone: str) -> tuple[datetime, datetime]:
    """The period's first instant and the instant after its last day, in the state's zone."""
    zone = ZoneInfo(time_zone)
    return (
        datetime.combine(_clamp(start), time.min, tzinfo=zone),
        datetime.combine(_clamp(end) + timedelta(days=1), time.min, tzinfo=zone),
    )


def population(
    session: Session, *, period_start: date, period_end: date, region_id: int | None, time_zone: str
) -> list[Unit]:
    """Children identified in the period: every child of a COE approved in it (state days)."""
    low, high = _bounds(period_start, period_end, time_zone)
    query = (
        sa.select(Coe.id, CoeChild.id, CoeChild.position, CoeChild.child_id, Coe.region_id)
        .join(CoeChild, CoeChild.coe_id == Coe.id)
        .where(
            Coe.status == CoeStatus.APPROVED,
            Coe.decided_at >= low,
            Coe.decided_at < high,
            CoeChild.child_id.is_not(None),
        )
    )
    if region_id is not None:
        query = query.where(Coe.region_id == region_id)
    return [
        Unit(f"{coe_id}:{position}", coe_id, coe_child_id, child_id, region)
        for coe_id, coe_child_id, position, child_id, region in session.execute(query)
    ]


def create_sample(
    session: Session,
    *,
    actor: Actor,
    period_start: date,
    period_end: date,
    time_zone: str,
    rate: float | None = None,
    size: int | None = None,
    seed: str | None = None,
    region_id: int | None = None,
) -> ReinterviewSample:
    """Draw and record a sample of the children identified in the period."""
    require_role(actor, Role.STATE_ADMIN)
    if period_end < period_start:
        raise CampoError(errors.PERIOD_INVALID)
    if (rate is None) == (size is None) or not (0 < (rate or 1) <= 1 and (size or 1) >= 1):
        raise CampoError(errors.REINTERVIEW_SIZE_INVALID)
    if region_id is not None and session.get(Region, region_id) is None:
        raise CampoError(errors.REGION_NOT_FOUND)
    units = population(
        session,
        period_start=period_start,
        period_end=period_end,
        region_id=region_id,
        time_zone=time_zone,
    )
    if not units:
        raise CampoError(errors.REINTERVIEW_POPULATION_EMPTY)
    wanted = sampling.size_for_rate(len(units), rate) if rate is not None else (size or 0)
    seed = seed or sampling.new_seed()
    drawn = sampling.draw((u.key for u in units), seed, min(wanted, len(units)))
    by_key = {u.key: u for u in units}
    sample = ReinterviewSample(
        period_start=period_start,
        period_end=period_end,
        region_id=region_id,
        requested_rate=rate,
        requested_size=size,
        method=sampling.METHOD,
        seed=seed,
        population_size=len(units),
        population_hash=sampling.population_hash(by_key),
        sample_size=len(drawn),
        created_by_id=actor.user.id,
        created_at=utcnow(),
    )
    session.add(sample)
    session.flush()
    for position, key in enumerate(drawn, start=1):
        unit = by_key[key]
        session.add(
            ReinterviewItem(
                sample_id=sample.id,
                position=position,
                unit_key=key,
                coe_id=unit.coe_id,
                coe_child_id=unit.coe_child_id,
                child_id=unit.child_id,
                region_id=unit.region_id,
            )
        )
    session.flush()
    session.refresh(sample, ["items"])
    record_event(
        session,
        actor=actor,
        action="reinterview.sample_drawn",
        entity_type="reinterview_sample",
        entity_id=sample.id,
        region_id=region_id,
        details={
            "method": sample.method,
            "seed": seed,
            "population_size": sample.population_size,
            "sample_size": sample.sample_size,
        },
    )
    return sample


@dataclass(frozen=True)
class DrawCheck:
    population_matches: bool
    sample_matches: bool

    @property
    def ok(self) -> bool:
        return self.population_matches and self.sample_matches


def check_draw(session: Session, sample: ReinterviewSample, *, time_zone: str) -> DrawCheck:
    """Draw the sample again from the database and its record: the same population, same list?"""
    units = population(
        session,
        period_start=sample.period_start,
        period_end=sample.period_end,
        region_id=sample.region_id,
        time_zone=time_zone,
    )
    keys = [u.key for u in units]
    population_matches = (
        len(keys) == sample.population_size
        and sampling.population_hash(keys) == sample.population_hash
    )
    again = sampling.draw(keys, sample.seed, sample.sample_size)
    return DrawCheck(population_matches, again == [item.unit_key for item in sample.items])


def _visible_items(actor: Actor) -> sa.Select[tuple[ReinterviewItem]]:
    require_role(actor, *VIEWER_ROLES)
    query = sa.select(ReinterviewItem)
    region_id = visible_region_id(actor)
    if region_id is not None:
        query = query.where(ReinterviewItem.region_id == region_id)
    return query


def list_samples(session: Session, *, actor: Actor) -> list[ReinterviewSample]:
    """Samples, newest first; outside the state office, those with children of one's region."""
    query = sa.select(ReinterviewSample)
    if not actor.user.is_state_admin:
        visible = _visible_items(actor).with_only_columns(ReinterviewItem.sample_id)
        query = query.where(ReinterviewSample.id.in_(visible))
    return list(session.scalars(query.order_by(ReinterviewSample.created_at.desc())))


def read_sample(
    session: Session, *, actor: Actor, sample_id: uuid.UUID
) -> tuple[ReinterviewSample, list[ReinterviewItem]]:
    """A sample and its drawn children the actor may see (none: 404); the read is audited."""
    require_role(actor, *VIEWER_ROLES)
    sample = session.get(ReinterviewSample, sample_id)
    items = (
        [item for item in sample.items if can_see_region(actor, item.region_id)] if sample else []
    )
    if sample is None or not items:
        raise CampoError(errors.REINTERVIEW_SAMPLE_NOT_FOUND)
    record_event(
        session,
        actor=actor,
        action="reinterview.sample_read",
        entity_type="reinterview_sample",
        entity_id=sample.id,
        region_id=actor.region_id,
        details={"ids": [str(item.id) for item in items]},
    )
    return sample, items


def children_of(session: Session, items: list[ReinterviewItem]) -> dict[uuid.UUID, tuple[str, str]]:
    """Each drawn child's statewide number and name, in one query."""
    ids = {item.child_id for item in items}
    if not ids:
        return {}
    rows = session.execute(
        sa.select(
            Child.id, Child.statewide_number, Child.first_name, Child.last_name1, Child.last_name2
        ).where(Child.id.in_(ids))
    )
    return {
        child_id: (number, " ".join(p for p in (first, last1, last2) if p))
        for child_id, number, first, last1, last2 in rows
    }


def list_items(
    session: Session,
    *,
    actor: Actor,
    sample_id: uuid.UUID | None = None,
    mine: bool = False,
    pending: bool = False,
) -> list[ReinterviewItem]:
    """Drawn children the actor may see (theirs only with ``mine``); the read is audited."""
    query = _visible_items(actor)
    if sample_id is not None:
        query = query.where(ReinterviewItem.sample_id == sample_id)
    if mine:
        query = query.where(ReinterviewItem.reinterviewer_id == actor.user.id)
    if pending:
        query = query.where(ReinterviewItem.outcome.is_(None))
    items = list(
        session.scalars(query.order_by(ReinterviewItem.sample_id, ReinterviewItem.position))
    )
    record_event(
        session,
        actor=actor,
        action="reinterview.listed",
        entity_type="reinterview",
        region_id=actor.region_id,
        details={"ids": [str(item.id) for item in items]},
    )
    return items


def _item(session: Session, actor: Actor, item_id: uuid.UUID) -> ReinterviewItem:
    require_role(actor, *VIEWER_ROLES)
    item = session.get(ReinterviewItem, item_id)
    if item is None or not can_see_region(actor, item.region_id):
        raise CampoError(errors.REINTERVIEW_NOT_FOUND)
    return item


def participants(session: Session, coe_id: uuid.UUID) -> set[int]:
    """Everyone who took part in the COE: its recruiter, its reviewer, every signing user."""
    coe = session.get_one(Coe, coe_id)
    people = {coe.recruiter_id}
    if coe.decided_by_id is not None:
        people.add(coe.decided_by_id)
    signers = session.scalars(
        sa.select(Signature.signer_user_id).where(
            Signature.coe_id == coe_id, Signature.signer_user_id.is_not(None)
        )
    )
    people.update(s for s in signers if s is not None)
    return people


def reinterviewers(session: Session, *, actor: Actor, item_id: uuid.UUID) -> list[User]:
    """Who the roles and regions let re-interview this child (``assign`` checks independence)."""
    require_role(actor, Role.STATE_ADMIN)
    item = _item(session, actor, item_id)
    query = (
        sa.select(User)
        .where(
            User.is_active.is_(True),
            User.role.in_(REINTERVIEWER_ROLES),
            sa.or_(User.role == Role.STATE_ADMIN, User.region_id == item.region_id),
        )
        .order_by(User.username)
    )
    return list(session.scalars(query))


def assign(
    session: Session, *, actor: Actor, item_id: uuid.UUID, reinterviewer_id: int
) -> ReinterviewItem:
    """Assign a re-interviewer who had no part in the original COE."""
    require_role(actor, Role.STATE_ADMIN)
    item = _item(session, actor, item_id)
    if item.outcome is not None:
        raise CampoError(errors.REINTERVIEW_OUTCOME_RECORDED)
    person = session.get(User, reinterviewer_id)
    if (
        person is None
        or not person.is_active
        or person.role not in REINTERVIEWER_ROLES
        or not (person.is_state_admin or person.region_id == item.region_id)
    ):
        raise CampoError(errors.REINTERVIEWER_NOT_ALLOWED)
    if person.id in participants(session, item.coe_id):
        raise CampoError(errors.REINTERVIEWER_NOT_INDEPENDENT)
    if item.reinterviewer_id == person.id:
        return item
    item.reinterviewer_id = person.id
    item.assigned_by_id = actor.user.id
    item.assigned_at = utcnow()
    session.flush()
    record_event(
        session,
        actor=actor,
        action="reinterview.assigned",
        entity_type="reinterview",
        entity_id=item.id,
        region_id=item.region_id,
        changed_fields=["reinterviewer_id"],
        details={"reinterviewer_id": person.id},
    )
    return item


@dataclass(frozen=True)
class OutcomeInput:
    outcome: Outcome
    reinterview_date: date
    reason: str | None = None
    notes: str | None = None


def record_outcome(
    session: Session,
    *,
    actor: Actor,
    item_id: uuid.UUID,
    result: OutcomeInput,
    today: date,
    time_zone: str,
) -> ReinterviewItem:
    """Record what the re-interview found; the same outcome twice is accepted once."""
    item = _item(session, actor, item_id)
    if item.reinterviewer_id is None:
        raise CampoError(errors.REINTERVIEW_NOT_ASSIGNED)
    if item.reinterviewer_id != actor.user.id and not actor.user.is_state_admin:
        raise CampoError(errors.REINTERVIEW_NOT_YOURS)
    reason = result.reason if result.outcome is Outcome.NOT_ELIGIBLE else None
    notes = (result.notes or "").strip() or None
    if result.outcome is Outcome.NOT_ELIGIBLE and (
        reason not in NOT_ELIGIBLE_REASONS or (reason == REASON_NEEDING_NOTES and not notes)
    ):
        raise CampoError(errors.REINTERVIEW_REASON_REQUIRED, fields={"reason": []})
    values = (result.outcome, reason, result.reinterview_date, notes)
    if item.outcome is not None:
        if (item.outcome, item.outcome_reason, item.reinterview_date, item.notes) == values:
            return item
        raise CampoError(errors.REINTERVIEW_OUTCOME_RECORDED)
    decided_at = session.get_one(Coe, item.coe_id).decided_at
    approved_on = decided_at.astimezone(ZoneInfo(time_zone)).date() if decided_at else None
    if result.reinterview_date > today or (approved_on and result.reinterview_date < approved_on):
        raise CampoError(errors.REINTERVIEW_DATE_INVALID, fields={"reinterview_date": []})
    item.outcome, item.outcome_reason, item.reinterview_date, item.notes = values
    item.recorded_by_id = actor.user.id
    item.recorded_at = utcnow()
    session.flush()
    record_event(
        session,
        actor=actor,
        action="reinterview.recorded",
        entity_type="reinterview",
        entity_id=item.id,
        region_id=item.region_id,
        changed_fields=[
            name
            for name, value in zip(
                ("outcome", "outcome_reason", "reinterview_date", "notes"), values, strict=True
            )
            if value is not None
        ],
        details={"outcome": result.outcome.value},
    )
    return item


def report(
    session: Session, *, actor: Actor, sample_id: uuid.UUID, time_zone: str
) -> tuple[ReinterviewSample, DefectReport, DrawCheck]:
    """A sample's counts, defect rate and interval, and whether its draw still checks out."""
    require_role(actor, Role.STATE_ADMIN)
    sample = session.get(ReinterviewSample, sample_id)
    if sample is None:
        raise CampoError(errors.REINTERVIEW_SAMPLE_NOT_FOUND)
    tally = defect_report(
        (
            (
                item.outcome.value if item.outcome else None,
                item.outcome_reason,
                item.reinterviewer_id is not None,
            )
            for item in sample.items
        ),
        sample_size=sample.sample_size,
    )
    return sample, tally, check_draw(session, sample, time_zone=time_zone)
