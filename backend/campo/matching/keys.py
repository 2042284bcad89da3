"""Blocking keys: short strings shared by every spelling of a child, looked up by index.

A stored child gets a handful of keys (6 to 10); a check looks up a few dozen. Each kind of key
survives a different kind of error, so a re-entry that is wrong in one way still shares others:

``sd:<surname>:<yyyy-mm-dd>``       one per surname: survives nicknames, a first name written
                                    another way, surnames swapped or one left out.
``gd:<given>:<yyyy-mm-dd>``         one per given name: survives any surname trouble (dropped,
                                    joined, misspelt, typed in the wrong field).
``gym:<given>:<surname>:<yyyy-mm>`` the child's main given name with each surname and two of
``gmd:<given>:<surname>:<mm-dd>``   the three parts of the birth date: survive a wrong day,
``gyd:<given>:<surname>:<yyyy-dd>`` a wrong year or a wrong month.

Names enter as phonetic codes (normalize.phonetic) of the surname and of the canonical form of the
given name (Paco, Pancho -> Francisco). The main given name is the first one that is not a
common first part (María Guadalupe -> Guadalupe). A check also looks up the date with day and
month swapped and the days either side, every nickname form, and the names with given names and
surnames exchanged.

Keys on a full birth date are selective even for Hernández or José: a state of 1,000,000 children
born over 22 years has ~125 births a day, of which a few carry any one surname code; a given
name and a surname with two parts of the date narrow as much. Without a birth date a child gets
name-only keys (``gs:``, ``ss:``), which are broad; forms require the date, so those are rare.
"""

from __future__ import annotations

import datetime

from campo.matching.identity import Identity
from campo.matching.normalize import (
    GENERIC_GIVEN,
    Prepared,
    day_month_swapped,
    key_name,
    phonetic,
    prepare,
    query_names,
    unique,
)

# Keys per stored child: at most this many given names and surnames take part.
MAX_GIVEN = 2
MAX_SURNAMES = 2


def _given_codes(given: tuple[str, ...], *, expand: bool) -> list[str]:
    if expand:
        return unique(phonetic(form) for token in given for form in sorted(query_names(token)))
    return unique(phonetic(key_name(token)) for token in given[:MAX_GIVEN])


def _main_given(given: tuple[str, ...]) -> list[str]:
    """Code of the name a child goes by: the first given name that is not a common first part."""
    for token in given:
        if token not in GENERIC_GIVEN:
            return [phonetic(key_name(token))]
    return [phonetic(key_name(given[0]))] if given else []


def _surname_codes(surnames: tuple[str, ...], limit: int | None = MAX_SURNAMES) -> list[str]:
    return unique(phonetic(token) for token in surnames[:limit])


def _keys(
    given: list[str],
    surnames: list[str],
    dates: list[datetime.date],
    *,
    paired_given: list[str] | None = None,
) -> set[str]:
    keys: set[str] = set()
    paired_given = given if paired_given is None else paired_given
    for day in dates:
        iso = day.isoformat()
        keys.update(f"sd:{s}:{iso}" for s in surnames)
        keys.update(f"gd:{g}:{iso}" for g in given)
        for g in paired_given:
            for s in surnames:
                keys.add(f"gym:{g}:{s}:{iso[:7]}")
                keys.add(f"gmd:{g}:{s}:{iso[5:]}")
                keys.add(f"gyd:{g}:{s}:{iso[:4]}-{iso[8:]}")
    if not dates:
        keys.update(f"gs:{g}:{s}" for g in paired_given for s in surnames)
        if len(surnames) > 1:
            keys.add("ss:" + ":".join(sorted(surnames[:2])))
    return keys


def _stored(p: Prepared) -> set[str]:
    dates = [p.birth_date] if p.birth_date else []
    given = _given_codes(p.given, expand=False)
    return _keys(given, _surname_codes(p.surnames), dates, paired_given=_main_given(p.given))


def blocking_keys(identity: Identity) -> frozenset[str]:
    """Return the keys to store for a child (deterministic, ASCII, at most 64 characters)."""
    return frozenset(key[:64] for key in _stored(prepare(identity)))


def query_keys(identity: Identity) -> frozenset[str]:
    """Return the keys to look up for a child being checked (a superset of blocking_keys).

    Adds what a re-entry gets wrong most often: day and month swapped, a day off by one, a
    nickname or other form of the given name, surnames in either order or one left out (keys are
    per surname), and given names and surnames typed in each other's fields.
    """
    p = prepare(identity)
    keys = _stored(p)
    if not (p.given or p.surnames):
        return frozenset(keys)
    dates: list[datetime.date] = []
    near: list[datetime.date] = []
    if p.birth_date:
        day = p.birth_date
        swapped = day_month_swapped(day)
        dates = [day] + ([swapped] if swapped else [])
        near = [day + datetime.timedelta(days=step) for step in (-1, 1)]
    given = _given_codes(p.given, expand=True)
    surnames = _surname_codes(p.surnames, limit=None)
    keys |= _keys(given, surnames, dates)
    # A day off by one: the keys on the full date only (the year-month keys cover the rest).
    keys |= _keys(_given_codes(p.given, expand=False), surnames, near, paired_given=[])
    # Names in the wrong fields: surnames typed as given names and the other way round.
    as_given = unique(phonetic(key_name(token)) for token in p.surnames)
    as_surnames = unique(phonetic(token) for token in p.given)
    keys |= _keys(as_given, as_surnames, dates)
    keys |= _keys(as_given, as_surnames, near, paired_given=[])
    return frozenset(key[:64] for key in keys)
