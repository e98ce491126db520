"""A judge's own distribution of totals against the panel's, on the entries they scored, once
they have submitted every scorecard of the category: harsh or lenient, narrow or wide, seen
only as aggregates (lowest, median, highest), never another judge's scorecard, never an entry
the judge is in conflict with (those are not in their queue)."""

import statistics
from dataclasses import dataclass

from awards.accounts.models import User
from awards.judging.progress import judge_queue
from awards.programs.models import Category
from awards.results import aggregation as agg
from awards.results.ranking import category_entries, category_rubric, countable_scorecards

# Fewer of the other judges' scorecards than this would let a judge read one of them back
# (with a single other scorecard, its lowest, median and highest are that scorecard).
PANEL_MINIMUM = 3
WIDTH, LEFT, BAR = 420, 110, 300  # the chart's geometry (templates/results/_own_distribution.svg)


@dataclass(frozen=True)
class Spread:
    """Totals (0–100) as lowest, median and highest, with their number and x positions."""

    count: int
    low: float
    median: float
    high: float

    def x(self, total: float) -> float:
        return LEFT + BAR * max(0.0, min(total, 100.0)) / 100.0


def spread(totals: list[float]) -> Spread | None:
    """Pure: the lowest, median and highest of ``totals`` (None for none)."""
    if not totals:
        return None
    return Spread(len(totals), min(totals), statistics.median(totals), max(totals))


@dataclass(frozen=True)
class OwnDistribution:
    category: Category
    mine: Spread
    panel: Spread | None  # None: too few of the other judges' scorecards to show
    entries: int


def split_totals(
    judge_id: int, cards: list[agg.Scorecard], rubric: list[agg.Criterion]
) -> tuple[list[float], list[float]]:
    """Pure: the judge's scorecard totals and the other judges' totals on the same entries."""
    mine = [c for c in cards if c.judge == judge_id]
    entries = {c.nomination for c in mine}
    others = [c for c in cards if c.judge != judge_id and c.nomination in entries]
    return ([agg.scorecard_total(c.points, rubric) for c in mine],
            [agg.scorecard_total(c.points, rubric) for c in others])  # fmt: skip


def own_distributions(judge: User, program) -> list[OwnDistribution]:
    """Per category whose scorecards the judge has all submitted (and with a rubric), their
    totals against the panel's on the same entries."""
    queue = [item for item in judge_queue(judge, program) if not item.nomination.is_practice]
    found = []
    for category in program.categories:
        items = [item for item in queue if item.nomination.category_id == category.id]
        if not items or any(item.status != "submitted" for item in items) or not category.criteria:
            continue
        wanted = {item.nomination.id for item in items}
        entries = [entry for entry in category_entries(category) if entry.id in wanted]
        counted, _judges = countable_scorecards(category, entries)
        cards = [agg.Scorecard(c.judge_id, c.nomination_id, c.points) for c in counted]
        mine, others = split_totals(judge.id, cards, category_rubric(category))
        if not mine:
            continue
        panel = spread(others) if len(others) >= PANEL_MINIMUM else None
        found.append(OwnDistribution(category, spread(mine), panel, len(entries)))
    return found
