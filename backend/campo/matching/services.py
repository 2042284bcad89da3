"""The duplicate check against the store: index children by blocking keys, find and rank
candidates, and record how a COE's children were resolved (linked, or confirmed new).

Candidates come from an index lookup on child_match_keys (no scan of children), then are
scored in Python by matching.score.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.audit.services import record_event
from campo.auth.permissions import Actor, visible_region_id
from campo.db import utcnow
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import CampoError
from campo.families.models import Child
from campo.matching.identity import Identity
from campo.matching.keys import blocking_keys, query_keys
from campo.matching.models import ChildMatchKey
from campo.matching.rank import rank
from campo.matching.score import Match

# How many children an index lookup may hand to the scorer; the best-sharing come first.
MAX_CANDIDATES = 300
SEX_CODES = {"female": "F", "male": "M"}
LINKED, NEW = "linked", "new"
OPEN_BANDS = ("likely", "possible")


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def identity_of_child(child: Child) -> Identity:
    return Identity(
        first_name=child.first_name,
        middle_name=child.middle_name,
        last_name_1=child.last_name1,
        last_name_2=child.last_name2,
        sex=SEX_CODES.get(child.sex or ""),
        birth_date=child.birth_date,
        birth_city=child.birth_city,
        birth_state=child.birth_state,
        birth_country=child.birth_country,
        parent1_first=child.parent1_first_name,
        parent1_last=child.parent1_last_name,
        parent2_first=child.parent2_first_name,
        parent2_last=child.parent2_last_name,
    )


def identity_from_answers(child: dict[str, Any], family: dict[str, Any]) -> Identity:
    """The identity of a child as a COE lists it (child answers plus the family's parents)."""
    return Identity(
        first_name=child.get("first_name"),
        middle_name=child.get("middle_name"),
        last_name_1=child.get("last_name1"),
        last_name_2=child.get("last_name2"),
        sex=SEX_CODES.get(child.get("sex") or ""),
        birth_date=_date(child.get("birth_date")),
        birth_city=child.get("birth_city"),
        birth_state=child.get("birth_state"),
        birth_country=child.get("birth_country"),
        parent1_first=family.get("parent1_first_name"),
        parent1_last=family.get("parent1_last_name"),
        parent2_first=family.get("parent2_first_name"),
        parent2_last=family.get("parent2_last_name"),
    )


def index_child(session: Session, child: Child) -> None:
    """(Re)write the child's blocking keys; call after every change to its identity."""
    session.execute(sa.delete(ChildMatchKey).where(ChildMatchKey.child_id == child.id))
    keys = sorted(blocking_keys(identity_of_child(child)))
    if keys:
        session.execute(
            sa.insert(ChildMatchKey), [{"child_id": child.id, "key": key} for key in keys]
        )


def candidate_ids(
    session: Session,
    keys: Iterable[str],
    *,
    region_id: int | None = None,
    limit: int = MAX_CANDIDATES,
) -> list[uuid.UUID]:
    """Children sharing any of ``keys``, those sharing the most first (one index lookup)."""
    wanted = sorted(set(keys))
    if not wanted:
        return []
    shared = sa.func.count().label("shared")
    query = (
        sa.select(ChildMatchKey.child_id, shared)
        .where(ChildMatchKey.key.in_(wanted))
        .group_by(ChildMatchKey.child_id)
        .order_by(shared.desc(), ChildMatchKey.child_id)
        .limit(limit)
    )
    if region_id is not None:
        query = query.join(Child, Child.id == ChildMatchKey.child_id).where(
            Child.region_id == region_id
        )
    return [row.child_id for row in session.execute(query)]


def find_matches(
    session: Session,
    identity: Identity,
    *,
    region_id: int | None,
    limit: int = 5,
    minimum_band: str = "possible",
    exclude: Sequence[uuid.UUID] = (),
) -> list[tuple[Child, Match]]:
    """The ``limit`` best candidates for ``identity`` in a region (None: statewide)."""
    ids = [
        i
        for i in candidate_ids(session, query_keys(identity), region_id=region_id)
        if i not in exclude
    ]
    if not ids:
        return []
    children = session.scalars(sa.select(Child).where(Child.id.in_(ids))).all()
    return rank(
        identity,
        ((child, identity_of_child(child)) for child in children),
        limit=limit,
        minimum_band=minimum_band,
    )


def check_identity(
    session: Session,
    *,
    actor: Actor,
    identity: Identity,
    limit: int = 5,
    minimum_band: str = "possible",
) -> list[tuple[Child, Match]]:
    """The duplicate check a person asks for: only children of the regions they may see."""
    matches = find_matches(
        session,
        identity,
        region_id=visible_region_id(actor),
        limit=limit,
        minimum_band=minimum_band,
    )
    record_event(
        session,
        actor=actor,
        action="duplicates.checked",
        entity_type="child",
        region_id=actor.region_id,
        details={"candidates": [str(child.id) for child, _match in matches]},
    )
    return matches


def match_summary(child: Child, match: Match) -> dict[str, Any]:
    """A candidate as stored with a COE: who, where, how sure, and why (notes untranslated)."""
    return {
        "child_id": str(child.id),
        "statewide_number": child.statewide_number,
        "region_id": child.region_id,
        "score": match.score,
        "band": match.band,
        "comparisons": [
            {"field": c.field, "outcome": c.outcome, "note": c.note} for c in match.comparisons
        ],
    }


def check_coe(session: Session, coe: Coe) -> dict[str, Any]:
    """Check every child of a submitted COE against the whole state; store and return it.

    Statewide on purpose: a child who moved from another region is the case that matters most.
    What a person may see of another region's candidate is decided when it is shown.
    """
    family = coe.answers.get("family") or {}
    answers = coe.answers.get("children") or []
    result = {"checked_at": utcnow().isoformat(), "children": []}
    for row in coe.children:
        identity = identity_from_answers(answers[row.position], family)
        matches = find_matches(session, identity, region_id=None)
        result["children"].append(
            {
                "position": row.position,
                "candidates": [match_summary(child, match) for child, match in matches],
            }
        )
    coe.duplicate_check = result
    return result


def open_positions(check: dict[str, Any] | None) -> set[int]:
    """Children of a stored check with a likely or possible duplicate."""
    return {
        entry["position"]
        for entry in (check or {}).get("children", [])
        if any(c["band"] in OPEN_BANDS for c in entry["candidates"])
    }


def unresolved_positions(coe: Coe) -> list[int]:
    """Children with a likely or possible duplicate that nobody has linked or confirmed new."""
    positions = open_positions(coe.duplicate_check)
    return sorted(
        row.position
        for row in coe.children
        if row.position in positions and row.match_decision is None
    )


def _row(coe: Coe, position: int) -> CoeChild:
    row = next((r for r in coe.children if r.position == position), None)
    if row is None:
        raise CampoError(errors.CHILD_NOT_FOUND)
    return row


def _decide(
    session: Session,
    *,
    actor: Actor,
    coe: Coe,
    position: int,
    decision: str | None,
    child_id: uuid.UUID | None,
    action: str,
) -> CoeChild:
    """Record how a COE's child was resolved (or unresolved), and audit the change."""
    if coe.status in (CoeStatus.APPROVED, CoeStatus.REJECTED):
        raise CampoError(errors.COE_NOT_EDITABLE)
    row = _row(coe, position)
    if row.match_decision == NEW and row.child_id is not None:
        # Numbered as a new child when the COE was approved, before a state admin reopened it.
        raise CampoError(errors.COE_CHILD_NUMBERED)
    before = (row.match_decision, row.child_id)
    row.child_id = child_id
    row.match_decision = decision
    row.match_decided_by_id = actor.user.id if decision else None
    row.match_decided_at = utcnow() if decision else None
    session.flush()
    record_event(
        session,
        actor=actor,
        action=action,
        entity_type="coe",
        entity_id=coe.id,
        region_id=coe.region_id,
        details={
            "position": position,
            "child_id": str(child_id) if child_id else None,
            "previous": before[0],
            "previous_child_id": str(before[1]) if before[1] else None,
        },
    )
    return row


def link_child(
    session: Session, *, actor: Actor, coe: Coe, position: int, child_id: uuid.UUID
) -> CoeChild:
    """Say that a COE's child is a child the state already knows: it keeps its number."""
    if session.get(Child, child_id) is None:
        raise CampoError(errors.CHILD_NOT_FOUND)
    return _decide(
        session,
        actor=actor,
        coe=coe,
        position=position,
        decision=LINKED,
        child_id=child_id,
        action="coe_child.linked",
    )


def confirm_new(session: Session, *, actor: Actor, coe: Coe, position: int) -> CoeChild:
    """Say that a COE's child is not any known child: a new number is issued at approval."""
    return _decide(
        session,
        actor=actor,
        coe=coe,
        position=position,
        decision=NEW,
        child_id=None,
        action="coe_child.confirmed_new",
    )


def undo_decision(session: Session, *, actor: Actor, coe: Coe, position: int) -> CoeChild:
    """Take back a link or a confirmation while the COE is undecided (audited)."""
    return _decide(
        session,
        actor=actor,
        coe=coe,
        position=position,
        decision=None,
        child_id=None,
        action="coe_child.decision_undone",
    )
