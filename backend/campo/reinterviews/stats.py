"""The defect rate of a re-interview sample and its confidence interval. Pure Python.

The interval is Wilson's score interval. Defect rates are small proportions from samples of
a few hundred at most, which is where the usual Wald interval (p +/- z sqrt(p(1-p)/n)) fails:
with no defect found it has zero width, and near 0 it dips below zero. Wilson's stays inside
[0, 1], has a non-zero upper bound when no defect is found (0 of 10 -> up to 27.8%), and its
coverage stays close to the nominal 95% (Newcombe 1998; Brown, Cai & DasGupta 2001).
Clopper-Pearson guarantees at least 95% but is wider than needed on average, which would
overstate how uncertain a state's estimate is; it also needs beta quantiles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson's score interval for ``successes`` of ``trials``; (0, 1) when there are none."""
    if trials < 0 or not 0 <= successes <= trials:
        raise ValueError("need 0 <= successes <= trials")
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = z * z
    centre = p + z2 / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    denominator = 1 + z2 / trials
    low = 0.0 if successes == 0 else (centre - spread) / denominator
    high = 1.0 if successes == trials else (centre + spread) / denominator
    return low, high


@dataclass(frozen=True)
class DefectReport:
    """Counts of a sample's outcomes, the defect rate and its 95% Wilson interval.

    The rate is not eligible / re-interviewed, where re-interviewed counts confirmed and not
    eligible: children who could not be reached (and those still pending) are left out.
    """

    sample_size: int
    assigned: int
    pending: int
    confirmed: int
    not_eligible: int
    not_reached: int
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def reinterviewed(self) -> int:
        return self.confirmed + self.not_eligible

    @property
    def defect_rate(self) -> float | None:
        return self.not_eligible / self.reinterviewed if self.reinterviewed else None

    @property
    def interval(self) -> tuple[float, float] | None:
        if not self.reinterviewed:
            return None
        return wilson_interval(self.not_eligible, self.reinterviewed)


def defect_report(
    outcomes: Iterable[tuple[str | None, str | None, bool]], sample_size: int
) -> DefectReport:
    """Tally ``(outcome, reason, assigned)`` per drawn child into a DefectReport."""
    counts = {"confirmed_eligible": 0, "not_eligible": 0, "not_reached": 0}
    reasons: dict[str, int] = {}
    assigned = pending = 0
    for outcome, reason, is_assigned in outcomes:
        assigned += is_assigned
        if outcome is None:
            pending += 1
            continue
        counts[outcome] += 1
        if outcome == "not_eligible" and reason:
            reasons[reason] = reasons.get(reason, 0) + 1
    return DefectReport(
        sample_size=sample_size,
        assigned=assigned,
        pending=pending,
        confirmed=counts["confirmed_eligible"],
        not_eligible=counts["not_eligible"],
        not_reached=counts["not_reached"],
        reasons=dict(sorted(reasons.items())),
    )
