"""A COE's life: saved (again and again, offline), submitted with signatures, decided.

Every function takes the session and the acting user, flushes, and leaves the commit to the
caller. Writes are idempotent: the same content sent twice changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from campo import errors
from campo.audit.services import record_event
from campo.auth.permissions import (
    COE_AUTHORS,
    COE_REVIEWERS,
    Actor,
    can_see_region,
    require_role,
)
from campo.db import utcnow
from campo.eligibility.models import EDITABLE_STATUSES, Coe, CoeChild, CoeStatus
from campo.eligibility.queries import signatures_of
from campo.eligibility.reasons import REASON_NEEDING_COMMENT
from campo.eligibility.rules import REQUIRED, check_submission
from campo.errors import CampoError
from campo.families.models import Child, Family
from campo.families.services import issue_student_number
from campo.lib.canonical import content_hash, to_json_safe
from campo.lib.dates import eligibility_end_date
from campo.lib.text import name_key
from campo.signatures.models import Signature, SignerRole

FORM_ID = "coe"
# The first cut of the COE body; the declarative form definitions in forms/ take over from it.
FORM_VERSION = "0"
# The attestation each signer signs; versioned statements live in signatures/.
STATEMENT_VERSION = "coe-attestation-0"

FAMILY_COLUMNS = (
    "parent1_last_name",
    "parent1_first_name",
    "parent2_last_name",
    "parent2_first_name",
    "address",
    "city",
    "state",
    "zip_code",
    "phone",
)
CHILD_COLUMNS = ("last_name1", "last_name2", "first_name", "sex", "birth_country")


@dataclass(frozen=True)
class CoeContent:
    """What a recruiter sends for a COE: everything its content hash covers."""

    answers: dict[str, Any]
    language: str = "es"
    form_version: str = FORM_VERSION
    interview_place: str | None = None

    def as_document(self) -> dict[str, Any]:
        return {
            "form_id": FORM_ID,
            "form_version": self.form_version,
            "language": self.language,
            "interview_place": self.interview_place,
            "answers": to_json_safe(self.answers),
        }


@dataclass(frozen=True)
class SignatureInput:
    role: SignerRole
    signer_name: str | None = None
    image: str | None = None
    signed_at: datetime | None = None


class Decision:
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    ALL = (APPROVE, RETURN, REJECT)


_DECISION_STATUS = {
    Decision.APPROVE: CoeStatus.APPROVED,
    Decision.RETURN: CoeStatus.RETURNED,
    Decision.REJECT: CoeStatus.REJECTED,
}


def get_coe(session: Session, *, actor: Actor, coe_id: uuid.UUID, audit: bool = True) -> Coe:
    """Return a COE the actor may see; another region's COE is reported as not found."""
    coe = session.get(Coe, coe_id)
    if coe is None or not can_see_region(actor, coe.region_id):
        raise CampoError(errors.COE_NOT_FOUND)
    if audit:
        record_event(
            session,
            actor=actor,
            action="coe.read",
            entity_type="coe",
            entity_id=coe.id,
            region_id=coe.region_id,
        )
    return coe


def save_coe(
    session: Session,
    *,
    actor: Actor,
    coe_id: uuid.UUID,
    content: CoeContent,
    base_version: int | None = None,
) -> tuple[Coe, bool]:
    """Create or update a COE from its full content; return it and whether it was created.

    The same content twice is a no-op whatever the status (an offline client retrying).
    A change needs the COE to be editable, its author, and (if given) the version it replaces.
    """
    require_role(actor, *COE_AUTHORS)
    document = content.as_document()
    digest = content_hash(document)
    coe = session.get(Coe, coe_id)
    if coe is None:
        # The family row is flushed first: nothing else orders the two inserts.
        family = Family(region_id=actor.region_id, created_by_id=actor.user.id)
        session.add(family)
        session.flush()
        coe = Coe(
            id=coe_id,
            region_id=actor.region_id,
            family_id=family.id,
            recruiter_id=actor.user.id,
            status=CoeStatus.DRAFT,
            form_id=FORM_ID,
            version=1,
        )
        _apply_content(coe, family, document, digest)
        session.add(coe)
        session.flush()
        record_event(
            session,
            actor=actor,
            action="coe.created",
            entity_type="coe",
            entity_id=coe.id,
            region_id=coe.region_id,
            changed_fields=_answer_paths(document["answers"]),
        )
        return coe, True

    if not can_see_region(actor, coe.region_id):
        raise CampoError(errors.COE_NOT_FOUND)
    if coe.recruiter_id != actor.user.id:
        raise CampoError(errors.COE_NOT_OWNER)
    if coe.content_hash == digest:
        return coe, False
    if coe.status not in EDITABLE_STATUSES:
        raise CampoError(errors.COE_NOT_EDITABLE)
    if base_version is not None and base_version != coe.version:
        raise CampoError(errors.COE_VERSION_CONFLICT, params={"version": coe.version})
    changed = _changed_paths(_stored_document(coe), document)
    family = session.get_one(Family, coe.family_id)
    _apply_content(coe, family, document, digest)
    coe.version += 1
    coe.updated_at = utcnow()
    session.flush()
    record_event(
        session,
        actor=actor,
        action="coe.updated",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        changed_fields=changed,
        details={"version": coe.version},
    )
    return coe, False


def submit_coe(
    session: Session,
    *,
    actor: Actor,
    coe_id: uuid.UUID,
    signatures: list[SignatureInput],
    today: date,
    base_version: int | None = None,
) -> Coe:
    """Submit a draft or returned COE for review, with the signatures made on its content."""
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    if coe.recruiter_id != actor.user.id:
        raise CampoError(errors.COE_NOT_OWNER)
    if coe.status not in EDITABLE_STATUSES:
        if base_version in (None, coe.version) and coe.submitted_at is not None:
            return coe  # a retry of a submission that already went through
        raise CampoError(errors.COE_NOT_SUBMITTABLE)
    if base_version is not None and base_version != coe.version:
        raise CampoError(errors.COE_VERSION_CONFLICT, params={"version": coe.version})

    for signature in signatures:
        if signature.role is SignerRole.REVIEWER:
            raise CampoError(errors.FORBIDDEN)
        name = (
            actor.user.full_name
            if signature.role is SignerRole.RECRUITER
            else (signature.signer_name or "")
        )
        _add_signature(session, coe, signature, signer_name=name, actor=actor)
    session.flush()

    problems = check_submission(coe.answers, today=today)
    signed = _current_signature_roles(session, coe)
    for role in (SignerRole.INTERVIEWEE, SignerRole.RECRUITER):
        if role not in signed:
            problems.setdefault(f"signatures.{role.value}", []).append(REQUIRED)
    interviewee = next(
        (s for s in signatures if s.role is SignerRole.INTERVIEWEE and not s.signer_name), None
    )
    if interviewee is not None:
        problems.setdefault("signatures.interviewee.signer_name", []).append(REQUIRED)
    if problems:
        raise CampoError(errors.COE_INCOMPLETE, fields=problems)

    coe.status = CoeStatus.SUBMITTED
    coe.submitted_at = coe.updated_at = utcnow()
    coe.decided_at = None
    coe.decided_by_id = None
    record_event(
        session,
        actor=actor,
        action="coe.submitted",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={"version": coe.version},
    )
    return coe


def review_coe(
    session: Session,
    *,
    actor: Actor,
    coe_id: uuid.UUID,
    decision: str,
    reasons: list[str],
    comment: str | None,
    state_code: str,
    signature_image: str | None = None,
) -> Coe:
    """Approve, return or reject a submitted COE. Approval signs it and numbers new children."""
    require_role(actor, *COE_REVIEWERS)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    if coe.recruiter_id == actor.user.id:
        raise CampoError(errors.COE_OWN_REVIEW)
    target = _DECISION_STATUS[decision]
    if coe.status is not CoeStatus.SUBMITTED:
        if coe.status is target and coe.decided_by_id == actor.user.id:
            return coe  # the same decision sent again
        raise CampoError(errors.COE_NOT_REVIEWABLE)
    comment = (comment or "").strip() or None
    if decision != Decision.APPROVE and (
        not reasons or (REASON_NEEDING_COMMENT in reasons and not comment)
    ):
        raise CampoError(errors.COE_REASONS_REQUIRED)

    now = utcnow()
    coe.status = target
    coe.decided_at = coe.updated_at = now
    coe.decided_by_id = actor.user.id
    coe.decision_reasons = list(dict.fromkeys(reasons)) or None
    coe.decision_comment = comment
    if decision == Decision.APPROVE:
        _add_signature(
            session,
            coe,
            SignatureInput(SignerRole.REVIEWER, image=signature_image),
            signer_name=actor.user.full_name,
            actor=actor,
        )
        _enrol_children(session, coe, actor=actor, state_code=state_code)
    session.flush()
    record_event(
        session,
        actor=actor,
        action=f"coe.{target.value}",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={"reasons": coe.decision_reasons} if coe.decision_reasons else None,
    )
    return coe


def current_signatures(session: Session, coe: Coe) -> list[Signature]:
    """The signatures made on the COE's present content (older ones no longer bind it)."""
    return [s for s in signatures_of(session, coe.id) if s.content_hash == coe.content_hash]


# -- helpers ------------------------------------------------------------------------------


def _stored_document(coe: Coe) -> dict[str, Any]:
    return {
        "form_id": coe.form_id,
        "form_version": coe.form_version,
        "language": coe.language,
        "interview_place": coe.interview_place,
        "answers": coe.answers,
    }


def _apply_content(coe: Coe, family: Family, document: dict[str, Any], digest: str) -> None:
    """Store the content and copy what is searched or counted into indexed columns."""
    answers = document["answers"]
    coe.form_version = document["form_version"]
    coe.language = document["language"]
    coe.interview_place = document["interview_place"]
    coe.answers = answers
    coe.content_hash = digest

    move = answers.get("move") or {}
    interview = answers.get("interview") or {}
    qad = _as_date(move.get("qualifying_arrival_date"))
    coe.qualifying_arrival_date = qad
    coe.interview_date = _as_date(interview.get("interview_date"))
    coe.move_from_state = move.get("from_state")
    coe.move_from_country = move.get("from_country")
    coe.move_to_city = move.get("to_city")

    family_answers = answers.get("family") or {}
    for name in FAMILY_COLUMNS:
        setattr(family, name, family_answers.get(name))
    family.language = document["language"]
    family.name_key = name_key(
        family.parent1_first_name,
        family.parent1_last_name,
        family.parent2_first_name,
        family.parent2_last_name,
    )

    children = answers.get("children") or []
    rows = {row.position: row for row in coe.children}
    for position, child in enumerate(children):
        row = rows.pop(position, None)
        if row is None:
            row = CoeChild(position=position)
            coe.children.append(row)
        for name in CHILD_COLUMNS:
            setattr(row, name, child.get(name))
        row.name_key = name_key(
            child.get("first_name"),
            child.get("middle_name"),
            child.get("last_name1"),
            child.get("last_name2"),
        )
        row.birth_date = _as_date(child.get("birth_date"))
        row.residency_date = _as_date(child.get("residency_date"))
        row.eligibility_end_date = eligibility_end_date(qad, row.birth_date) if qad else None
    for row in rows.values():
        coe.children.remove(row)


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _answer_paths(value: Any, prefix: str = "answers") -> set[str]:
    if isinstance(value, dict):
        paths: set[str] = set()
        for key, item in value.items():
            paths |= _answer_paths(item, f"{prefix}.{key}")
        return paths
    if isinstance(value, list):
        paths = set()
        for index, item in enumerate(value):
            paths |= _answer_paths(item, f"{prefix}.{index}")
        return paths or {prefix}
    return {prefix}


def _changed_paths(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    """The field paths whose values differ: names only, for the audit trail."""

    def flatten(document: dict[str, Any]) -> dict[str, Any]:
        flat: dict[str, Any] = {}

        def walk(value: Any, prefix: str) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, f"{prefix}.{key}" if prefix else key)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(item, f"{prefix}.{index}")
            else:
                flat[prefix] = value

        walk(document, "")
        return flat

    before, after = flatten(old), flatten(new)
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _current_signature_roles(session: Session, coe: Coe) -> set[SignerRole]:
    return {s.role for s in current_signatures(session, coe)}


def _add_signature(
    session: Session, coe: Coe, signature: SignatureInput, *, signer_name: str, actor: Actor
) -> Signature:
    row = Signature(
        coe_id=coe.id,
        role=signature.role,
        signer_name=signer_name.strip(),
        signer_user_id=None if signature.role is SignerRole.INTERVIEWEE else actor.user.id,
        statement_version=STATEMENT_VERSION,
        content_hash=coe.content_hash,
        image=signature.image,
        signed_at=signature.signed_at or utcnow(),
    )
    session.add(row)
    record_event(
        session,
        actor=actor,
        action="signature.added",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={"role": signature.role.value},
    )
    return row


def _enrol_children(session: Session, coe: Coe, *, actor: Actor, state_code: str) -> None:
    """Give every child on an approved COE a state record and a statewide number, once."""
    answers = coe.answers.get("children") or []
    for row in coe.children:
        if row.child_id is not None:
            continue
        data = answers[row.position]
        child = Child(
            statewide_number=issue_student_number(session, actor=actor, state_code=state_code),
            region_id=coe.region_id,
            family_id=coe.family_id,
            last_name1=data["last_name1"],
            last_name2=data.get("last_name2"),
            first_name=data["first_name"],
            middle_name=data.get("middle_name"),
            suffix=data.get("suffix"),
            sex=data["sex"],
            birth_date=date.fromisoformat(data["birth_date"]),
            multiple_birth=bool(data.get("multiple_birth")),
            birth_date_verification=data["birth_date_verification"],
            birth_city=data.get("birth_city"),
            birth_state=data.get("birth_state"),
            birth_country=data.get("birth_country"),
        )
        session.add(child)
        session.flush()
        row.child_id = child.id
        record_event(
            session,
            actor=actor,
            action="child.created",
            entity_type="child",
            entity_id=child.id,
            region_id=child.region_id,
            details={"statewide_number": child.statewide_number, "coe_id": str(coe.id)},
        )
