"""The escape hatch: a tablet's unsent COEs in a sealed file, imported by regional staff.

Files are sealed here with the real public key the server hands out, exactly as the tablet does
(the browser test exports one from the app itself).
"""

from __future__ import annotations

import base64
import copy
import json
import uuid

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.eligibility.models import Coe, CoeStatus
from campo.handover.sealing import seal_file
from tests.factories import FORM_VERSION, coe_body, complete_answers, signatures


def record(coe_id: str, **answers_changes) -> dict:
    answers = complete_answers()
    answers["family"].update(answers_changes)
    return {
        "id": coe_id,
        "put": {**coe_body(answers), "base_version": None},
        "submit": {"base_version": None, "signatures": signatures()},
    }


def sealed(api, records, *, owner=("recruiter1", None), exported_at="2026-11-20T10:00:00Z"):
    key = api.get("/api/v1/handover/key").json
    username, user_id = owner
    if user_id is None:
        user_id = api.get("/api/v1/me", as_user=username).json["id"]
    payload = {
        "exported_at": exported_at,
        "owner": {"id": user_id, "username": username},
        "records": records,
    }
    return seal_file(base64.b64decode(key["public_key"]), payload)


def test_the_key_is_public_and_stable(client):
    first, second = client.get("/api/v1/handover/key"), client.get("/api/v1/handover/key")
    assert first.status_code == 200
    assert first.json == second.json
    assert len(first.json["key_id"]) == 16
    assert len(base64.b64decode(first.json["public_key"])) > 300  # RSA-3072 SPKI


def test_regional_staff_import_a_file_and_each_coe_is_submitted_once(api, db_session, users):
    ids = [str(uuid.uuid4()) for _ in range(2)]
    envelope = sealed(api, [record(ids[0]), record(ids[1], parent1_last_name="Zamora")])
    first = api.post("/api/v1/handover/imports", as_user="regional1", json=envelope)
    assert first.status_code == 200, first.json
    assert first.json["counts"] == {
        "submitted": 2,
        "already_received": 0,
        "refused": 0,
        "invalid": 0,
    }
    assert first.json["owner"]["username"] == "recruiter1"
    for coe_id in ids:
        coe = db_session.get(Coe, uuid.UUID(coe_id))
        assert coe.status is CoeStatus.SUBMITTED
        assert coe.recruiter_id == users["recruiter1"].id
        assert coe.form_version == FORM_VERSION

    # The same file again (or the tablet syncing after all) doubles nothing.
    again = api.post("/api/v1/handover/imports", as_user="supervisor1", json=envelope)
    assert again.json["counts"]["already_received"] == 2
    assert db_session.scalar(sa.select(sa.func.count()).where(Coe.id.in_(map(uuid.UUID, ids)))) == 2
    events = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "handover.imported")
    ).all()
    assert len(events) == 2
    assert "Zamora" not in json.dumps([event.details for event in events])


def test_a_refused_record_does_not_keep_the_others_out(api, db_session):
    good, bad, broken = (str(uuid.uuid4()) for _ in range(3))
    unsigned = record(bad)
    unsigned["submit"]["signatures"] = []
    malformed = record(broken)
    malformed["put"]["answers"] = "not a mapping"
    response = api.post(
        "/api/v1/handover/imports",
        as_user="regional1",
        language="es",
        json=sealed(api, [record(good), unsigned, malformed]),
    )
    assert response.status_code == 200, response.json
    outcomes = {r["id"]: r for r in response.json["records"]}
    assert outcomes[good]["outcome"] == "submitted"
    assert outcomes[bad]["outcome"] == "refused"
    assert outcomes[bad]["code"].startswith("coe.")
    assert outcomes[bad]["message"]  # in Spanish, from the catalogue
    assert outcomes[broken]["outcome"] == "invalid"
    assert "put.answers" in outcomes[broken]["fields"]
    assert db_session.get(Coe, uuid.UUID(good)).status is CoeStatus.SUBMITTED
    assert db_session.get(Coe, uuid.UUID(bad)) is None  # its savepoint was rolled back
    assert db_session.get(Coe, uuid.UUID(broken)) is None


def test_a_tampered_or_foreign_file_is_refused_and_changes_nothing(api, db_session):
    coe_id = str(uuid.uuid4())
    envelope = sealed(api, [record(coe_id)])
    tampered = copy.deepcopy(envelope)
    cipher = bytearray(base64.b64decode(tampered["ciphertext"]))
    cipher[10] ^= 1
    tampered["ciphertext"] = base64.b64encode(bytes(cipher)).decode()
    foreign = {**envelope, "key_id": "0" * 16}
    not_ours = {**envelope, "format": "something-else"}
    bad_base64 = {**envelope, "iv": "***"}
    for body, code in [
        (tampered, "handover.unreadable"),
        (foreign, "handover.unknown_key"),
        (not_ours, "handover.unreadable"),
        (bad_base64, "handover.unreadable"),
    ]:
        response = api.post("/api/v1/handover/imports", as_user="regional1", json=body)
        assert response.status_code == 422, response.json
        assert response.json["error"]["code"] == code
    missing = api.post("/api/v1/handover/imports", as_user="regional1", json={"format": "x"})
    assert missing.status_code == 422
    assert db_session.get(Coe, uuid.UUID(coe_id)) is None


@pytest.mark.parametrize(
    ("importer", "owner", "status", "code"),
    [
        ("recruiter2", "recruiter1", 403, "auth.forbidden"),  # recruiters cannot import
        ("regional2", "recruiter1", 422, "handover.owner_unknown"),  # another region's recruiter
        ("stateadmin", "recruiter1", 200, None),
    ],
)
def test_who_may_import_whose_file(api, importer, owner, status, code):
    response = api.post(
        "/api/v1/handover/imports",
        as_user=importer,
        json=sealed(api, [record(str(uuid.uuid4()))], owner=(owner, None)),
    )
    assert response.status_code == status, response.json
    if code:
        assert response.json["error"]["code"] == code


def test_an_owner_who_does_not_match_is_refused(api):
    me = api.get("/api/v1/me", as_user="recruiter1").json["id"]
    wrong_name = sealed(api, [record(str(uuid.uuid4()))], owner=("recruiter2", me))
    response = api.post("/api/v1/handover/imports", as_user="stateadmin", json=wrong_name)
    assert response.json["error"]["code"] == "handover.owner_unknown"
    assert api.post("/api/v1/handover/imports", json=wrong_name).status_code == 401
