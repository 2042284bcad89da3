"""Records past retention are anonymized: identity gone, counts and numbers kept; dry run first."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa

from campo.eligibility.models import Coe, CoeChild
from campo.families.models import Child, Family
from campo.maintenance import retention
from campo.matching.models import ChildMatchKey
from campo.signatures.models import Signature
from tests.factories import approval, coe_body, complete_answers, signatures, state_today


def approved_coe(api) -> str:
    coe_id = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body(complete_answers()))
    api.post(
        f"/api/v1/coes/{coe_id}/submit",
        as_user="recruiter1",
        json={"base_version": 1, "signatures": signatures()},
    )
    decided = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert decided.status_code == 200
    return coe_id


def test_nothing_is_touched_while_records_are_in_use(api, db_session):
    approved_coe(api)
    found = retention.plan(db_session, today=state_today())
    assert found.coe_ids == []
    assert found.child_ids == []


def test_past_retention_identity_goes_and_what_counts_stays(api, db_session):
    coe_id = uuid.UUID(approved_coe(api))
    draft_id = uuid.uuid4()
    api.put(f"/api/v1/coes/{draft_id}", as_user="recruiter1", json=coe_body(complete_answers()))
    coe = db_session.get(Coe, coe_id)
    child_row = db_session.scalars(sa.select(CoeChild).where(CoeChild.coe_id == coe_id)).one()
    child = db_session.get(Child, child_row.child_id)
    number, birth_year, end = (
        child.statewide_number,
        child.birth_date.year,
        child_row.eligibility_end_date,
    )
    assert child.parent_name_key  # the parents' names, folded for the locator
    assert db_session.scalar(
        sa.select(sa.func.count())
        .select_from(ChildMatchKey)
        .where(ChildMatchKey.child_id == child.id)
    )

    # Still in use the day before the period runs out; past it the day after.
    day_before = end.replace(year=end.year + 5)
    assert coe_id not in retention.plan(db_session, today=day_before).coe_ids
    later = date(end.year + 6, 1, 1)
    found = retention.plan(db_session, today=later)
    assert {coe_id, draft_id} <= set(found.coe_ids)
    assert child.id in found.child_ids
    assert coe.family_id in found.family_ids

    retention.apply(db_session, found, today=later)
    db_session.expire_all()
    coe = db_session.get(Coe, coe_id)
    assert set(coe.answers) == {retention.MARK}
    assert coe.status.value == "approved"  # what was decided, and when, stays
    assert coe.duplicate_check is None
    child_row = db_session.get(CoeChild, child_row.id)
    assert child_row.first_name is None
    assert child_row.eligibility_end_date == end
    child = db_session.get(Child, child.id)
    assert child.statewide_number == number
    assert (child.first_name, child.last_name1, child.birth_city) == ("", "", None)
    assert child.birth_date == date(birth_year, 1, 1)
    assert (child.parent1_first_name, child.parent_name_key) == (None, "")
    family = db_session.get(Family, coe.family_id)
    assert (family.parent1_last_name, family.address, family.phone) == (None, None, None)
    assert not db_session.scalars(sa.select(Signature).where(Signature.coe_id == coe_id)).all()
    assert not db_session.scalars(
        sa.select(ChildMatchKey).where(ChildMatchKey.child_id == child.id)
    ).all()

    again = retention.plan(db_session, today=later)  # running it twice changes nothing more
    assert coe_id not in again.coe_ids
    assert child.id not in again.child_ids
    assert coe.family_id not in again.family_ids
