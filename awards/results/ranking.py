"""Live results of a category: the countable scorecards, read in a fixed number of queries,
handed to the pure arithmetic in aggregation.py."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload

from awards.accounts.models import Organization, User
from awards.extensions import db
from awards.judging.conflicts import automatic_conflicts
from awards.judging.models import Assignment, Conflict, Score, Scorecard, ScorecardState
from awards.judging.rounds import in_play
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category
from awards.results import aggregation as agg
from awards.results import robustness


class CountedScorecard(NamedTuple):
    """A countable scorecard as plain values: what ranking, fingerprints and exports read."""

    id: int
    judge_id: int
    nomination_id: int
    submitted_at: datetime | None
    points: dict[int, float]


@dataclass(slots=True)
class ResultRow:
    nomination: Nomination
    score: float | None
    rank: int | None
    tie: bool
    scorecards: int
    totals: tuple[float, ...]
    percentages: dict[int, float]
    too_few: bool
    # Normalized method: the rank by the plain mean of the same scorecards, side by side.
    plain_rank: int | None = None
    plain_tie: bool = False

    @property
    def rank_shift(self) -> int | None:
        """Places gained by normalization (positive: ranked higher than by the plain mean)."""
        if self.rank is None or self.plain_rank is None:
            return None
        return self.plain_rank - self.rank

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
    scorecards: list[CountedScorecard]
    judges: list[JudgeRow] = field(default_factory=list)
    judges_by_id: dict[int, User] = field(default_factory=dict)
    kendall_w: float | None = None
    agreement: str | None = None
    concordance_judges: int = 0
    totals: dict[int, dict[int, float]] = field(
        default_factory=dict
    )  # {nomination: {judge: total}}
    # Normalized: the scorecards a judge needs to be normalized on their own, and the judges
    # below it (measured on the panel's scale, see aggregation._z_scores).
    minimum: int = agg.DEFAULT_MINIMUM
    below_minimum: list[User] = field(default_factory=list)

    @property
    def normalized(self) -> bool:
        return self.method == agg.Method.NORMALIZED

    @property
    def ties(self) -> bool:
        return any(row.tie for row in self.rows)


def _entries(category: Category) -> list[Nomination]:
    """The accepted entries in play (those that advanced from the category's qualifying rounds,
    when it has some), oldest first, with what the conflict checks and the nominee's
    name read: the organization confirmed as the nominee, the entries merged into each."""
    return list(
        db.session.scalars(
            select(Nomination)
            .where(
                Nomination.category_id == category.id,
                Nomination.state == NominationState.ACCEPTED,
                in_play(),
                Nomination.is_practice.is_(False),  # the practice entry never counts
            )
            .order_by(Nomination.id)
            .options(
                joinedload(Nomination.nominee_organization),
                selectinload(Nomination.merged_from).load_only(
                    Nomination.id, Nomination.submitting_organization_id, Nomination.merged_into_id
                ),
            )
        ).unique()
    )


def _submitted(ids: list[int]) -> tuple:
    return Scorecard.nomination_id.in_(ids), Scorecard.state == ScorecardState.SUBMITTED


def _submitted_and_assigned(ids: list[int]) -> tuple:
    """Submitted scorecards of these entries whose judge is still assigned and declared no
    conflict (automatic conflicts are checked in Python, see countable_scorecards)."""
    assigned = exists().where(
        Assignment.nomination_id == Scorecard.nomination_id,
        Assignment.judge_id == Scorecard.judge_id,
    )
    declared = exists().where(
        Conflict.nomination_id == Scorecard.nomination_id, Conflict.judge_id == Scorecard.judge_id
    )
    return *_submitted(ids), assigned, ~declared


def _judges(ids) -> dict[int, User]:
    return {
        judge.id: judge
        for judge in db.session.scalars(
            select(User)
            .where(User.id.in_(ids))
            .options(joinedload(User.organization).selectinload(Organization.aliases))
        ).unique()
    }


def countable_scorecards(
    category: Category, entries: list[Nomination]
) -> tuple[list[CountedScorecard], dict[int, User]]:
    """Submitted scorecards of accepted entries by judges still assigned and free of conflict,
    and their judges by id. Four statements whatever the size (the cards, their points, the
    judges, their organizations' aliases): the cards and points are read as plain rows, since
    building an ORM object per scorecard and score took a second for a national category."""
    by_id = {entry.id: entry for entry in entries}
    ids = list(by_id)
    # On the session's connection: the same transaction, without the ORM's work per row.
    connection = db.session.connection()
    cards = connection.execute(
        select(Scorecard.id, Scorecard.judge_id, Scorecard.nomination_id, Scorecard.submitted_at)
        .where(*_submitted_and_assigned(ids))
        .order_by(Scorecard.id)
    ).all()
    judges = _judges({judge_id for _id, judge_id, _entry, _at in cards}) if cards else {}
    pairs = [(judge_id, entry_id) for _id, judge_id, entry_id, _at in cards]
    conflicted = automatic_conflicts(pairs, judges, by_id)
    points: dict[int, dict[int, float]] = defaultdict(dict)
    # The points of every submitted scorecard of these entries: those of cards that do not
    # count are simply not used (cheaper than asking the database again which count).
    for scorecard_id, criterion_id, value in connection.execute(
        select(Score.scorecard_id, Score.criterion_id, Score.points)
        .join(Scorecard, Scorecard.id == Score.scorecard_id)
        .where(*_submitted(ids))
    ).all():
        points[scorecard_id][criterion_id] = value
    counted = [
        CountedScorecard(id, judge_id, entry_id, submitted_at, points.get(id, {}))
        for id, judge_id, entry_id, submitted_at in cards
        if (judge_id, entry_id) not in conflicted
    ]
    return counted, {card.judge_id: judges[card.judge_id] for card in counted}


def score_comments(results: CategoryResults) -> dict[tuple[int, int], str]:
    """{(scorecard id, criterion id): comment} for the countable scorecards' non-empty comments,
    in one statement (only the exports print them)."""
    counted = {card.id for card in results.scorecards}
    if not counted:
        return {}
    ids = list({card.nomination_id for card in results.scorecards})
    rows = db.session.execute(
        select(Score.scorecard_id, Score.criterion_id, Score.comment)
        .join(Scorecard, Scorecard.id == Score.scorecard_id)
        .where(Scorecard.nomination_id.in_(ids), Score.comment != "")
    )
    return {
        (card_id, criterion_id): comment
        for card_id, criterion_id, comment in rows
        if card_id in counted
    }


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
    minimum = category.program.normalization_min_scorecards or agg.DEFAULT_MINIMUM
    entries = _entries(category)
    cards, judges = countable_scorecards(category, entries)
    rubric = _rubric(category)
    plain = [agg.Scorecard(c.judge_id, c.nomination_id, c.points) for c in cards]
    totals = agg.totals_by_nomination(plain, rubric) if rubric else {}
    ids = [e.id for e in entries]
    percentages = agg.criterion_percentages(plain, rubric) if rubric else {}
    ranked = (
        agg.rank(plain, rubric, method, nominations=ids, totals=totals, minimum=minimum,
                 percentages=percentages)
        if rubric
        else []
    )  # fmt: skip
    unnormalized = {}
    if method == agg.Method.NORMALIZED and rubric:
        # The same scorecards by the plain mean, shown beside the normalized rank.
        unnormalized = {
            r.nomination: r
            for r in agg.rank(plain, rubric, agg.Method.MEAN, totals=totals,
                              percentages=percentages)
        }  # fmt: skip
    order = [c.id for c in agg.tie_break_order(rubric)]
    by_id = {entry.id: entry for entry in entries}
    needed = category.program.judges_per_nomination
    rows = [
        ResultRow(
            nomination=by_id[r.nomination], score=r.score, rank=r.rank, tie=r.tie,
            scorecards=r.scorecards, totals=r.totals,
            percentages=dict(zip(order, r.criterion_percentages, strict=True)),
            too_few=r.scorecards < needed,
            plain_rank=unnormalized[r.nomination].rank if r.nomination in unnormalized else None,
            plain_tie=unnormalized[r.nomination].tie if r.nomination in unnormalized else False,
        )
        for r in ranked
    ]  # fmt: skip
    result = CategoryResults(
        category=category, method=method, rows=rows, scorecards=cards, judges_by_id=judges,
        totals=totals, minimum=minimum,
        below_minimum=[judges[j] for j in agg.below_minimum(totals, minimum)],
    )  # fmt: skip
    result.judges = [
        JudgeRow(judges[s.judge], s.scorecards, s.mean, s.stdev)
        for s in agg.judge_statistics(totals)
    ]
    result.kendall_w, result.concordance_judges = _concordance(totals, entries)
    if result.kendall_w is not None:
        result.agreement = agg.agreement_level(result.kendall_w)
    return result


def how_sure(results: CategoryResults) -> robustness.Robustness:
    """The bootstrap's chances of ranking first and of being a laureate (the category's
    laureate places), by the method the results were ranked with. Cached by the scorecards'
    totals: computed once per change of the scores, not once per page view."""
    return robustness.bootstrap(
        results.totals, results.method, laureates=results.category.max_laureates or None,
        minimum=results.minimum,
    )  # fmt: skip


def category_entries(category: Category) -> list[Nomination]:
    """The entries the category's ranking reads (accepted, never the practice entry), with what
    countable_scorecards needs of them."""
    return _entries(category)


def category_rubric(category: Category) -> list[agg.Criterion]:
    return _rubric(category)
