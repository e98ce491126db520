"""How sure a ranking is: a bootstrap over each entry's scorecards. Pure arithmetic: imports
neither Flask nor SQLAlchemy.

Each of ``resamples`` times (2,000 by default, from a fixed seed, so the same scorecards give
the same figures), every entry's scorecards are drawn again with replacement, as many as it
has; each entry gets the score the active method gives those scorecards, the entries are
ranked, and we count how often each one ranks first and how often it is among the laureates.

What is resampled:
- mean and trimmed: each entry's scorecard totals (trimmed drops one highest and one lowest
  draw when the entry has at least TRIM_MINIMUM scorecards, as aggregation does);
- normalized: each entry's scorecards as z-scores within their judge's totals, computed once
  on the full data (aggregation's own ``_z_scores``, with the same minimum of scorecards per
  judge), so a judge's scale stays as observed and only which of the entry's scorecards count
  varies.

Resampled scores are compared as the results page compares them: at 2 decimals (rounded half
up, in integers, where the page's round() goes to the even float: the two differ only on an
exact half of a hundredth). The criterion tie-breaks are not applied: entries equal at
2 decimals share the place, and ties share the credit equally: two entries equal at the top
of a resample get ½ "first" each, and entries tied across the border of the ``laureates``
places share the places left, so "first" sums to exactly 1 per resample and "laureate" to
the number of places (or of entries, if fewer).

For speed (2,000 resamples of a 250-entry category are 7 million draws in plain Python) the
draws are made in bulk from random bytes, and each resampled sum is added in integers of 10⁻⁶
(of a point, or of a z-score) instead of decimals: a score differs from the float mean of the
same scorecards by less than 10⁻⁵, far below the 2 decimals scores are compared at. The
ranking shown on the page is still computed by aggregation.rank in decimals; only these
probabilities use the shortcut.
"""

import heapq
import random
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import compress, repeat
from operator import add, floordiv, ge, getitem, sub

from awards.results.aggregation import (
    DEFAULT_MINIMUM,
    NORMALIZED_SCALE,
    TRIM_MINIMUM,
    Method,
    _z_scores,
)

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 2025
SURE = 0.95  # a place is settled when an entry holds it (or stays out of it) this often
FIXED = 10**6  # resampled values are added in integers of 10⁻⁶ (small: one machine digit)


@dataclass(frozen=True, slots=True)
class Robustness:
    """The bootstrap's figures for one category.

    ``p_first`` and ``p_laureate`` hold a probability per entry with scorecards
    (``p_laureate`` is None when the category has no limit of laureates).

    ``too_close`` is True when the leading places are not settled, that is when
    - no entry ranks first in at least 95 % of the resamples (``first_uncertain``), or
    - with k laureate places, some entry is among the top k in more than 5 % but less than
      95 % of the resamples (``border``: those entries, most often a laureate first).
    ``contenders`` are the entries that rank first in at least 5 % of the resamples, most
    often first (when first place is settled, only its holder).
    """

    p_first: dict[Hashable, float]
    p_laureate: dict[Hashable, float] | None
    resamples: int
    seed: int
    first_uncertain: bool
    contenders: tuple[Hashable, ...]
    border: tuple[Hashable, ...]

    @property
    def too_close(self) -> bool:
        return self.first_uncertain or bool(self.border)


def bootstrap(
    totals: Mapping[Hashable, Mapping[Hashable, float]],
    method: Method | str = Method.MEAN,
    *,
    laureates: int | None = None,
    minimum: int = DEFAULT_MINIMUM,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Robustness:
    """The figures for a category from its scorecards' totals ({nomination: {judge: total}}, as
    aggregation.totals_by_nomination gives them); ``laureates`` is the number of laureate
    places (None or 0: no limit, no p_laureate); ``minimum`` is normalization's scorecards per
    judge (aggregation._z_scores: a judge below it is measured on the panel's scale). Entries
    without scorecards are left out. Results are cached by their inputs: the same scorecards
    are not resampled twice."""
    method = Method(method)
    values = _z_scores(totals, minimum) if method is Method.NORMALIZED else totals
    frozen = tuple(
        (nomination, tuple(per_judge.values())) for nomination, per_judge in values.items()
        if per_judge
    )  # fmt: skip
    return _bootstrap(frozen, method, laureates or None, resamples, seed)


@lru_cache(maxsize=32)
def _bootstrap(
    entries: tuple[tuple[Hashable, tuple[float, ...]], ...],
    method: Method,
    laureates: int | None,
    resamples: int,
    seed: int,
) -> Robustness:
    given = [nomination for nomination, _ in entries]
    entries = tuple(sorted(entries, key=lambda entry: len(entry[1])))  # groups side by side
    names = [nomination for nomination, _ in entries]
    count = len(names)
    first: list = [0] * count
    laureate: list = [0] * count
    places = min(laureates, count) if laureates else 0
    rng = random.Random(seed)  # noqa: S311 (reproducible sampling, not secrecy)
    groups = _groups([pool for _, pool in entries], rng, resamples, method)
    # A score in hundredths is ⌊hundredths · mean + ½⌋; the ½ is already in the values (½ of a
    # hundredth in each, see _groups), so it is the sum of the draws ⌊/⌋ FIXED / hundredths
    # per draw. The normalized centre is the same for every entry and left out.
    unit = FIXED // _hundredths(method)
    trim = method is Method.TRIMMED
    for resample in range(resamples if count else 0):
        scores: list[int] = []
        for size, pairs, plan in groups:
            draws = size
            if pairs:
                sums = _pair_sums(plan, resample)
            else:
                chunks = _single_draws(plan, resample, size)
                sums = map(sum, chunks)
                if trim and size >= TRIM_MINIMUM:
                    sums = map(sub, map(sub, sums, map(max, chunks)), map(min, chunks))
                    draws = size - 2
            scores.extend(map(floordiv, sums, repeat(draws * unit)))
        _credit(scores, first, 1)
        if places and places < count:
            _credit(scores, laureate, places)
    if places and places >= count:
        laureate = [resamples] * count
    at = {n: i for i, n in enumerate(names)}
    p_first = {n: float(Fraction(first[at[n]]) / resamples) for n in given}
    p_laureate = (
        {n: float(Fraction(laureate[at[n]]) / resamples) for n in given} if laureates else None
    )
    contenders = sorted((n for n in names if p_first[n] >= 1 - SURE), key=lambda n: -p_first[n])
    border = (
        sorted((n for n in names if 1 - SURE < p_laureate[n] < SURE), key=lambda n: -p_laureate[n])
        if p_laureate
        else []
    )
    return Robustness(
        p_first=p_first, p_laureate=p_laureate, resamples=resamples, seed=seed,
        first_uncertain=bool(names) and max(p_first.values()) < SURE,
        contenders=tuple(contenders), border=tuple(border),
    )  # fmt: skip


def _credit(scores: list[int], counts: list, places: int) -> None:
    """Add one resample's credit for the top ``places``: whole for those clearly inside, the
    places left shared equally between the entries tied across the border."""
    if places == 1:
        border = max(scores)
        if scores.count(border) == 1:
            counts[scores.index(border)] += 1
            return
    else:
        border = heapq.nlargest(places, scores)[-1]
    inside = list(compress(range(len(scores)), map(ge, scores, repeat(border))))
    if len(inside) == places:
        for position in inside:
            counts[position] += 1
        return
    on = [position for position in inside if scores[position] == border]
    share = Fraction(places - (len(inside) - len(on)), len(on))
    for position in inside:
        counts[position] += share if scores[position] == border else 1


def _groups(
    pools: Sequence[Sequence[float]], rng: random.Random, resamples: int, method: Method
) -> list:
    """The entries (in order of their number of scorecards) grouped by that number, each
    group with every resample's draws made at once.

    A mean only needs the sum of the draws, and two draws from n scorecards are one draw from
    the n² sums of two of them: where n² ≤ 256 (one random byte a draw) the sum is made of
    ⌊n/2⌋ draws of pairs (and one single draw when n is odd), half the work."""
    by_size: dict[int, list[int]] = defaultdict(list)
    for position, pool in enumerate(pools):
        by_size[len(pool)].append(position)
    nudge = FIXED // (2 * _hundredths(method))  # rounds each mean half up, see _bootstrap
    groups = []
    for size, positions in by_size.items():
        fixed = [
            [round(value * FIXED) + nudge for value in pools[position]] for position in positions
        ]
        if method is not Method.TRIMMED and 2 <= size <= 16:
            half = size // 2
            tables = [[a + b for a in pool for b in pool] for pool in fixed]
            plan = (
                half, [table for table in tables for _ in range(half)],
                _draws(rng, size * size, resamples * half * len(positions)),
                fixed if size % 2 else None,
                _draws(rng, size, resamples * len(positions)) if size % 2 else None,
            )  # fmt: skip
            groups.append((size, True, plan))
        else:
            repeated = [pool for pool in fixed for _ in range(size)]
            groups.append((size, False, (repeated, _draws(rng, size, resamples * len(repeated)))))
    return groups


def _hundredths(method: Method) -> int:
    """Hundredths of a score per point of the mean of what is resampled (a z-score is worth
    NORMALIZED_SCALE points)."""
    return round(100 * (NORMALIZED_SCALE if method is Method.NORMALIZED else 1))


def _pair_sums(plan, resample: int):
    """Each entry's sum of one resample's draws, drawn in pairs."""
    half, tables, pair_draws, pools, single_draws = plan
    window = len(tables)
    drawn = pair_draws[resample * window : (resample + 1) * window]
    sums = map(sum, zip(*[map(getitem, tables, drawn)] * half, strict=True))
    if pools is None:
        return sums
    count = len(pools)
    return map(
        add, sums, map(getitem, pools, single_draws[resample * count : (resample + 1) * count])
    )


def _single_draws(plan, resample: int, size: int) -> list[tuple[int, ...]]:
    """Each entry's draws for one resample, one by one."""
    repeated, draws = plan
    window = len(repeated)
    drawn = draws[resample * window : (resample + 1) * window]
    return list(zip(*[map(getitem, repeated, drawn)] * size, strict=True))


def _draws(rng: random.Random, below: int, count: int) -> Sequence[int]:
    """``count`` independent uniform integers in [0, below): random bytes, those at or above
    the largest multiple of ``below`` discarded (so no remainder is favoured), the rest
    taken modulo ``below``."""
    if below > 256:
        return [rng.randrange(below) for _ in range(count)]
    limit = 256 - 256 % below
    table = bytes(byte % below if byte < limit else 0 for byte in range(256))
    rejected = bytes(range(limit, 256))
    drawn = b""
    while len(drawn) < count:
        missing = count - len(drawn)
        drawn += rng.randbytes(missing + missing // 16 + 64).translate(table, rejected)
    return drawn[:count]
