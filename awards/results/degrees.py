"""Degrees of the laureates' diplomas (I, II, III дәрежелі диплом / диплом I, II, III степени):
what a category's rule proposes for each laureate. Pure arithmetic: imports neither Flask nor
SQLAlchemy.

- By rank (limits: how many laureates get I, II and III, e.g. 1-2-3): the laureates in ranking
  order, the first n₁ get I, the next n₂ II, the next n₃ III, the rest no degree. A laureate's
  place is counted as the ranking counts it, 1 + the number of laureates ranked strictly
  higher, so laureates tied in the ranking share a place and get the same degree (the higher
  one when the tie straddles a border: splitting a tie is a decision with a written reason,
  not the rule's).
- By score band (limits: the minimum share of the maximum total, in %, for I, II and III,
  e.g. 90-80-70): a laureate's mean scorecard total (0 to 100, the share of the maximum
  points, whatever the method ranks by) compared at 2 decimals, as scores are compared; a
  total exactly at a threshold reaches it. Below the last threshold: no degree.
"""

from bisect import bisect_left
from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

NONE, RANK, BAND = "none", "rank", "band"
NUMERALS = {1: "I", 2: "II", 3: "III"}
HUNDREDTH = Decimal("0.01")


def by_rank(ranks: Mapping[Hashable, int | None], limits: Sequence[int]) -> dict:
    """{laureate: degree or None} from the laureates' ranks in the ranking (None: unranked)."""
    ordered = sorted(r for r in ranks.values() if r is not None)
    degrees = {}
    for laureate, rank in ranks.items():
        if rank is None:
            degrees[laureate] = None
            continue
        place = 1 + bisect_left(ordered, rank)  # the laureates ranked strictly higher
        degrees[laureate] = _degree_for_place(place, limits)
    return degrees


def _degree_for_place(place: int, limits: Sequence[int]) -> int | None:
    border = 0
    for degree, count in enumerate(limits, start=1):
        border += count
        if place <= border:
            return degree
    return None


def _hundredths(value: float) -> Decimal:
    """The value at 2 decimals, half up (the decimal the person reads on the page)."""
    return Decimal(repr(value)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def by_band(shares: Mapping[Hashable, float | None], limits: Sequence[float]) -> dict:
    """{laureate: degree or None} from each laureate's mean total (% of the maximum)."""
    thresholds = [Decimal(repr(float(limit))) for limit in limits]
    degrees = {}
    for laureate, share in shares.items():
        degrees[laureate] = None
        if share is None:
            continue
        value = _hundredths(share)
        for degree, threshold in enumerate(thresholds, start=1):
            if value >= threshold:
                degrees[laureate] = degree
                break
    return degrees


def proposed_degrees(
    rule: str,
    limits: Sequence[float] | None,
    *,
    ranks: Mapping[Hashable, int | None],
    shares: Mapping[Hashable, float | None],
) -> dict:
    """The rule's degree for each laureate (the keys of ``ranks``); {} when the category gives
    no degrees."""
    if rule == RANK:
        return by_rank(ranks, limits)
    if rule == BAND:
        return by_band({laureate: shares.get(laureate) for laureate in ranks}, limits)
    return {}
