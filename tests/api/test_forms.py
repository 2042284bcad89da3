"""Serving the form definition, and the COE API judging answers by it."""

from __future__ import annotations

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from tests.factories import FORM_VERSION, coe_body, complete_answers, signatures


def test_current_form_is_served_with_version_hash_and_etag(client):
    response = client.get("/api/v1/forms/coe")
    assert response.status_code == 200
    body = response.json
    assert body["version"] == FORM_VERSION
    assert body["versions"] == [FORM_VERSION]
    assert body["definition"]["state"]["code"] == "CA"
    sections = [s["key"] for s in body["definition"]["sections"]]
    assert sections == ["family", "children", "move", "comments", "interview", "certification"]
    assert response.headers["ETag"] == f'"{body["content_hash"]}"'
    cached = client.get("/api/v1/forms/coe", headers={"If-None-Match": response.headers["ETag"]})
    assert cached.status_code == 304
    same = client.get(f"/api/v1/forms/coe/{FORM_VERSION}")
    assert same.json["content_hash"] == body["content_hash"]


def test_unknown_forms_and_versions_are_404(client):
    for url in ("/api/v1/forms/nothing", "/api/v1/forms/coe/7.0", "/api/v1/forms/coe/x.y"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json["error"]["code"] == "form.not_found"


def test_a_draft_keeps_the_servers_evaluation_and_end_of_eligibility(api, new_id):
    saved = api.put(
        f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(complete_answers(children=2))
    ).json
    evaluation = saved["evaluation"]
    assert evaluation["form_version"] == FORM_VERSION
    assert evaluation["blocking"] is False
    assert {r["outcome"] for r in evaluation["results"]} <= {"pass", "not_applicable"}
    assert all(c["eligibility_end_date"] for c in saved["children"])
    assert [c["eligibility_end_date"] for c in saved["children"]] == [
        c["eligibility_end_date"] for c in evaluation["children"]
    ]


def test_a_draft_may_be_incomplete(api, new_id):
    response = api.put(
        f"/api/v1/coes/{new_id}",
        as_user="recruiter1",
        json=coe_body({"family": {"parent1_last_name": "Vang"}}),
    )
    assert response.status_code == 201
    assert response.json["evaluation"]["problems"] == []


def test_submission_lists_coded_problems_per_answer_and_per_child(api, new_id):
    answers = complete_answers(children=2)
    qad = answers["move"]["qualifying_arrival_date"]
    answers["children"][1]["birth_date"] = "1990-01-01"  # 22 or older
    answers["children"][0]["residency_date"] = None  # required
    answers["move"]["economic_necessity"] = False  # R5
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    response = api.post(
        f"/api/v1/coes/{new_id}/submit",
        as_user="recruiter1",
        json={"signatures": signatures()},
        language="es",
    )
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "coe.incomplete"
    problems = {(p["code"], p["child"]) for p in error["problems"]}
    assert ("field.required", 0) in problems
    assert ("R1.under_22_on_qad", 1) in problems
    assert ("R1.under_22_on_interview", 1) in problems
    assert ("R5.economic_necessity", None) in problems
    assert error["fields"]["answers.children.0.residency_date"] == [
        "Esta respuesta es obligatoria."
    ]
    assert "22 años" in error["fields"]["answers.children.1.birth_date"][0]
    assert "necesidad económica" in error["fields"]["answers.move.economic_necessity"][0]
    assert qad  # the QAD itself was fine: no rule names it
    assert "answers.move.qualifying_arrival_date" not in error["fields"]


def test_warnings_do_not_block_and_travel_with_the_coe(api, new_id, db_session):
    answers = complete_answers()
    answers["move"]["worker_relationship"] = "guardian"  # R6 warning: needs a comment
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    response = api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    assert response.status_code == 200
    failed = [r for r in response.json["evaluation"]["results"] if r["outcome"] == "fail"]
    assert [(r["code"], r["severity"]) for r in failed] == [
        ("R6.guardian_or_spouse_needs_comment", "warning")
    ]
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "coe.submitted")
    ).one()
    assert event.details["warnings"] == ["R6.guardian_or_spouse_needs_comment"]


def test_join_or_precede_requires_its_dates_and_comment_at_submission(api, new_id):
    answers = complete_answers()
    answers["move"]["moved_how"] = "to_join_or_precede"
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body(answers))
    response = api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    paths = {p["path"] for p in response.json["error"]["problems"] if p["code"] == "field.required"}
    assert paths == {"move.worker_move_date", "move.child_move_date", "comments.join_or_precede"}
