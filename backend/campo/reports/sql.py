"""Date arithmetic the count needs, written once per database engine.

``add_years`` follows ``periods.age_on``: a February 29 birthday falls on March 1 in a common
year (SQLite's ``date(x, '+N years')`` does that by itself; PostgreSQL's interval arithmetic
clamps to February 28, so one day is added back).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class _Shift(ColumnElement[Any]):
    type = sa.Date()
    inherit_cache = True
    # What makes two instances the same SQL, for SQLAlchemy's statement cache.
    _traverse_internals = [
        ("day", InternalTraversal.dp_clauseelement),
        ("amount", InternalTraversal.dp_plain_obj),
    ]

    def __init__(self, day: ColumnElement[Any], amount: int) -> None:
        self.day = day
        self.amount = int(amount)


class AddYears(_Shift):
    """``day`` plus whole years; February 29 + years in a common year is March 1."""

    inherit_cache = True


class AddDays(_Shift):
    inherit_cache = True


class Greatest(sa.sql.functions.GenericFunction[Any]):
    type = sa.Date()
    name = "greatest"
    inherit_cache = True


class Least(sa.sql.functions.GenericFunction[Any]):
    type = sa.Date()
    name = "least"
    inherit_cache = True


@compiles(AddYears, "postgresql")
def _add_years_pg(element: AddYears, compiler: Any, **kw: Any) -> str:
    day = compiler.process(element.day, **kw)
    shifted = f"CAST({day} + INTERVAL '{element.amount} years' AS DATE)"
    return (
        f"({shifted} + CASE WHEN EXTRACT(MONTH FROM {day}) = 2 AND EXTRACT(DAY FROM {day}) = 29"
        f" AND EXTRACT(DAY FROM {shifted}) = 28 THEN 1 ELSE 0 END)"
    )


@compiles(AddYears)
def _add_years_default(element: AddYears, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.day, **kw)}, '{element.amount:+d} years')"


@compiles(AddDays, "postgresql")
def _add_days_pg(element: AddDays, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.day, **kw)} + {element.amount})"


@compiles(AddDays)
def _add_days_default(element: AddDays, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.day, **kw)}, '{element.amount:+d} days')"


@compiles(Greatest)
def _greatest_default(element: Greatest, compiler: Any, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(Greatest, "postgresql")
def _greatest_pg(element: Greatest, compiler: Any, **kw: Any) -> str:
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


@compiles(Least)
def _least_default(element: Least, compiler: Any, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(Least, "postgresql")
def _least_pg(element: Least, compiler: Any, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


def add_years(day: ColumnElement[Any], years: int) -> AddYears:
    return AddYears(day, years)


def add_days(day: ColumnElement[Any], days: int) -> AddDays:
    return AddDays(day, days)


def greatest(*values: Any) -> Greatest:
    """The latest of the dates (none may be NULL: SQLite's max() would give NULL)."""
    return Greatest(*values)


def least(*values: Any) -> Least:
    """The earliest of the dates (none may be NULL)."""
    return Least(*values)
