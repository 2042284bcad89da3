"""Audit search and CSV export: state admins only, by child, user, period and action; audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from tests.factories import approval, coe_body, signatures, state_today


@pytest.fixture
def approved(api, new_id):
    """An approved COE (one child) whose child's record regional1 has read."""
    api.put(f"/api/v1/coes/{new_id}", as_user="recruiter1", json=coe_body())
    api.post(
        f"/api/v1/coes/{new_id}/submit", as_user="recruiter1", json={"signatures": signatures()}
    )
    body = api.post(f"/api/v1/coes/{new_id}/review", as_user="supervisor1", json=approval()).json
    child = body["children"][0]
    assert api.get(f"/api/v1/children/{child['child_id']}", as_user="regional1").status_code == 200
    return {"coe_id": new_id, **child}


def search(api, query: str, as_user: str = "stateadmin"):
    return api.get(f"/api/v1/audit/events?{query}", as_user=as_user)


def test_search_by_child_finds_its_record_and_its_coes_newest_first(api, approved):
    by_number = search(api, f"child={approved['statewide_number']}&page_size=100")
    assert by_number.status_code == 200, by_number.json
    events = by_number.json
    actions = [e["action"] for e in events]
    assert actions[0] == "child.read"  # the latest: regional1's read
    assert {"coe.created", "coe.submitted", "coe.approved", "child.created"} <= set(actions)
    assert [e["seq"] for e in events] == sorted((e["seq"] for e in events), reverse=True)
    read = events[0]
    assert read["actor_username"] == "regional1"
    assert read["actor_role"] == "regional_staff"
    assert read["entity_id"] == approved["child_id"]
    assert read["region_id"] is not None
    assert read["occurred_at"]
    assert len(read["hash"]) == 64
    assert json.loads(by_number.headers["X-Pagination"])["total"] == len(events)
    # The id, and the number as people write it, find the same events.
    display = (
        f"{approved['statewide_number'][:2]}-{approved['statewide_number'][2:12]}-"
        + (approved["statewide_number"][12:])
    )
    for query in (f"child={approved['child_id']}", f"child={display.lower()}"):
        assert [e["id"] for e in search(api, query + "&page_size=100").json] == [
            e["id"] for e in events
        ]


def test_search_by_user_action_and_period(api, approved):
    mine = search(api, "user=supervisor1&page_size=100").json
    assert mine
    assert {e["actor_username"] for e in mine} == {"supervisor1"}
    supervisor_id = mine[0]["actor_id"]
    assert [e["id"] for e in search(api, f"user={supervisor_id}&page_size=100").json] == [
        e["id"] for e in mine
    ]
    approved_events = search(api, "action=coe.approved").json
    assert [e["entity_id"] for e in approved_events] == [approved["coe_id"]]
    prefixed = search(api, "action=coe.*&page_size=100").json
    assert prefixed
    assert all(e["action"].startswith("coe.") for e in prefixed)
    today = state_today()
    assert search(api, f"action=coe.approved&from={today - timedelta(days=1)}&to={today}").json
    later = today + timedelta(days=2)
    assert search(api, f"action=coe.approved&from={later}").json == []
    assert search(api, "user=nobody-by-that-name").json == []


def test_pagination(api, approved):
    # (Each search adds an audit.searched event: filter them out so pages stay put.)
    first = search(api, "action=coe.*&page=1&page_size=2")
    second = search(api, "action=coe.*&page=2&page_size=2")
    assert json.loads(first.headers["X-Pagination"])["total"] == 3  # created, submitted, approved
    assert len(first.json) == 2
    assert len(second.json) == 1
    assert first.json[-1]["seq"] > second.json[0]["seq"]
    assert search(api, "page=100000&page_size=100").json == []


def test_pages_held_at_the_first_pages_newest_event_do_not_move(api, approved):
    first = search(api, "page=1&page_size=3").json
    newest = first[0]["seq"]
    # Every search is an event: without until_seq page 2 would now start further back.
    second = search(api, f"until_seq={newest}&page=2&page_size=3").json
    again = search(api, f"until_seq={newest}&page=1&page_size=3").json
    assert again == first
    assert second[0]["seq"] == first[-1]["seq"] - 1
    assert search(api, "until_seq=-1").status_code == 422
    assert search(api, "until_seq=1.5").status_code == 422


def test_bad_searches_are_coded_4xx(api):
    wrong_digit = search(api, "child=CA00000000012")
    assert wrong_digit.status_code == 422
    assert wrong_digit.json["error"]["code"] == "student_number.invalid"
    backwards = search(api, "from=2026-11-20&to=2026-11-01")
    assert backwards.status_code == 422
    assert backwards.json["error"]["code"] == "request.period_invalid"
    assert search(api, "from=yesterday").status_code == 422
    unknown = search(api, "child=7d0c0a0e-8a4e-4a55-9d39-2d2b5f7c6a11")
    assert unknown.status_code == 200
    assert unknown.json == []


def test_the_search_itself_is_audited(api, db_session):
    assert search(api, "action=coe.read&user=regional1", as_user="stateadmin").status_code == 200
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "audit.searched")
    ).one()
    assert event.actor_role == "state_admin"
    assert event.details["query"] == {"action": "coe.read", "user": "regional1"}
    assert event.client_address


@pytest.mark.parametrize(
    "username", ["recruiter1", "supervisor1", "regional1", "recruiter2", "regional2"]
)
def test_only_state_admins_search_or_export(api, approved, username):
    for url in ("/api/v1/audit/events", "/api/v1/audit/events.csv"):
        response = api.get(f"{url}?child={approved['child_id']}", as_user=username)
        assert response.status_code == 403
        assert response.json["error"]["code"] == "auth.forbidden"
    assert api.get("/api/v1/audit/events").status_code == 401


def test_csv_export_has_every_matching_event_and_names_fields_only(api, approved, db_session):
    coe_id = approved["coe_id"]
    response = api.get(f"/api/v1/audit/events.csv?child={coe_id}", as_user="stateadmin")
    assert response.status_code == 200  # a COE id is not a child id: no events, header only
    assert response.text.splitlines()[0].startswith("id,seq,occurred_at")
    assert len(response.text.splitlines()) == 1

    exported = api.get(
        f"/api/v1/audit/events.csv?child={approved['statewide_number']}", as_user="stateadmin"
    )
    assert exported.status_code == 200
    assert exported.mimetype == "text/csv"
    assert "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    listed = search(api, f"child={approved['statewide_number']}&page_size=100").json
    assert [int(r["id"]) for r in rows] == [e["id"] for e in listed]
    created = next(r for r in rows if r["action"] == "coe.created")
    assert "answers.family.parent1_last_name" in created["changed_fields"].split(";")
    assert "Núñez" not in exported.text  # field names, never values
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "audit.exported").order_by(AuditEvent.seq)
    ).all()[-1]
    assert event.details["total"] == len(rows)


def test_the_last_day_there_is_does_not_overflow(api):
    response = search(api, "from=0001-01-01&to=9999-12-31&action=auth.login")
    assert response.status_code == 200
    assert search(api, "from=9999-12-31").json == []
    assert search(api, "to=0001-01-01").json == []
