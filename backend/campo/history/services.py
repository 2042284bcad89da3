"""Recording and correcting a child's history, region by region; no Flask.

Who: regional staff write their own region's records, a state admin any region's. Every record
belongs to the region that recorded it; another region's record is "not found" (404). A child can
be written for by a region that the child belongs to or that has a COE for the child (a child who
moved from region 23 to region 16 gets enrollments from both).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role
from campo.audit.services import record_event
from campo.auth.permissions import Actor, require_role, visible_region_id
from campo.eligibility.models import Coe, CoeChild
from campo.errors import N_, CampoError, Message
from campo.families.models import Child
from campo.history.models import (
    AcademicIndicator,
    Assessment,
    ChildIndicators,
    CourseRecord,
    MepService,
    SchoolEnrollment,
)
from campo.reports.periods import open_enrollment_end

# Who records and corrects history.
WRITERS = (Role.REGIONAL_STAFF, Role.STATE_ADMIN)

BEFORE_BIRTH = N_("This date is before the child's birth date.")
OUT_OF_ORDER = N_("This date cannot be before the first date of the record.")
NOT_YOUR_REGION = N_("You can record only for your own region.")
REGION_REQUIRED = N_("Choose the region this record belongs to.")
UNKNOWN_REGION = N_("This region does not exist.")


@dataclass(frozen=True)
class Kind:
    """One kind of history record: its URL name, model, audit entity and date rules."""

    name: str
    model: type[Any]
    entity: str
    fields: tuple[str, ...]
    # (first date field, last date field or None): the last may not precede the first.
    dates: tuple[str, str | None]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "enrollments",
            SchoolEnrollment,
            "school_enrollment",
            (
                "enrollment_type",
                "school_name",
                "school_id",
                "district_name",
                "district_id",
                "grade",
                "enrollment_date",
                "withdrawal_date",
                "comment",
            ),
            ("enrollment_date", "withdrawal_date"),
        ),
        Kind(
            "services",
            MepService,
            "mep_service",
            (
                "service_type",
                "term",
                "start_date",
                "end_date",
                "provider",
                "continuation_reason",
                "comment",
            ),
            ("start_date", "end_date"),
        ),
        Kind(
            "academic-indicators",
            AcademicIndicator,
            "academic_indicator",
            ("kind", "observed_date", "resolved_date", "comment"),
            ("observed_date", "resolved_date"),
        ),
        Kind(
            "courses",
            CourseRecord,
            "course_record",
            (
                "course_title",
                "subject_area",
                "school_name",
                "school_year",
                "term",
                "grade_level",
                "final_grade",
                "credits_attempted",
                "credits_earned",
                "passed",
                "algebra1",
            ),
            ("school_year", None),
        ),
        Kind(
            "assessments",
            Assessment,
            "assessment",
            (
                "title",
                "content_area",
                "assessment_type",
                "administered_on",
                "score",
                "proficiency",
                "interpretation",
            ),
            ("administered_on", None),
        ),
    )
}


def child_regions(session: Session, child_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
    """The regions each child belongs to: its own, and those of every COE that names it."""
    ids = list(set(child_ids))
    if not ids:
        return {}
    own = sa.select(Child.id, Child.region_id).where(Child.id.in_(ids))
    linked = (
        sa.select(CoeChild.child_id, Coe.region_id)
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(CoeChild.child_id.in_(ids))
    )
    found: dict[uuid.UUID, set[int]] = {}
    for child_id, region_id in session.execute(sa.union(own, linked)):
        found.setdefault(child_id, set()).add(region_id)
    return found


def child_for(session: Session, *, actor: Actor, child_id: uuid.UUID) -> Child:
    """The child, if the actor's region knows it (a state admin: any); else CHILD_NOT_FOUND."""
    child = session.get(Child, child_id)
    if child is None:
        raise CampoError(errors.CHILD_NOT_FOUND)
    region = visible_region_id(actor)
    if region is not None and region not in child_regions(session, [child.id]).get(child.id, set()):
        raise CampoError(errors.CHILD_NOT_FOUND)
    return child


def record_region(session: Session, actor: Actor, region_id: int | None) -> int:
    """The region a new record belongs to: the writer's own, or the one a state admin names."""
    own = visible_region_id(actor)
    if own is not None:
        if region_id not in (None, own):
            raise CampoError(errors.HISTORY_INVALID, fields={"region_id": [NOT_YOUR_REGION]})
        return own
    if region_id is None:
        raise CampoError(errors.HISTORY_INVALID, fields={"region_id": [REGION_REQUIRED]})
    if session.get(Region, region_id) is None:
        raise CampoError(errors.HISTORY_INVALID, fields={"region_id": [UNKNOWN_REGION]})
    return region_id


def _first_day(kind: Kind, values: Mapping[str, Any]) -> date | None:
    first = values.get(kind.dates[0])
    if kind.name == "courses" and isinstance(first, str):
        return date(int(first[:4]) + 1, 8, 31)  # a course ends within its school year
    return first if isinstance(first, date) else None


def check_values(kind: Kind, values: Mapping[str, Any], child: Child) -> dict[str, list[Message]]:
    """The problems of a record's values with one another and with the child (empty: fine)."""
    problems: dict[str, list[Message]] = {}
    first_name, last_name = kind.dates
    first = _first_day(kind, values)
    if first is not None and first < child.birth_date:
        problems[first_name] = [BEFORE_BIRTH]
    last = values.get(last_name) if last_name else None
    if isinstance(last, date) and isinstance(first, date) and last < first:
        problems[str(last_name)] = [OUT_OF_ORDER]
    if kind.name == "courses":
        start, _, end = str(values.get("school_year") or "0-0").partition("-")
        if start.isdigit() and end.isdigit() and int(end) != int(start) + 1:
            problems["school_year"] = [N_("Not a valid school year, such as 2025-2026.")]
    return problems


def apply_values(kind: Kind, record: Any, values: Mapping[str, Any]) -> list[str]:
    """Set the values on the record, fill derived columns; return the names that changed."""
    changed = [
        name for name in kind.fields if name in values and getattr(record, name) != values[name]
    ]
    for name in changed:
        setattr(record, name, values[name])
    if kind.name == "enrollments":
        record.evidence_end_date = record.withdrawal_date or open_enrollment_end(
            record.enrollment_date
        )
    elif kind.name == "services" and record.end_date is None:
        record.end_date = record.start_date
    return changed


def list_records(session: Session, *, actor: Actor, kind: Kind, child_id: uuid.UUID) -> list[Any]:
    """The child's records of this kind that the actor may see (own region; the state: all).

    A read of a child's record: audited, as every read is.
    """
    child = child_for(session, actor=actor, child_id=child_id)
    record_event(
        session,
        actor=actor,
        action=f"{kind.entity}.listed",
        entity_type="child",
        entity_id=child.id,
        region_id=child.region_id,
    )
    model = kind.model
    query = sa.select(model).where(model.child_id == child_id)
    region = visible_region_id(actor)
    if region is not None:
        query = query.where(model.region_id == region)
    first = getattr(model, kind.dates[0])
    return list(session.scalars(query.order_by(first.desc(), model.id)))


def create_record(
    session: Session,
    *,
    actor: Actor,
    kind: Kind,
    child_id: uuid.UUID,
    values: Mapping[str, Any],
    region_id: int | None = None,
) -> Any:
    """Record one history row for a child, validated and audited."""
    require_role(actor, *WRITERS)
    child = child_for(session, actor=actor, child_id=child_id)
    region = record_region(session, actor, region_id)
    problems = check_values(kind, values, child)
    if problems:
        raise CampoError(errors.HISTORY_INVALID, fields=problems)
    record = kind.model(
        child_id=child.id,
        region_id=region,
        created_by_id=actor.user.id,
        updated_by_id=actor.user.id,
    )
    changed = apply_values(kind, record, values)
    session.add(record)
    session.flush()
    record_event(
        session,
        actor=actor,
        action=f"{kind.entity}.create",
        entity_type=kind.entity,
        entity_id=record.id,
        region_id=region,
        changed_fields=changed,
        details={"child_id": str(child.id)},
    )
    return record


def _visible_record(session: Session, actor: Actor, kind: Kind, record_id: uuid.UUID) -> Any:
    record = session.get(kind.model, record_id)
    region = visible_region_id(actor)
    if record is None or (region is not None and record.region_id != region):
        raise CampoError(errors.HISTORY_NOT_FOUND)
    return record


def update_record(
    session: Session,
    *,
    actor: Actor,
    kind: Kind,
    record_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Correct a record of the actor's region (partial: only the values given change)."""
    require_role(actor, *WRITERS)
    record = _visible_record(session, actor, kind, record_id)
    child = session.get_one(Child, record.child_id)  # a foreign key: always there
    merged = {name: values.get(name, getattr(record, name)) for name in kind.fields}
    problems = check_values(kind, merged, child)
    if problems:
        raise CampoError(errors.HISTORY_INVALID, fields=problems)
    changed = apply_values(kind, record, values)
    if changed:
        record.updated_by_id = actor.user.id
        session.flush()
        record_event(
            session,
            actor=actor,
            action=f"{kind.entity}.update",
            entity_type=kind.entity,
            entity_id=record.id,
            region_id=record.region_id,
            changed_fields=changed,
            details={"child_id": str(record.child_id)},
        )
    return record


def delete_record(session: Session, *, actor: Actor, kind: Kind, record_id: uuid.UUID) -> None:
    """Remove a record entered by mistake (audited, with the child it belonged to)."""
    require_role(actor, *WRITERS)
    record = _visible_record(session, actor, kind, record_id)
    record_event(
        session,
        actor=actor,
        action=f"{kind.entity}.delete",
        entity_type=kind.entity,
        entity_id=record.id,
        region_id=record.region_id,
        details={"child_id": str(record.child_id)},
    )
    session.delete(record)
    session.flush()


INDICATOR_FIELDS = (
    "state_student_id",
    "english_learner",
    "iep",
    "medical_alert",
    "graduation_date",
)


def get_indicators(session: Session, *, actor: Actor, child_id: uuid.UUID) -> ChildIndicators:
    """The child's indicators (an empty, unsaved row when none were recorded); audited."""
    child = child_for(session, actor=actor, child_id=child_id)
    record_event(
        session,
        actor=actor,
        action="child_indicators.read",
        entity_type="child",
        entity_id=child.id,
        region_id=child.region_id,
    )
    return session.get(ChildIndicators, child.id) or ChildIndicators(child_id=child.id)


def set_indicators(
    session: Session, *, actor: Actor, child_id: uuid.UUID, values: Mapping[str, Any]
) -> ChildIndicators:
    """Record or correct the child's indicators (only the values given change); audited."""
    require_role(actor, *WRITERS)
    child = child_for(session, actor=actor, child_id=child_id)
    row = session.get(ChildIndicators, child.id)
    if row is None:
        row = ChildIndicators(child_id=child.id)
        session.add(row)
    ssid = values.get("state_student_id")
    if ssid and session.scalar(
        sa.select(ChildIndicators.child_id).where(
            ChildIndicators.state_student_id == ssid, ChildIndicators.child_id != child.id
        )
    ):
        raise CampoError(errors.STATE_STUDENT_ID_TAKEN)
    graduation = values.get("graduation_date")
    if isinstance(graduation, date) and graduation < child.birth_date:
        raise CampoError(errors.HISTORY_INVALID, fields={"graduation_date": [BEFORE_BIRTH]})
    changed = [
        name for name in INDICATOR_FIELDS if name in values and getattr(row, name) != values[name]
    ]
    for name in changed:
        setattr(row, name, values[name])
    row.updated_by_id = actor.user.id
    session.flush()
    record_event(
        session,
        actor=actor,
        action="child_indicators.update",
        entity_type="child",
        entity_id=child.id,
        region_id=visible_region_id(actor) or child.region_id,
        changed_fields=changed,
    )
    return row
