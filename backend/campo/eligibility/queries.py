"""Queries over COEs, limited to what the actor may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.auth.permissions import Actor, visible_region_id
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child, Family
from campo.lib.text import fold
from campo.signatures.models import Signature

SORTS = {
    "updated": Coe.updated_at.desc(),
    "-updated": Coe.updated_at.asc(),
    "submitted": Coe.submitted_at.asc(),  # the review queue: oldest first
    "qad": Coe.qualifying_arrival_date.desc(),
}


@dataclass(frozen=True)
class CoeFilters:
    status: tuple[CoeStatus, ...] = ()
    recruiter_id: int | None = None
    region_id: int | None = None
    qad_from: date | None = None
    qad_to: date | None = None
    updated_since: datetime | None = None
    name: str | None = None
    mine: bool = False
    sort: str = "updated"


def coes_visible_to(actor: Actor, filters: CoeFilters) -> sa.Select[tuple[Coe]]:
    """Select the COEs the actor may see that match ``filters``, in the requested order."""
    query = sa.select(Coe)
    region_id = visible_region_id(actor)
    if region_id is not None:
        query = query.where(Coe.region_id == region_id)
    if filters.region_id is not None:
        query = query.where(Coe.region_id == filters.region_id)
    if filters.status:
        query = query.where(Coe.status.in_(filters.status))
    if filters.mine:
        query = query.where(Coe.recruiter_id == actor.user.id)
    if filters.recruiter_id is not None:
        query = query.where(Coe.recruiter_id == filters.recruiter_id)
    if filters.qad_from is not None:
        query = query.where(Coe.qualifying_arrival_date >= filters.qad_from)
    if filters.qad_to is not None:
        query = query.where(Coe.qualifying_arrival_date <= filters.qad_to)
    if filters.updated_since is not None:
        query = query.where(Coe.updated_at >= filters.updated_since)
    if filters.name and fold(filters.name):
        pattern = f"%{fold(filters.name)}%"
        child_match = sa.select(CoeChild.coe_id).where(CoeChild.name_key.like(pattern))
        family_match = sa.select(Family.id).where(Family.name_key.like(pattern))
        query = query.where(sa.or_(Coe.id.in_(child_match), Coe.family_id.in_(family_match)))
    return query.order_by(SORTS[filters.sort], Coe.id)


def signatures_of(session: Session, coe_id: uuid.UUID) -> list[Signature]:
    """Every signature ever made on a COE, oldest first."""
    query = sa.select(Signature).where(Signature.coe_id == coe_id)
    return list(session.scalars(query.order_by(Signature.signed_at, Signature.id)))


def statewide_numbers(session: Session, child_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not child_ids:
        return {}
    rows = session.execute(
        sa.select(Child.id, Child.statewide_number).where(Child.id.in_(child_ids))
    )
    return {child_id: number for child_id, number in rows}


def family_names(session: Session, family_ids: list[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """A display name per family: the first parent's surname, else the second's."""
    if not family_ids:
        return {}
    rows = session.execute(
        sa.select(Family.id, Family.parent1_last_name, Family.parent2_last_name).where(
            Family.id.in_(family_ids)
        )
    )
    return {family_id: first or second for family_id, first, second in rows}


def count(session: Session, query: sa.Select[Any]) -> int:
    """Count the rows of ``query`` without its ordering."""
    return (
        session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    )
