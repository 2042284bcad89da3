"""Blocking keys: few, short and shared by every re-entry of the same child."""

from __future__ import annotations

from datetime import date

import pytest

from campo.matching.identity import Identity
from campo.matching.keys import blocking_keys, query_keys
from tests.unit.matching.people import child, filipino, hispanic_girl, hmong, punjabi, triqui
from tests.unit.matching.test_score import SAME_CHILD

PEOPLE = [child(), hispanic_girl(), filipino(), punjabi(), hmong(), triqui()]


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.first_name)
def test_keys_are_few_short_ascii_and_deterministic(person: Identity):
    keys = blocking_keys(person)
    assert 4 <= len(keys) <= 12
    assert all(key.isascii() and len(key) <= 64 and " " not in key for key in keys)
    assert keys == blocking_keys(Identity(**vars(person)))
    assert keys <= query_keys(person)


def test_keys_of_a_child():
    assert blocking_keys(child()) == {
        "sd:ARNNDS:2012-07-03",
        "sd:LPS:2012-07-03",
        "gd:JS:2012-07-03",
        "gym:JS:ARNNDS:2012-07",
        "gym:JS:LPS:2012-07",
        "gmd:JS:ARNNDS:07-03",
        "gmd:JS:LPS:07-03",
        "gyd:JS:ARNNDS:2012-03",
        "gyd:JS:LPS:2012-03",
    }


@pytest.mark.parametrize(("stored", "entered"), SAME_CHILD)
def test_every_re_entry_shares_a_key(stored: Identity, entered: Identity):
    assert blocking_keys(stored) & query_keys(entered)
    assert blocking_keys(entered) & query_keys(stored)


@pytest.mark.parametrize(
    "entered",
    [
        pytest.param(child(birth_date=date(2012, 9, 3)), id="month-typo"),
        pytest.param(child(birth_date=date(2021, 7, 3)), id="year-typo"),
        pytest.param(child(birth_date=date(2012, 7, 30)), id="day-typo"),
        pytest.param(child(first_name="Pepe", birth_date=date(2012, 3, 7)), id="nickname-swap"),
        pytest.param(
            child(
                first_name="Hernandez",
                last_name_1="Jose",
                last_name_2=None,
                birth_date=date(2012, 7, 4),
            ),
            id="fields-exchanged-and-day-off",
        ),
        pytest.param(
            child(last_name_1="Hernandezlopez", last_name_2=None, birth_date=date(2012, 3, 7)),
            id="unknown-join-and-swap",
        ),
    ],
)
def test_one_error_more_still_shares_a_key(entered: Identity):
    assert blocking_keys(child()) & query_keys(entered)


def test_stored_nickname_is_found_from_the_formal_name():
    # Only the given name can link these two: "Beto" is indexed as itself (Roberto? Alberto?).
    stored = child(first_name="Beto", last_name_2=None)
    entered = child(first_name="Roberto", last_name_1="Lopez", last_name_2=None)
    assert blocking_keys(stored) & query_keys(entered) == {"gd:BT:2012-07-03"}


def test_without_a_birth_date_only_children_without_one_are_found():
    # Name-only keys would gather thousands of José Hernández in a state: a check without a
    # birth date (forms require one) finds only records that lack it too.
    entered = child(first_name="Jose", last_name_1="Lopez", last_name_2=None, birth_date=None)
    assert blocking_keys(child(birth_date=None)) & query_keys(entered)
    assert not blocking_keys(child()) & query_keys(entered)


def test_keys_without_a_birth_date_or_without_names():
    assert blocking_keys(child(birth_date=None))
    assert not blocking_keys(Identity())
    assert not query_keys(Identity(sex="F"))
