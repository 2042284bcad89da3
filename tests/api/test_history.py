"""Recording and correcting a child's history through the API: roles, regions, validation,
audit, and the all-or-nothing CSV import."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from campo.audit.models import AuditEvent
from campo.families.studentnumbers import make_student_number
from campo.history.models import MepService, SchoolEnrollment
from tests.records import make_child, make_coe, region_id

ENROLLMENT = {
    "enrollment_type": "01",
    "school_name": "Alisal Elementary",
    "school_id": "060001234567",
    "district_name": "Alisal Union",
    "grade": "03",
    "enrollment_date": "2025-09-03",
}
SAMPLES = {
    "enrollments": ENROLLMENT,
    "services": {"service_type": "reading", "term": "summer", "start_date": "2026-07-01"},
    "academic-indicators": {"kind": "grade_retention", "observed_date": "2025-06-10"},
    "courses": {
        "course_title": "Algebra I",
        "school_year": "2025-2026",
        "term": "full_year",
        "credits_earned": 5.0,
        "passed": True,
        "algebra1": True,
    },
    "assessments": {
        "title": "CAASPP Mathematics",
        "administered_on": "2026-04-20",
        "proficiency": "not_met",
    },
}


@pytest.fixture
def child(db_session):
    return make_child(db_session, birth_date=date(2017, 3, 14), region="16")


def url(child, kind="enrollments"):
    return f"/api/v1/children/{child.id}/{kind}"


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_regional_staff_record_list_correct_and_delete_each_kind(api, db_session, child, kind):
    response = api.post(url(child, kind), as_user="regional1", json=SAMPLES[kind])
    assert response.status_code == 201, response.json
    record = response.json
    assert record["region_id"] == region_id(db_session, "16")
    assert api.get(url(child, kind), as_user="regional1").json == [record]
    first = next(iter(SAMPLES[kind]))
    patch = (
        {"comment": "corrected"} if kind not in ("courses", "assessments") else {"score": "2410"}
    )
    if kind == "courses":
        patch = {"final_grade": "B+"}
    response = api.call(
        "PATCH", f"/api/v1/history/{kind}/{record['id']}", as_user="regional1", json=patch
    )
    assert response.status_code == 200, response.json
    assert response.json[next(iter(patch))] == next(iter(patch.values()))
    assert response.json[first] == record[first]
    actions = list(
        db_session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.entity_id == record["id"])
            .order_by(AuditEvent.seq)
        )
    )
    assert [a.rsplit(".", 1)[1] for a in actions] == ["create", "update"]
    response = api.call("DELETE", f"/api/v1/history/{kind}/{record['id']}", as_user="regional1")
    assert response.status_code == 204
    assert api.get(url(child, kind), as_user="regional1").json == []


def test_an_open_enrollment_is_evidence_to_the_end_of_its_period(api, child):
    response = api.post(url(child), as_user="regional1", json=ENROLLMENT)
    assert response.json["evidence_end_date"] == "2026-08-31"
    response = api.call(
        "PATCH",
        f"/api/v1/history/enrollments/{response.json['id']}",
        as_user="regional1",
        json={"withdrawal_date": "2025-12-19"},
    )
    assert response.json["evidence_end_date"] == "2025-12-19"


def test_a_service_without_end_date_lasts_one_day(api, child):
    response = api.post(url(child, "services"), as_user="regional1", json=SAMPLES["services"])
    assert response.json["end_date"] == "2026-07-01"


@pytest.mark.parametrize("username", ["recruiter1", "supervisor1"])
def test_only_regional_staff_and_the_state_write_history(api, child, username):
    response = api.post(url(child), as_user=username, json=ENROLLMENT)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "auth.forbidden"


def test_another_region_sees_neither_the_child_nor_its_records(api, child):
    record = api.post(url(child), as_user="regional1", json=ENROLLMENT).json
    for response in (
        api.get(url(child), as_user="regional2"),
        api.post(url(child), as_user="regional2", json=ENROLLMENT),
        api.get(f"/api/v1/children/{child.id}/indicators", as_user="regional2"),
    ):
        assert response.status_code == 404
        assert response.json["error"]["code"] == "child.not_found"
    for method in ("PATCH", "DELETE"):
        response = api.call(
            method,
            f"/api/v1/history/enrollments/{record['id']}",
            as_user="regional2",
            json={"grade": "04"} if method == "PATCH" else None,
        )
        assert response.status_code == 404
        assert response.json["error"]["code"] == "history.not_found"


def test_a_region_with_a_coe_for_the_child_records_its_own_rows(api, db_session, child):
    make_coe(db_session, child, qad=date(2025, 10, 1), eoe=date(2028, 9, 30), region="23")
    api.post(url(child), as_user="regional1", json=ENROLLMENT)
    response = api.post(
        url(child), as_user="regional2", json={**ENROLLMENT, "school_name": "Yuma Elementary"}
    )
    assert response.status_code == 201
    assert response.json["region_id"] == region_id(db_session, "23")
    # Each region lists only its own rows; the state sees both.
    assert [r["school_name"] for r in api.get(url(child), as_user="regional2").json] == [
        "Yuma Elementary"
    ]
    assert len(api.get(url(child), as_user="stateadmin").json) == 2


def test_regional_staff_cannot_record_for_another_region(api, db_session, child):
    response = api.post(
        url(child),
        as_user="regional1",
        json={**ENROLLMENT, "region_id": region_id(db_session, "23")},
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "history.invalid"
    assert "region_id" in response.json["error"]["fields"]


def test_a_state_admin_names_the_region(api, db_session, child):
    response = api.post(url(child), as_user="stateadmin", json=ENROLLMENT)
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["region_id"]
    response = api.post(url(child), as_user="stateadmin", json={**ENROLLMENT, "region_id": 999999})
    assert response.json["error"]["fields"] == {"region_id": ["This region does not exist."]}
    response = api.post(
        url(child),
        as_user="stateadmin",
        json={**ENROLLMENT, "region_id": region_id(db_session, "23")},
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "field", "message_es"),
    [
        (
            {**ENROLLMENT, "withdrawal_date": "2025-09-02"},
            "withdrawal_date",
            "Esta fecha no puede ser anterior a la primera fecha del registro.",
        ),
        (
            {**ENROLLMENT, "enrollment_date": "2016-09-01"},
            "enrollment_date",
            "Esta fecha es anterior a la fecha de nacimiento del niño.",
        ),
    ],
    ids=["withdrawal-before-enrollment", "before-birth"],
)
def test_dates_that_do_not_fit_are_refused_in_spanish(api, child, body, field, message_es):
    response = api.post(url(child), as_user="regional1", json=body, language="es")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "history.invalid"
    assert response.json["error"]["fields"] == {field: [message_es]}


def test_a_correction_is_checked_against_the_stored_values(api, child):
    record = api.post(url(child), as_user="regional1", json=ENROLLMENT).json
    response = api.call(
        "PATCH",
        f"/api/v1/history/enrollments/{record['id']}",
        as_user="regional1",
        json={"withdrawal_date": "2025-01-01"},
    )
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["withdrawal_date"]


@pytest.mark.parametrize(
    "body",
    [
        {**ENROLLMENT, "grade": "13"},
        {**ENROLLMENT, "enrollment_type": "07"},
        {**ENROLLMENT, "school_name": ""},
        {**ENROLLMENT, "enrollment_date": "2025-02-30"},
        {**ENROLLMENT, "unknown": 1},
        {k: v for k, v in ENROLLMENT.items() if k != "school_name"},
    ],
    ids=["grade", "type", "empty-name", "bad-date", "unknown-field", "missing-name"],
)
def test_bad_values_are_a_coded_422(api, child, body):
    response = api.post(url(child), as_user="regional1", json=body)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "request.invalid"


def test_indicators_are_recorded_corrected_and_unique_by_state_student_id(api, db_session, child):
    empty = api.get(f"/api/v1/children/{child.id}/indicators", as_user="regional1").json
    assert empty["english_learner"] is None
    assert empty["state_student_id"] is None
    response = api.call(
        "PATCH",
        f"/api/v1/children/{child.id}/indicators",
        as_user="regional1",
        json={"english_learner": True, "state_student_id": "1234567890", "medical_alert": "acute"},
    )
    assert response.status_code == 200
    response = api.call(
        "PATCH", f"/api/v1/children/{child.id}/indicators", as_user="regional1", json={"iep": True}
    )
    assert response.json["english_learner"] is True
    assert response.json["iep"] is True
    other = make_child(db_session, birth_date=date(2016, 1, 1))
    response = api.call(
        "PATCH",
        f"/api/v1/children/{other.id}/indicators",
        as_user="regional1",
        json={"state_student_id": "1234567890"},
    )
    assert response.status_code == 409
    assert response.json["error"]["code"] == "history.state_student_id_taken"
    fields = db_session.scalars(
        sa.select(AuditEvent.changed_fields).where(AuditEvent.action == "child_indicators.update")
    ).all()
    assert fields == [["english_learner", "medical_alert", "state_student_id"], ["iep"]]


def test_the_code_lists_are_labelled_in_the_request_language(api):
    codes = api.get("/api/v1/history/codes", language="es").json
    assert {"code": "06", "label": "Solo residencia"} in codes["enrollment_types"]
    assert {"code": "05", "label": "Grado 5"} in codes["grades"]


# -- CSV import ---------------------------------------------------------------------------


def csv_post(api, body, kind="enrollments", as_user="regional1", **kwargs):
    return api.call(
        "POST",
        f"/api/v1/history/{kind}/import",
        as_user=as_user,
        data=body.encode(),
        headers={"Content-Type": "text/csv"},
        **kwargs,
    )


def test_an_import_writes_every_row(api, db_session, child):
    other = make_child(db_session, birth_date=date(2012, 1, 1))
    body = (
        "statewide_number,enrollment_type,school_name,grade,enrollment_date,withdrawal_date\n"
        f"{child.statewide_number},01,Alisal Elementary,03,2025-09-03,\n"
        f"{other.statewide_number},01,El Sausal Middle,08,2025-09-03,2026-06-05\n"
        f"{child.statewide_number},06,Residency,,2026-07-01,2026-07-31\n"
    )
    response = csv_post(api, body)
    assert response.status_code == 200, response.json
    assert response.json == {"kind": "enrollments", "rows": 3, "created": 3, "updated": 0}
    rows = db_session.scalars(sa.select(SchoolEnrollment).order_by(SchoolEnrollment.school_name))
    assert [(r.school_name, r.evidence_end_date) for r in rows] == [
        ("Alisal Elementary", date(2026, 8, 31)),
        ("El Sausal Middle", date(2026, 6, 5)),
        ("Residency", date(2026, 7, 31)),
    ]
    event = db_session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "school_enrollment.import")
    )
    assert event.details["created"] == 3


def test_an_import_with_a_bad_row_writes_nothing_and_lists_every_error(api, db_session, child):
    foreign = make_child(db_session, birth_date=date(2012, 1, 1), region="23")
    body = (
        "statewide_number,service_type,term,start_date,end_date\n"
        f"{child.statewide_number},reading,summer,2026-07-01,2026-07-20\n"
        f"{child.statewide_number},reading,winter,2026-07-01,2026-06-20\n"
        f"{make_student_number('CA', 8_888_888)},reading,summer,2026-07-01,\n"
        "CA00000000019,reading,summer,2026-07-01,\n"
        f"{foreign.statewide_number},reading,summer,2026-07-01,\n"
        f"{child.statewide_number},reading,summer,2026-07-10,2026-07-01\n"
    )
    response = csv_post(api, body, kind="services", language="es")
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "history.import_invalid"
    found = [(p["line"], p["field"], p["code"]) for p in error["problems"]]
    assert found == [
        (3, "term", "history.invalid"),
        (4, "statewide_number", "child.not_found"),
        (5, "statewide_number", "student_number.invalid"),
        (6, "statewide_number", "child.not_found"),
        (7, "end_date", "history.invalid"),
    ]
    assert error["problems"][0]["message"] == "Este no es uno de los valores permitidos."
    assert db_session.scalar(sa.select(sa.func.count()).select_from(MepService)) == 0


def test_an_import_corrects_rows_by_id(api, db_session, child):
    record = api.post(url(child), as_user="regional1", json=ENROLLMENT).json
    body = (
        f"id,statewide_number,withdrawal_date\n{record['id']},{child.statewide_number},2026-01-30\n"
    )
    response = csv_post(api, body)
    assert response.json == {"kind": "enrollments", "rows": 1, "created": 0, "updated": 1}
    assert api.get(url(child), as_user="regional1").json[0]["evidence_end_date"] == "2026-01-30"
    # Another region's import cannot reach the record.
    make_coe(db_session, child, qad=date(2025, 10, 1), eoe=date(2028, 9, 30), region="23")
    response = csv_post(api, body, as_user="regional2")
    assert [p["field"] for p in response.json["error"]["problems"]] == ["id"]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1252"), ("\t", "utf-16"), (",", "utf-8-sig")],
    ids=["excel-spanish", "excel-unicode-text", "utf8-bom"],
)
def test_an_import_saved_by_a_spreadsheet_is_read(api, db_session, child, delimiter, encoding):
    body = (
        delimiter.join(["statewide_number", "enrollment_type", "school_name", "enrollment_date"])
        + "\r\n"
        + delimiter.join([child.statewide_number, "01", "Escuela Peña Ñuñoa", "2025-09-03"])
        + "\r\n"
    )
    response = api.call(
        "POST",
        "/api/v1/history/enrollments/import",
        as_user="regional1",
        data=body.encode(encoding),
        headers={"Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.json
    assert response.json["created"] == 1
    names = db_session.scalars(sa.select(SchoolEnrollment.school_name)).all()
    assert names == ["Escuela Peña Ñuñoa"]


@pytest.mark.parametrize(
    "body",
    [b"", b"\xff\xfe\x00bad", b"school_name,grade\nA,03\n", b"statewide_number\x81\n"],
    ids=["empty", "not-utf8", "no-number-column", "undefined-in-cp1252"],
)
def test_an_unreadable_import_is_refused(api, body):
    response = api.call(
        "POST",
        "/api/v1/history/enrollments/import",
        as_user="regional1",
        data=body,
        headers={"Content-Type": "text/csv"},
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "history.import_unreadable"


def test_importing_needs_a_writer_role(api, child):
    response = csv_post(api, "statewide_number\n", as_user="recruiter1")
    assert response.status_code == 403
