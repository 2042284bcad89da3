"""Importing other states' MSIX records (all or nothing), and move notices between regions and
states. Plain functions: session and actor in, CampoError out; the caller commits."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, Role
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region, require_role
from campo.db import utcnow
from campo.errors import CampoError
from campo.families.models import Child
from campo.locator.services import eligibility_end_dates
from campo.matching.identity import Identity
from campo.matching.services import find_matches
from campo.msix.layout import LayoutError, parse_date, parse_timestamp, read_file
from campo.msix.models import MoveNotice, MsixImport, MsixRecord, NoticeStatus

SEX_CODES = {"Female": "F", "Male": "M"}
INCOMING, OUTGOING = "incoming", "outgoing"


# -- import -------------------------------------------------------------------------------


def _identity(values: dict[str, str]) -> Identity:
    return Identity(
        first_name=values["first_name"],
        middle_name=values.get("middle_name") or None,
        last_name_1=values["last_name1"],
        last_name_2=values.get("last_name2") or None,
        sex=SEX_CODES.get(values.get("sex", "")),
        birth_date=parse_date(values["birth_date"]),
        parent1_first=values.get("parent1_first_name") or None,
        parent1_last=values.get("parent1_last_name") or None,
        parent2_first=values.get("parent2_first_name") or None,
        parent2_last=values.get("parent2_last_name") or None,
    )


@dataclass(frozen=True)
class ImportOutcome:
    batch: MsixImport
    created: bool  # False: this very file was imported before; nothing changed
    matched_records: int  # lines matched to one of the state's children


def import_file(session: Session, *, actor: Actor, text: str) -> ImportOutcome:
    """Store every line of a valid MSIX file, or nothing (the same file again changes nothing).

    Each student is matched once to the state's children (the duplicate check, statewide, band
    "likely" only: a wrong link would show one child another's history).

    Raises:
        CampoError: FORBIDDEN (state admins only); MSIX_FILE_INVALID with a problem per line
            and field.
    """
    require_role(actor, Role.STATE_ADMIN)
    digest = hashlib.sha256(text.encode()).hexdigest()
    existing = session.scalar(sa.select(MsixImport).where(MsixImport.file_hash == digest))
    if existing is not None:
        matched_records = session.scalar(
            sa.select(sa.func.count())
            .select_from(MsixRecord)
            .where(MsixRecord.import_id == existing.id, MsixRecord.child_id.is_not(None))
        )
        return ImportOutcome(existing, False, matched_records or 0)
    try:
        msix = read_file(text)
    except LayoutError as error:
        raise CampoError(
            errors.MSIX_FILE_INVALID, problems=[p.as_dict() for p in error.problems]
        ) from None
    header = msix.header
    batch = MsixImport(
        file_hash=digest,
        submitting_state=header["submitting_state"],
        submitted_at=parse_timestamp(header["submission_date"]),
        begin_effective=parse_timestamp(header["begin_effective"]),
        end_effective=parse_timestamp(header["end_effective"]),
        students=msix.students,
        records=len(msix.details),
        imported_by_id=actor.user.id,
    )
    session.add(batch)
    session.flush()
    matched: dict[str, tuple[uuid.UUID | None, int | None]] = {}
    for index, values in enumerate(msix.details):
        student = values["student_record_id"]
        if student not in matched:
            best = find_matches(
                session, _identity(values), region_id=None, limit=1, minimum_band="likely"
            )
            matched[student] = (best[0][0].id, best[0][1].score) if best else (None, None)
        child_id, score = matched[student]
        session.add(
            MsixRecord(
                import_id=batch.id,
                line=index + 3,
                msix_id=values["msix_id"] or None,
                reporting_state=values["reporting_state"],
                state_student_id=values["state_student_id"],
                first_name=values["first_name"],
                last_name1=values["last_name1"],
                last_name2=values["last_name2"] or None,
                birth_date=parse_date(values["birth_date"]),
                enrollment_date=parse_date(values["enrollment_date"]),
                child_id=child_id,
                match_score=score,
                data=values,
            )
        )
    session.flush()
    record_event(
        session,
        actor=actor,
        action="msix.imported",
        entity_type="msix_import",
        entity_id=batch.id,
        details={
            "submitting_state": batch.submitting_state,
            "students": batch.students,
            "records": batch.records,
            "matched_students": sum(1 for child_id, _s in matched.values() if child_id),
        },
    )
    return ImportOutcome(
        batch, True, sum(1 for v in msix.details if matched[v["student_record_id"]][0])
    )


def consolidated_records(session: Session, child_id: uuid.UUID) -> list[MsixRecord]:
    """Other states' lines matched to a child, oldest enrollment first."""
    return list(
        session.scalars(
            sa.select(MsixRecord)
            .where(MsixRecord.child_id == child_id)
            .order_by(MsixRecord.enrollment_date, MsixRecord.line)
        )
    )


# -- move notices -------------------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    """Where a child is going: another state, or (this state) a region; city and date if known."""

    state: str | None = None
    region_id: int | None = None
    city: str | None = None
    expected_move_date: date | None = None
    comment: str | None = None


def _visible_child(session: Session, actor: Actor, child_id: uuid.UUID) -> Child:
    child = session.get(Child, child_id)
    if child is None or not can_see_region(actor, child.region_id):
        raise CampoError(errors.CHILD_NOT_FOUND)
    return child


def _region(session: Session, region_id: int) -> Region:
    region = session.get(Region, region_id)
    if region is None:
        raise CampoError(errors.REGION_NOT_FOUND)
    return region


def send_notice(
    session: Session,
    *,
    actor: Actor,
    child_id: uuid.UUID,
    destination: Destination,
    state_code: str,
) -> MoveNotice:
    """Tell another state or region that one of the actor's region's children is moving there.

    Raises:
        CampoError: CHILD_NOT_FOUND (not the actor's region's child), REGION_NOT_FOUND,
            MOVE_NOTICE_NO_DESTINATION (no state, or this state with no other region).
    """
    child = _visible_child(session, actor, child_id)
    to_state = (destination.state or state_code).upper()
    to_region_id = destination.region_id if to_state == state_code else None
    if to_state == state_code and (to_region_id is None or to_region_id == child.region_id):
        raise CampoError(errors.MOVE_NOTICE_NO_DESTINATION)
    if to_region_id is not None:
        _region(session, to_region_id)
    notice = MoveNotice(
        child_id=child.id,
        from_state=state_code,
        from_region_id=child.region_id,
        to_state=to_state,
        to_region_id=to_region_id,
        first_name=child.first_name,
        last_name1=child.last_name1,
        last_name2=child.last_name2,
        birth_date=child.birth_date,
        expected_move_date=destination.expected_move_date,
        destination_city=destination.city,
        comment=destination.comment,
        sent_by_id=actor.user.id,
    )
    session.add(notice)
    session.flush()
    record_event(
        session,
        actor=actor,
        action="move_notice.sent",
        entity_type="move_notice",
        entity_id=notice.id,
        region_id=child.region_id,
        details={"child_id": str(child.id), "to_state": to_state, "to_region_id": to_region_id},
    )
    return notice


@dataclass(frozen=True)
class IncomingChild:
    """The child as another state's notice names it."""

    first_name: str
    last_name1: str
    birth_date: date
    last_name2: str | None = None
    sex: str | None = None
    msix_id: str | None = None


def receive_notice(
    session: Session,
    *,
    actor: Actor,
    from_state: str,
    child: IncomingChild,
    destination: Destination,
    state_code: str,
) -> MoveNotice:
    """Record a notice from another state (through MSIX) that a child is moving here.

    The child is matched to the state's children (band "likely"); the notice goes to the region
    named, else to the region of the matched child; with neither it waits for the state.

    Raises:
        CampoError: FORBIDDEN (state admins receive for the state), REGION_NOT_FOUND.
    """
    require_role(actor, Role.STATE_ADMIN)
    identity = Identity(
        first_name=child.first_name,
        last_name_1=child.last_name1,
        last_name_2=child.last_name2,
        sex=child.sex,
        birth_date=child.birth_date,
    )
    best = find_matches(session, identity, region_id=None, limit=1, minimum_band="likely")
    known = best[0][0] if best else None
    to_region_id = destination.region_id or (known.region_id if known else None)
    if to_region_id is not None:
        _region(session, to_region_id)
    notice = MoveNotice(
        child_id=known.id if known else None,
        from_state=from_state.upper(),
        from_region_id=None,
        to_state=state_code,
        to_region_id=to_region_id,
        first_name=child.first_name,
        last_name1=child.last_name1,
        last_name2=child.last_name2,
        birth_date=child.birth_date,
        msix_id=child.msix_id,
        expected_move_date=destination.expected_move_date,
        destination_city=destination.city,
        comment=destination.comment,
        sent_by_id=actor.user.id,
    )
    session.add(notice)
    session.flush()
    record_event(
        session,
        actor=actor,
        action="move_notice.received",
        entity_type="move_notice",
        entity_id=notice.id,
        region_id=to_region_id,
        details={"from_state": notice.from_state, "matched": known is not None},
    )
    return notice


def list_notices(
    session: Session, *, actor: Actor, box: str, state_code: str, status: str | None = None
) -> list[MoveNotice]:
    """Notices to the actor's region (``incoming``) or sent from it (``outgoing``), newest
    first; a state admin sees the whole state's."""
    query = sa.select(MoveNotice)
    mine = actor.user.is_state_admin
    if box == INCOMING:
        query = query.where(MoveNotice.to_state == state_code)
        if not mine:
            query = query.where(MoveNotice.to_region_id == actor.region_id)
    else:
        query = query.where(MoveNotice.from_state == state_code)
        if not mine:
            query = query.where(MoveNotice.from_region_id == actor.region_id)
    if status:
        query = query.where(MoveNotice.status == NoticeStatus(status))
    notices = list(session.scalars(query.order_by(MoveNotice.sent_at.desc(), MoveNotice.id)))
    record_event(
        session,
        actor=actor,
        action="move_notice.listed",
        entity_type="move_notice",
        region_id=actor.region_id,
        details={"box": box, "ids": [str(notice.id) for notice in notices[:200]]},
    )
    return notices


def acknowledge_notice(session: Session, *, actor: Actor, notice_id: uuid.UUID) -> MoveNotice:
    """Mark an incoming notice as acted on (the receiving region, or the state; audited)."""
    notice = session.get(MoveNotice, notice_id)
    if notice is None or not (
        actor.user.is_state_admin
        or (notice.to_region_id is not None and notice.to_region_id == actor.region_id)
    ):
        raise CampoError(errors.MOVE_NOTICE_NOT_FOUND)
    if notice.status is not NoticeStatus.ACKNOWLEDGED:
        notice.status = NoticeStatus.ACKNOWLEDGED
        notice.acknowledged_by_id = actor.user.id
        notice.acknowledged_at = utcnow()
        session.flush()
        record_event(
            session,
            actor=actor,
            action="move_notice.acknowledged",
            entity_type="move_notice",
            entity_id=notice.id,
            region_id=notice.to_region_id,
        )
    return notice


def notice_views(session: Session, actor: Actor, notices: list[MoveNotice]) -> list[dict[str, Any]]:
    """Notices as the actor sees them: the child's number, end of eligibility and the regions'
    contacts; the link to the child's record only where the actor may open it."""
    child_ids = [n.child_id for n in notices if n.child_id]
    children = (
        {c.id: c for c in session.scalars(sa.select(Child).where(Child.id.in_(child_ids)))}
        if child_ids
        else {}
    )
    ends = eligibility_end_dates(session, child_ids)
    regions = {r.id: r for r in session.scalars(sa.select(Region))}

    def contact(region_id: int | None) -> dict[str, Any] | None:
        region = regions.get(region_id) if region_id else None
        if region is None:
            return None
        return {"id": region.id, "code": region.code, "name": region.name, "phone": region.phone}

    views = []
    for notice in notices:
        child = children.get(notice.child_id) if notice.child_id else None
        view: dict[str, Any] = {
            "id": notice.id,
            "status": notice.status.value,
            "from_state": notice.from_state,
            "from_region": contact(notice.from_region_id),
            "to_state": notice.to_state,
            "to_region": contact(notice.to_region_id),
            "first_name": notice.first_name,
            "last_name1": notice.last_name1,
            "last_name2": notice.last_name2,
            "birth_date": notice.birth_date,
            "msix_id": notice.msix_id,
            "statewide_number": child.statewide_number if child else None,
            "eligibility_end_date": ends.get(child.id) if child else None,
            "child_region": contact(child.region_id) if child else None,
            "expected_move_date": notice.expected_move_date,
            "destination_city": notice.destination_city,
            "comment": notice.comment,
            "sent_at": notice.sent_at,
            "acknowledged_at": notice.acknowledged_at,
        }
        if child and can_see_region(actor, child.region_id):
            view["child_id"] = child.id
            view["history_url"] = f"/api/v1/children/{child.id}/history"
        views.append(view)
    return views
