"""The child's whole history: one view of eligibility, school, courses and credits, assessments,
flags and other states' records; within the reader's region, audited, printable in en and es."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa
from pypdf import PdfReader

from campo.accounts.models import User
from campo.audit.models import AuditEvent
from campo.history.models import (
    AcademicIndicator,
    Assessment,
    ChildIndicators,
    CourseRecord,
    SchoolEnrollment,
)
from tests.api.test_msix import other_state_file
from tests.demo_fixtures import demo_fixture  # noqa: F401 - the "demo" fixture
from tests.factories import state_today


def record_school_history(db_session, child) -> None:
    """A high-school year for the child: enrollment, two courses, a test, the flags."""
    staff = db_session.scalar(sa.select(User.id).where(User.username == "regional1"))
    today = state_today()
    common = {"child_id": child.id, "region_id": child.region_id, "created_by_id": staff}
    db_session.add_all(
        [
            SchoolEnrollment(
                **common,
                enrollment_type="01",
                school_name="Alisal High School",
                district_name="Salinas Union High",
                grade="09",
                enrollment_date=today - timedelta(days=60),
                evidence_end_date=today + timedelta(days=200),
            ),
            CourseRecord(
                **common,
                course_title="Algebra I",
                school_year="2025-2026",
                term="semester1",
                final_grade="B",
                credits_attempted=Decimal("5.00"),
                credits_earned=Decimal("5.00"),
                passed=True,
                algebra1=True,
            ),
            CourseRecord(
                **common,
                course_title="English 9",
                school_year="2025-2026",
                term="semester1",
                final_grade="D",
                credits_attempted=Decimal("5.00"),
                credits_earned=Decimal("2.50"),
                passed=True,
            ),
            Assessment(
                **common,
                title="CAASPP Mathematics",
                content_area="Mathematics",
                assessment_type="09",
                administered_on=today - timedelta(days=30),
                score="2480",
                proficiency="nearly_met",
            ),
            AcademicIndicator(
                **common, kind="credit_deficient", observed_date=today - timedelta(days=20)
            ),
        ]
    )
    # The demo recorded the child's indicators already; the school corrects them.
    indicators = db_session.get(ChildIndicators, child.id) or ChildIndicators(child_id=child.id)
    indicators.state_student_id = "1234567890"
    indicators.english_learner, indicators.iep, indicators.medical_alert = True, False, "chronic"
    indicators.updated_by_id = staff
    db_session.add(indicators)
    db_session.commit()


def test_the_history_shows_everything_a_school_needs(api, demo, db_session):
    ana = demo["Ana Sofía"]
    record_school_history(db_session, ana)
    response = api.get(f"/api/v1/children/{ana.id}/history", as_user="regional1")
    assert response.status_code == 200, response.json
    history = response.json
    child = history["child"]
    assert child["statewide_number"] == ana.statewide_number
    assert child["state_student_id"] == "1234567890"
    assert child["region"]["code"] == "16"
    [coe] = history["coes"]
    assert coe["status"] == "approved"
    assert coe["move_from"] == "Yuma, AZ"
    [period] = history["eligibility_periods"]
    assert period["current"] is True
    assert history["eligible_until"] == period["end_date"] == coe["eligibility_end_date"]
    # Newest first: the school recorded here, then the demo's elementary school.
    assert [e["school_name"] for e in history["enrollments"]] == [
        "Alisal High School",
        "Alisal Elementary",
    ]
    assert {c["course_title"]: c["passed"] for c in history["courses"]} == {
        "Algebra I": True,
        "English 9": True,
    }
    assert Decimal(history["credits_earned"]) == Decimal("7.5")
    assert history["flags"] == {
        "english_learner": True,
        "iep": False,
        "medical_alert": "chronic",
        "graduation_date": None,
        "algebra1_passed": True,
        "at_risk_indicators": ["credit_deficient", "grade_retention"],
        # Moved 3 months ago; retained in grade (demo), behind in credits, math not met.
        "priority_for_services": True,
        "pfs_reasons": ["assessment_not_met", "grade_retention", "credit_deficient"],
    }
    assert [a["title"] for a in history["assessments"]] == ["CAASPP Mathematics", "ELPAC Summative"]
    assert history["assessments"][0]["proficiency"] == "nearly_met"
    assert [s["service_type"] for s in history["services"]] == ["reading"]
    assert history["other_states"] == []
    event = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "child.history_read")
    ).one()
    assert event.entity_id == str(ana.id)


def test_other_states_records_join_the_history(api, demo):
    ana = demo["Ana Sofía"]
    imported = api.post(
        "/api/v1/msix/imports",
        as_user="stateadmin",
        data=other_state_file(ana),
        headers={"Content-Type": "text/csv"},
    )
    assert imported.status_code == 201
    history = api.get(f"/api/v1/children/{ana.id}/history", as_user="recruiter1").json
    [arizona] = history["other_states"]
    assert arizona["state"] == "AZ"
    assert [r["school_or_project_name"] for r in arizona["records"]] == [
        "Crane Elementary",
        "Yuma Summer MEP",
    ]
    assert arizona["records"][0]["msix_id"] == "123456789012"
    assert arizona["records"][0]["eligibility_expiration_date"] == "2027-01-09"
    jesus = api.get(f"/api/v1/children/{demo['Jesús'].id}/history", as_user="recruiter1").json
    assert jesus["other_states"] == []


def test_another_regions_child_has_no_history_for_you(api, demo):
    ana = demo["Ana Sofía"]
    for url in (f"/api/v1/children/{ana.id}/history", f"/api/v1/children/{ana.id}/history.pdf"):
        response = api.get(url, as_user="recruiter2")
        assert response.status_code == 404
        assert response.json["error"]["code"] == "child.not_found"
    assert (
        api.get(f"/api/v1/children/{uuid.uuid4()}/history", as_user="stateadmin").status_code == 404
    )
    assert api.get(f"/api/v1/children/{ana.id}/history", as_user="stateadmin").status_code == 200


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_history_prints_in_english_and_spanish(api, demo, db_session):
    ana = demo["Ana Sofía"]
    record_school_history(db_session, ana)
    english = api.get(
        f"/api/v1/children/{ana.id}/history.pdf", as_user="regional1", query_string={"lang": "en"}
    )
    assert english.status_code == 200
    assert english.mimetype == "application/pdf"
    assert english.headers["Cache-Control"] == "no-store"
    text = pdf_text(english.data)
    for expected in (
        "Student history",
        "Ana Sofía",
        "1234567890",
        "Algebra I",
        "Alisal High School",
        "CAASPP Mathematics",
        "Yuma, AZ",
        "Eligible until",
        "Behind in credits toward graduation",
    ):
        assert expected in text, expected
    spanish = api.get(
        f"/api/v1/children/{ana.id}/history.pdf", as_user="regional1", query_string={"lang": "es"}
    )
    assert spanish.headers["Content-Language"] == "es"
    texto = pdf_text(spanish.data)
    for expected in ("Historial del estudiante", "Cursos", "Elegible hasta", "Ana Sofía"):
        assert expected in texto, expected
    assert "Student history" not in texto
    printed = db_session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "child.history_printed")
    ).all()
    assert len(printed) == 2
    bad = api.get(
        f"/api/v1/children/{ana.id}/history.pdf", as_user="regional1", query_string={"lang": "fr"}
    )
    assert bad.status_code == 422
