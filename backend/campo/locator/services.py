"""Searching the whole state for a child, through the duplicate check's candidate search and
scoring (campo.matching), and deciding what of each hit the searcher may see.

Privacy (domain README 5.4): a hit in another region carries only what a recruiter or a school
needs to reach the child's records: the child's name and birth date, the statewide number, the
region that holds the record and its telephone, and the end of eligibility. Never an address,
never the family (parents' names are searched on, never shown), never the match explanation
(its notes compare the parents and birth place).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo import errors
from campo.accounts.models import Region
from campo.audit.services import record_event
from campo.auth.permissions import Actor, can_see_region
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.errors import CampoError
from campo.families.models import Child, Family
from campo.families.studentnumbers import StudentNumberError, parse_student_number
from campo.lib.text import fold
from campo.matching.identity import Identity
from campo.matching.keys import query_keys
from campo.matching.models import ChildMatchKey
from campo.matching.rank import rank
from campo.matching.score import Match
from campo.matching.services import MAX_CANDIDATES, find_matches, identity_of_child

NAME_FIELDS = ("first_name", "middle_name", "last_name_1", "last_name_2")
PARENT_FIELDS = ("parent1_first", "parent1_last", "parent2_first", "parent2_last")
# A hit found by its statewide number: no scoring, it is the child.
EXACT = "exact"


@dataclass(frozen=True)
class LocatorHit:
    """One child found, where its record is kept, and how sure the match is."""

    child: Child
    region: Region
    in_region: bool
    score: int
    band: str
    eligibility_end_date: date | None
    match: Match | None = None


def searched_fields(identity: Identity, statewide_number: str | None) -> list[str]:
    """The names of the criteria given (what the audit trail keeps; never their values)."""
    names = [f.name for f in fields(Identity) if getattr(identity, f.name) not in (None, "")]
    return names + (["statewide_number"] if statewide_number else [])


def search_children(
    session: Session,
    *,
    actor: Actor,
    identity: Identity,
    statewide_number: str | None,
    state_code: str,
    limit: int = 10,
    minimum_band: str = "possible",
) -> list[LocatorHit]:
    """Find children statewide by name, birth date, birth place, parents or number (audited).

    A search by name goes through the duplicate check (blocking keys, then scoring): misspelt,
    accent-less and reordered names find the child. A search with no child's name but a birth
    date or a parent's name takes the children with that birth date or those parents' names,
    and the same scoring orders them (every band, since each already meets the criterion).

    Raises:
        CampoError: LOCATOR_QUERY_EMPTY (nothing to search for), LOCATOR_QUERY_TOO_BROAD (only a
            birth place or sex), STUDENT_NUMBER_INVALID (a mistyped number).
    """
    searched = searched_fields(identity, statewide_number)
    if not searched:
        raise CampoError(errors.LOCATOR_QUERY_EMPTY)
    found: list[tuple[Child, Match | None]]
    if statewide_number:
        try:
            number = parse_student_number(statewide_number, state_code)
        except StudentNumberError:
            raise CampoError(errors.STUDENT_NUMBER_INVALID) from None
        child = session.scalar(sa.select(Child).where(Child.statewide_number == number))
        found = [(child, None)] if child is not None else []
    elif _has_any(identity, NAME_FIELDS) and identity.birth_date:
        found = list(
            find_matches(session, identity, region_id=None, limit=limit, minimum_band=minimum_band)
        )
    elif _has_any(identity, NAME_FIELDS):
        found = _ranked(session, identity, _children_by_name(session, identity), limit)
    elif identity.birth_date or _has_any(identity, PARENT_FIELDS):
        found = _ranked(session, identity, _children_by_attributes(session, identity), limit)
    else:
        raise CampoError(errors.LOCATOR_QUERY_TOO_BROAD)

    hits = _hits(session, actor, found)
    record_event(
        session,
        actor=actor,
        action="locator.searched",
        entity_type="child",
        region_id=actor.region_id,
        details={
            "fields": searched,
            "results": len(hits),
            "other_regions": sum(1 for hit in hits if not hit.in_region),
        },
    )
    return hits


def _has_any(identity: Identity, names: tuple[str, ...]) -> bool:
    return any(fold(getattr(identity, name)) for name in names)


def _ranked(
    session: Session, identity: Identity, ids: list[uuid.UUID], limit: int
) -> list[tuple[Child, Match | None]]:
    """Score children that already meet the criteria; every band, best first."""
    if not ids:
        return []
    children = session.scalars(sa.select(Child).where(Child.id.in_(ids))).all()
    pairs = ((child, identity_of_child(child)) for child in children)
    return list(rank(identity, pairs, limit=limit, minimum_band="unlikely"))


def _children_by_name(session: Session, identity: Identity) -> list[uuid.UUID]:
    """Children whose given name and surname sound like the query's, whatever their birth date.

    The blocking keys of a stored child are all dated; without a date, the query's name keys
    (``gs:<given>:<surname>``, every spelling and order the matcher tries) are looked up as
    prefixes of the stored ``gym:<given>:<surname>:<yyyy-mm>`` keys: a range scan of the same
    index.
    """
    prefixes = sorted(
        {"gym:" + key[3:] + ":" for key in query_keys(identity) if key.startswith("gs:")}
    )
    if not prefixes:
        return []
    # ";" follows ":" in ASCII: [prefix, prefix with ";" for its ":") holds every key it starts.
    ranges = [
        sa.and_(ChildMatchKey.key >= prefix, ChildMatchKey.key < prefix[:-1] + ";")
        for prefix in prefixes
    ]
    shared = sa.func.count().label("shared")
    query = (
        sa.select(ChildMatchKey.child_id, shared)
        .where(sa.or_(*ranges))
        .group_by(ChildMatchKey.child_id)
        .order_by(shared.desc(), ChildMatchKey.child_id)
        .limit(MAX_CANDIDATES)
    )
    return [row.child_id for row in session.execute(query)]


def _children_by_attributes(session: Session, identity: Identity) -> list[uuid.UUID]:
    """Children with the birth date and whose parents' folded names hold each parent name word:
    their family's (a COE's), or their own (an imported child's, which has no family)."""
    query = sa.select(Child.id)
    if identity.birth_date:
        query = query.where(Child.birth_date == identity.birth_date)
    words = sorted(
        {word for name in PARENT_FIELDS for word in fold(getattr(identity, name)).split()}
    )
    if words:
        query = query.outerjoin(Family, Family.id == Child.family_id).where(
            sa.or_(
                sa.and_(*(Family.name_key.contains(w, autoescape=True) for w in words)),
                sa.and_(*(Child.parent_name_key.contains(w, autoescape=True) for w in words)),
            )
        )
    return list(session.scalars(query.order_by(Child.id).limit(MAX_CANDIDATES)))


def eligibility_end_dates(session: Session, child_ids: list[uuid.UUID]) -> dict[uuid.UUID, date]:
    """The latest end of eligibility of each child, over its approved COEs."""
    if not child_ids:
        return {}
    rows = session.execute(
        sa.select(CoeChild.child_id, sa.func.max(CoeChild.eligibility_end_date))
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(CoeChild.child_id.in_(child_ids), Coe.status == CoeStatus.APPROVED)
        .group_by(CoeChild.child_id)
    )
    return {child_id: end for child_id, end in rows if end is not None}


def _hits(
    session: Session, actor: Actor, found: list[tuple[Child, Match | None]]
) -> list[LocatorHit]:
    ids = [child.id for child, _match in found]
    ends = eligibility_end_dates(session, ids)
    region_ids = {child.region_id for child, _match in found}
    regions = (
        {r.id: r for r in session.scalars(sa.select(Region).where(Region.id.in_(region_ids)))}
        if region_ids
        else {}
    )
    return [
        LocatorHit(
            child=child,
            region=regions[child.region_id],
            in_region=can_see_region(actor, child.region_id),
            score=match.score if match else 100,
            band=match.band if match else EXACT,
            eligibility_end_date=ends.get(child.id),
            match=match,
        )
        for child, match in found
    ]


def hit_view(hit: LocatorHit) -> dict[str, Any]:
    """What the searcher sees of a hit: everything needed to reach the record, and for the
    searcher's own region (or a state admin) the link to the full record and the explanation."""
    child = hit.child
    view: dict[str, Any] = {
        "in_region": hit.in_region,
        "score": hit.score,
        "band": hit.band,
        "statewide_number": child.statewide_number,
        "first_name": child.first_name,
        "middle_name": child.middle_name,
        "last_name1": child.last_name1,
        "last_name2": child.last_name2,
        "birth_date": child.birth_date,
        "eligibility_end_date": hit.eligibility_end_date,
        "region": {
            "id": hit.region.id,
            "code": hit.region.code,
            "name": hit.region.name,
            "phone": hit.region.phone,
        },
    }
    if hit.in_region:
        view.update(
            child_id=child.id,
            record_url=f"/api/v1/children/{child.id}",
            history_url=f"/api/v1/children/{child.id}/history",
            sex=child.sex,
            birth_city=child.birth_city,
            birth_state=child.birth_state,
            birth_country=child.birth_country,
            comparisons=(
                [
                    {"field": c.field, "outcome": c.outcome, "note": c.note}
                    for c in hit.match.comparisons
                ]
                if hit.match
                else []
            ),
        )
    return view
