"""Priority for Services: the federal definition, case by case."""

from __future__ import annotations

from datetime import date

import pytest

from campo.history.models import AcademicIndicator, Assessment, CourseRecord
from campo.reports import pfs
from campo.reports.pfs import ListQuery, PfsCriteria
from tests.records import enroll, indicators, make_child, make_coe, region_id

AS_OF = date(2026, 3, 1)


def mover(session, qad=date(2025, 10, 1), birth=date(2014, 4, 4), region="16"):
    child = make_child(session, birth_date=birth)
    make_coe(session, child, qad=qad, eoe=date(qad.year + 3, qad.month, qad.day), region=region)
    return child


def add(session, row):
    session.add(row)
    session.flush()
    return row


def indicator(session, child, kind, observed=date(2025, 11, 1), resolved=None):
    return add(
        session,
        AcademicIndicator(
            child_id=child.id,
            region_id=region_id(session, "16"),
            kind=kind,
            observed_date=observed,
            resolved_date=resolved,
        ),
    )


def determination(session, child, criteria=PfsCriteria()):
    return pfs.determination(session, child.id, AS_OF, criteria)


def test_a_recent_mover_who_dropped_out_has_priority(db_session):
    child = mover(db_session)
    indicator(db_session, child, "dropped_out")
    result = determination(db_session, child)
    assert result["priority_for_services"] is True
    assert result["reasons"] == ["dropped_out"]
    assert result["qualifying_arrival_date"] == date(2025, 10, 1)


def test_a_recent_mover_without_risk_has_no_priority(db_session):
    child = mover(db_session)
    result = determination(db_session, child)
    assert result["priority_for_services"] is False
    assert result["qualifying_move_within_year"] is True
    assert result["reasons"] == []


@pytest.mark.parametrize(
    ("qad", "recent"),
    [
        pytest.param(date(2025, 3, 2), True, id="364-days-before"),
        pytest.param(date(2025, 3, 1), False, id="exactly-a-year-before"),
        pytest.param(date(2024, 9, 1), False, id="older-move"),
    ],
)
def test_the_move_must_be_within_the_previous_year(db_session, qad, recent):
    child = mover(db_session, qad=qad)
    indicator(db_session, child, "grade_retention")
    result = determination(db_session, child)
    assert result["qualifying_move_within_year"] is recent
    assert result["priority_for_services"] is recent
    assert result["reasons"] == ["grade_retention"]


def test_a_second_move_within_the_year_restores_priority(db_session):
    child = mover(db_session, qad=date(2024, 6, 1))
    indicator(db_session, child, "over_age")
    assert determination(db_session, child)["priority_for_services"] is False
    make_coe(db_session, child, qad=date(2025, 12, 1), eoe=date(2028, 11, 30), region="23")
    assert determination(db_session, child)["priority_for_services"] is True


def test_resolved_indicators_and_old_or_passing_results_do_not_count(db_session):
    child = mover(db_session)
    indicator(db_session, child, "grade_retention", resolved=date(2026, 1, 1))
    indicator(db_session, child, "credit_deficient", observed=date(2026, 5, 1))  # later
    rid = region_id(db_session, "16")
    for when, level in [(date(2024, 4, 20), "not_met"), (date(2025, 4, 20), "met")]:
        add(
            db_session,
            Assessment(
                child_id=child.id,
                region_id=rid,
                title="CAASPP",
                administered_on=when,
                proficiency=level,
            ),
        )
    add(
        db_session,
        CourseRecord(
            child_id=child.id,
            region_id=rid,
            course_title="English 9",
            school_year="2023-2024",
            term="full_year",
            passed=False,
        ),
    )
    assert determination(db_session, child)["reasons"] == []


def test_results_below_standard_and_failed_courses_are_reasons(db_session):
    child = mover(db_session)
    rid = region_id(db_session, "16")
    add(
        db_session,
        Assessment(
            child_id=child.id,
            region_id=rid,
            title="CAASPP ELA",
            administered_on=date(2025, 5, 2),
            proficiency="nearly_met",
        ),
    )
    add(
        db_session,
        CourseRecord(
            child_id=child.id,
            region_id=rid,
            course_title="Algebra I",
            school_year="2024-2025",
            term="semester1",
            passed=False,
        ),
    )
    assert determination(db_session, child)["reasons"] == ["assessment_not_met", "course_failure"]


def test_english_learner_and_iep_count_only_when_the_state_chooses(db_session):
    child = mover(db_session)
    indicators(db_session, child, english_learner=True, iep=True)
    assert determination(db_session, child)["priority_for_services"] is False
    chosen = determination(db_session, child, PfsCriteria(english_learner=True, iep=True))
    assert chosen["priority_for_services"] is True
    assert chosen["reasons"] == ["english_learner", "iep"]


def test_no_longer_eligible_means_no_priority(db_session):
    child = make_child(db_session, birth_date=date(2014, 4, 4))
    make_coe(db_session, child, qad=date(2025, 10, 1), eoe=date(2026, 2, 28))  # ended
    indicator(db_session, child, "dropped_out")
    result = determination(db_session, child)
    assert result["eligible"] is False
    assert result["priority_for_services"] is False


def test_lists_by_region_and_school(db_session):
    a = mover(db_session)
    enroll(db_session, a, date(2025, 9, 3), grade="05", school_name="Alisal Elementary")
    indicator(db_session, a, "dropped_out")
    b = mover(db_session)
    enroll(db_session, b, date(2025, 9, 3), grade="08", school_name="El Sausal Middle")
    indicators(db_session, b, english_learner=True)
    c = mover(db_session, region="23")  # no enrollment: listed in its COE's region
    indicators(db_session, c, iep=True)
    indicator(db_session, c, "over_age")
    old = mover(db_session, qad=date(2024, 6, 1))
    indicator(db_session, old, "dropped_out")  # risk, but the move is too old

    def listed(which, **kwargs):
        scope = kwargs.pop("scope", None)
        total, rows = pfs.student_list(
            db_session, AS_OF, ListQuery(which, **kwargs), scope_region_id=scope, limit=50
        )
        assert total == len(rows)
        return [(row["child_id"], row["school_name"]) for row in rows]

    r16, r23 = region_id(db_session, "16"), region_id(db_session, "23")
    assert listed("pfs") == [(a.id, "Alisal Elementary"), (c.id, None)]
    assert listed("pfs", scope=r16) == [(a.id, "Alisal Elementary")]
    assert listed("pfs", region_id=r23) == [(c.id, None)]
    assert listed("english_learner") == [(b.id, "El Sausal Middle")]
    assert listed("iep") == [(c.id, None)]
    assert listed("eligible", school="El Sausal Middle") == [(b.id, "El Sausal Middle")]
    assert len(listed("eligible")) == 4
    _, rows = pfs.student_list(db_session, AS_OF, ListQuery("pfs"), scope_region_id=None, limit=50)
    assert [row["reasons"] for row in rows] == [["dropped_out"], ["over_age"]]
    assert all(row["priority_for_services"] for row in rows)
