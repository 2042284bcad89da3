"""JSON Logic with Campo's date operations: the same operations the PWA registers.

Dates travel as ISO strings ("2026-11-22"). Every operation answers null (None) when an input
is missing or not a valid date, and never raises, so a rule over incomplete answers is simply
not decided. The JavaScript twin is pwa/src/forms/logic.js; forms/README.md documents both.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from json_logic.apply import apply as _apply
from json_logic.builtins import BUILTINS

from campo.lib.text import fold

JsonValue = Any


class ExpressionError(Exception):
    """An expression could not be evaluated (a defect of the definition, not of the answers)."""


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to a shorter month's end (Jan 31 + 1 = Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _guard(function: Any) -> Any:
    def operation(data: Any, *args: Any) -> Any:
        try:
            return function(*args)
        except (ValueError, OverflowError, TypeError):
            return None

    operation.__name__ = function.__name__
    return operation


@_guard
def op_add_months(day: Any = None, months: Any = None, *_ignored: Any) -> str | None:
    start, count = _as_date(day), _as_int(months)
    if start is None or count is None:
        return None
    return _iso(shift_months(start, count))


@_guard
def op_add_days(day: Any = None, days: Any = None, *_ignored: Any) -> str | None:
    start, count = _as_date(day), _as_int(days)
    if start is None or count is None:
        return None
    return _iso(start + timedelta(days=count))


@_guard
def op_months_between(first: Any = None, second: Any = None, *_ignored: Any) -> int | None:
    """Whole months from ``first`` to ``second``: the largest n with first + n months <= second."""
    start, end = _as_date(first), _as_date(second)
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    while shift_months(start, months) > end:
        months -= 1
    while shift_months(start, months + 1) <= end:
        months += 1
    return months


@_guard
def op_days_between(first: Any = None, second: Any = None, *_ignored: Any) -> int | None:
    start, end = _as_date(first), _as_date(second)
    if start is None or end is None:
        return None
    return (end - start).days


@_guard
def op_age_on(birth: Any = None, day: Any = None, *_ignored: Any) -> int | None:
    """Age in whole years on ``day`` (a Feb 29 birthday is reached on Feb 28 in common years)."""
    born, on = _as_date(birth), _as_date(day)
    if born is None or on is None:
        return None
    return op_months_between(None, birth, day) // 12 if on >= born else -1


@_guard
def op_day_before_birthday(birth: Any = None, years: Any = None, *_ignored: Any) -> str | None:
    born, count = _as_date(birth), _as_int(years)
    if born is None or count is None:
        return None
    return _iso(shift_months(born, 12 * count) - timedelta(days=1))


def _dates(values: tuple[Any, ...]) -> list[date]:
    return [day for day in (_as_date(v) for v in values) if day is not None]


@_guard
def op_earliest(*values: Any) -> str | None:
    days = _dates(values)
    return _iso(min(days)) if days else None


@_guard
def op_latest(*values: Any) -> str | None:
    days = _dates(values)
    return _iso(max(days)) if days else None


@_guard
def op_same_text(first: Any = None, second: Any = None, *_ignored: Any) -> bool:
    """Equal once case, accents and spacing are set aside; false if either is empty."""
    if not isinstance(first, str) or not isinstance(second, str):
        return False
    left, right = fold(first), fold(second)
    return bool(left) and left == right


CUSTOM_OPERATIONS = {
    "add_months": op_add_months,
    "add_days": op_add_days,
    "months_between": op_months_between,
    "days_between": op_days_between,
    "age_on": op_age_on,
    "day_before_birthday": op_day_before_birthday,
    "earliest": op_earliest,
    "latest": op_latest,
    "same_text": op_same_text,
}
OPERATIONS = {**BUILTINS, **CUSTOM_OPERATIONS}


def evaluate(expression: JsonValue, data: JsonValue) -> JsonValue:
    """Evaluate a JSON Logic expression over ``data``; raise ExpressionError if it cannot be."""
    try:
        return _apply(expression, data, OPERATIONS)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        OverflowError,
        RecursionError,
        ReferenceError,
    ) as exc:
        raise ExpressionError(f"{type(exc).__name__}: {exc}") from exc


def truthy(value: JsonValue) -> bool:
    """JSON Logic's truthiness (an empty list is false), as json-logic-js defines it."""
    if isinstance(value, list):
        return len(value) > 0
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float) and value != value:  # NaN
        return False
    return bool(value)
