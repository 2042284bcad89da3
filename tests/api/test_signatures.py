"""Signatures through the API: unusable strokes refused, tampering caught, approval signed."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from campo.eligibility.models import Coe
from campo.signatures.models import Signature
from tests.factories import approval, coe_body, signatures


def submitted(api, coe_id):
    assert (
        api.put(f"/api/v1/coes/{coe_id}", as_user="recruiter1", json=coe_body()).status_code == 201
    )
    response = api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    assert response.status_code == 200, response.json
    return response.json


def test_signatures_record_statement_strokes_and_binding(api, new_id, db_session):
    body = submitted(api, new_id)
    listed = {s["role"]: s for s in body["signatures"]}
    assert listed["interviewee"]["statement_id"] == "interviewee"
    assert listed["interviewee"]["statement_version"] == 1
    assert listed["interviewee"]["current"] is True
    stored = db_session.scalars(sa.select(Signature).where(Signature.role == "interviewee")).one()
    assert stored.strokes["width"] == 600
    assert len(stored.binding_hash) == 64
    assert stored.binding_hash != stored.content_hash


def test_a_dot_or_a_line_is_not_a_signature(api, new_id):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    dot = {
        "width": 600,
        "height": 200,
        "strokes": [[{"x": 100, "y": 100, "time": 1, "pressure": 0.5}]],
    }
    response = api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={"signatures": [{**signatures()[0], "strokes": dot}, signatures()[1]]},
        language="es",
    )
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "signature.invalid"
    assert error["problems"][0]["code"] == "signature.dot"
    assert "un punto" in error["fields"]["signatures.0.strokes"][0]
    assert api.get(f"/api/v1/coes/{new_id}", as_user="recruiter1").json["signatures"] == []


def test_changing_a_signed_coe_behind_the_apis_back_is_caught(api, new_id, db_session):
    submitted(api, new_id)
    coe = db_session.get(Coe, uuid.UUID(new_id))
    answers = dict(coe.answers)
    answers["family"] = {**answers["family"], "address": "Somewhere else 1"}
    coe.answers = answers  # content_hash left as it was: a tampered row
    db_session.commit()

    shown = api.get(f"/api/v1/coes/{new_id}", as_user="supervisor1").json
    assert not any(s["current"] for s in shown["signatures"])
    response = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval())
    assert response.status_code == 409
    assert response.json["error"]["code"] == "coe.signatures_invalid"
    assert api.get(f"/api/v1/coes/{new_id}", as_user="supervisor1").json["status"] == "submitted"


def test_approval_needs_the_reviewers_signature(api, new_id):
    submitted(api, new_id)
    unsigned = api.post(
        f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json={"decision": "approve"}
    )
    assert unsigned.status_code == 422
    assert unsigned.json["error"]["code"] == "signature.invalid"
    assert "reviewer_strokes" in unsigned.json["error"]["fields"]
    signed = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval())
    assert signed.status_code == 200
    reviewer = [s for s in signed.json["signatures"] if s["role"] == "reviewer"]
    assert reviewer[0]["statement_id"] == "reviewer"
    assert reviewer[0]["current"] is True


def test_return_needs_no_signature(api, new_id):
    submitted(api, new_id)
    response = api.post(
        f"/api/v1/coes/{new_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["missing_information"]},
    )
    assert response.status_code == 200
