"""Live results of a category: the countable scorecards, read in a fixed number of queries,
handed to the pure arithmetic in aggregation.py."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from awards.accounts.models import Organization, User
from awards.extensions import db
from awards.judging.conflicts import is_automatic_conflict
from awards.judging.models import Assignment, Conflict, Scorecard, ScorecardState
from awards.nominations.models import Nomination
from awards.nominations.queries import accepted_nominations
from awards.programs.models import Category
from awards.results import aggregation as agg


@dataclass
class ResultRow:
    nomination: Nomination
    score: float | None
    rank: int | None
    tie: bool
    scorecards: int
    totals: tuple[float, ...]
    percentages: dict[int, float]
    too_few: bool

    @property
    def spread(self) -> float | None:
        return (self.totals[0] - self.totals[-1]) if self.totals else None


@dataclass
class JudgeRow:
    judge: User
    scorecards: int
    mean: float
    stdev: float


@dataclass
class CategoryResults:
    category: Category
    method: str
    rows: list[ResultRow]
    scorecards: list[Scorecard]
    judges: list[JudgeRow] = field(default_factory=list)
    kendall_w: float | None = None
    agreement: str | None = None
    concordance_judges: int = 0

    @property
    def ties(self) -> bool:
        return any(row.tie for row in self.rows)


def countable_scorecards(category: Category, entries: list[Nomination]) -> list[Scorecard]:
    """Submitted scorecards of accepted entries by judges still assigned and free of conflict."""
    by_id = {entry.id: entry for entry in entries}
    ids = list(by_id)
    cards = db.session.scalars(
        select(Scorecard)
        .where(Scorecard.nomination_id.in_(ids), Scorecard.state == ScorecardState.SUBMITTED)
        .options(
            selectinload(Scorecard.scores),
            joinedload(Scorecard.judge)
            .joinedload(User.organization)
            .selectinload(Organization.aliases),
        )
    ).unique()
    assigned = set(
        db.session.execute(
            select(Assignment.nomination_id, Assignment.judge_id).where(
                Assignment.nomination_id.in_(ids)
            )
        ).tuples()
    )
    declared = set(
        db.session.execute(
            select(Conflict.nomination_id, Conflict.judge_id).where(Conflict.nomination_id.in_(ids))
        ).tuples()
    )
    return [
        card
        for card in cards
        if (card.nomination_id, card.judge_id) in assigned
        and (card.nomination_id, card.judge_id) not in declared
        and not is_automatic_conflict(card.judge, by_id[card.nomination_id])
    ]


def _rubric(category: Category) -> list[agg.Criterion]:
    return [agg.Criterion(c.id, c.weight, c.max_points, c.position) for c in category.criteria]


def _concordance(totals: dict, entries: list[Nomination]) -> tuple[float | None, int]:
    """Kendall's W over the judges who scored every entry of the category."""
    judges = set.intersection(*(set(totals.get(e.id, {})) for e in entries)) if entries else set()
    ordered = sorted(judges)
    if len(ordered) < 2 or len(entries) < 2:
        return None, len(ordered)
    matrix = [[totals[e.id][judge] for e in entries] for judge in ordered]
    return agg.kendalls_w(matrix), len(ordered)


def category_results(category: Category, method: str | None = None) -> CategoryResults:
    """The ranking as it stands, with spread, warnings, judge statistics and agreement."""
    method = method or category.program.scoring_method
    entries = accepted_nominations(category, with_supporters=True)
    cards = countable_scorecards(category, entries)
    rubric = _rubric(category)
    plain = [agg.Scorecard(c.judge_id, c.nomination_id, c.points) for c in cards]
    ranked = agg.rank(plain, rubric, method, nominations=[e.id for e in entries]) if rubric else []
    order = [c.id for c in agg.tie_break_order(rubric)]
    by_id = {entry.id: entry for entry in entries}
    needed = category.program.judges_per_nomination
    rows = [
        ResultRow(
            nomination=by_id[r.nomination], score=r.score, rank=r.rank, tie=r.tie,
            scorecards=r.scorecards, totals=r.totals,
            percentages=dict(zip(order, r.criterion_percentages, strict=True)),
            too_few=r.scorecards < needed,
        )
        for r in ranked
    ]  # fmt: skip
    totals = agg.totals_by_nomination(plain, rubric) if rubric else {}
    judges = {c.judge_id: c.judge for c in cards}
    result = CategoryResults(category=category, method=method, rows=rows, scorecards=cards)
    result.judges = [
        JudgeRow(judges[s.judge], s.scorecards, s.mean, s.stdev)
        for s in agg.judge_statistics(totals)
    ]
    result.kendall_w, result.concordance_judges = _concordance(totals, entries)
    if result.kendall_w is not None:
        result.agreement = agg.agreement_level(result.kendall_w)
    return result
