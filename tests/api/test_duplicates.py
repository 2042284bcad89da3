"""The duplicate check in the COE flow: found through other spellings, linked, never merged."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.families.models import Child
from campo.matching.models import ChildMatchKey
from tests.factories import approval, coe_body, complete_answers, signatures


def approve_new_coe(api, answers, *, recruiter="recruiter1", supervisor="supervisor1"):
    coe_id = str(uuid.uuid4())
    assert (
        api.put(f"/api/v1/coes/{coe_id}", as_user=recruiter, json=coe_body(answers)).status_code
        == 201
    )
    submitted = api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user=recruiter, json={"signatures": signatures()}
    )
    assert submitted.status_code == 200, submitted.json
    for entry in submitted.json["duplicate_check"]["children"]:
        if entry["candidates"]:
            api.post(
                f"/api/v1/coes/{coe_id}/children/{entry['position']}/confirm-new",
                as_user=supervisor,
            )
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user=supervisor, json=approval())
    assert approved.status_code == 200, approved.json
    return coe_id, approved.json


def identity(child, family):
    return {
        "first_name": child["first_name"],
        "last_name_1": child["last_name1"],
        "last_name_2": child.get("last_name2"),
        "sex": {"female": "F", "male": "M"}[child["sex"]],
        "birth_date": child["birth_date"],
        "parent1_first": family["parent1_first_name"],
        "parent1_last": family["parent1_last_name"],
    }


def test_an_approved_child_is_indexed_and_found_through_other_spellings(api, db_session):
    answers = complete_answers()
    _coe, approved = approve_new_coe(api, answers)
    child_id = approved["children"][0]["child_id"]
    keys = db_session.scalars(
        sa.select(ChildMatchKey.key).where(ChildMatchKey.child_id == uuid.UUID(child_id))
    ).all()
    assert keys

    child, family = answers["children"][0], answers["family"]
    respelled = {
        **identity(child, family),
        "first_name": "Maria Jose",  # accents dropped
        "last_name_1": "Pena",  # surnames swapped, accents dropped
        "last_name_2": "Nunez",
    }
    found = api.post(
        "/api/v1/duplicates/check", as_user="recruiter1", json=respelled, language="es"
    )
    assert found.status_code == 200
    top = found.json[0]
    assert top["child_id"] == child_id
    assert top["band"] == "likely"
    assert top["statewide_number"] == approved["children"][0]["statewide_number"]
    assert all(c["note"] for c in top["comparisons"])

    assert api.post("/api/v1/duplicates/check", as_user="recruiter2", json=respelled).json == []


def test_a_twin_is_not_taken_for_the_stored_child(api):
    answers = complete_answers()
    approve_new_coe(api, answers)
    child, family = answers["children"][0], answers["family"]
    twin = {**identity(child, family), "first_name": "Jesús", "sex": "M"}
    found = api.post(
        "/api/v1/duplicates/check",
        as_user="recruiter1",
        json={**twin, "minimum_band": "unlikely"},
    ).json
    assert all(candidate["band"] != "likely" for candidate in found)


def test_a_second_coe_for_a_known_child_must_be_linked_and_keeps_the_number(api, db_session):
    answers = complete_answers()
    _first, approved = approve_new_coe(api, answers)
    known = approved["children"][0]

    again = complete_answers()
    again["children"][0]["first_name"] = "Maria Jose"
    coe_id = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body(again))
    submitted = api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    ).json
    candidates = submitted["duplicate_check"]["children"][0]["candidates"]
    assert candidates[0]["child_id"] == known["child_id"]

    blocked = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert blocked.status_code == 409
    assert blocked.json["error"]["code"] == "coe.duplicates_unresolved"
    assert blocked.json["error"]["problems"][0]["child"] == 0

    linked = api.post(
        f"/api/v1/coes/{coe_id}/children/0/link",
        as_user="regional1",
        json={"child_id": known["child_id"]},
    )
    assert linked.status_code == 200
    assert linked.json["match_decision"] == "linked"
    before = db_session.scalar(sa.select(sa.func.count()).select_from(Child))
    approved_again = api.post(
        f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval()
    ).json
    assert approved_again["children"][0]["child_id"] == known["child_id"]
    assert approved_again["children"][0]["statewide_number"] == known["statewide_number"]
    assert db_session.scalar(sa.select(sa.func.count()).select_from(Child)) == before
    actions = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.entity_id == coe_id)
    ).all()
    assert "coe_child.linked" in actions


def test_a_link_can_be_undone_and_the_child_confirmed_new(api, db_session):
    answers = complete_answers()
    _first, approved = approve_new_coe(api, answers)
    coe_id = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body(complete_answers()))
    api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    known = approved["children"][0]["child_id"]
    api.post(
        f"/api/v1/coes/{coe_id}/children/0/link", as_user="supervisor1", json={"child_id": known}
    )
    undone = api.call("DELETE", f"/api/v1/coes/{coe_id}/children/0/decision", as_user="supervisor1")
    assert undone.status_code == 200
    assert undone.json["match_decision"] is None
    new = api.post(f"/api/v1/coes/{coe_id}/children/0/confirm-new", as_user="supervisor1")
    assert new.json["match_decision"] == "new"
    final = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval()).json
    assert final["children"][0]["child_id"] != known
    actions = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.entity_id == coe_id)
    ).all()
    assert {"coe_child.linked", "coe_child.decision_undone", "coe_child.confirmed_new"} <= set(
        actions
    )


def test_linking_rules(api):
    _first, approved = approve_new_coe(api, complete_answers())
    coe_id = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body(complete_answers()))
    stranger = api.post(
        f"/api/v1/coes/{coe_id}/children/0/link",
        as_user="recruiter2",
        json={"child_id": approved["children"][0]["child_id"]},
    )
    assert stranger.status_code == 404
    unknown = api.post(
        f"/api/v1/coes/{coe_id}/children/0/link",
        as_user="recruiter1",
        json={"child_id": str(uuid.uuid4())},
    )
    assert unknown.status_code == 403
    assert unknown.json["error"]["code"] == "coe.link_not_allowed"
    no_row = api.post(f"/api/v1/coes/{coe_id}/children/7/confirm-new", as_user="recruiter1")
    assert no_row.status_code == 404
