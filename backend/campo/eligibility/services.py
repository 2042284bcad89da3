"""A COE's life: saved (again and again, offline), submitted with signatures, decided.

Every function takes the session and the acting user, flushes, and leaves the commit to the
caller. Writes are idempotent: the same content sent twice changes nothing. Answers are checked
against the form version they were captured with, and the form's rules are evaluated here on
every write: the tablet's own evaluation is advisory.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
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
from campo.errors import CampoError
from campo.families.models import Child, Family
from campo.families.services import issue_student_number
from campo.formdefs.answers import FieldProblem
from campo.formdefs.definitions import (
    FormDefinition,
    UnknownFormVersion,
    current_version,
    load_definition,
)
from campo.formdefs.evaluate import Evaluation, evaluate_answers
from campo.formdefs.messages import FIELD_MESSAGES
from campo.lib.canonical import content_hash, to_json_safe
from campo.lib.text import name_key
from campo.matching.services import NEW, check_coe, index_child, unresolved_positions
from campo.signatures import strokes as strokes_module
from campo.signatures.binding import binding_hash, signed_document, verifies
from campo.signatures.messages import SIGNATURE_MESSAGES
from campo.signatures.models import Signature, SignerRole
from campo.signatures.statements import statement_for
from campo.signatures.strokes import StrokesError, parse_strokes

FORM_ID = "coe"
SIGNATURE_MISSING = "signature.required"

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
    form_version: str
    language: str = "es"
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
class FormContext:
    """Where and when the answers are judged: the state's supplement and the state's today."""

    state_code: str
    today: date

    def current_version(self) -> str:
        return current_version(FORM_ID, self.state_code)

    def definition(self, version: str) -> FormDefinition:
        try:
            return load_definition(FORM_ID, version, self.state_code)
        except UnknownFormVersion:
            raise CampoError(errors.FORM_UNKNOWN_VERSION) from None

    def evaluate(self, version: str, answers: Any, *, complete: bool) -> Evaluation:
        return evaluate_answers(
            self.definition(version), answers, today=self.today.isoformat(), complete=complete
        )


@dataclass(frozen=True)
class SignatureInput:
    role: SignerRole
    strokes: Any
    signer_name: str | None = None
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


def get_coe(
    session: Session, *, actor: Actor, coe_id: uuid.UUID, audit: bool = True, lock: bool = False
) -> Coe:
    """Return a COE the actor may see; another region's COE is reported as not found.

    ``lock`` holds the row (SELECT ... FOR UPDATE on PostgreSQL) until the request commits, so
    two copies of one request arriving together (a tablet and its retry) run one after the other
    and the second sees what the first did.
    """
    coe = session.get(Coe, coe_id, with_for_update=lock)
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
    forms: FormContext,
    base_version: int | None = None,
) -> tuple[Coe, bool]:
    """Create or update a COE from its full content; return it and whether it was created.

    The same content twice is a no-op whatever the status (an offline client retrying).
    A change needs the COE to be editable, its author, and (if given) the version it replaces.
    A draft may be incomplete, but every answer it has must fit its form version.
    """
    require_role(actor, *COE_AUTHORS)
    document = content.as_document()
    digest = content_hash(document)
    coe = session.get(Coe, coe_id, with_for_update=True)
    if coe is not None and _same_content(
        coe, actor=actor, digest=digest, base_version=base_version
    ):
        return coe, False

    evaluation = forms.evaluate(content.form_version, document["answers"], complete=False)
    if evaluation.problems:
        raise CampoError(
            errors.COE_ANSWERS_INVALID,
            fields=_field_messages(evaluation.problems, []),
            problems=_problem_list(evaluation.problems, [], forms, content.form_version),
        )

    if coe is None:
        try:
            # A savepoint: the same new COE sent twice at once (a tablet and its retry) makes
            # the second insert fail on the primary key, and that request then answers as a
            # repeat instead of a conflict.
            with session.begin_nested():
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
                _apply_content(coe, family, document, digest, evaluation)
                session.add(coe)
                session.flush()
        except IntegrityError:
            existing = session.get(Coe, coe_id, with_for_update=True, populate_existing=True)
            if existing is None:
                raise
            if _same_content(existing, actor=actor, digest=digest, base_version=base_version):
                return existing, False
            raise CampoError(  # an edit can never be the first save: it needs a base version
                errors.COE_VERSION_CONFLICT, params={"version": existing.version}
            ) from None
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

    changed = _changed_paths(_stored_document(coe), document)
    family = session.get_one(Family, coe.family_id)
    _apply_content(coe, family, document, digest, evaluation)
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


def _same_content(coe: Coe, *, actor: Actor, digest: str, base_version: int | None) -> bool:
    """Whether a save of ``digest`` over the stored ``coe`` is a repeat (True) or a change (False).

    Raises when the actor may not change it: another region (not found), another author, a
    decided COE, or a change that does not name the stored version.
    """
    if not can_see_region(actor, coe.region_id):
        raise CampoError(errors.COE_NOT_FOUND)
    if coe.recruiter_id != actor.user.id:
        raise CampoError(errors.COE_NOT_OWNER)
    if coe.content_hash == digest:
        return True
    if coe.status not in EDITABLE_STATUSES:
        raise CampoError(errors.COE_NOT_EDITABLE)
    # Different content under a known id must say which version it replaces: an offline
    # tablet that never saw the stored version must not overwrite it.
    if base_version != coe.version:
        raise CampoError(errors.COE_VERSION_CONFLICT, params={"version": coe.version})
    return False


def submit_coe(
    session: Session,
    *,
    actor: Actor,
    coe_id: uuid.UUID,
    signatures: list[SignatureInput],
    forms: FormContext,
    base_version: int | None = None,
) -> Coe:
    """Submit a draft or returned COE for review, with the signatures made on its content.

    Refused, with every problem coded per answer and per child, when a required answer is
    missing, an answer does not fit, an error rule fails, or a signature is missing.
    Warnings do not block: they travel with the COE to the reviewer.
    """
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False, lock=True)
    if coe.recruiter_id != actor.user.id:
        raise CampoError(errors.COE_NOT_OWNER)
    if coe.status not in EDITABLE_STATUSES:
        if base_version in (None, coe.version) and coe.submitted_at is not None:
            return coe  # a retry of a submission that already went through
        raise CampoError(errors.COE_NOT_SUBMITTABLE)
    if base_version is not None and base_version != coe.version:
        raise CampoError(errors.COE_VERSION_CONFLICT, params={"version": coe.version})

    for index, signature in enumerate(signatures):
        name = (
            actor.user.full_name
            if signature.role is SignerRole.RECRUITER
            else (signature.signer_name or "")
        )
        _add_signature(session, coe, signature, signer_name=name, actor=actor, index=index)
    session.flush()

    evaluation = forms.evaluate(coe.form_version, coe.answers, complete=True)
    coe.evaluation = evaluation.as_dict()
    problems = list(evaluation.problems)
    signed = {s.role for s in current_signatures(session, coe)}
    problems += [
        FieldProblem(f"signatures.{role.value}", SIGNATURE_MISSING)
        for role in (SignerRole.INTERVIEWEE, SignerRole.RECRUITER)
        if role not in signed
    ]
    if any(s.role is SignerRole.INTERVIEWEE and not s.signer_name for s in signatures):
        problems.append(FieldProblem("signatures.interviewee.signer_name", "field.required"))
    blocking_rules = [r for r in evaluation.failures if r.severity == "error"]
    if problems or blocking_rules:
        raise CampoError(
            errors.COE_INCOMPLETE,
            fields=_field_messages(problems, blocking_rules, forms, coe.form_version),
            problems=_problem_list(problems, blocking_rules, forms, coe.form_version),
        )

    check_coe(session, coe)
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
        details={"version": coe.version, "warnings": [r.key for r in evaluation.failures]},
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
    reviewer_strokes: Any = None,
) -> Coe:
    """Approve, return or reject a submitted COE. Approval signs it and numbers new children.

    Approval first verifies that the interviewee's and the recruiter's signatures still match
    the COE as stored; if the content changed after signing, nothing is approved.
    """
    require_role(actor, *COE_REVIEWERS)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False, lock=True)
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

    if decision == Decision.APPROVE:
        unresolved = unresolved_positions(coe)
        if unresolved:
            raise CampoError(
                errors.COE_DUPLICATES_UNRESOLVED,
                problems=[
                    {
                        "code": "duplicate.unresolved",
                        "severity": "error",
                        "path": f"children.{position}",
                        "child": position,
                        "message": errors.COE_DUPLICATES_UNRESOLVED.message,
                    }
                    for position in unresolved
                ],
            )
        signed = {s.role for s in current_signatures(session, coe)}
        if not {SignerRole.INTERVIEWEE, SignerRole.RECRUITER} <= signed:
            raise CampoError(errors.COE_SIGNATURES_INVALID)
        if reviewer_strokes is None:
            raise CampoError(
                errors.SIGNATURE_INVALID,
                fields={"reviewer_strokes": [SIGNATURE_MESSAGES[strokes_module.EMPTY]]},
            )
        _add_signature(
            session,
            coe,
            SignatureInput(SignerRole.REVIEWER, strokes=reviewer_strokes),
            signer_name=actor.user.full_name,
            actor=actor,
            field="reviewer_strokes",
        )
    now = utcnow()
    coe.status = target
    coe.decided_at = coe.updated_at = now
    coe.decided_by_id = actor.user.id
    coe.decision_reasons = list(dict.fromkeys(reasons)) or None
    coe.decision_comment = comment
    if decision == Decision.APPROVE:
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


def signed_content(coe: Coe) -> dict[str, Any]:
    """The COE's content as stored now: what a signature is checked against."""
    return _stored_document(coe)


def verify_signature(coe: Coe, signature: Signature) -> bool:
    """Whether the COE as stored is still exactly what this signature's signer signed."""
    document = signed_document(
        coe_id=coe.id,
        content=signed_content(coe),
        role=signature.role.value,
        statement_id=signature.statement_id,
        statement_version=signature.statement_version,
    )
    return verifies(signature.binding_hash, document)


def current_signatures(session: Session, coe: Coe) -> list[Signature]:
    """The signatures that verify against the COE as stored (a later change voids the others)."""
    return [s for s in signatures_of(session, coe.id) if verify_signature(coe, s)]


# -- helpers ------------------------------------------------------------------------------


def _rule_message(forms: FormContext | None, version: str, code: str) -> dict[str, str]:
    if forms is None:
        raise ValueError("rule messages need the form context")
    rule = next(r for r in forms.definition(version).rules if r["code"] == code)
    message: dict[str, str] = rule["message"]
    return message


def _field_messages(
    problems: list[FieldProblem],
    rules: list[Any],
    forms: FormContext | None = None,
    version: str = "",
) -> dict[str, list[Any]]:
    """Messages by answer path (``answers.children.0.birth_date``) for the error envelope."""
    fields: dict[str, list[Any]] = {}
    for problem in problems:
        path = problem.path if problem.path.startswith("signatures") else f"answers.{problem.path}"
        message = FIELD_MESSAGES.get(problem.code, FIELD_MESSAGES["field.required"])
        fields.setdefault(path, []).append(message)
    for rule in rules:
        message = _rule_message(forms, version, rule.code)
        for path in rule.fields:
            fields.setdefault(f"answers.{path}", []).append(message)
    return fields


def _problem_list(
    problems: list[FieldProblem], rules: list[Any], forms: FormContext, version: str
) -> list[dict[str, Any]]:
    """One coded entry per problem: answers (``field.*``) and rules (``R3.*``), child by child."""
    listed: list[dict[str, Any]] = []
    for problem in problems:
        parts = problem.path.split(".")
        child = int(parts[1]) if parts[0] == "children" and len(parts) > 1 else None
        listed.append(
            {
                "code": problem.code,
                "severity": "error",
                "path": problem.path,
                "child": child,
                "message": FIELD_MESSAGES.get(problem.code, FIELD_MESSAGES["field.required"]),
            }
        )
    for rule in rules:
        listed.append(
            {
                "code": rule.code,
                "severity": rule.severity,
                "path": rule.fields[0],
                "fields": list(rule.fields),
                "child": rule.child,
                "message": _rule_message(forms, version, rule.code),
            }
        )
    return listed


def _stored_document(coe: Coe) -> dict[str, Any]:
    return {
        "form_id": coe.form_id,
        "form_version": coe.form_version,
        "language": coe.language,
        "interview_place": coe.interview_place,
        "answers": coe.answers,
    }


def _apply_content(
    coe: Coe, family: Family, document: dict[str, Any], digest: str, evaluation: Evaluation
) -> None:
    """Store the content and its evaluation; copy what is searched or counted into columns."""
    answers = document["answers"]
    coe.form_version = document["form_version"]
    coe.language = document["language"]
    coe.interview_place = document["interview_place"]
    coe.answers = answers
    coe.content_hash = digest
    coe.evaluation = evaluation.as_dict()

    move = answers.get("move") or {}
    interview = answers.get("interview") or {}
    coe.qualifying_arrival_date = _as_date(move.get("qualifying_arrival_date"))
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
        derived = evaluation.children[position] if position < len(evaluation.children) else {}
        row.eligibility_end_date = _as_date(derived.get("eligibility_end_date"))
    for row in rows.values():
        coe.children.remove(row)


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


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


def _add_signature(
    session: Session,
    coe: Coe,
    signature: SignatureInput,
    *,
    signer_name: str,
    actor: Actor,
    index: int = 0,
    field: str | None = None,
) -> Signature:
    """Check the strokes, bind them to the COE's content and the statement shown, store them."""
    where = field or f"signatures.{index}.strokes"
    try:
        strokes = parse_strokes(signature.strokes)
    except StrokesError as error:
        message = SIGNATURE_MESSAGES[error.code]
        raise CampoError(
            errors.SIGNATURE_INVALID,
            fields={where: [message]},
            problems=[
                {
                    "code": error.code,
                    "severity": "error",
                    "path": where,
                    "child": None,
                    "message": message,
                }
            ],
        ) from None
    statement = statement_for(signature.role.value)
    document = signed_document(
        coe_id=coe.id,
        content=signed_content(coe),
        role=signature.role.value,
        statement_id=statement["id"],
        statement_version=statement["version"],
    )
    row = Signature(
        coe_id=coe.id,
        role=signature.role,
        signer_name=signer_name.strip(),
        signer_user_id=None if signature.role is SignerRole.INTERVIEWEE else actor.user.id,
        statement_id=statement["id"],
        statement_version=statement["version"],
        content_hash=coe.content_hash,
        binding_hash=binding_hash(document),
        strokes=strokes.as_dict(),
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
        details={
            "role": signature.role.value,
            "statement": f"{statement['id']}.v{statement['version']}",
        },
    )
    return row


def _enrol_children(session: Session, coe: Coe, *, actor: Actor, state_code: str) -> None:
    """Give every child on an approved COE a state record and a statewide number, once.

    A child linked to a known child keeps that child's record and number.
    """
    answers = coe.answers.get("children") or []
    family = coe.answers.get("family") or {}
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
            parent1_first_name=family.get("parent1_first_name"),
            parent1_last_name=family.get("parent1_last_name"),
            parent2_first_name=family.get("parent2_first_name"),
            parent2_last_name=family.get("parent2_last_name"),
        )
        session.add(child)
        session.flush()
        index_child(session, child)
        row.child_id = child.id
        row.match_decision = row.match_decision or NEW
        record_event(
            session,
            actor=actor,
            action="child.created",
            entity_type="child",
            entity_id=child.id,
            region_id=child.region_id,
            details={"statewide_number": child.statewide_number, "coe_id": str(coe.id)},
        )
