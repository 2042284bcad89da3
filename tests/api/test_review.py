"""The supervisor's queue and review, decisions and the rules of office, reopening."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.db import utcnow
from campo.eligibility.models import Coe
from campo.families.models import Child
from tests.factories import approval, coe_body, complete_answers, signatures


def submit(api, answers=None, *, author="recruiter1", language="es") -> str:
    coe_id = str(uuid.uuid4())
    body = coe_body(answers or complete_answers(), language=language)
    assert api.put(f"/api/v1/coes/{coe_id}", as_user=author, json=body).status_code == 201
    done = api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user=author, json={"signatures": signatures()}
    )
    assert done.status_code == 200, done.json
    return coe_id


def backdate(db_session, coe_id: str, days: int) -> None:
    """Make a COE look as if it was submitted ``days`` ago."""
    db_session.execute(
        sa.update(Coe)
        .where(Coe.id == uuid.UUID(coe_id))
        .values(submitted_at=utcnow() - timedelta(days=days, hours=1))
    )
    db_session.flush()


def foreign_move() -> dict:
    """A move from Mexico with no comment: rule R4 warns and asks for a comment."""
    answers = complete_answers()
    answers["move"].update(from_country="MEX", from_state=None, from_city="Zamora")
    answers["move"]["from_district"] = "Zamora"
    answers["move"]["district_exception"] = "none"
    return answers


def approve_known_child(api) -> dict:
    """Approve one COE so its child is known; return the approved COE."""
    coe_id = submit(api)
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert approved.status_code == 200, approved.json
    return approved.json


def test_the_queue_lists_submitted_coes_oldest_first_with_flags(api, db_session):
    old, recent = submit(api), submit(api)
    backdate(db_session, old, 9)
    backdate(db_session, recent, 1)
    draft = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{draft}", as_user="recruiter1", json=coe_body())

    response = api.get("/api/v1/review/queue", as_user="supervisor1")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json]
    assert ids.index(old) < ids.index(recent)
    assert draft not in ids
    assert all(row["status"] == "submitted" for row in response.json)
    row = next(r for r in response.json if r["id"] == old)
    assert row["days_waiting"] == 9
    assert row["family_name"] == "Núñez"
    assert row["child_names"] == ["María José Núñez Peña"]
    assert row["recruiter_name"]
    assert row["flags"] == []  # a clean COE needs no special attention
    assert json.loads(response.headers["X-Pagination"])["total"] == len(ids)


def test_queue_flags_warnings_missing_comments_and_unresolved_duplicates(api):
    known = approve_known_child(api)
    warned = submit(api, foreign_move())
    duplicate = submit(api)

    rows = {r["id"]: r for r in api.get("/api/v1/review/queue", as_user="supervisor1").json}
    warned_flags = {f["code"]: f for f in rows[warned]["flags"]}
    assert warned_flags["rule_warning"]["detail"] == ["R4.foreign_move_needs_comment"]
    assert warned_flags["comment_missing"]["detail"] == ["other"]
    assert warned_flags["rule_warning"]["severity"] == "attention"
    dup_flags = {f["code"]: f for f in rows[duplicate]["flags"]}
    assert dup_flags["duplicate_unresolved"]["detail"] == ["0"]

    spanish = api.get("/api/v1/review/queue", as_user="supervisor1", language="es").json
    labels = {f["code"]: f["label"] for r in spanish if r["id"] == duplicate for f in r["flags"]}
    assert labels["duplicate_unresolved"].startswith("Un niño")

    api.post(
        f"/api/v1/coes/{duplicate}/children/0/link",
        as_user="supervisor1",
        json={"child_id": known["children"][0]["child_id"]},
    )
    rows = {r["id"]: r for r in api.get("/api/v1/review/queue", as_user="supervisor1").json}
    assert rows[duplicate]["flags"] == []


@pytest.mark.parametrize("username", ["recruiter1", "recruiter2"])
def test_recruiters_have_no_queue_review_or_dashboard(api, username):
    coe_id = submit(api)
    for url in (
        "/api/v1/review/queue",
        f"/api/v1/review/coes/{coe_id}",
        "/api/v1/regional/summary",
        "/api/v1/regional/coes",
        "/api/v1/regional/coes.csv",
        f"/api/v1/coes/{coe_id}/children/0/comparison",
    ):
        response = api.get(url, as_user=username)
        assert response.status_code == 403, url
        assert response.json["error"]["code"] == "auth.forbidden"


@pytest.mark.parametrize("username", ["supervisor2", "regional2"])
def test_another_region_sees_neither_queue_entries_nor_the_review(api, username):
    coe_id = submit(api)
    assert coe_id not in [r["id"] for r in api.get("/api/v1/review/queue", as_user=username).json]
    response = api.get(f"/api/v1/review/coes/{coe_id}", as_user=username)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "coe.not_found"
    assert coe_id in [r["id"] for r in api.get("/api/v1/review/queue", as_user="stateadmin").json]


def test_the_review_view_has_what_a_reviewer_needs(api, db_session):
    known = approve_known_child(api)
    coe_id = submit(api, foreign_move())
    response = api.get(f"/api/v1/review/coes/{coe_id}", as_user="supervisor1", language="es")
    assert response.status_code == 200
    view = response.json
    assert view["coe"]["answers"]["move"]["from_country"] == "MEX"
    assert view["coe"]["status"] == "submitted"
    assert view["can_decide"] is True
    assert view["can_reopen"] is False
    assert view["recruiter_name"]
    warning = next(r for r in view["rules"] if r["code"] == "R4.foreign_move_needs_comment")
    assert warning["outcome"] == "fail"
    assert warning["severity"] == "warning"
    assert "otro país" in warning["message"]
    assert all(r["message"] for r in view["rules"])
    assert view["comments_required"] == [{"key": "other", "given": False}]
    assert {s["role"]: s["current"] for s in view["signatures"]} == {
        "interviewee": True,
        "recruiter": True,
    }
    child = view["children"][0]
    assert child["name"] == "María José Núñez Peña"
    candidate = child["candidates"][0]
    assert candidate["child_id"] == known["children"][0]["child_id"]
    assert candidate["visible"] is True
    assert candidate["name"] == "María José Núñez Peña"
    assert candidate["band"] == "likely"
    reads = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.entity_id == coe_id, AuditEvent.action == "coe.read")
    ).all()
    assert [e.details for e in reads] == [{"view": "review"}]

    staff = api.get(f"/api/v1/review/coes/{coe_id}", as_user="regional1").json
    assert staff["can_decide"] is False


def test_a_candidate_of_another_region_is_shown_without_its_identity(api):
    known = approve_known_child(api)
    coe_id = submit(api, author="recruiter2")
    child = api.get(f"/api/v1/review/coes/{coe_id}", as_user="supervisor2").json["children"][0]
    candidate = next(
        c for c in child["candidates"] if c["child_id"] == known["children"][0]["child_id"]
    )
    assert candidate["visible"] is False
    assert candidate["name"] is None
    assert candidate["birth_date"] is None


def test_recruiter_reads_the_decision_and_its_reasons_in_their_language(api):
    coe_id = submit(api)
    api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["missing_information", "other"], "comment": "Tel."},
    )
    spanish = api.get(f"/api/v1/coes/{coe_id}", as_user="recruiter1", language="es").json
    assert spanish["status"] == "returned"
    assert spanish["decision_reason_labels"] == [
        {"code": "missing_information", "label": "Falta información obligatoria"},
        {"code": "other", "label": "Otro (explicado en el comentario)"},
    ]
    assert spanish["decision_comment"] == "Tel."
    english = api.get(f"/api/v1/coes/{coe_id}", as_user="recruiter1", language="en").json
    assert english["decision_reason_labels"][0]["label"] == "Required information is missing"


def test_approval_records_the_reviewer_date_and_signature(api, users):
    coe_id = submit(api)
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    body = approved.json
    assert body["decided_by_id"] == users["supervisor1"].id
    assert body["decided_at"]
    reviewer = [s for s in body["signatures"] if s["role"] == "reviewer"]
    assert len(reviewer) == 1
    assert reviewer[0]["signer_name"] == users["supervisor1"].full_name
    assert reviewer[0]["current"] is True
    view = api.get(f"/api/v1/review/coes/{coe_id}", as_user="regional1").json
    assert view["decided_by_name"] == users["supervisor1"].full_name


def test_approval_needs_the_reviewers_signature(api):
    coe_id = submit(api)
    unsigned = api.post(
        f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json={"decision": "approve"}
    )
    assert unsigned.status_code == 422
    assert unsigned.json["error"]["code"] == "signature.invalid"


def test_reject_needs_a_reason(api):
    coe_id = submit(api)
    refused = api.post(
        f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json={"decision": "reject"}
    )
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "coe.reasons_required"


def test_nobody_reviews_their_own_coe(api):
    coe_id = submit(api, author="supervisor1")
    own = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert own.status_code == 403
    assert own.json["error"]["code"] == "coe.own_review"
    assert api.get(f"/api/v1/review/coes/{coe_id}", as_user="supervisor1").json["can_decide"] is (
        False
    )
    assert (
        api.post(f"/api/v1/coes/{coe_id}/review", as_user="stateadmin", json=approval()).status_code
        == 200
    )


@pytest.mark.parametrize("decision", ["approve", "return", "reject"])
def test_a_decision_is_final_for_every_reviewer(api, decision):
    coe_id = submit(api)
    body = (
        approval()
        if decision == "approve"
        else {"decision": decision, "reasons": ["missing_information"]}
    )
    assert (
        api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=body).status_code
        == 200
    )
    for username in ("supervisor1", "stateadmin"):
        for other in ({"decision": "reject", "reasons": ["other"], "comment": "x"}, approval()):
            if other["decision"] == decision:
                continue
            again = api.post(f"/api/v1/coes/{coe_id}/review", as_user=username, json=other)
            assert again.status_code == 409, (username, other["decision"])
            assert again.json["error"]["code"] == "coe.not_reviewable"


def test_an_unchanged_returned_coe_keeps_its_signatures_a_changed_one_needs_new(api):
    coe_id = submit(api)
    api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["missing_information"]},
    )
    # Sent back as it was: the signatures still bind the same content.
    unchanged = api.post(f"/api/v1/coes/{coe_id}/submit", as_user="recruiter1", json={})
    assert unchanged.status_code == 200, unchanged.json
    api.post(
        f"/api/v1/coes/{coe_id}/review",
        as_user="supervisor1",
        json={"decision": "return", "reasons": ["missing_information"]},
    )
    answers = complete_answers()
    answers["family"]["phone"] = "8315550123"
    edited = api.put(
        f"/api/v1/coes/{coe_id}",
        as_user="recruiter1",
        json=coe_body(answers, base_version=1),
    )
    assert edited.status_code == 200
    rows = api.get("/api/v1/regional/coes?status=returned", as_user="regional1").json
    flags = {f["code"]: f for r in rows if r["id"] == coe_id for f in r["flags"]}
    assert flags["signature_invalid"]["detail"] == ["interviewee", "recruiter"]
    only_one = api.post(
        f"/api/v1/coes/{coe_id}/submit",
        as_user="recruiter1",
        json={"signatures": signatures()[1:]},
    )
    assert only_one.status_code == 422
    assert "signatures.interviewee" in only_one.json["error"]["fields"]
    both = api.post(
        f"/api/v1/coes/{coe_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    assert both.status_code == 200
    current = [s["role"] for s in both.json["signatures"] if s["current"]]
    assert sorted(current) == ["interviewee", "recruiter"]


# -- reopening ---------------------------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_state_admin_reopens_a_final_decision_with_a_reason(api, db_session, decision):
    coe_id = submit(api)
    body = (
        approval()
        if decision == "approve"
        else {"decision": "reject", "reasons": ["other"], "comment": "?"}
    )
    decided = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=body).json
    assert api.get(f"/api/v1/review/coes/{coe_id}", as_user="stateadmin").json["can_reopen"]

    no_reason = api.post(
        f"/api/v1/coes/{coe_id}/reopen", as_user="stateadmin", json={"reason": " "}
    )
    assert no_reason.status_code == 422
    assert no_reason.json["error"]["code"] == "coe.reopen_reason_required"
    missing = api.post(f"/api/v1/coes/{coe_id}/reopen", as_user="stateadmin", json={})
    assert missing.status_code == 422

    reopened = api.post(
        f"/api/v1/coes/{coe_id}/reopen",
        as_user="stateadmin",
        json={"reason": "The family's employer called: the dates were wrong."},
    )
    assert reopened.status_code == 200, reopened.json
    assert reopened.json["status"] == "submitted"
    assert reopened.json["decided_by_id"] is None
    assert reopened.json["decision_reasons"] is None
    event = db_session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.entity_id == coe_id, AuditEvent.action == "coe.reopened"
        )
    ).one()
    assert event.actor_role == "state_admin"
    assert event.details["previous_status"] == decided["status"]
    assert event.details["reason"].startswith("The family's employer")
    assert coe_id in [r["id"] for r in api.get("/api/v1/review/queue", as_user="supervisor1").json]

    # Decided again: a child numbered before keeps its number, and none is issued twice.
    before = db_session.scalar(sa.select(sa.func.count()).select_from(Child))
    again = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert again.status_code == 200, again.json
    assert db_session.scalar(sa.select(sa.func.count()).select_from(Child)) == before + (
        0 if decision == "approve" else 1
    )
    if decision == "approve":
        assert (
            again.json["children"][0]["statewide_number"]
            == decided["children"][0]["statewide_number"]
        )


@pytest.mark.parametrize("username", ["recruiter1", "supervisor1", "regional1"])
def test_only_a_state_admin_reopens(api, username):
    coe_id = submit(api)
    api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    response = api.post(f"/api/v1/coes/{coe_id}/reopen", as_user=username, json={"reason": "x"})
    assert response.status_code == 403
    assert response.json["error"]["code"] == "auth.forbidden"
    assert api.get(f"/api/v1/coes/{coe_id}", as_user="regional1").json["status"] == "approved"


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_only_a_final_decision_is_reopened(api, new_id, state):
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    if state != "draft":
        api.post(
            f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
        )
    if state == "returned":
        api.post(
            f"/api/v1/coes/{new_id}/review",
            as_user="supervisor1",
            json={"decision": "return", "reasons": ["missing_information"]},
        )
    response = api.post(f"/api/v1/coes/{new_id}/reopen", as_user="stateadmin", json={"reason": "x"})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "coe.not_reopenable"


def test_reopening_an_unknown_coe_is_404(api):
    response = api.post(
        f"/api/v1/coes/{uuid.uuid4()}/reopen", as_user="stateadmin", json={"reason": "x"}
    )
    assert response.status_code == 404


def test_the_queue_and_the_list_do_not_query_per_row(api, count_queries):
    def queries_for(url: str) -> int:
        count_queries.count = 0
        assert api.get(url, as_user="supervisor1").status_code == 200
        return count_queries.count

    submit(api)
    queue_one, list_one = queries_for("/api/v1/review/queue"), queries_for("/api/v1/regional/coes")
    for _more in range(4):
        submit(api)
    assert queries_for("/api/v1/review/queue") == queue_one
    assert queries_for("/api/v1/regional/coes") == list_one


def test_a_child_numbered_before_a_reopening_keeps_its_number(api):
    known = approve_known_child(api)
    coe_id = submit(api)
    api.post(f"/api/v1/coes/{coe_id}/children/0/confirm-new", as_user="supervisor1")
    approved = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    number = approved.json["children"][0]["statewide_number"]
    api.post(f"/api/v1/coes/{coe_id}/reopen", as_user="stateadmin", json={"reason": "Recheck."})
    url = f"/api/v1/coes/{coe_id}/children/0"
    for response in (
        api.call("DELETE", f"{url}/decision", as_user="regional1"),
        api.post(
            f"{url}/link",
            as_user="regional1",
            json={"child_id": known["children"][0]["child_id"]},
        ),
    ):
        assert response.status_code == 409
        assert response.json["error"]["code"] == "coe.child_numbered"
    again = api.post(f"/api/v1/coes/{coe_id}/review", as_user="supervisor1", json=approval())
    assert again.json["children"][0]["statewide_number"] == number
