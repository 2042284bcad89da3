"""Ranking candidates: best first, bands filtered, the same order whatever the input order."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from campo.matching.rank import rank
from tests.unit.matching.people import child

STORED = {
    "same": child(first_name="Jose", last_name_2=None),
    "twin": child(first_name="Juan Carlos"),
    "brother": child(first_name="Luis", birth_date=date(2014, 9, 1)),
    "copy": child(first_name="Jose", last_name_2=None),
    "stranger": child(
        first_name="Ana",
        last_name_1="Pérez",
        sex="F",
        parent1_first="Rosa",
        parent2_first="Pedro",
    ),
}


def test_best_first_and_bands_filtered():
    ranked = rank(child(), STORED.items(), limit=5)
    assert [key for key, _match in ranked] == ["copy", "same", "twin"]
    assert [match.band for _key, match in ranked] == ["likely", "likely", "possible"]
    scores = [match.score for _key, match in ranked]
    assert scores == sorted(scores, reverse=True)


def test_minimum_band_and_limit():
    assert [k for k, _m in rank(child(), STORED.items(), minimum_band="likely")] == [
        "copy",
        "same",
    ]
    everyone = rank(child(), STORED.items(), minimum_band="unlikely", limit=10)
    assert {key for key, _match in everyone} == set(STORED)
    assert len(rank(child(), STORED.items(), minimum_band="unlikely", limit=2)) == 2
    assert rank(child(), [], limit=5) == []


def test_order_does_not_depend_on_input_order():
    orders = {
        tuple(key for key, _match in rank(child(), perm, minimum_band="unlikely", limit=10))
        for perm in itertools.permutations(STORED.items())
    }
    assert len(orders) == 1


def test_unknown_band_is_refused():
    with pytest.raises(ValueError, match="minimum_band"):
        rank(child(), STORED.items(), minimum_band="maybe")
