"""The data-quality report: each check finds the demo record it is about, links to it, stays in
the reader's region, and comes as JSON or CSV."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.eligibility.models import Coe
from campo.history.models import ChildIndicators, MepService, SchoolEnrollment
from campo.reports.periods import Period
from tests.demo_fixtures import demo_fixture  # noqa: F401 - the "demo" fixture
from tests.factories import state_today

URL = "/api/v1/reports/data-quality"


def demo_coe(seed: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"campo-demo/{seed}")


def by_check(report: dict, check: str) -> list[dict]:
    return [issue for issue in report["issues"] if issue["check"] == check]


def test_each_check_finds_its_record_and_links_to_it(api, demo, db_session):
    long_ago = datetime.now(UTC) - timedelta(days=90)
    vang = db_session.get(Coe, demo_coe("vang"))
    vang.updated_at = long_ago
    ramirez = db_session.get(Coe, demo_coe("ramirez"))
    ramirez.duplicate_check = {
        "children": [
            {
                "position": 0,
                "candidates": [{"child_id": str(demo["Jesús"].id), "band": "possible"}],
            }
        ]
    }
    db_session.commit()
    returned = api.post(
        f"/api/v1/coes/{demo_coe('singh')}/review",
        as_user="supervisor2",
        json={"decision": "return", "reasons": ["comment_missing"], "comment": "Add it."},
    )
    assert returned.status_code == 200, returned.json

    report = api.get(URL, as_user="supervisor1", query_string={"stale_days": "30"}).json
    assert report["region"]["code"] == "16"
    [missing] = by_check(report, "coe.missing_required")
    assert missing["entity_id"] == str(vang.id)
    assert missing["url"] == f"/api/v1/coes/{vang.id}"
    assert "children.0.birth_date" in missing["detail"]
    assert "interview.interview_date" in missing["detail"]
    assert api.get(missing["url"], as_user="supervisor1").status_code == 200
    # The demo's own possible duplicate (a new move of a known child) is listed too.
    duplicates = {line["entity_id"]: line for line in by_check(report, "coe.unresolved_duplicates")}
    duplicate = duplicates[str(ramirez.id)]
    assert duplicate["detail"] == ["children.0"]
    [stale] = by_check(report, "coe.stale")
    assert stale["entity_id"] == str(vang.id)
    assert stale["since"] == long_ago.date().isoformat()
    # Region 23's returned COE is not region 16's business.
    assert by_check(report, "coe.returned_not_resubmitted") == []
    assert report["summary"]["coe.missing_required"] == 1

    theirs = api.get(URL, as_user="regional2").json
    [back] = by_check(theirs, "coe.returned_not_resubmitted")
    assert back["entity_id"] == str(demo_coe("singh"))
    assert back["detail"] == ["comment_missing"]
    assert back["region"]["code"] == "23"

    statewide = api.get(URL, as_user="stateadmin").json
    assert statewide["region"] is None
    assert {i["region"]["code"] for i in statewide["issues"]} == {"16", "23"}


def test_children_without_evidence_in_a_period_and_stale_children(api, demo, db_session):
    today = state_today()
    current = Period.containing(today)
    following = Period(current.start_year + 1)
    now = api.get(URL, as_user="regional1", query_string={"period": current.label}).json
    assert by_check(now, "child.no_evidence") == []
    # Still eligible next period, but nothing yet shows the children living here then.
    later = api.get(URL, as_user="regional1", query_string={"period": following.label}).json
    flagged = by_check(later, "child.no_evidence")
    assert {i["entity_id"] for i in flagged} == {str(demo["Ana Sofía"].id), str(demo["Jesús"].id)}
    assert flagged[0]["url"].endswith("/history")

    long_ago = datetime.now(UTC) - timedelta(days=120)
    db_session.execute(sa.update(Coe).values(updated_at=long_ago))
    for model in (SchoolEnrollment, MepService, ChildIndicators):
        db_session.execute(sa.update(model).values(updated_at=long_ago))
    demo["Jesús"].updated_at = long_ago
    db_session.commit()
    stale = by_check(api.get(URL, as_user="regional1").json, "child.stale")
    assert [i["entity_id"] for i in stale] == [str(demo["Jesús"].id)]


def test_the_report_comes_as_csv_too(api, demo):
    response = api.get(URL, as_user="regional1", query_string={"format": "csv"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows
    assert rows[0].keys() == {
        "check",
        "region_code",
        "entity_type",
        "entity_id",
        "url",
        "label",
        "detail",
        "since",
    }
    assert {row["check"] for row in rows} >= {"coe.missing_required"}
    accepted = api.get(URL, as_user="regional1", headers={"Accept": "text/csv"})
    assert accepted.mimetype == "text/csv"


def test_who_may_read_which_report(api, demo, db_session):
    assert api.get(URL, as_user="recruiter1").status_code == 403
    unknown = api.get(URL, as_user="stateadmin", query_string={"region_id": "999"})
    assert unknown.json["error"]["code"] == "region.not_found"
    other = api.get(URL, as_user="supervisor1", query_string={"region_id": "999"})
    assert other.status_code == 404
    bad_period = api.get(URL, as_user="supervisor1", query_string={"period": "2025-2027"})
    assert bad_period.json["error"]["code"] == "report.period_invalid"
    api.get(URL, as_user="supervisor1")
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "report.data_quality")
    ).one()
    assert event.details["counts"]["coe.missing_required"] == 1
