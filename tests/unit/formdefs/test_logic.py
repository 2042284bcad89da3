"""The custom JSON Logic operations: the date arithmetic eligibility is written in."""

from __future__ import annotations

import pytest

from campo.formdefs.logic import evaluate, truthy


def op(name, *args):
    return evaluate({name: list(args)}, {})


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-11-15", 2, "2025-01-15"),
        ("2024-03-15", -3, "2023-12-15"),
        ("2016-09-01", 36, "2019-09-01"),
        ("2024-05-31", 36.0, "2027-05-31"),
    ],
)
def test_add_months(day, months, expected):
    assert op("add_months", day, months) == expected


def test_eligibility_end_is_qad_plus_36_months_minus_a_day():
    # QAD 9/1/2016 -> EOE 8/31/2019, the worked example of the MIS2000 manual.
    assert op("add_days", op("add_months", "2016-09-01", 36), -1) == "2019-08-31"


def test_age_on_counts_whole_years():
    assert op("age_on", "2010-06-15", "2026-06-14") == 15
    assert op("age_on", "2010-06-15", "2026-06-15") == 16
    assert op("age_on", "2010-06-15", "2009-01-01") == -1


def test_a_leap_day_birthday_falls_on_28_february_in_common_years():
    assert op("age_on", "2004-02-29", "2026-02-27") == 21
    assert op("age_on", "2004-02-29", "2026-02-28") == 22
    assert op("day_before_birthday", "2004-02-29", 22) == "2026-02-27"


def test_months_and_days_between():
    assert op("months_between", "2024-01-31", "2024-02-29") == 1
    assert op("months_between", "2024-01-15", "2024-02-14") == 0
    assert op("months_between", "2024-03-01", "2024-01-01") == -2
    assert op("days_between", "2024-02-28", "2024-03-01") == 2


def test_earliest_and_latest_ignore_missing_and_invalid_dates():
    assert op("earliest", "2025-01-02", None, "nope", "2024-12-31") == "2024-12-31"
    assert op("latest", None, "2025-02-30") is None


def test_same_text_ignores_case_accents_and_spacing():
    assert op("same_text", "Alisal  Unión", " alisal union") is True
    assert op("same_text", "Alisal", "Salinas") is False
    assert op("same_text", "", "") is False


@pytest.mark.parametrize(
    "bad", [None, "", "2024-13-01", "2024-02-30", 20240101, ["2024-01-01"], True]
)
def test_date_operations_answer_null_on_bad_input(bad):
    for name in ("add_months", "add_days", "age_on", "day_before_birthday", "months_between"):
        assert op(name, bad, 1) is None or name in ("age_on", "months_between")
    assert op("age_on", bad, "2024-01-01") is None
    assert op("months_between", "2024-01-01", bad) is None


def test_truthiness_follows_json_logic():
    assert not truthy([])
    assert not truthy("")
    assert truthy([0])
    assert truthy("0")
    assert not truthy(0)
