"""The re-interview sample draw and the defect rate's interval, against known values."""

from __future__ import annotations

import hashlib
import random

import pytest

from campo.reinterviews.sampling import (
    METHOD,
    draw,
    population_hash,
    size_for_margin,
    size_for_rate,
    unit_rank,
)
from campo.reinterviews.stats import defect_report, wilson_interval


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Newcombe (1998), Stat Med 17:857, Table I, method 3 (Wilson score).
        pytest.param(81, 263, 0.2553, 0.3662, id="81/263"),
        pytest.param(15, 148, 0.0624, 0.1605, id="15/148"),
        pytest.param(0, 20, 0.0, 0.1611, id="0/20"),
        pytest.param(1, 29, 0.0061, 0.1718, id="1/29"),
        # Symmetric and boundary cases.
        pytest.param(5, 10, 0.2366, 0.7634, id="5/10"),
        pytest.param(0, 10, 0.0, 0.2775, id="0/10"),
        pytest.param(10, 10, 0.7225, 1.0, id="10/10"),
    ],
)
def test_wilson_interval_known_values(successes, trials, low, high):
    got = wilson_interval(successes, trials)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_edges():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(3, 2)
    # Narrower with more trials at the same proportion; always inside [0, 1].
    small, large = wilson_interval(2, 20), wilson_interval(20, 200)
    assert large[1] - large[0] < small[1] - small[0]
    for x in range(0, 31):
        low, high = wilson_interval(x, 30)
        assert 0 <= low <= x / 30 <= high <= 1


def test_defect_report_leaves_out_not_reached_and_pending():
    outcomes = (
        [("confirmed_eligible", None, True)] * 37
        + [("not_eligible", "not_qualifying_work", True)] * 2
        + [("not_eligible", "other", True)]
        + [("not_reached", None, True)] * 5
        + [(None, None, True)] * 3
        + [(None, None, False)] * 2
    )
    report = defect_report(outcomes, sample_size=50)
    assert (report.confirmed, report.not_eligible, report.not_reached) == (37, 3, 5)
    assert (report.pending, report.assigned, report.reinterviewed) == (5, 48, 40)
    assert report.defect_rate == pytest.approx(3 / 40)
    assert report.interval == pytest.approx(wilson_interval(3, 40))
    assert report.reasons == {"not_qualifying_work": 2, "other": 1}
    empty = defect_report([(None, None, False)], sample_size=1)
    assert empty.defect_rate is None
    assert empty.interval is None


def test_the_draw_is_the_lowest_sha256_ranks_and_is_pinned():
    keys = [f"coe-{n}:1" for n in range(200)]
    seed = "0123456789abcdef"
    expected = sorted(keys, key=lambda k: hashlib.sha256(f"{seed}\x1f{k}".encode()).hexdigest())
    assert draw(keys, seed, 20) == expected[:20]
    assert unit_rank(seed, keys[0]) == hashlib.sha256(f"{seed}\x1f{keys[0]}".encode()).hexdigest()
    # Pinned: the same seed and population must give this list on every machine, forever.
    assert METHOD == "sha256-rank-v1"
    assert draw(["a", "b", "c", "d", "e"], "seed", 3) == ["e", "a", "c"]


def test_the_draw_ignores_population_order_and_depends_on_the_seed():
    keys = [f"{n}:0" for n in range(500)]
    shuffled = keys[:]
    random.Random(5).shuffle(shuffled)
    assert draw(keys, "s1", 30) == draw(shuffled, "s1", 30)
    assert population_hash(keys) == population_hash(shuffled)
    assert population_hash(keys) != population_hash(keys[:-1])
    assert set(draw(keys, "s1", 30)) != set(draw(keys, "s2", 30))
    assert len(set(draw(keys, "s1", 30))) == 30
    assert sorted(draw(keys, "s1", 500)) == sorted(keys)


def test_the_draw_is_uniform_enough():
    # 400 draws of 5 of 20 units, each with its own seed: every unit is drawn ~100 times.
    keys = [str(n) for n in range(20)]
    counts = dict.fromkeys(keys, 0)
    for seed in range(400):
        for key in draw(keys, str(seed), 5):
            counts[key] += 1
    # Expected 100 each; a binomial(400, 0.25) has sd ~8.7: 60..140 is > 4.5 sd.
    assert all(60 <= c <= 140 for c in counts.values()), counts


@pytest.mark.parametrize(
    ("population", "rate", "size"),
    [(30, 0.1, 3), (31, 0.1, 4), (100, "0.05", 5), (7, 0.01, 1), (10, 1, 10)],
)
def test_size_for_rate_rounds_up(population, rate, size):
    assert size_for_rate(population, rate) == size


@pytest.mark.parametrize(
    ("population", "size"), [(1_000_000, 384), (1000, 278), (100, 80), (10, 10)]
)
def test_size_for_margin_matches_the_usual_table(population, size):
    # 95% confidence, +/-5%, p = 0.5 (Cochran with the finite population correction).
    assert size_for_margin(population) == size
