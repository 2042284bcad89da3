"""Drawing a reproducible random sample. Pure Python, no database.

Method ``sha256-rank-v1``: every unit of the population gets the rank
SHA-256(seed + "\\x1f" + unit key); the sample is the ``size`` units of lowest rank, in rank
order. Anyone with the seed and the population's keys draws the same sample, on any machine
and any Python version (``random.Random`` promises neither), and the order in which the
population was listed does not matter. A cryptographic hash of a secret-until-drawn seed is
a uniform random permutation for this purpose: each subset of ``size`` units is equally likely.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import secrets
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

METHOD = "sha256-rank-v1"


def new_seed() -> str:
    """A fresh seed: 128 random bits as 32 hex digits."""
    return secrets.token_hex(16)


def unit_rank(seed: str, key: str) -> str:
    """The rank of one unit under ``seed`` (hex; lower is drawn first)."""
    return hashlib.sha256(f"{seed}\x1f{key}".encode()).hexdigest()


def population_hash(keys: Iterable[str]) -> str:
    """SHA-256 of the sorted, newline-joined unit keys: a fingerprint of the population."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def size_for_rate(population: int, rate: Decimal | float | str) -> int:
    """Units needed for at least ``rate`` of ``population`` (rounded up; at least one)."""
    exact = Decimal(str(rate)) * population
    return max(1, min(population, int(exact.to_integral_value(rounding=ROUND_CEILING))))


def size_for_margin(population: int, margin: float = 0.05, z: float = 1.959963984540054) -> int:
    """Sample size to estimate a proportion within ``margin`` at the confidence ``z`` gives.

    Cochran's n0 = z^2 p (1 - p) / margin^2 with the worst case p = 0.5, then the finite
    population correction n = n0 / (1 + (n0 - 1) / N): 95% and 5% give 384 for a million
    children and 278 for a thousand.
    """
    n0 = z * z * 0.25 / (margin * margin)
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def draw(keys: Iterable[str], seed: str, size: int) -> list[str]:
    """The ``size`` keys of lowest rank under ``seed``, lowest first (ties cannot matter)."""
    return [
        key for _rank, key in heapq.nsmallest(size, ((unit_rank(seed, k), k) for k in set(keys)))
    ]
