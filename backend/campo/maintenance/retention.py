"""Records past their retention period lose what identifies a family. No Flask.

Federal grant records are kept 3 years after the final expenditure report of the last grant
year they supported (2 CFR 200.334; see the domain notes, 5.3), and a COE supports every year
its children are eligible. So a record's clock starts when it stops being used: for an approved
COE, when the last of its children's eligibility ends; for a COE never approved, at its last
change; for a child, when their last eligibility ends. ``years`` (default 5: the 3 years plus
the time a final report takes) runs from there.

Past it, records are anonymized, not deleted: counts, statewide numbers (never reused), dates of
eligibility and everything other tables point to stay; names, addresses, phone numbers, birth
places, the answers, comments, signatures and blocking keys go. A child keeps only the year of
birth. Running it twice changes nothing more. ``plan`` says what ``apply`` would do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child, Family
from campo.matching.models import ChildMatchKey
from campo.signatures.models import Signature

DEFAULT_YEARS = 5
MARK = "_retention"


@dataclass
class RetentionPlan:
    cutoff: date
    coe_ids: list[uuid.UUID] = field(default_factory=list)
    child_ids: list[uuid.UUID] = field(default_factory=list)
    family_ids: list[uuid.UUID] = field(default_factory=list)

    def summary(self) -> dict[str, int | str]:
        return {
            "cutoff": self.cutoff.isoformat(),
            "coes": len(self.coe_ids),
            "children": len(self.child_ids),
            "families": len(self.family_ids),
        }


def cutoff_for(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def plan(session: Session, *, today: date, years: int = DEFAULT_YEARS) -> RetentionPlan:
    """What is past retention on ``today`` and not anonymized yet."""
    cutoff = cutoff_for(today, years)
    last_eligible = (
        sa.select(CoeChild.coe_id, sa.func.max(CoeChild.eligibility_end_date).label("until"))
        .group_by(CoeChild.coe_id)
        .subquery()
    )
    coes = session.execute(
        sa.select(Coe.id, Coe.status, Coe.updated_at, Coe.answers, last_eligible.c.until).outerjoin(
            last_eligible, last_eligible.c.coe_id == Coe.id
        )
    )
    result = RetentionPlan(cutoff)
    for coe_id, status, updated_at, answers, until in coes:
        if isinstance(answers, dict) and MARK in answers:
            continue
        started = until if status is CoeStatus.APPROVED and until else updated_at.date()
        if started < cutoff:
            result.coe_ids.append(coe_id)
    child_until = (
        sa.select(CoeChild.child_id, sa.func.max(CoeChild.eligibility_end_date).label("until"))
        .join(Coe, Coe.id == CoeChild.coe_id)
        .where(CoeChild.child_id.is_not(None), Coe.status == CoeStatus.APPROVED)
        .group_by(CoeChild.child_id)
        .subquery()
    )
    result.child_ids = list(
        session.scalars(
            sa.select(Child.id)
            .join(child_until, child_until.c.child_id == Child.id)
            .where(child_until.c.until < cutoff, Child.first_name != "")
        )
    )
    expired = set(result.coe_ids)
    families = session.execute(sa.select(Coe.family_id, Coe.id))
    by_family: dict[uuid.UUID, set[uuid.UUID]] = {}
    for family_id, coe_id in families:
        by_family.setdefault(family_id, set()).add(coe_id)
    already = set(
        session.scalars(
            sa.select(Family.id).where(
                Family.parent1_last_name.is_(None),
                Family.parent1_first_name.is_(None),
                Family.address.is_(None),
                Family.phone.is_(None),
            )
        )
    )
    result.family_ids = [
        family_id
        for family_id, ids in by_family.items()
        if ids <= expired and family_id not in already
    ]
    return result


def apply(session: Session, retention: RetentionPlan, *, today: date) -> None:
    """Anonymize what ``retention`` lists, in the caller's transaction."""
    marked = {MARK: f"anonymized {today.isoformat()}"}
    for chunk in _chunks(retention.coe_ids):
        session.execute(
            sa.update(Coe)
            .where(Coe.id.in_(chunk))
            .values(
                answers=marked,
                evaluation=None,
                duplicate_check=None,
                decision_comment=None,
                interview_place=None,
                move_to_city=None,
            )
        )
        session.execute(
            sa.update(CoeChild)
            .where(CoeChild.coe_id.in_(chunk))
            .values(last_name1=None, last_name2=None, first_name=None, birth_date=None, name_key="")
        )
        session.execute(sa.delete(Signature).where(Signature.coe_id.in_(chunk)))
    for chunk in _chunks(retention.family_ids):
        session.execute(
            sa.update(Family)
            .where(Family.id.in_(chunk))
            .values(
                parent1_last_name=None,
                parent1_first_name=None,
                parent2_last_name=None,
                parent2_first_name=None,
                address=None,
                city=None,
                zip_code=None,
                phone=None,
                name_key="",
            )
        )
    for chunk in _chunks(retention.child_ids):
        for child in session.scalars(sa.select(Child).where(Child.id.in_(chunk))):
            child.birth_date = child.birth_date.replace(month=1, day=1)
        session.execute(
            sa.update(Child)
            .where(Child.id.in_(chunk))
            .values(
                last_name1="",
                last_name2=None,
                first_name="",
                middle_name=None,
                suffix=None,
                birth_city=None,
                birth_state=None,
                parent1_first_name=None,
                parent1_last_name=None,
                parent2_first_name=None,
                parent2_last_name=None,
                parent_name_key="",
            )
        )
        session.execute(sa.delete(ChildMatchKey).where(ChildMatchKey.child_id.in_(chunk)))
    session.flush()


def _chunks(ids: list[uuid.UUID], size: int = 500) -> list[list[uuid.UUID]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]
