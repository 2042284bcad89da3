"""Importing a hand-over file: each record saved and submitted as the tablet's sync would. No Flask.

The records are the tablet's own requests (the body of PUT /coes/<id> and of its submit), so
they take exactly the sync's path, under the recruiter who made them: the same validation, the
same idempotence (a record that reached the server before is reported as already received, not
doubled), the same signature checks. Each record is its own savepoint: one refused record does
not keep the others out. Only staff of the recruiter's region (or a state admin) may import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Role, User
from campo.audit.services import record_event
from campo.auth.permissions import COE_AUTHORS, Actor, can_see_region, require_role
from campo.eligibility.models import Coe
from campo.eligibility.schemas import CoePutSchema, CoeSubmitSchema
from campo.eligibility.services import CoeContent, FormContext, SignatureInput, save_coe, submit_coe
from campo.errors import N_, CampoError, ErrorCode
from campo.handover.sealing import HandoverKey, open_file
from campo.signatures.models import SignerRole

IMPORTERS = (Role.SUPERVISOR, Role.REGIONAL_STAFF, Role.STATE_ADMIN)
_BAD_ID = N_("Not a valid identifier.")
MAX_RECORDS = 500


@dataclass
class RecordOutcome:
    id: str | None
    outcome: str  # submitted | already_received | refused | invalid
    error: ErrorCode | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class HandoverReport:
    owner: User
    exported_at: str | None
    records: list[RecordOutcome]

    def count(self, outcome: str) -> int:
        return sum(1 for record in self.records if record.outcome == outcome)


def _paths(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"put.answers": [...]} (English source strings)."""
    if isinstance(messages, dict):
        found: dict[str, list[str]] = {}
        for key, value in messages.items():
            found.update(_paths(value, f"{prefix}.{key}" if prefix else str(key)))
        return found
    listed = messages if isinstance(messages, list) else [messages]
    return {prefix or "_": [str(message) for message in listed]}


def _owner(session: Session, actor: Actor, payload: dict[str, Any]) -> User:
    owner = payload.get("owner") if isinstance(payload.get("owner"), dict) else {}
    user_id = owner.get("id")
    user = session.get(User, user_id) if isinstance(user_id, int) and user_id > 0 else None
    if (
        user is None
        or user.username != owner.get("username")
        or user.role not in COE_AUTHORS
        or not can_see_region(actor, user.region_id)
    ):
        raise CampoError(errors.HANDOVER_OWNER_UNKNOWN)
    return user


def _import_record(
    session: Session, *, owner: Actor, record: Any, forms: FormContext
) -> RecordOutcome:
    record_id = record.get("id") if isinstance(record, dict) else None
    shown_id = str(record_id)[:40] if record_id is not None else None
    try:
        coe_id = uuid.UUID(str(record_id))
    except ValueError:
        return RecordOutcome(shown_id, "invalid", errors.INVALID_INPUT, {"id": [_BAD_ID]})
    fields: dict[str, list[str]] = {}
    loaded = {}
    for part, schema in (("put", CoePutSchema()), ("submit", CoeSubmitSchema())):
        try:
            loaded[part] = schema.load(record.get(part) or {})
        except ValidationError as error:
            fields.update(_paths(error.messages_dict, part))
    if fields:
        return RecordOutcome(shown_id, "invalid", errors.INVALID_INPUT, fields)
    put, submit = loaded["put"], loaded["submit"]
    already = session.get(Coe, coe_id)
    already_submitted = already is not None and already.submitted_at is not None
    try:
        with session.begin_nested():
            coe, _created = save_coe(
                session,
                actor=owner,
                coe_id=coe_id,
                content=CoeContent(
                    answers=put["answers"],
                    language=put["language"],
                    form_version=put["form_version"] or forms.current_version(),
                    interview_place=put["interview_place"],
                ),
                forms=forms,
                base_version=put["base_version"],
            )
            submit_coe(
                session,
                actor=owner,
                coe_id=coe_id,
                signatures=[
                    SignatureInput(
                        role=SignerRole(s["role"]),
                        signer_name=s["signer_name"],
                        strokes=s["strokes"],
                        signed_at=s["signed_at"],
                    )
                    for s in submit["signatures"]
                ],
                forms=forms,
                base_version=coe.version,
            )
    except CampoError as error:
        return RecordOutcome(
            str(coe_id), "refused", error.error, error.fields, error.problems or []
        )
    return RecordOutcome(str(coe_id), "already_received" if already_submitted else "submitted")


def import_handover(
    session: Session,
    *,
    actor: Actor,
    key: HandoverKey,
    envelope: dict[str, Any],
    forms: FormContext,
) -> HandoverReport:
    """Open ``envelope`` and bring each of its records in; report what became of each."""
    require_role(actor, *IMPORTERS)
    payload = open_file(key, envelope)
    user = _owner(session, actor, payload)
    records = payload["records"]
    if len(records) > MAX_RECORDS:
        raise CampoError(errors.HANDOVER_UNREADABLE)
    owner = Actor(user, client_address=actor.client_address)
    outcomes = [
        _import_record(session, owner=owner, record=record, forms=forms) for record in records
    ]
    exported_at = payload.get("exported_at")
    report = HandoverReport(user, exported_at if isinstance(exported_at, str) else None, outcomes)
    record_event(
        session,
        actor=actor,
        action="handover.imported",
        entity_type="user",
        entity_id=user.id,
        region_id=user.region_id,
        details={
            "records": [{"id": o.id, "outcome": o.outcome} for o in outcomes],
            "key_id": key.key_id,
        },
    )
    return report
