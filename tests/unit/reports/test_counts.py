"""Category 1 and 2 counts: hand-built cases for each edge case of the definitions."""

from __future__ import annotations

from datetime import date

import pytest

from campo.eligibility.models import CoeStatus
from campo.reports import counts
from campo.reports.counts import DrillDown
from campo.reports.periods import Period
from tests.records import enroll, indicators, make_child, make_coe, region_id, serve

P = Period(2025)  # 2025-09-01 .. 2026-08-31
BEFORE = date(2025, 3, 1)  # a QAD before the period
LATER = date(2028, 2, 28)  # an end of eligibility after it


def totals(session, region=None):
    return counts.statewide_totals(session, P, region_id(session, region) if region else None)


def eligible_child(session, birth=date(2015, 5, 1), qad=BEFORE, eoe=LATER, region="16"):
    child = make_child(session, birth_date=birth)
    make_coe(session, child, qad=qad, eoe=eoe, region=region)
    return child


def test_an_eligible_child_enrolled_in_the_period_counts_once(db_session):
    child = eligible_child(db_session)
    enroll(db_session, child, date(2025, 9, 3), grade="04")
    enroll(db_session, child, date(2026, 1, 10), grade="04", school_name="Another school")
    assert totals(db_session) == (1, 0)


def test_no_residency_evidence_in_the_period_means_no_count(db_session):
    child = eligible_child(db_session)  # the COE's own evidence is before the period
    enroll(db_session, child, date(2024, 9, 3), date(2025, 6, 10))
    assert totals(db_session) == (0, 0)


def test_an_open_enrollment_is_evidence_only_to_the_end_of_its_own_period(db_session):
    child = eligible_child(db_session)
    enroll(db_session, child, date(2025, 1, 6))  # never withdrawn, began in 2024-2025
    assert totals(db_session) == (0, 0)
    assert counts.statewide_totals(db_session, Period(2024)) == (1, 0)


def test_an_open_enrollment_begun_in_august_belongs_to_the_coming_school_year(db_session):
    child = eligible_child(db_session)
    enroll(db_session, child, date(2025, 8, 13), grade="04")
    assert totals(db_session) == (1, 0)
    assert counts.statewide_totals(db_session, Period(2024)) == (1, 0)
    assert counts.statewide_totals(db_session, Period(2026)) == (0, 0)


def test_the_coe_itself_is_residency_evidence(db_session):
    eligible_child(db_session, qad=date(2025, 10, 1))
    assert totals(db_session) == (1, 0)


def test_a_residency_only_row_is_evidence(db_session):
    child = eligible_child(db_session, birth=date(2005, 1, 1))
    enroll(db_session, child, date(2026, 2, 1), date(2026, 2, 1), enrollment_type="06")
    assert totals(db_session) == (1, 0)


@pytest.mark.parametrize(
    ("last_day", "counted"),
    [
        pytest.param(date(2026, 1, 14), 0, id="evidence-ends-the-day-before-the-3rd-birthday"),
        pytest.param(date(2026, 1, 15), 1, id="evidence-on-the-3rd-birthday"),
    ],
)
def test_turning_3_counts_only_with_evidence_from_the_birthday(db_session, last_day, counted):
    child = make_child(db_session, birth_date=date(2023, 1, 15))
    make_coe(db_session, child, qad=date(2024, 6, 1), eoe=date(2027, 5, 31))
    enroll(db_session, child, date(2025, 9, 10), last_day, enrollment_type="06")
    assert totals(db_session) == (counted, 0)


@pytest.mark.parametrize(
    ("last_day", "counted"),
    [(date(2023, 2, 28), 0), (date(2023, 3, 1), 1)],
    ids=["feb-28", "mar-1"],
)
def test_a_leap_day_birthday_turns_3_on_march_1(db_session, last_day, counted):
    child = make_child(db_session, birth_date=date(2020, 2, 29))
    make_coe(db_session, child, qad=date(2022, 6, 1), eoe=date(2025, 5, 31))
    enroll(db_session, child, date(2022, 9, 10), last_day, enrollment_type="06")
    assert counts.statewide_totals(db_session, Period(2022)) == (counted, 0)


@pytest.mark.parametrize(
    ("first_day", "counted"),
    [
        pytest.param(date(2026, 3, 9), 1, id="evidence-the-day-before-the-22nd-birthday"),
        pytest.param(date(2026, 3, 10), 0, id="evidence-from-the-22nd-birthday"),
    ],
)
def test_turning_22_counts_only_with_evidence_before_the_birthday(db_session, first_day, counted):
    child = make_child(db_session, birth_date=date(2004, 3, 10))
    # An end of eligibility past the birthday, so the age rule alone decides.
    make_coe(db_session, child, qad=date(2024, 6, 1), eoe=date(2027, 5, 31))
    enroll(db_session, child, first_day, date(2026, 6, 1), enrollment_type="06")
    assert totals(db_session) == (counted, 0)


@pytest.mark.parametrize(
    ("first_day", "counted"),
    [
        pytest.param(date(2026, 1, 9), 1, id="evidence-on-the-last-day-of-eligibility"),
        pytest.param(date(2026, 1, 10), 0, id="evidence-only-after-eligibility-ended"),
    ],
)
def test_eligibility_ending_within_the_period(db_session, first_day, counted):
    child = eligible_child(db_session, qad=date(2023, 1, 10), eoe=date(2026, 1, 9))
    enroll(db_session, child, first_day, date(2026, 5, 1))
    assert totals(db_session) == (counted, 0)


def test_evidence_before_the_qualifying_arrival_does_not_count(db_session):
    child = make_child(db_session, birth_date=date(2015, 5, 1))
    # A COE whose residency and interview lie after the period: only the enrollment is evidence.
    make_coe(
        db_session,
        child,
        qad=date(2026, 5, 1),
        eoe=date(2029, 4, 30),
        residency_date=date(2026, 9, 2),
        interview_date=date(2026, 9, 3),
    )
    enroll(db_session, child, date(2025, 9, 3), date(2026, 4, 30))
    assert totals(db_session) == (0, 0)
    enroll(db_session, child, date(2026, 5, 1), date(2026, 5, 1))
    assert totals(db_session) == (1, 0)


def test_a_second_qualifying_move_restarts_eligibility_and_counts_once(db_session):
    child = make_child(db_session, birth_date=date(2012, 7, 4))
    make_coe(db_session, child, qad=date(2022, 7, 1), eoe=date(2025, 6, 30))  # ended before
    enroll(db_session, child, date(2025, 9, 3), date(2026, 6, 5), grade="08")
    assert totals(db_session) == (0, 0)
    make_coe(db_session, child, qad=date(2026, 3, 2), eoe=date(2029, 3, 1))
    assert totals(db_session) == (1, 0)
    make_coe(db_session, child, qad=date(2026, 4, 20), eoe=date(2029, 4, 19), region="23")
    assert totals(db_session) == (1, 0)


def test_a_child_linked_from_two_regions_counts_once_statewide_and_in_each_region(db_session):
    child = eligible_child(db_session, region="16")
    make_coe(db_session, child, qad=date(2025, 11, 1), eoe=date(2028, 10, 31), region="23")
    enroll(db_session, child, date(2025, 9, 3), date(2025, 10, 30), region="16")
    serve(db_session, child, date(2026, 7, 1), date(2026, 7, 20), region="23", term="summer")
    assert totals(db_session) == (1, 1)
    assert totals(db_session, "16") == (1, 0)
    assert totals(db_session, "23") == (1, 1)
    rows = {r["region_id"]: r for r in counts.by_region(db_session, P)}
    assert rows[region_id(db_session, "16")] == {
        "region_id": region_id(db_session, "16"),
        "category1": 1,
        "category2": 0,
    }
    assert rows[region_id(db_session, "23")]["category2"] == 1


@pytest.mark.parametrize("status", [CoeStatus.SUBMITTED, CoeStatus.RETURNED, CoeStatus.REJECTED])
def test_only_approved_coes_make_a_child_eligible(db_session, status):
    child = make_child(db_session, birth_date=date(2015, 5, 1))
    make_coe(db_session, child, qad=date(2025, 10, 1), eoe=date(2028, 9, 30), status=status)
    enroll(db_session, child, date(2025, 10, 2))
    assert totals(db_session) == (0, 0)


@pytest.mark.parametrize(
    ("graduation", "counted"),
    [
        pytest.param(date(2025, 6, 1), 0, id="diploma-before-the-period"),
        pytest.param(date(2025, 10, 1), 1, id="diploma-after-the-evidence"),
        pytest.param(date(2025, 9, 5), 0, id="diploma-before-the-evidence"),
    ],
)
def test_a_diploma_ends_counting(db_session, graduation, counted):
    child = eligible_child(db_session, birth=date(2007, 5, 1))
    enroll(db_session, child, date(2025, 9, 10), date(2025, 9, 30), grade="12")
    indicators(db_session, child, graduation_date=graduation)
    assert totals(db_session) == (counted, 0)


def test_category_2_needs_a_summer_or_intersession_service_while_eligible(db_session):
    regular = eligible_child(db_session)
    serve(db_session, regular, date(2025, 10, 1), date(2025, 12, 1), term="regular")
    summer = eligible_child(db_session)
    serve(db_session, summer, date(2026, 7, 1), date(2026, 7, 1), term="summer")
    intersession = eligible_child(db_session)
    serve(db_session, intersession, date(2026, 3, 30), date(2026, 4, 3), term="intersession")
    continuation = eligible_child(db_session)
    enroll(db_session, continuation, date(2025, 9, 3), grade="05")
    serve(db_session, continuation, date(2026, 7, 1), term="summer", continuation_reason="01")
    after_eligibility = eligible_child(db_session, qad=date(2023, 5, 1), eoe=date(2026, 4, 30))
    enroll(db_session, after_eligibility, date(2025, 9, 3), grade="05")
    serve(db_session, after_eligibility, date(2026, 7, 1), term="summer")
    assert totals(db_session) == (5, 2)


def test_breakdown_by_age_and_grade(db_session):
    kinder = eligible_child(db_session, birth=date(2020, 6, 1))
    enroll(db_session, kinder, date(2025, 9, 3), grade="KG")
    small = eligible_child(db_session, birth=date(2021, 2, 1))
    enroll(db_session, small, date(2025, 9, 3), grade="PK")
    moved_up = eligible_child(db_session)
    enroll(db_session, moved_up, date(2025, 9, 3), date(2025, 12, 19), grade="04")
    enroll(db_session, moved_up, date(2026, 1, 6), grade="05", region="23")
    serve(db_session, moved_up, date(2026, 7, 1), term="summer")
    youth = eligible_child(db_session, birth=date(2008, 1, 1))
    enroll(db_session, youth, date(2025, 9, 3), enrollment_type="06")
    buckets = {row["bucket"]: row for row in counts.by_bucket(db_session, P)}
    assert list(buckets) == list(counts.BUCKETS)
    assert buckets["KG"]["category1"] == 1
    assert buckets["age_3_5"]["category1"] == 1
    assert buckets["05"] == {"bucket": "05", "category1": 1, "category2": 1}
    assert buckets["04"]["category1"] == 0
    assert buckets["not_reported"]["category1"] == 1
    assert sum(row["category1"] for row in buckets.values()) == 4


def test_drill_down_lists_the_children_behind_a_number_with_their_evidence(db_session):
    children = []
    for n in range(5):
        child = eligible_child(db_session, region="16" if n < 3 else "23")
        enroll(db_session, child, date(2025, 9, 3), grade="03", region="16" if n < 3 else "23")
        children.append(child)
    serve(db_session, children[0], date(2026, 7, 1), term="summer")
    r16 = region_id(db_session, "16")
    total, page = counts.drill_down(
        db_session, P, DrillDown("1"), scope_region_id=None, limit=2, offset=0
    )
    assert total == 5
    assert [row["statewide_number"] for row in page] == sorted(
        c.statewide_number for c in children
    )[:2]
    total, page = counts.drill_down(
        db_session, P, DrillDown("1"), scope_region_id=r16, limit=10, offset=0
    )
    assert total == 3
    assert {row["child_id"] for row in page} == {c.id for c in children[:3]}
    total, page = counts.drill_down(
        db_session, P, DrillDown("2"), scope_region_id=None, limit=10, offset=0
    )
    assert total == 1
    (row,) = page
    assert row["child_id"] == children[0].id
    assert row["category2"] is True
    kinds = {e["kind"] for e in row["evidence"]}
    assert kinds == {"enrollment", "service"}
    assert len(row["coe_ids"]) == 1
    # A regional viewer asking for another region's number gets nothing.
    assert counts.drill_down(
        db_session,
        P,
        DrillDown("1", region_id=region_id(db_session, "23")),
        scope_region_id=r16,
        limit=10,
        offset=0,
    ) == (0, [])
    total, _ = counts.drill_down(
        db_session, P, DrillDown("1", bucket="03"), scope_region_id=None, limit=10, offset=0
    )
    assert total == 5
