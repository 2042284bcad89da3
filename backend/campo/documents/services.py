"""The family's documents of an approved COE: gathered from the database, printed, audited.

No Flask: the API hands in the session, the acting user, the state's code and time zone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region, User
from campo.audit.services import record_event
from campo.auth.permissions import Actor
from campo.documents.render import (
    KINDS,
    LANGUAGES,
    Answer,
    ChildRecord,
    DocumentContext,
    SignatureRecord,
    render_document,
)
from campo.eligibility.models import Coe, CoeStatus
from campo.eligibility.queries import statewide_numbers
from campo.eligibility.services import current_signatures, get_coe
from campo.errors import CampoError
from campo.families.studentnumbers import format_student_number
from campo.formdefs.answers import context as expression_data
from campo.formdefs.answers import relevant_view
from campo.formdefs.definitions import FormDefinition, load_definition
from campo.formdefs.logic import ExpressionError, evaluate, truthy
from campo.signatures.render import to_svg
from campo.signatures.statements import UnknownStatement, statement
from campo.signatures.strokes import StrokesError, parse_strokes


@dataclass(frozen=True)
class RenderedDocument:
    kind: str
    language: str
    number: str
    pdf: bytes

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.language}.pdf"


def family_document(
    session: Session,
    *,
    actor: Actor,
    coe_id: uuid.UUID,
    kind: str,
    language: str | None,
    state_code: str,
    time_zone: str,
    translations_dir: Path | None = None,
) -> RenderedDocument:
    """Print one of the family's documents of an approved COE, in ``language`` or the COE's own.

    Another region's COE is not found; a COE not yet approved has no family documents. The
    printing is recorded in the audit trail (the kind and language, never the content).
    """
    if kind not in KINDS:
        raise CampoError(errors.DOCUMENT_UNKNOWN)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    if coe.status is not CoeStatus.APPROVED:
        raise CampoError(errors.DOCUMENT_NOT_AVAILABLE)
    language = language or (coe.language if coe.language in LANGUAGES else "en")
    context = build_context(session, coe, state_code=state_code, time_zone=time_zone)
    pdf = render_document(kind, context, language, translations_dir=translations_dir)
    number = context.document_number(kind)
    record_event(
        session,
        actor=actor,
        action="document.rendered",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={"kind": kind, "language": language, "number": number},
    )
    return RenderedDocument(kind=kind, language=language, number=number, pdf=pdf)


def build_context(
    session: Session, coe: Coe, *, state_code: str, time_zone: str
) -> DocumentContext:
    """What the documents print about ``coe``: its answers labelled by its own form version,
    the children's statewide numbers, and the signatures that still verify."""
    if coe.decided_at is None:
        raise ValueError("only a decided COE has documents")
    zone = ZoneInfo(time_zone)
    definition = load_definition(coe.form_id, coe.form_version, state_code)
    document = definition.document
    today = str((coe.evaluation or {}).get("today") or coe.decided_at.astimezone(zone).date())
    sections, child_answers = labelled_answers(definition, coe.answers, today=today)
    numbers = statewide_numbers(session, [r.child_id for r in coe.children if r.child_id])
    children = []
    for row in coe.children:
        number = numbers.get(row.child_id) if row.child_id else None
        children.append(
            ChildRecord(
                position=row.position,
                answers=child_answers[row.position] if row.position < len(child_answers) else {},
                statewide_number=format_student_number(number, state_code) if number else None,
                eligibility_end_date=row.eligibility_end_date,
            )
        )

    region = session.get_one(Region, coe.region_id)
    recruiter = session.get_one(User, coe.recruiter_id)
    reviewer = session.get(User, coe.decided_by_id) if coe.decided_by_id else None
    state_name = next(
        (
            c["label"]
            for c in document["code_lists"].get("us_state", [])
            if c["code"] == state_code.upper()
        ),
        {"en": state_code, "es": state_code},
    )
    return DocumentContext(
        coe_id=coe.id,
        coe_version=coe.version,
        content_hash=coe.content_hash,
        form_version=coe.form_version,
        form_title=document["title"],
        coe_language=coe.language,
        state_code=state_code.upper(),
        state_name=state_name,
        region_name=region.name,
        region_phone=region.phone,
        recruiter_name=recruiter.full_name,
        reviewer_name=reviewer.full_name if reviewer else None,
        approved_at=coe.decided_at.astimezone(zone),
        interview_place=coe.interview_place,
        section_labels={s["key"]: s["label"] for s in document["sections"]},
        sections=sections,
        children=tuple(children),
        signatures=_signatures(session, coe, zone),
    )


def labelled_answers(
    definition: FormDefinition, answers: dict[str, Any], *, today: str
) -> tuple[dict[str, dict[str, Answer]], list[dict[str, Answer]]]:
    """The answers with their labels and code lists: by section, and child by child.

    Each answer says whether its question was relevant, judged as the form judges it (over
    the answers it keeps, on ``today``).
    """
    document = definition.document
    code_lists: dict[str, list[dict[str, Any]]] = document["code_lists"]
    view = relevant_view(definition, answers, today=today)
    coe_data = expression_data(view, today)
    sections: dict[str, dict[str, Answer]] = {}
    children: list[dict[str, Answer]] = []
    for section in document["sections"]:
        if "repeat" not in section:
            group = view.get(section["key"]) or {}
            sections[section["key"]] = {
                spec["key"]: _answer(spec, group.get(spec["key"]), coe_data, code_lists)
                for spec in section["fields"]
            }
            continue
        for index, entry in enumerate(view.get(section["key"]) or []):
            entry = entry if isinstance(entry, dict) else {}
            data = expression_data(view, today, child=entry, index=index)
            children.append(
                {
                    spec["key"]: _answer(spec, entry.get(spec["key"]), data, code_lists)
                    for spec in section["fields"]
                }
            )
    return sections, children


# -- helpers ------------------------------------------------------------------------------


def _answer(
    spec: dict[str, Any],
    value: Any,
    data: dict[str, Any],
    code_lists: dict[str, list[dict[str, Any]]],
) -> Answer:
    options: tuple[tuple[str, Any], ...] = ()
    if spec["type"] == "choice":
        options = tuple((c["code"], c["label"]) for c in code_lists[spec["codes"]])
    if spec["type"] == "date" and isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            value = None
    return Answer(
        key=spec["key"],
        label=spec["label"],
        type=spec["type"],
        value=value,
        item=spec.get("item"),
        options=options,
        state="state" in spec,
        relevant=_relevant(spec, data),
    )


def _relevant(spec: dict[str, Any], data: dict[str, Any]) -> bool:
    expression = spec.get("relevant", True)
    if expression is True:
        return True
    try:
        return truthy(evaluate(expression, data))
    except ExpressionError:
        return True  # as the form does: a broken condition never hides a question


def _signatures(session: Session, coe: Coe, zone: ZoneInfo) -> dict[str, SignatureRecord]:
    """The latest signature of each role among those that still verify."""
    latest = {}
    for signature in current_signatures(session, coe):  # oldest first
        latest[signature.role.value] = signature
    records = {}
    for role, signature in latest.items():
        try:
            shown = statement(signature.statement_id, signature.statement_version)
        except UnknownStatement:
            shown = {"title": {"en": signature.statement_id}, "text": {"en": ""}}
        records[role] = SignatureRecord(
            role=role,
            signer_name=signature.signer_name,
            statement_id=signature.statement_id,
            statement_version=signature.statement_version,
            title=shown["title"],
            text=shown["text"],
            signed_at=_local_time(signature.signed_at, zone),
            svg=_svg(signature.strokes),
        )
    return records


def _svg(strokes: dict[str, Any] | None) -> str | None:
    if not strokes:
        return None
    try:
        return to_svg(parse_strokes(strokes))
    except StrokesError:
        return None


def _local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)
