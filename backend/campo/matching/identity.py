"""What the duplicate check knows about a child: names, sex, birth and parents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    """A child as entered on a form or stored; every field may be missing (None or empty).

    Names are as typed: accents, case, particles, order and field placement are all sorted out
    by the matcher. ``sex`` is "F", "M" or None.
    """

    first_name: str | None = None
    middle_name: str | None = None
    last_name_1: str | None = None
    last_name_2: str | None = None
    sex: str | None = None
    birth_date: datetime.date | None = None
    birth_city: str | None = None
    birth_state: str | None = None
    birth_country: str | None = None
    parent1_first: str | None = None
    parent1_last: str | None = None
    parent2_first: str | None = None
    parent2_last: str | None = None
