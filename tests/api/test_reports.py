"""Report endpoints: counts (JSON, CSV), drill-down, PFS lists and export; access and audit."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.history.models import AcademicIndicator
from tests.records import enroll, indicators, make_child, make_coe, region_id, serve

COUNT = "/api/v1/reports/child-count?period=2025-2026"


@pytest.fixture
def population(db_session):
    """Three children in 16 (one also served in 23's summer school), two in 23."""
    made = []
    for n in range(5):
        region = "16" if n < 3 else "23"
        child = make_child(db_session, birth_date=date(2015, 1, 1 + n), region=region)
        make_coe(db_session, child, qad=date(2025, 7, 1), eoe=date(2028, 6, 30), region=region)
        enroll(db_session, child, date(2025, 9, 3), grade="05", region=region)
        made.append(child)
    serve(db_session, made[0], date(2026, 7, 6), date(2026, 7, 24), region="23")
    return made


def test_the_state_sees_the_unduplicated_statewide_count(api, db_session, population):
    response = api.get(COUNT, as_user="stateadmin")
    assert response.status_code == 200
    body = response.json
    assert (body["category1"], body["category2"], body["region_id"]) == (5, 1, None)
    assert (body["start"], body["end"]) == ("2025-09-01", "2026-08-31")
    regions = {line["region_code"]: line for line in body["by_region"]}
    assert (regions["16"]["category1"], regions["16"]["category2"]) == (3, 0)
    # The child served in 23 counts there too: regions add up to more than the state.
    assert (regions["23"]["category1"], regions["23"]["category2"]) == (3, 1)
    grade5 = next(line for line in body["by_bucket"] if line["bucket"] == "05")
    assert grade5 == {"bucket": "05", "label": "Grade 5", "category1": 5, "category2": 1}
    event = db_session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "report.child_count")
    )
    assert event.details == {"period": "2025-2026", "category1": 5, "category2": 1}


def test_a_region_sees_its_own_numbers_only(api, db_session, population):
    body = api.get(COUNT, as_user="regional1").json
    assert (body["category1"], body["category2"]) == (3, 0)
    assert body["region_id"] == region_id(db_session, "16")
    assert [line["region_code"] for line in body["by_region"]] == ["16"]
    body = api.get(COUNT, as_user="recruiter2").json
    assert (body["category1"], body["category2"]) == (3, 1)


@pytest.mark.parametrize(
    ("suffix", "headers"),
    [("&format=csv", {}), ("", {"Accept": "text/csv"})],
    ids=["query", "accept"],
)
def test_the_count_as_csv(api, population, suffix, headers):
    response = api.get(COUNT + suffix, as_user="stateadmin", headers=headers, language="es")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["line", "key", "label", "category1", "category2"]
    assert rows[1] == ["total", "", "Total, sin duplicados", "5", "1"]
    assert ["age_grade", "05", "Grado 5", "5", "1"] in rows


def test_json_stays_the_default(api, population):
    response = api.get(COUNT, as_user="stateadmin", headers={"Accept": "*/*"})
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("period", ["2025", "2025-2027", "abcd-efgh", "2026-2025", ""])
def test_a_bad_period_is_a_coded_422(api, period):
    response = api.get(f"/api/v1/reports/child-count?period={period}", as_user="stateadmin")
    assert response.status_code == 422
    assert response.json["error"]["code"] in ("report.period_invalid", "request.invalid")
    if period:
        assert response.json["error"]["code"] == "report.period_invalid"


def test_the_count_needs_a_sign_in(api):
    assert api.get(COUNT).status_code == 401


def test_drill_down_pages_through_the_children_behind_a_number(api, db_session, population):
    url = "/api/v1/reports/child-count/children?period=2025-2026&page_size=2"
    response = api.get(url, as_user="stateadmin")
    assert response.status_code == 200
    assert json.loads(response.headers["X-Pagination"])["total"] == 5
    numbers = [row["statewide_number"] for row in response.json]
    numbers += [
        row["statewide_number"] for row in api.get(url + "&page=2", as_user="stateadmin").json
    ]
    numbers += [
        row["statewide_number"] for row in api.get(url + "&page=3", as_user="stateadmin").json
    ]
    assert numbers == sorted(c.statewide_number for c in population)
    served = api.get(url + "&category=2", as_user="stateadmin").json
    assert [row["child_id"] for row in served] == [str(population[0].id)]
    # The COE's own day (its QAD) is before the period: the school and the summer service count.
    assert {e["kind"] for e in served[0]["evidence"]} == {"enrollment", "service"}
    event = db_session.scalar(
        sa.select(AuditEvent)
        .where(AuditEvent.action == "report.child_count.children")
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    assert event.details["child_ids"] == [str(population[0].id)]


def test_drill_down_stays_within_the_region(api, db_session, population):
    r16 = region_id(db_session, "16")
    url = "/api/v1/reports/child-count/children?period=2025-2026"
    rows = api.get(url, as_user="regional2").json
    # 23's own children, and the child of 16 who came to 23's summer school.
    expected = [population[0], population[3], population[4]]
    assert {row["child_id"] for row in rows} == {str(c.id) for c in expected}
    response = api.get(f"{url}&region_id={r16}", as_user="regional2")
    assert response.status_code == 200
    assert response.json == []
    assert json.loads(response.headers["X-Pagination"])["total"] == 0


def test_drill_down_by_age_and_grade_line(api, population):
    url = "/api/v1/reports/child-count/children?period=2025-2026&bucket="
    assert len(api.get(url + "05", as_user="stateadmin").json) == 5
    assert api.get(url + "KG", as_user="stateadmin").json == []
    response = api.get(url + "13", as_user="stateadmin")
    assert response.status_code == 422


@pytest.fixture
def pfs_child(db_session):
    child = make_child(db_session, birth_date=date(2012, 2, 2), region="16")
    make_coe(db_session, child, qad=date(2025, 10, 1), eoe=date(2028, 9, 30), region="16")
    enroll(db_session, child, date(2025, 10, 6), grade="08", school_name="El Sausal Middle")
    indicators(db_session, child, english_learner=True)
    db_session.add(
        AcademicIndicator(
            child_id=child.id,
            region_id=region_id(db_session, "16"),
            kind="dropped_out",
            observed_date=date(2026, 2, 1),
        )
    )
    db_session.flush()
    return child


def test_a_childs_priority_for_services_with_reasons(api, pfs_child):
    url = f"/api/v1/children/{pfs_child.id}/priority-for-services?as_of=2026-03-01"
    body = api.get(url, as_user="regional1", language="es").json
    assert body["priority_for_services"] is True
    assert body["reasons"] == ["dropped_out"]
    assert body["reason_labels"] == ["Abandonó la escuela"]
    later = api.get(url.replace("2026-03-01", "2026-10-01"), as_user="regional1").json
    assert later["priority_for_services"] is False
    assert later["qualifying_move_within_year"] is False
    response = api.get(url, as_user="regional2")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "child.not_found"


def test_student_lists_and_their_csv_export(api, db_session, pfs_child):
    base = "/api/v1/reports/students?as_of=2026-03-01"
    rows = api.get(base + "&list=pfs", as_user="regional1").json
    assert [(r["statewide_number"], r["school_name"]) for r in rows] == [
        (pfs_child.statewide_number, "El Sausal Middle")
    ]
    assert api.get(base + "&list=english_learner", as_user="regional1").json[0]["english_learner"]
    assert api.get(base + "&list=iep", as_user="regional1").json == []
    assert api.get(base + "&list=pfs", as_user="regional2").json == []
    assert api.get(base + "&list=pfs&school=Other", as_user="stateadmin").json == []
    response = api.get(
        "/api/v1/reports/students/export?as_of=2026-03-01&list=pfs",
        as_user="stateadmin",
        language="es",
    )
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    assert rows[0]["statewide_number"] == pfs_child.statewide_number
    assert rows[0]["reasons"] == "Abandonó la escuela"
    actions = db_session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.action == "report.students")
    ).all()
    assert len(actions) == 6
