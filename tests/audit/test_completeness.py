"""Every endpoint is either audited (and the event says who, as what, where, when, from where)
or listed here with the reason it is not. A new endpoint fails the first test until it is."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.handover.sealing import seal_file
from tests.conftest import PASSWORD
from tests.factories import approval, coe_body, complete_answers, signatures, state_today

COE = "/api/v1/coes/<uuid:coe_id>"
CHILD = COE + "/children/<int:position>"
ITEM = "/api/v1/reinterviews/items/<uuid:item_id>"
SAMPLE = "/api/v1/reinterviews/samples/<uuid:sample_id>"

AUDITED = {
    ("POST", "/api/v1/auth/login"): "auth.login",
    ("GET", "/api/v1/coes"): "coe.listed",
    ("GET", COE): "coe.read",
    ("PUT", COE): "coe.created",
    ("POST", COE + "/submit"): "coe.submitted",
    ("POST", COE + "/review"): "coe.approved",
    ("GET", COE + "/documents/<string:kind>.pdf"): "document.rendered",
    ("POST", "/api/v1/duplicates/check"): "duplicates.checked",
    ("POST", CHILD + "/link"): "coe_child.linked",
    ("POST", CHILD + "/confirm-new"): "coe_child.confirmed_new",
    ("DELETE", CHILD + "/decision"): "coe_child.decision_undone",
    ("GET", "/api/v1/children/<uuid:child_id>"): "child.read",
    ("GET", "/api/v1/children/by-number/<string:number>"): "child.read",
    ("GET", "/api/v1/audit/events"): "audit.searched",
    ("GET", "/api/v1/audit/events.csv"): "audit.exported",
    ("POST", "/api/v1/reinterviews/samples"): "reinterview.sample_drawn",
    ("GET", SAMPLE): "reinterview.sample_read",
    ("GET", "/api/v1/reinterviews/items"): "reinterview.listed",
    ("POST", ITEM + "/assign"): "reinterview.assigned",
    ("POST", ITEM + "/outcome"): "reinterview.recorded",
    ("GET", "/api/v1/auth/device-key"): "auth.device_key",
    ("POST", "/api/v1/auth/logout"): "auth.logout",
    ("POST", "/api/v1/auth/password"): "auth.password_changed",
    ("POST", "/api/v1/handover/imports"): "handover.imported",
}

# Audited, with their events checked in their own tests (tests/api/test_history.py,
# test_locator.py, test_msix.py, test_child_history.py, test_data_quality.py, test_reports.py).
HISTORY_KINDS = {
    "enrollments": "school_enrollment",
    "services": "mep_service",
    "academic-indicators": "academic_indicator",
    "courses": "course_record",
    "assessments": "assessment",
}
CHILD_OF = "/api/v1/children/<uuid:child_id>/"
RECORD_OF = "/api/v1/history/{}/<uuid:record_id>"
HISTORY_ROUTES = {
    route: f"{entity}.{verb}"
    for kind, entity in HISTORY_KINDS.items()
    for route, verb in [
        (("GET", CHILD_OF + kind), "listed"),
        (("POST", CHILD_OF + kind), "create"),
        (("PATCH", RECORD_OF.format(kind)), "update"),
        (("DELETE", RECORD_OF.format(kind)), "delete"),
        (("POST", f"/api/v1/history/{kind}/import"), "import"),
    ]
}
AUDITED_ELSEWHERE = {
    **HISTORY_ROUTES,
    ("GET", "/api/v1/children/<uuid:child_id>/indicators"): "child_indicators.read",
    ("PATCH", "/api/v1/children/<uuid:child_id>/indicators"): "child_indicators.update",
    ("GET", "/api/v1/children/<uuid:child_id>/history"): "child.history_read",
    ("GET", "/api/v1/children/<uuid:child_id>/history.pdf"): "child.history_printed",
    (
        "GET",
        "/api/v1/children/<uuid:child_id>/priority-for-services",
    ): "child.priority_for_services",
    ("GET", "/api/v1/locator/search"): "locator.searched",
    ("POST", "/api/v1/locator/search"): "locator.searched",
    ("GET", "/api/v1/move-notices"): "move_notice.listed",
    ("POST", "/api/v1/move-notices"): "move_notice.sent",
    ("POST", "/api/v1/move-notices/incoming"): "move_notice.received",
    ("POST", "/api/v1/move-notices/<uuid:notice_id>/acknowledge"): "move_notice.acknowledged",
    ("GET", "/api/v1/msix/export"): "msix.exported",
    ("POST", "/api/v1/msix/imports"): "msix.imported",
    ("GET", "/api/v1/reports/child-count"): "report.child_count",
    ("GET", "/api/v1/reports/child-count/children"): "report.child_count.children",
    ("GET", "/api/v1/reports/data-quality"): "report.data_quality",
    ("GET", "/api/v1/reports/students"): "report.students",
    ("GET", "/api/v1/reports/students/export"): "report.students",
    ("GET", CHILD + "/comparison"): "child.read",
    ("GET", "/api/v1/regional/coes"): "coe.listed",
    ("GET", "/api/v1/regional/coes.csv"): "coe.exported",
    ("GET", "/api/v1/review/coes/<uuid:coe_id>"): "coe.read",
    ("GET", "/api/v1/review/queue"): "coe.listed",
    ("POST", COE + "/reopen"): "coe.reopened",
}

PUBLIC = "reference data anyone may read, no sign-in, nothing personal"
NOT_AUDITED = {
    ("POST", "/api/v1/auth/refresh"): "extends an audited sign-in; reads and changes nothing",
    ("GET", "/api/v1/me"): "the caller's own account",
    ("GET", "/api/v1/regions"): "the list of regions",
    ("GET", "/api/v1/review-reasons"): PUBLIC,
    ("GET", "/api/v1/reinterview-reasons"): PUBLIC,
    ("GET", "/api/v1/forms/<string:form_id>"): PUBLIC,
    ("GET", "/api/v1/forms/<string:form_id>/<string:version>"): PUBLIC,
    ("GET", "/api/v1/i18n/<string:language>"): PUBLIC,
    ("GET", "/api/v1/settings"): PUBLIC,
    ("GET", "/api/v1/statements"): PUBLIC,
    ("GET", "/api/v1/reinterviews/samples"): "samples' dates and sizes; no child is named",
    ("GET", SAMPLE + "/report"): "counts and a rate; no child is named",
    ("GET", ITEM + "/reinterviewers"): "staff names and roles; no child is named",
    ("GET", "/api/v1/handover/key"): "the server's public key; " + PUBLIC,
    ("GET", "/api/v1/history/codes"): "the code lists of history records; " + PUBLIC,
    ("GET", "/api/v1/regional/summary"): "counts by status, recruiter and age; no family named",
}


def test_every_endpoint_is_audited_or_says_why_not(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    classified = set(AUDITED) | set(AUDITED_ELSEWHERE) | set(NOT_AUDITED)
    unclassified = routes - classified
    assert not unclassified, f"say which event these record, or why none: {sorted(unclassified)}"
    assert not classified - routes, "classified routes that do not exist"


def test_the_events_named_for_routes_audited_elsewhere_are_recorded_by_the_code():
    # The action names are written by the services; a renamed action must be renamed here too.
    source = "\n".join(
        path.read_text(encoding="utf-8") for path in Path("backend/campo").rglob("*.py")
    )
    for action in set(AUDITED_ELSEWHERE.values()):
        entity, _, verb = action.partition(".")
        assert f'"{action}"' in source or f'.{verb}"' in source, action


class Trail:
    """Calls endpoints and checks the event each one must leave."""

    def __init__(self, api, db_session):
        self.api = api
        self.db = db_session
        self.exercised: set[tuple[str, str]] = set()
        self.users = {
            row.username: row
            for row in db_session.execute(
                sa.text("SELECT id, username, role, region_id FROM users")
            )
        }

    def call(self, method, rule, url, username, *, region=None, entity=None, **kwargs):
        response = self.api.call(method, url, as_user=username, **kwargs)
        assert response.status_code < 400, (method, url, response.json)
        action = AUDITED[(method, rule)]
        event = self.db.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq.desc())
        ).first()
        assert event is not None, action
        user = self.users[username]
        assert (event.actor_id, event.actor_role) == (user.id, user.role), action
        assert event.client_address, action
        assert datetime.now(UTC) - event.occurred_at < timedelta(minutes=5), action
        assert event.region_id == (user.region_id if region is None else region), action
        if entity is not None:
            assert event.entity_id == str(entity), action
        self.exercised.add((method, rule))
        return response


def test_each_audited_endpoint_records_who_what_where_when(api, db_session, client):
    trail = Trail(api, db_session)
    region_16 = trail.users["recruiter1"].region_id
    coe_id = str(uuid.uuid4())

    login = client.post("/api/v1/auth/login", json={"username": "recruiter1", "password": PASSWORD})
    assert login.status_code == 200
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "auth.login").order_by(AuditEvent.seq)
    ).all()[-1]
    assert event.actor_id == trail.users["recruiter1"].id
    assert event.client_address
    trail.exercised.add(("POST", "/api/v1/auth/login"))

    trail.call("PUT", COE, f"/api/v1/coes/{coe_id}", "recruiter1", entity=coe_id, json=coe_body())
    trail.call(
        "POST",
        "/api/v1/duplicates/check",
        "/api/v1/duplicates/check",
        "recruiter1",
        json={"first_name": "María José", "last_name_1": "Núñez", "birth_date": "2018-03-14"},
    )
    trail.call(
        "POST",
        COE + "/submit",
        f"/api/v1/coes/{coe_id}/submit",
        "recruiter1",
        entity=coe_id,
        json={"signatures": signatures()},
    )
    trail.call("GET", "/api/v1/coes", "/api/v1/coes", "regional1")
    trail.call("GET", COE, f"/api/v1/coes/{coe_id}", "regional1", entity=coe_id, region=region_16)
    trail.call(
        "POST",
        CHILD + "/confirm-new",
        f"/api/v1/coes/{coe_id}/children/0/confirm-new",
        "regional1",
        entity=coe_id,
    )
    trail.call(
        "DELETE",
        CHILD + "/decision",
        f"/api/v1/coes/{coe_id}/children/0/decision",
        "regional1",
        entity=coe_id,
    )
    approved = trail.call(
        "POST",
        COE + "/review",
        f"/api/v1/coes/{coe_id}/review",
        "supervisor1",
        entity=coe_id,
        json=approval(),
    ).json
    child = approved["children"][0]
    trail.call(
        "GET",
        "/api/v1/children/<uuid:child_id>",
        f"/api/v1/children/{child['child_id']}",
        "supervisor1",
        entity=child["child_id"],
    )
    trail.call(
        "GET",
        "/api/v1/children/by-number/<string:number>",
        f"/api/v1/children/by-number/{child['statewide_number']}",
        "regional1",
        entity=child["child_id"],
    )
    trail.call(
        "GET",
        COE + "/documents/<string:kind>.pdf",
        f"/api/v1/coes/{coe_id}/documents/letter.pdf",
        "regional1",
        entity=coe_id,
        region=region_16,
    )

    # A second COE whose child is linked to the first one's.
    second = str(uuid.uuid4())
    api.put(f"/api/v1/coes/{second}", as_user="recruiter1", json=coe_body(complete_answers()))
    trail.call(
        "POST",
        CHILD + "/link",
        f"/api/v1/coes/{second}/children/0/link",
        "recruiter1",
        entity=second,
        json={"child_id": child["child_id"]},
    )

    trail.call("GET", "/api/v1/audit/events", "/api/v1/audit/events", "stateadmin")
    trail.call("GET", "/api/v1/audit/events.csv", "/api/v1/audit/events.csv", "stateadmin")
    today = state_today()
    sample = trail.call(
        "POST",
        "/api/v1/reinterviews/samples",
        "/api/v1/reinterviews/samples",
        "stateadmin",
        json={
            "period_start": str(today - timedelta(days=1)),
            "period_end": str(today + timedelta(days=1)),
            "rate": 1,
        },
    ).json
    item = sample["items"][0]
    trail.call(
        "GET",
        SAMPLE,
        f"/api/v1/reinterviews/samples/{sample['id']}",
        "regional1",
        entity=sample["id"],
    )
    trail.call(
        "POST",
        ITEM + "/assign",
        f"/api/v1/reinterviews/items/{item['id']}/assign",
        "stateadmin",
        entity=item["id"],
        region=region_16,
        json={"reinterviewer_id": trail.users["regional1"].id},
    )
    trail.call("GET", "/api/v1/reinterviews/items", "/api/v1/reinterviews/items", "regional1")
    trail.call(
        "POST",
        ITEM + "/outcome",
        f"/api/v1/reinterviews/items/{item['id']}/outcome",
        "regional1",
        entity=item["id"],
        json={"outcome": "confirmed_eligible", "reinterview_date": str(today)},
    )
    trail.call(
        "GET",
        "/api/v1/auth/device-key",
        "/api/v1/auth/device-key",
        "recruiter1",
        entity=trail.users["recruiter1"].id,
    )
    key = api.get("/api/v1/handover/key").json
    sealed = seal_file(
        base64.b64decode(key["public_key"]),
        {"owner": {"id": trail.users["recruiter1"].id, "username": "recruiter1"}, "records": []},
    )
    trail.call(
        "POST",
        "/api/v1/handover/imports",
        "/api/v1/handover/imports",
        "regional1",
        entity=trail.users["recruiter1"].id,
        json=sealed,
    )
    trail.call(
        "POST",
        "/api/v1/auth/password",
        "/api/v1/auth/password",
        "supervisor2",
        entity=trail.users["supervisor2"].id,
        json={"current_password": PASSWORD, "new_password": "four calm orchard paths"},
    )
    tokens = client.post(
        "/api/v1/auth/login", json={"username": "regional2", "password": PASSWORD}
    ).json
    out = client.post(
        "/api/v1/auth/logout",
        json={},
        headers={"Authorization": f"Bearer {tokens['refresh_token']}"},
    )
    assert out.status_code == 204
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "auth.logout").order_by(AuditEvent.seq)
    ).all()[-1]
    assert (event.actor_id, event.region_id) == (
        trail.users["regional2"].id,
        trail.users["regional2"].region_id,
    )
    assert event.client_address
    trail.exercised.add(("POST", "/api/v1/auth/logout"))
    assert trail.exercised == set(AUDITED)
