"""Pure arithmetic of results: scorecard totals, aggregation methods, ranking with ties,
judge statistics and Kendall's W. Imports neither Flask nor SQLAlchemy.

Every function takes plain values (ids, numbers, small frozen dataclasses) so that the same
code ranks a live category, a frozen snapshot, an imported archive or a test's hand-made case.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from statistics import fmean, pstdev
from typing import NamedTuple


class Method(StrEnum):
    MEAN = "mean"
    NORMALIZED = "normalized"
    TRIMMED = "trimmed"


TRIM_MINIMUM = 5  # trimming one high and one low total needs at least this many scorecards
NORMALIZED_CENTRE, NORMALIZED_SCALE = 50.0, 10.0
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Criterion:
    id: Hashable
    weight: float
    max_points: float
    position: int = 0


class Scorecard(NamedTuple):
    """A submitted scorecard: one judge's points per criterion for one nomination (a named
    tuple: a national category makes thousands, and a frozen dataclass is slow to build)."""

    judge: Hashable
    nomination: Hashable
    points: Mapping[Hashable, float]


@dataclass(frozen=True, slots=True)
class RankedRow:
    nomination: Hashable
    score: float | None
    rank: int | None
    tie: bool
    scorecards: int
    totals: tuple[float, ...]
    criterion_percentages: tuple[float, ...]  # in tie-break order


def _exact(value: float) -> Decimal:
    """The decimal a person typed (0.1 stays 0.1, not the binary float nearest to it)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _weighted(criteria: Sequence[Criterion]) -> tuple[list[tuple[Hashable, Decimal]], Decimal]:
    """Each criterion's weight as a decimal, and the points possible (Σ wᵢ·maxᵢ)."""
    possible = sum(_exact(c.weight) * _exact(c.max_points) for c in criteria)
    if possible <= 0:
        raise ValueError("a rubric needs at least one criterion with positive weight and maximum")
    return [(c.id, _exact(c.weight)) for c in criteria], possible


def _total(points: Mapping[Hashable, float], weighted, possible: Decimal, exact) -> float:
    earned = sum(weight * exact(points.get(criterion, 0.0)) for criterion, weight in weighted)
    return float(HUNDRED * earned / possible)


def scorecard_total(points: Mapping[Hashable, float], criteria: Sequence[Criterion]) -> float:
    """100 × Σ wᵢ·pᵢ / Σ wᵢ·maxᵢ over the rubric; a criterion left out counts as 0 points.

    Computed in decimal arithmetic, so totals equal on paper are equal floats: summed in
    binary floating point, weights such as 0.1 and 0.2 made them differ by 1e-15, and a judge
    who gave everyone the same total had a standard deviation of 1e-15 instead of 0, which
    normalization blew up to ±1 z."""
    return _total(points, *_weighted(criteria), _exact)


def totals_by_nomination(
    scorecards: Iterable[Scorecard], criteria: Sequence[Criterion]
) -> dict[Hashable, dict[Hashable, float]]:
    """{nomination: {judge: total}}, each total as scorecard_total computes it (the same
    decimals added in the same order). Each weight × points product is made once per distinct
    number of points, and each total once per distinct sum: a national category's thousands
    of scorecards share a few dozen of them, which keeps its ranking fast."""
    weighted, possible = _weighted(criteria)
    products: dict[tuple, Decimal] = {}
    shares: dict[Decimal, float] = {}
    totals: dict[Hashable, dict[Hashable, float]] = defaultdict(dict)
    for card in scorecards:
        earned = 0
        for criterion, weight in weighted:
            value = card.points.get(criterion, 0.0)
            key = (criterion, type(value), value)  # 1 and 1.0 are equal keys, unequal decimals
            product = products.get(key)
            if product is None:
                product = products[key] = weight * _exact(value)
            earned += product
        total = shares.get(earned)
        if total is None:
            total = shares[earned] = float(HUNDRED * earned / possible)
        totals[card.nomination][card.judge] = total
    return dict(totals)


DEFAULT_MINIMUM = 2  # scorecards a juror needs in a category to be normalized on their own


def _z_scores(
    totals: Mapping[Hashable, Mapping[Hashable, float]], minimum: int = DEFAULT_MINIMUM
) -> dict:
    """Each total as a z-score: within its judge's own totals for the category when the judge
    has at least ``minimum`` of them, otherwise within the whole panel's.

    A juror below the minimum (say 2 scorecards when the minimum is 5) has no scale of their
    own worth the name: with two scorecards every z is ±1, however close the two totals are.
    Their scorecards are not left out (the entries they scored would lose a juror, and an entry
    scored only by such jurors would have no score at all) nor counted as average (z 0 pulls
    every entry they scored towards 50, the best down as much as the worst up): they count on
    the panel's common scale, their total against the mean and standard deviation of every
    total in the category, so their judgement keeps its direction and its size.

    At the default minimum of 2 nothing changes from how results were always computed: a juror
    with a single scorecard counts as average (z 0), so snapshots confirmed before the setting
    existed are reproduced exactly. A judge whose totals are all equal (σ 0) counts as average.
    """
    by_judge: dict[Hashable, list[float]] = defaultdict(list)
    for per_judge in totals.values():
        for judge, total in per_judge.items():
            by_judge[judge].append(total)
    stats = {
        judge: (fmean(values), pstdev(values), len(values)) for judge, values in by_judge.items()
    }
    if minimum > DEFAULT_MINIMUM and any(count < minimum for _, _, count in stats.values()):
        every = [total for values in by_judge.values() for total in values]
        panel = (fmean(every), pstdev(every), len(every))
        stats = {judge: panel if s[2] < minimum else s for judge, s in stats.items()}
    z: dict[Hashable, dict[Hashable, float]] = {}
    for nomination, per_judge in totals.items():
        z[nomination] = {}
        for judge, total in per_judge.items():
            mu, sigma, count = stats[judge]
            z[nomination][judge] = 0.0 if sigma == 0 or count < 2 else (total - mu) / sigma
    return z


def below_minimum(
    totals: Mapping[Hashable, Mapping[Hashable, float]], minimum: int = DEFAULT_MINIMUM
) -> list[Hashable]:
    """The judges with fewer than ``minimum`` totals in the category: those normalization
    measures on the panel's scale (or, at the default minimum, counts as average)."""
    counts: dict[Hashable, int] = defaultdict(int)
    for per_judge in totals.values():
        for judge in per_judge:
            counts[judge] += 1
    return [judge for judge, count in counts.items() if count < minimum]


def _trimmed_mean(values: Sequence[float]) -> float:
    if len(values) >= TRIM_MINIMUM:
        values = sorted(values)[1:-1]
    return fmean(values)


def aggregate(
    totals: Mapping[Hashable, Mapping[Hashable, float]],
    method: Method | str = Method.MEAN,
    *,
    minimum: int = DEFAULT_MINIMUM,
) -> dict[Hashable, float]:
    """A score per nomination from its scorecard totals; nominations without any are left out.
    ``minimum``: the scorecards a judge needs to be normalized on their own (see _z_scores)."""
    method = Method(method)
    if method is Method.NORMALIZED:
        z = _z_scores(totals, minimum)
        return {
            nomination: NORMALIZED_CENTRE + NORMALIZED_SCALE * fmean(per_judge.values())
            for nomination, per_judge in z.items()
            if per_judge
        }
    combine = _trimmed_mean if method is Method.TRIMMED else fmean
    return {n: combine(list(per_judge.values())) for n, per_judge in totals.items() if per_judge}


def criterion_percentages(
    scorecards: Iterable[Scorecard], criteria: Sequence[Criterion]
) -> dict[Hashable, dict[Hashable, float]]:
    """{nomination: {criterion: mean of points as a percentage of that criterion's maximum}}."""
    rubric = [(criterion.id, criterion.max_points) for criterion in criteria]
    collected: dict[Hashable, list[list[float]]] = {}
    for card in scorecards:
        shares = collected.get(card.nomination)
        if shares is None:
            shares = collected[card.nomination] = [[] for _ in rubric]
        points = card.points
        for index, (criterion, maximum) in enumerate(rubric):
            shares[index].append(100.0 * points.get(criterion, 0.0) / maximum)
    return {
        nomination: {criterion: fmean(shares[index]) for index, (criterion, _) in enumerate(rubric)}
        for nomination, shares in collected.items()
    }


def tie_break_order(criteria: Sequence[Criterion]) -> list[Criterion]:
    """Heaviest criterion first, then rubric order."""
    return sorted(criteria, key=lambda c: (-c.weight, c.position))


def rank(
    scorecards: Sequence[Scorecard],
    criteria: Sequence[Criterion],
    method: Method | str = Method.MEAN,
    nominations: Iterable[Hashable] = (),
    *,
    totals: Mapping[Hashable, Mapping[Hashable, float]] | None = None,
    minimum: int = DEFAULT_MINIMUM,
    percentages: Mapping[Hashable, Mapping[Hashable, float]] | None = None,
) -> list[RankedRow]:
    """Rows in rank order. Scores compare at 2 decimals, then per-criterion mean percentages
    (heaviest criterion first, also at 2 decimals); what is still equal shares a rank (1, 2, 2, 4)
    and is marked as a tie. Nominations named in ``nominations`` without scorecards come last,
    unranked. ``totals`` are the scorecards' totals when the caller has them already;
    ``minimum`` is normalization's (see _z_scores); ``percentages`` are criterion_percentages
    when the caller has them already (ranking the same scorecards by two methods)."""
    if totals is None:
        totals = totals_by_nomination(scorecards, criteria)
    scores = aggregate(totals, method, minimum=minimum)
    if percentages is None:
        percentages = criterion_percentages(scorecards, criteria)
    order = tie_break_order(criteria)

    def row(nomination) -> RankedRow:
        per = percentages.get(nomination, {})
        return RankedRow(
            nomination=nomination,
            score=scores.get(nomination),
            rank=None,
            tie=False,
            scorecards=len(totals.get(nomination, {})),
            totals=tuple(sorted(totals.get(nomination, {}).values(), reverse=True)),
            criterion_percentages=tuple(per.get(c.id, 0.0) for c in order),
        )

    def key(r: RankedRow) -> tuple:
        return (round(r.score, 2), *(round(p, 2) for p in r.criterion_percentages))

    keyed = sorted(((key(r), r) for r in map(row, scores)), key=lambda pair: pair[0], reverse=True)
    keys = [pair[0] for pair in keyed]
    ranked: list[RankedRow] = []
    for index, (current_key, current) in enumerate(keyed):
        same_as_previous = index > 0 and keys[index - 1] == current_key
        tie = same_as_previous or (index + 1 < len(keys) and keys[index + 1] == current_key)
        position = ranked[-1].rank if same_as_previous else index + 1
        ranked.append(_replace(current, rank=position, tie=tie))
    unscored = [row(n) for n in dict.fromkeys(nominations) if n not in scores]
    return ranked + unscored


def _replace(row: RankedRow, **changes) -> RankedRow:
    return dataclasses.replace(row, **changes)


@dataclass(frozen=True, slots=True)
class JudgeStatistics:
    judge: Hashable
    scorecards: int
    mean: float
    stdev: float


def judge_statistics(
    totals: Mapping[Hashable, Mapping[Hashable, float]],
) -> list[JudgeStatistics]:
    """Mean and population standard deviation of each judge's totals, harshest first."""
    by_judge: dict[Hashable, list[float]] = defaultdict(list)
    for per_judge in totals.values():
        for judge, total in per_judge.items():
            by_judge[judge].append(total)
    stats = [
        JudgeStatistics(judge, len(values), fmean(values), pstdev(values))
        for judge, values in by_judge.items()
    ]
    return sorted(stats, key=lambda s: (s.mean, str(s.judge)))


def average_ranks(values: Sequence[float]) -> list[float]:
    """Rank 1 for the highest value; equal values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for position in range(start, end + 1):
            ranks[order[position]] = shared
        start = end + 1
    return ranks


def kendalls_w(ratings: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance with the correction for ties.

    ``ratings`` has one row per judge and one column per nomination, every judge having rated
    every nomination. W = 12·S / (m²(n³−n) − m·ΣT), where S is the sum of squared deviations of
    the nominations' rank sums from their mean and T = Σ(t³−t) over each judge's groups of t
    tied values. None when it is undefined (fewer than 2 judges or 2 nominations, or every
    judge gave every nomination the same value).
    """
    m = len(ratings)
    n = len(ratings[0]) if m else 0
    if m < 2 or n < 2 or any(len(row) != n for row in ratings):
        return None
    ranks = [average_ranks(row) for row in ratings]
    rank_sums = [sum(judge_ranks[i] for judge_ranks in ranks) for i in range(n)]
    mean_sum = m * (n + 1) / 2
    s = sum((r - mean_sum) ** 2 for r in rank_sums)
    ties = 0
    for row in ratings:
        counts: dict[float, int] = defaultdict(int)
        for value in row:
            counts[value] += 1
        ties += sum(t**3 - t for t in counts.values())
    denominator = m**2 * (n**3 - n) - m * ties
    if denominator <= 0:
        return None
    return 12 * s / denominator


class Agreement(StrEnum):
    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"


WEAK_BELOW, STRONG_FROM = 0.3, 0.7


def agreement_level(w: float) -> Agreement:
    """A plain reading of W: below 0.3 weak, from 0.7 strong, moderate between."""
    if w < WEAK_BELOW:
        return Agreement.WEAK
    if w >= STRONG_FROM:
        return Agreement.STRONG
    return Agreement.MODERATE
