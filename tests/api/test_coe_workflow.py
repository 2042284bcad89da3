"""The walking skeleton's slice: save, submit, approve, and the child gets a statewide number."""

from __future__ import annotations

import re

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.families.studentnumbers import parse_student_number
from tests.factories import approval, coe_body, complete_answers, signatures


def audit_actions(db_session, entity_id: str) -> list[str]:
    return list(
        db_session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id)
        )
    )


def test_recruiter_saves_submits_and_supervisor_approves(api, new_id, db_session):
    created = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(complete_answers(children=2))
    )
    assert created.status_code == 201, created.json
    assert created.json["status"] == "draft"
    assert created.json["version"] == 1
    assert [c["statewide_number"] for c in created.json["children"]] == [None, None]

    submitted = api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={"base_version": 1, "signatures": signatures()},
    )
    assert submitted.status_code == 200, submitted.json
    assert submitted.json["status"] == "submitted"
    assert {s["role"] for s in submitted.json["signatures"] if s["current"]} == {
        "interviewee",
        "recruiter",
    }

    approved = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval())
    assert approved.status_code == 200, approved.json
    body = approved.json
    assert body["status"] == "approved"
    assert body["decided_by_id"] is not None
    assert body["decided_at"]
    assert "reviewer" in {s["role"] for s in body["signatures"]}
    numbers = [c["statewide_number"] for c in body["children"]]
    assert len(set(numbers)) == 2
    for number in numbers:
        assert re.fullmatch(r"CA\d{11}", number)
        assert parse_student_number(number, "CA") == number
    assert all(c["eligibility_end_date"] for c in body["children"])

    child = api.get(f"/api/v1/children/{body['children'][0]['child_id']}", as_user="regional1")
    assert child.status_code == 200
    assert child.json["first_name"] == "María José"
    assert child.json["statewide_number_display"].startswith("CA-")

    assert audit_actions(db_session, new_id) == [
        "coe.created",
        "signature.added",
        "signature.added",
        "coe.submitted",
        "signature.added",
        "coe.approved",
    ]
    child_events = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.entity_type == "child")
    ).all()
    assert child_events.count("child.created") == 2
    assert "child.read" in child_events


def test_put_is_idempotent_and_updates_bump_the_version(api, new_id, db_session):
    body = coe_body()
    first = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    again = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["version"] == 1
    assert again.json["content_hash"] == first.json["content_hash"]
    listed = api.get("/api/v1/coes", as_user="recruiter1").json
    assert [c["id"] for c in listed].count(new_id) == 1

    body["answers"]["family"]["phone"] = "8315550199"
    updated = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json={**body, "base_version": 1}
    )
    assert updated.status_code == 200
    assert updated.json["version"] == 2
    assert updated.json["answers"]["family"]["phone"] == "8315550199"
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "coe.updated")
    ).one()
    # The audit names the changed field, never its value.
    assert event.changed_fields == ["answers.family.phone"]
    assert "8315550199" not in str(event.details)

    stale = api.put(
        f"/api/v1/coes/{new_id}",
        as_user="recruiter1",
        json={
            **body,
            "base_version": 1,
            "answers": {**body["answers"], "comments": {"other": "late edit"}},
        },
    )
    assert stale.status_code == 409
    assert stale.json["error"]["code"] == "coe.version_conflict"


def test_a_resent_submission_is_accepted_once(api, new_id):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    payload = {"base_version": 1, "signatures": signatures()}
    first = api.post(f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json=payload)
    second = api.post(f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json=payload)
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(second.json["signatures"]) == 2


def test_submitted_coe_cannot_be_changed(api, new_id):
    body = coe_body()
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    body["answers"]["comments"]["other"] = "changed after submission"
    response = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "coe.not_editable"


def test_incomplete_coe_is_refused_with_field_errors_in_spanish(api, new_id):
    answers = complete_answers()
    answers["children"][0]["birth_date"] = None
    answers["move"]["qualifying_arrival_date"] = "2019-01-01"
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    response = api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={"signatures": signatures()[1:]},
        language="es",
    )
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "coe.incomplete"
    assert error["message"].startswith("El certificado no está completo")
    assert error["fields"]["answers.children.0.birth_date"] == ["Esta respuesta es obligatoria."]
    assert "36 meses" in error["fields"]["answers.move.qualifying_arrival_date"][0]
    assert "signatures.interviewee" in error["fields"]
    assert api.get(f"/api/v1/coes/{new_id}", as_user="recruiter1").json["status"] == "draft"


def test_return_with_reasons_then_resubmit_needs_new_signatures(api, new_id):
    body = coe_body()
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    no_reason = api.post(
        f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json={"decision": "return"}
    )
    assert no_reason.status_code == 422
    assert no_reason.json["error"]["code"] == "coe.reasons_required"
    other_without_comment = api.post(
        f"/api/v1/coes/{new_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["other"]},
    )
    assert other_without_comment.json["error"]["code"] == "coe.reasons_required"

    returned = api.post(
        f"/api/v1/coes/{new_id}/review",
        as_user="supervisor1",
        json={
            "decision": "return",
            "reasons": ["comment_missing"],
            "comment": "Add how the family learned of the work.",
        },
    )
    assert returned.status_code == 200
    assert returned.json["status"] == "returned"
    assert returned.json["decision_reasons"] == ["comment_missing"]

    body["answers"]["comments"]["other"] = "Hired by a labor contractor before the move."
    blind = api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=body)
    assert blind.status_code == 409  # a change must name the version it replaces
    assert blind.json["error"]["code"] == "coe.version_conflict"
    edited = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json={**body, "base_version": 1}
    )
    assert edited.status_code == 200
    assert edited.json["version"] == 2
    assert not any(s["current"] for s in edited.json["signatures"])
    unsigned = api.post(f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={})
    assert unsigned.status_code == 422
    assert {"signatures.interviewee", "signatures.recruiter"} <= set(
        unsigned.json["error"]["fields"]
    )
    resubmitted = api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    assert resubmitted.status_code == 200
    assert resubmitted.json["status"] == "submitted"


def test_reject_needs_a_reason_and_issues_no_number(api, new_id):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    rejected = api.post(
        f"/api/v1/coes/{new_id}/review",
        as_user="supervisor1",
        json={"decision": "reject", "reasons": ["not_qualifying_work"]},
    )
    assert rejected.status_code == 200
    assert rejected.json["status"] == "rejected"
    assert rejected.json["children"][0]["statewide_number"] is None
    again = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval())
    assert again.status_code == 409
    assert again.json["error"]["code"] == "coe.not_reviewable"


def test_review_reasons_are_listed_in_the_callers_language(api):
    reasons = api.get("/api/v1/review-reasons", language="es").json
    assert {"code": "other", "label": "Otro (explicado en el comentario)"} in reasons
