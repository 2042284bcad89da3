"""Date arithmetic behind eligibility end dates."""

from __future__ import annotations

from datetime import date

import pytest

from campo.lib.dates import add_months, age_on, day_before_birthday, eligibility_end_date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),
        (date(2024, 3, 15), -3, date(2023, 12, 15)),
        (date(2016, 9, 1), 36, date(2019, 9, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_age_on_counts_whole_years():
    assert age_on(date(2010, 6, 15), date(2026, 6, 14)) == 15
    assert age_on(date(2010, 6, 15), date(2026, 6, 15)) == 16


def test_leap_day_birthday():
    assert day_before_birthday(date(2004, 2, 29), 22) == date(2026, 2, 27)


def test_eligibility_ends_36_months_after_arrival_minus_a_day():
    # QAD 9/1/2016 -> EOE 8/31/2019, the worked example in the MIS2000 manual.
    assert eligibility_end_date(date(2016, 9, 1), date(2010, 1, 1)) == date(2019, 8, 31)


def test_eligibility_ends_the_day_before_the_22nd_birthday_when_sooner():
    assert eligibility_end_date(date(2025, 1, 10), date(2005, 6, 1)) == date(2027, 5, 31)
