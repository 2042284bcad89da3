"""Performance periods (September 1 - August 31) and whole-year ages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


class PeriodError(ValueError):
    """The text is not a period like ``2025-2026``."""


@dataclass(frozen=True)
class Period:
    """A performance (child count) period: September 1 of ``start_year`` to August 31 after."""

    start_year: int

    @property
    def start(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025-2026``: two consecutive years."""
        match = _PERIOD.match(text.strip())
        if not match or int(match[2]) != int(match[1]) + 1 or not 1900 <= int(match[1]) <= 9998:
            raise PeriodError(text)
        return cls(int(match[1]))

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls(day.year if day.month >= 9 else day.year - 1)


def open_enrollment_end(enrollment_date: date) -> date:
    """The last day an enrollment with no withdrawal date shows the child resident.

    August 31 of the school year it began in; an enrollment that begins in August belongs to
    the school year that starts then (schools open in August, the count period on September 1).
    """
    return Period.containing(enrollment_date + timedelta(days=31)).end


def yyyymmdd(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day``.

    Someone born on February 29 turns a year older on March 1 in a common year; the SQL of
    ``counts`` uses the same rule, so Python and the database never disagree about a birthday.
    """
    return (yyyymmdd(day) - yyyymmdd(birth_date)) // 10000


def latest_birth_date_for_age(age: int, day: date) -> date:
    """The latest birth date of someone at least ``age`` years old on ``day``."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # February 29 in a common year: born on the 28th or before
        return date(day.year - age, 2, 28)
