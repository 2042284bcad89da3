"""What a reviewer needs to decide, computed on the server: attention flags, the review of one
COE, reopening a final decision, and a child compared field by field with its candidates.

Plain functions over a session and the acting user; no Flask. Translation happens at the edge:
labels and notes here are English source strings (or a form's {"en", "es"} texts).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Role, User
from campo.audit.models import AuditEvent
from campo.audit.services import record_event
from campo.auth.permissions import COE_REVIEWERS, Actor, can_see_region, require_role
from campo.db import utcnow
from campo.eligibility.models import DECIDED_STATUSES, Coe, CoeStatus
from campo.eligibility.queries import signatures_of
from campo.eligibility.services import get_coe, verify_signature
from campo.errors import N_, CampoError
from campo.families.models import Child
from campo.lib.text import fold
from campo.matching.score import compare
from campo.matching.services import (
    OPEN_BANDS,
    identity_from_answers,
    identity_of_child,
    unresolved_positions,
)
from campo.review.queries import (
    ListFilters,
    days_waiting,
    list_page,
    list_query,
    rows_context,
)
from campo.review.queries import (
    summary as count_summary,
)
from campo.signatures.models import Signature, SignerRole

# Who sees the review of a COE and its comparisons: the reviewers and the region's staff.
REVIEW_READERS = (*COE_REVIEWERS, Role.REGIONAL_STAFF)

ATTENTION, INFO = "attention", "info"

# Flag code -> what it says (English source; translated when shown).
FLAG_LABELS: dict[str, str] = {
    "rule_failed": N_("An eligibility rule fails"),
    "rule_warning": N_("A rule asks for the reviewer's judgement"),
    "duplicate_pending": N_("The duplicate check has not run yet"),
    "duplicate_unresolved": N_("A child may already be known: link or confirm it"),
    "signature_invalid": N_("A signature is missing or no longer matches the answers"),
    "comment_missing": N_("A comment the rules require is missing"),
    "comment_required": N_("The rules require comments: read them before deciding"),
}
REQUIRED_SIGNERS = (SignerRole.INTERVIEWEE, SignerRole.RECRUITER)


@dataclass(frozen=True)
class Flag:
    """Something on a COE a reviewer must look at (attention) or should read (info)."""

    code: str
    severity: str
    detail: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.code]


def _failed_rules(coe: Coe) -> list[dict[str, Any]]:
    results = (coe.evaluation or {}).get("results") or []
    return [r for r in results if r.get("outcome") in ("fail", "error")]


def _rule_key(result: dict[str, Any]) -> str:
    child = result.get("child")
    return result["code"] if child is None else f"{result['code']}@{child}"


def comments_required(coe: Coe) -> list[dict[str, Any]]:
    """The comments the form's rules require of this COE, and whether each was written."""
    derived = (coe.evaluation or {}).get("derived") or {}
    comments = (coe.answers or {}).get("comments") or {}
    return [
        {"key": key, "given": bool(str(comments.get(key) or "").strip())}
        for key in derived.get("comments_required") or []
    ]


def _still_signed(coe: Coe, signature: Signature, *, verify: bool) -> bool:
    """Whether a signature still covers the COE's content. ``verify`` checks its binding (the
    review of one COE); lists compare the content hash signed with the one stored, which tells
    the same for any change made through Campo at a fraction of the cost."""
    if verify:
        return verify_signature(coe, signature)
    return signature.content_hash == coe.content_hash


def attention_flags(
    coe: Coe, signatures: Iterable[Signature], *, verify: bool = True
) -> list[Flag]:
    """What needs a reviewer's attention on a COE, from its stored evaluation, check and
    signatures (``signatures``: every signature made on it)."""
    flags: list[Flag] = []
    failed = _failed_rules(coe)
    errors_ = [_rule_key(r) for r in failed if r.get("severity") == "error"]
    warnings = [_rule_key(r) for r in failed if r.get("severity") != "error"]
    if errors_:
        flags.append(Flag("rule_failed", ATTENTION, tuple(errors_)))
    if warnings:
        flags.append(Flag("rule_warning", ATTENTION, tuple(warnings)))
    if coe.status is CoeStatus.SUBMITTED and coe.duplicate_check is None:
        flags.append(Flag("duplicate_pending", ATTENTION))
    unresolved = unresolved_positions(coe)
    if unresolved:
        flags.append(Flag("duplicate_unresolved", ATTENTION, tuple(str(p) for p in unresolved)))
    current = {s.role for s in signatures if _still_signed(coe, s, verify=verify)}
    missing = [role.value for role in REQUIRED_SIGNERS if role not in current]
    if missing and coe.status is not CoeStatus.DRAFT:
        flags.append(Flag("signature_invalid", ATTENTION, tuple(missing)))
    comments = comments_required(coe)
    absent = [c["key"] for c in comments if not c["given"]]
    if absent:
        flags.append(Flag("comment_missing", ATTENTION, tuple(absent)))
    elif comments:
        flags.append(Flag("comment_required", INFO, tuple(c["key"] for c in comments)))
    return flags


def signatures_by_coe(session: Session, coe_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """Who signed these COEs and on which content (role, content hash), in one narrow query:
    the strokes are not loaded."""
    grouped: dict[uuid.UUID, list[Any]] = {coe_id: [] for coe_id in coe_ids}
    if coe_ids:
        rows = session.execute(
            sa.select(Signature.coe_id, Signature.role, Signature.content_hash)
            .where(Signature.coe_id.in_(coe_ids))
            .order_by(Signature.signed_at, Signature.id)
        )
        for row in rows:
            grouped[row.coe_id].append(row)
    return grouped


def user_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in user_ids if i is not None})
    if not wanted:
        return {}
    rows = session.execute(sa.select(User.id, User.full_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


# -- the review of one COE -------------------------------------------------------------------


@dataclass
class CandidateView:
    child: Child | None
    summary: dict[str, Any]
    visible: bool


@dataclass
class ReviewView:
    coe: Coe
    signatures: list[Signature]
    flags: list[Flag]
    comments: list[dict[str, Any]]
    candidates: dict[int, list[CandidateView]]
    names: dict[int, str]


def review_coe_view(session: Session, *, actor: Actor, coe_id: uuid.UUID) -> ReviewView:
    """Everything a reviewer needs about one COE (the read is audited)."""
    require_role(actor, *REVIEW_READERS)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    signatures = signatures_of(session, coe.id)
    check = coe.duplicate_check or {}
    ids = [
        uuid.UUID(c["child_id"]) for entry in check.get("children", []) for c in entry["candidates"]
    ]
    known = (
        {child.id: child for child in session.scalars(sa.select(Child).where(Child.id.in_(ids)))}
        if ids
        else {}
    )
    candidates: dict[int, list[CandidateView]] = {}
    for entry in check.get("children", []):
        views = []
        for summary in entry["candidates"]:
            child = known.get(uuid.UUID(summary["child_id"]))
            views.append(
                CandidateView(
                    child=child,
                    summary=summary,
                    visible=child is not None and can_see_region(actor, child.region_id),
                )
            )
        candidates[entry["position"]] = views
    names = user_names(session, [coe.recruiter_id, coe.decided_by_id])
    record_event(
        session,
        actor=actor,
        action="coe.read",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={"view": "review"},
    )
    return ReviewView(
        coe=coe,
        signatures=signatures,
        flags=attention_flags(coe, signatures),
        comments=comments_required(coe),
        candidates=candidates,
        names=names,
    )


# -- reopening ---------------------------------------------------------------------------------


def reopen_coe(session: Session, *, actor: Actor, coe_id: uuid.UUID, reason: str) -> Coe:
    """A state admin puts an approved or rejected COE back in the review queue (audited).

    Children already numbered keep their numbers (a number is never reissued); the decision
    that is undone stays in the audit trail.
    """
    require_role(actor, Role.STATE_ADMIN)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    reason = (reason or "").strip()
    if not reason:
        raise CampoError(errors.COE_REOPEN_REASON_REQUIRED)
    if coe.status not in DECIDED_STATUSES:
        raise CampoError(errors.COE_NOT_REOPENABLE)
    previous = {
        "previous_status": coe.status.value,
        "previous_decided_by_id": coe.decided_by_id,
        "previous_decided_at": coe.decided_at.isoformat() if coe.decided_at else None,
        "previous_reasons": coe.decision_reasons,
        "reason": reason,
    }
    coe.status = CoeStatus.SUBMITTED
    coe.decided_at = None
    coe.decided_by_id = None
    coe.decision_reasons = None
    coe.decision_comment = None
    coe.updated_at = utcnow()
    session.flush()
    record_event(
        session,
        actor=actor,
        action="coe.reopened",
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details=previous,
    )
    return coe


# -- a child side by side with its candidates -----------------------------------------------

# (field on both sides, label, the matcher's field that explains it)
COMPARED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("first_name", N_("First name"), "first_name"),
    ("middle_name", N_("Middle name"), "first_name"),
    ("last_name1", N_("First last name"), "last_names"),
    ("last_name2", N_("Second last name"), "last_names"),
    ("sex", N_("Sex"), "sex"),
    ("birth_date", N_("Birth date"), "birth_date"),
    ("birth_city", N_("Birth city"), "birth_place"),
    ("birth_state", N_("Birth state"), "birth_place"),
    ("birth_country", N_("Birth country"), "birth_place"),
    ("parent1_first_name", N_("Parent 1 first name"), "parents"),
    ("parent1_last_name", N_("Parent 1 last name"), "parents"),
    ("parent2_first_name", N_("Parent 2 first name"), "parents"),
    ("parent2_last_name", N_("Parent 2 last name"), "parents"),
)
PARENT_FIELDS = (
    "parent1_first_name",
    "parent1_last_name",
    "parent2_first_name",
    "parent2_last_name",
)


def _shown(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _same(a: str | None, b: str | None) -> bool:
    """Equal once accents, case and spacing are set aside (what a person reads as the same)."""
    return fold(a or "") == fold(b or "")


def submitted_child(coe: Coe, position: int) -> dict[str, str | None]:
    """The COE's child as signed, in the compared fields."""
    answers = coe.answers.get("children") or []
    if not 0 <= position < len(answers):
        raise CampoError(errors.CHILD_NOT_FOUND)
    child = answers[position]
    family = coe.answers.get("family") or {}
    values = {name: _shown(child.get(name)) for name, _label, _m in COMPARED_FIELDS}
    for name in PARENT_FIELDS:
        values[name] = _shown(family.get(name))
    return values


def known_child(child: Child) -> dict[str, str | None]:
    return {name: _shown(getattr(child, name)) for name, _label, _m in COMPARED_FIELDS}


@dataclass
class Comparison:
    coe: Coe
    position: int
    submitted: dict[str, str | None]
    candidates: list[dict[str, Any]]
    decision: dict[str, Any]
    history: list[AuditEvent]


def compare_child(
    session: Session, *, actor: Actor, coe_id: uuid.UUID, position: int
) -> Comparison:
    """A COE's child beside each candidate of its duplicate check, field by field.

    Every candidate of the stored check is shown, in any region: resolving needs them, and
    linking accepts them (matching/resources). Each candidate shown is an audited child read.
    """
    require_role(actor, *REVIEW_READERS)
    coe = get_coe(session, actor=actor, coe_id=coe_id, audit=False)
    submitted = submitted_child(coe, position)
    answers = coe.answers.get("children") or []
    identity = identity_from_answers(answers[position], coe.answers.get("family") or {})
    entry = next(
        (e for e in (coe.duplicate_check or {}).get("children", []) if e["position"] == position),
        {"candidates": []},
    )
    ids = [uuid.UUID(c["child_id"]) for c in entry["candidates"]]
    known = (
        {child.id: child for child in session.scalars(sa.select(Child).where(Child.id.in_(ids)))}
        if ids
        else {}
    )
    candidates = []
    for summary in entry["candidates"]:
        child = known.get(uuid.UUID(summary["child_id"]))
        if child is None:
            continue
        match = compare(identity, identity_of_child(child))
        notes = {c.field: c for c in match.comparisons}
        theirs = known_child(child)
        fields = []
        for name, label, matcher_field in COMPARED_FIELDS:
            explained = notes.get(matcher_field)
            fields.append(
                {
                    "field": name,
                    "label": label,
                    "submitted": submitted[name],
                    "candidate": theirs[name],
                    "differs": not _same(submitted[name], theirs[name]),
                    "matcher_field": matcher_field,
                    "outcome": explained.outcome if explained else None,
                    "note": explained.note if explained else None,
                }
            )
        candidates.append(
            {
                "child_id": child.id,
                "statewide_number": child.statewide_number,
                "region_id": child.region_id,
                "score": match.score,
                "band": match.band,
                "open": match.band in OPEN_BANDS,
                "fields": fields,
                "differences": [f["field"] for f in fields if f["differs"]],
                "comparisons": [
                    {"field": c.field, "outcome": c.outcome, "note": c.note}
                    for c in match.comparisons
                ],
            }
        )
        record_event(
            session,
            actor=actor,
            action="child.read",
            entity_type="child",
            entity_id=child.id,
            region_id=child.region_id,
            details={"view": "comparison", "coe_id": str(coe.id)},
        )
    row = next(r for r in coe.children if r.position == position)
    history = list(
        session.scalars(
            sa.select(AuditEvent)
            .where(
                AuditEvent.entity_type == "coe",
                AuditEvent.entity_id == str(coe.id),
                AuditEvent.action.in_(
                    ("coe_child.linked", "coe_child.confirmed_new", "coe_child.decision_undone")
                ),
            )
            .order_by(AuditEvent.id)
        )
    )
    history = [e for e in history if (e.details or {}).get("position") == position]
    return Comparison(
        coe=coe,
        position=position,
        submitted=submitted,
        candidates=candidates,
        decision={
            "match_decision": row.match_decision,
            "child_id": row.child_id,
            "match_decided_by_id": row.match_decided_by_id,
            "match_decided_at": row.match_decided_at,
        },
        history=history,
    )


# -- the queue and the regional lists ------------------------------------------------------

# Most rows a CSV export holds; a region's history fits many times over.
EXPORT_LIMIT = 10000


def require_reader(actor: Actor) -> None:
    """Recruiters have their own list (GET /coes?mine=true); the dashboard is for the others."""
    require_role(actor, *REVIEW_READERS)


def coe_rows(session: Session, coes: list[Coe], *, now: datetime) -> list[dict[str, Any]]:
    """List rows: the COE's summary, names, days waiting and attention flags (4 queries)."""
    context = rows_context(session, coes)
    signatures = signatures_by_coe(session, [coe.id for coe in coes])
    rows = []
    for coe in coes:
        children = coe.answers.get("children") or []
        rows.append(
            {
                "id": coe.id,
                "region_id": coe.region_id,
                "status": coe.status,
                "version": coe.version,
                "family_name": context["families"].get(coe.family_id),
                "child_names": [
                    " ".join(
                        part
                        for part in (c.get("first_name"), c.get("last_name1"), c.get("last_name2"))
                        if part
                    )
                    for c in children
                ],
                "child_count": len(coe.children),
                "recruiter_id": coe.recruiter_id,
                "recruiter_name": context["people"].get(coe.recruiter_id),
                "qualifying_arrival_date": coe.qualifying_arrival_date,
                "submitted_at": coe.submitted_at,
                "days_waiting": days_waiting(coe.submitted_at, now)
                if coe.status is CoeStatus.SUBMITTED
                else None,
                "decided_at": coe.decided_at,
                "decided_by_name": context["people"].get(coe.decided_by_id)
                if coe.decided_by_id
                else None,
                "updated_at": coe.updated_at,
                "flags": attention_flags(coe, signatures[coe.id], verify=False),
            }
        )
    return rows


def list_coes(
    session: Session,
    *,
    actor: Actor,
    filters: ListFilters,
    now: datetime,
    offset: int,
    limit: int,
) -> tuple[int, list[dict[str, Any]]]:
    """One page of the dashboard's (or the queue's) list, with its total (the list is audited)."""
    require_reader(actor)
    query = list_query(session, actor=actor, filters=filters, now=now)
    total, coes = list_page(session, query, offset=offset, limit=limit)
    record_event(
        session,
        actor=actor,
        action="coe.listed",
        entity_type="coe",
        region_id=actor.region_id,
        details={"ids": [str(coe.id) for coe in coes], "view": "dashboard"},
    )
    return total, coe_rows(session, coes, now=now)


def export_coes(
    session: Session, *, actor: Actor, filters: ListFilters, now: datetime
) -> list[dict[str, Any]]:
    """Every row of a list (up to EXPORT_LIMIT) for a CSV file (the export is audited)."""
    require_reader(actor)
    query = list_query(session, actor=actor, filters=filters, now=now).limit(EXPORT_LIMIT)
    coes = list(session.scalars(query))
    record_event(
        session,
        actor=actor,
        action="coe.exported",
        entity_type="coe",
        region_id=actor.region_id,
        details={"count": len(coes), "ids": [str(coe.id) for coe in coes]},
    )
    return coe_rows(session, coes, now=now)


def dashboard_summary(
    session: Session, *, actor: Actor, now: datetime, region_id: int | None = None
) -> dict[str, Any]:
    """The regional dashboard's counts."""
    require_reader(actor)
    return count_summary(session, actor=actor, now=now, region_id=region_id)
