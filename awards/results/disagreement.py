"""Which entries the jury should discuss: pure arithmetic on each entry's submitted scorecard
totals (percentages of the maximum). Imports neither Flask nor SQLAlchemy.

Two rules flag an entry:

- **spread**: the highest total minus the lowest exceeds the program's threshold (percentage
  points; DEFAULT_THRESHOLD unless the organizer sets another). Needs two scorecards.
- **outlier**: one scorecard lies more than OUTLIER_SIGMAS standard deviations from the REST of
  the panel (leave-one-out: the mean and the sample standard deviation of the other totals, so
  the outlier does not pull the yardstick it is measured by). Needs at least OUTLIER_MINIMUM
  scorecards (the rest must have two totals to have a standard deviation at all). The rest's
  standard deviation counts as at least SIGMA_FLOOR points, the usual spread between jurors:
  two jurors who gave 80 and 79 have σ = 0.7, and a third at 81 would be "2.1 σ" away, one
  point apart; and the σ of two or three totals is itself so unsure that, without the floor,
  a panel of four scoring at random flags more than half its entries (the demo's did). With
  the floor a scorecard must lie more than 20 points from the rest's mean to stand out. It
  also answers σ = 0 (the rest agree exactly): σ counts as the floor.

Why 30 points by default: inter-rater spread on rubric totals is typically about 10 points
(one standard deviation), so a panel of 3–5 jurors routinely spans 20–25 points; 30 points (3 of
10 points on every criterion) is a disagreement a jury would want to talk about, not noise.

The comparisons are exact: totals are counted in thousandths of a point (they are shown at two
decimals) and compared in integers, so a flag never flips on a rounding error, is the same in
any order of scorecards, and does not change when a constant is added to every total.
"""

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 30  # percentage points
OUTLIER_SIGMAS = 2
OUTLIER_MINIMUM = 3
SIGMA_FLOOR = 10  # percentage points
_SCALE = 1000  # thousandths of a percentage point


@dataclass(frozen=True, slots=True)
class Outlier:
    judge: Hashable
    sigmas: float  # distance from the rest's mean, in the rest's standard deviations


@dataclass(frozen=True, slots=True)
class Disagreement:
    spread: float  # highest total − lowest, percentage points
    spread_exceeded: bool
    outliers: tuple[Outlier, ...]  # by distance, farthest first

    @property
    def flagged(self) -> bool:
        return self.spread_exceeded or bool(self.outliers)


def _units(total: float) -> int:
    return round(total * _SCALE)


def _outliers(units: Mapping[Hashable, int]) -> tuple[Outlier, ...]:
    """Each scorecard's distance from the rest of the panel: |x − mean(rest)| > k·sd(rest)
    ⇔ (m·x − R)²·(m − 1) > k²·m·(m·Q − R²), m, R, Q the rest's count, sum and sum of squares
    (all integers: exact), m·Q − R² = m·(m − 1)·sd² raised to the floor's."""
    if len(units) < OUTLIER_MINIMUM:
        return ()
    total, squares, m = sum(units.values()), sum(v * v for v in units.values()), len(units) - 1
    floor = (SIGMA_FLOOR * _SCALE) ** 2 * m * (m - 1)
    found = []
    for judge, value in units.items():
        rest, rest_squares = total - value, squares - value * value
        spread_of_rest = max(m * rest_squares - rest * rest, floor)
        distance = m * value - rest  # m · (x − mean of the rest)
        if distance * distance * (m - 1) > OUTLIER_SIGMAS**2 * m * spread_of_rest:
            sigmas = abs(distance) / m / math.sqrt(spread_of_rest / (m * (m - 1)))
            found.append(Outlier(judge, sigmas))
    return tuple(sorted(found, key=lambda outlier: -outlier.sigmas))


def disagreement(
    totals: Mapping[Hashable, float], *, threshold: float = DEFAULT_THRESHOLD
) -> Disagreement:
    """How one entry's panel disagrees: ``totals`` is {judge: total as % of the maximum}."""
    units = {judge: _units(total) for judge, total in totals.items()}
    if len(units) < 2:
        return Disagreement(0.0, False, ())
    spread = max(units.values()) - min(units.values())
    return Disagreement(
        spread=spread / _SCALE,
        spread_exceeded=spread > _units(threshold),
        outliers=_outliers(units),
    )


def flagged_entries(
    totals: Mapping[Hashable, Mapping[Hashable, float]], *, threshold: float = DEFAULT_THRESHOLD
) -> dict[Hashable, Disagreement]:
    """{entry: its disagreement} for the entries flagged, from {entry: {judge: total}}."""
    found = {}
    for entry, panel in totals.items():
        verdict = disagreement(panel, threshold=threshold)
        if verdict.flagged:
            found[entry] = verdict
    return found
