"""Date arithmetic the eligibility rules are written in."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

ELIGIBILITY_MONTHS = 36
MAX_AGE_YEARS = 22  # eligible while "not older than 21"


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months``, clamped to the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth_date: date, day: date) -> int:
    """Return the age in whole years on ``day``."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def day_before_birthday(birth_date: date, years: int) -> date:
    """Return the day before the ``years``-th birthday (a Feb 29 birthday falls on Feb 28)."""
    return add_months(birth_date, 12 * years) - timedelta(days=1)


def eligibility_end_date(qualifying_arrival_date: date, birth_date: date | None) -> date:
    """Return the end of eligibility: QAD + 36 months - 1 day, or the day before turning 22.

    A diploma or HSE also ends eligibility; that date is not known at interview time.
    """
    end = add_months(qualifying_arrival_date, ELIGIBILITY_MONTHS) - timedelta(days=1)
    if birth_date is not None:
        end = min(end, day_before_birthday(birth_date, MAX_AGE_YEARS))
    return end


def today_in_state(zone: str) -> date:
    """Today's date where the interviews happen (a UTC date is tomorrow by late afternoon)."""
    return datetime.now(ZoneInfo(zone)).date()
