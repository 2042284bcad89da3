"""Ranking of candidates found by blocking keys: best first, ties always broken the same way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from campo.matching.identity import Identity
from campo.matching.score import BANDS, Assessment, Match, assess

T = TypeVar("T")


def rank(
    query: Identity,
    candidates: Iterable[tuple[T, Identity]],
    *,
    limit: int = 5,
    minimum_band: str = "possible",
) -> list[tuple[T, Match]]:
    """Return the best ``limit`` candidates in ``minimum_band`` or a better band, best first.

    Candidates are ordered by score, then by the unrounded posterior odds (two "100"s are not
    equally sure), then by the text of their key, so the order never depends on the order in
    which the database returned them.
    """
    if minimum_band not in BANDS:
        raise ValueError(f"minimum_band must be one of {BANDS}, not {minimum_band!r}")
    floor = BANDS.index(minimum_band)
    scored: list[tuple[int, float, str, int, T, Assessment]] = []
    for position, (key, identity) in enumerate(candidates):
        assessment = assess(query, identity)
        if BANDS.index(assessment.band) <= floor:
            order = (-assessment.score, -round(assessment.log2_odds, 9), str(key), position)
            scored.append((*order, key, assessment))
    scored.sort(key=lambda row: row[:4])
    # Explaining is the costly part: only for the candidates returned.
    return [(key, assessment.match()) for *_order, key, assessment in scored[:limit]]
