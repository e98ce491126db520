"""Rounds of a category's judging: which entries are in play, each round's jury, entries and
votes, and where each juror stands.

A category without rounds is judged as it always was: one scored round over its accepted
entries. With qualifying rounds (in ``position`` order) an entry reaches a round only if it
advanced from every earlier one, and reaches the scored round (the rubric, on the existing
assignments and scorecards) only once every qualifying round is decided and it advanced from
all of them. ``in_play`` says so in SQL for any query over nominations; every page, service
and ranking of the scored round uses it (or ``entries_in_play`` / ``out_of_play_ids``).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select
from sqlalchemy.orm import aliased, joinedload

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import localized
from awards.judging.conflicts import conflicted_ids, conflicted_pairs
from awards.judging.models import (
    Assignment,
    JudgingRound,
    QualifyingVote,
    RoundJuror,
    RoundKind,
    RoundOutcome,
)
from awards.judging.qualifying import VoteTally, majority_share, outcome
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program, ProgramRole, Role
from awards.programs.phases import window_state


def in_play(before_position: int | None = None) -> ColumnElement[bool]:
    """True for a nomination that advanced from every qualifying round of its category (those
    before ``before_position`` when given): vacuously so without rounds, never while one of
    them is undecided (it has no outcomes yet)."""
    earlier = aliased(JudgingRound)
    advanced = (
        exists()
        .where(
            RoundOutcome.round_id == earlier.id,
            RoundOutcome.nomination_id == Nomination.id,
            RoundOutcome.advanced.is_(True),
        )
        .correlate_except(RoundOutcome)  # the nomination and the round come from outside
    )
    conditions = [
        earlier.category_id == Nomination.category_id,
        earlier.kind == RoundKind.QUALIFYING,
        not_(advanced),
    ]
    if before_position is not None:
        conditions.append(earlier.position < before_position)
    # The practice entry is never put to a vote (it calibrates the scored round's judges, and
    # never counts), so it is always in play.
    return or_(Nomination.is_practice.is_(True), not_(exists().where(*conditions)))


def _accepted(category: Category):
    """The category's entries a round votes on: accepted, never the practice entry."""
    return and_(
        Nomination.category_id == category.id,
        Nomination.state == NominationState.ACCEPTED,
        Nomination.is_practice.is_(False),
    )


def entries_in_play(category: Category) -> list[Nomination]:
    """The accepted entries the scored round works on, oldest first (one query)."""
    query = select(Nomination).where(_accepted(category), in_play()).order_by(Nomination.id)
    return list(db.session.scalars(query))


def out_of_play_ids(program: Program) -> set[int]:
    """The accepted entries of the program that the scored round leaves out (one query)."""
    query = select(Nomination.id).where(
        Nomination.program_id == program.id,
        Nomination.state == NominationState.ACCEPTED,
        not_(in_play()),
    )
    return set(db.session.scalars(query))


def is_in_play(nomination: Nomination) -> bool:
    query = select(Nomination.id).where(Nomination.id == nomination.id, in_play())
    return db.session.scalar(query) is not None


def category_rounds(category: Category) -> list[JudgingRound]:
    query = (
        select(JudgingRound)
        .where(JudgingRound.category_id == category.id)
        .order_by(JudgingRound.position)
    )
    return list(db.session.scalars(query))


def rounds_by_category(program: Program) -> dict[int, list[JudgingRound]]:
    """Every round of the program by category id (one query)."""
    query = (
        select(JudgingRound)
        .join(Category, Category.id == JudgingRound.category_id)
        .where(Category.program_id == program.id)
        .order_by(JudgingRound.category_id, JudgingRound.position)
    )
    found: dict[int, list[JudgingRound]] = defaultdict(list)
    for judging_round in db.session.scalars(query):
        found[judging_round.category_id].append(judging_round)
    return dict(found)


def waiting_round(category: Category) -> JudgingRound | None:
    """The first qualifying round of the category not decided yet: the scored round waits."""
    return next((r for r in category_rounds(category) if not r.is_decided), None)


def find_round(category: Category, name: str) -> JudgingRound | None:
    return db.session.scalar(select(JudgingRound).filter_by(category_id=category.id, name=name))


def round_window(judging_round: JudgingRound, now: datetime) -> str:
    """not_open, open or closed; a decided round is closed whatever its dates."""
    if judging_round.is_decided:
        return "closed"
    return window_state(judging_round.opens_at, judging_round.closes_at, now)


def earlier_undecided(judging_round: JudgingRound) -> bool:
    """Whether a qualifying round before this one still waits for its decision."""
    query = select(JudgingRound.id).where(
        JudgingRound.category_id == judging_round.category_id,
        JudgingRound.position < judging_round.position,
        JudgingRound.decided_at.is_(None),
    )
    return db.session.scalar(query.limit(1)) is not None


def round_entries(judging_round: JudgingRound) -> list[Nomination]:
    """The entries this round judges, oldest first: once decided, those its outcome names;
    before, the accepted entries that advanced from every earlier round."""
    if judging_round.is_decided:
        decided = select(RoundOutcome.nomination_id).where(
            RoundOutcome.round_id == judging_round.id
        )
        query = select(Nomination).where(Nomination.id.in_(decided))
    else:
        query = select(Nomination).where(
            _accepted(judging_round.category), in_play(judging_round.position)
        )
    # The nominee's confirmed organization and who nominated it: read by every row of the pages.
    query = query.order_by(Nomination.id).options(
        joinedload(Nomination.nominee_organization), joinedload(Nomination.submitting_organization)
    )
    return list(db.session.scalars(query))


def judges_of_program(program: Program) -> list[User]:
    """As assignments.program_judges, which builds on this module."""
    query = (
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE)
        .order_by(User.name, User.id)
    )
    return list(db.session.scalars(query))


def round_jury(judging_round: JudgingRound) -> list[User]:
    """The round's jurors who are judges of the program, by name; without chosen jurors, the
    judges assigned to entries of the category."""
    judges = judges_of_program(judging_round.category.program)
    chosen = set(
        db.session.scalars(
            select(RoundJuror.judge_id).where(RoundJuror.round_id == judging_round.id)
        )
    )
    if not chosen:
        chosen = set(
            db.session.scalars(
                select(Assignment.judge_id)
                .join(Nomination, Nomination.id == Assignment.nomination_id)
                .where(Nomination.category_id == judging_round.category_id)
            )
        )
    return [judge for judge in judges if judge.id in chosen]


def is_round_juror(judging_round: JudgingRound, user: User) -> bool:
    return any(judge.id == user.id for judge in round_jury(judging_round))


def juror_entries(judging_round: JudgingRound, judge: User) -> list[Nomination]:
    """The round's entries this juror may see and vote on: those without a conflict."""
    entries = round_entries(judging_round)
    hidden = conflicted_ids(judge, entries)
    return [entry for entry in entries if entry.id not in hidden]


def votes_of(judging_round: JudgingRound, judge: User | None = None) -> list[QualifyingVote]:
    query = select(QualifyingVote).where(QualifyingVote.round_id == judging_round.id)
    if judge is not None:
        query = query.where(QualifyingVote.judge_id == judge.id)
    return list(db.session.scalars(query.order_by(QualifyingVote.id)))


@dataclass
class RoundBoard:
    """Everything the round's page and its decision read, computed once: the entries, the jury,
    who is conflicted where, the votes that count, each entry's tally, who still has to vote."""

    entries: list[Nomination]
    jury: list[User]
    conflicted: set[tuple[int, int]]  # (nomination id, judge id)
    votes: dict[tuple[int, int], QualifyingVote]  # (nomination id, judge id) -> vote
    tallies: dict[int, VoteTally]
    waiting: dict[int, list[int]]  # judge id -> nomination ids still without their vote

    def voted(self, judge_id: int) -> tuple[int, int]:
        """(voted, to vote on) for a juror."""
        total = sum((entry.id, judge_id) not in self.conflicted for entry in self.entries)
        return total - len(self.waiting.get(judge_id, [])), total


def round_board(judging_round: JudgingRound) -> RoundBoard:
    """The board of a round in a fixed number of statements, whatever the number of entries."""
    entries, jury = round_entries(judging_round), round_jury(judging_round)
    conflicted = conflicted_pairs(jury, entries) if entries and jury else set()
    jurors = {judge.id for judge in jury}
    votes = {
        (vote.nomination_id, vote.judge_id): vote
        for vote in votes_of(judging_round)
        if vote.judge_id in jurors and (vote.nomination_id, vote.judge_id) not in conflicted
    }
    tallies, waiting = {}, defaultdict(list)
    for entry in entries:
        counts = {"advance": 0, "reject": 0, "abstain": 0, "not_voted": 0}
        for judge in jury:
            if (entry.id, judge.id) in conflicted:
                continue
            vote = votes.get((entry.id, judge.id))
            if vote is None:
                counts["not_voted"] += 1
                waiting[judge.id].append(entry.id)
            else:
                counts[vote.verdict] += 1
        tallies[entry.id] = VoteTally(**counts)
    return RoundBoard(entries, jury, conflicted, votes, tallies, dict(waiting))


def outcomes_of(judging_round: JudgingRound) -> dict[int, RoundOutcome]:
    query = select(RoundOutcome).where(RoundOutcome.round_id == judging_round.id)
    return {outcome.nomination_id: outcome for outcome in db.session.scalars(query)}


def rounds_for_juror(program: Program, judge: User) -> list[JudgingRound]:
    """The program's undecided qualifying rounds this judge is on the jury of, by category."""
    found = []
    for rounds in rounds_by_category(program).values():
        for judging_round in rounds:
            if not judging_round.is_decided and is_round_juror(judging_round, judge):
                found.append(judging_round)
    return found


def _live_entries(judging_round: JudgingRound) -> list[dict]:
    board = round_board(judging_round)
    return [
        {
            "nomination_id": entry.id, "nominee": entry.nominee_name,
            **vars(board.tallies[entry.id]),
            "result": outcome(board.tallies[entry.id], judging_round.majority),
            "advanced": None, "tie_reason": None,
        }
        for entry in board.entries
    ]  # fmt: skip


def round_results(program: Program, name: str) -> list[dict]:
    """Per category with a qualifying round called ``name``: its tally per entry and, once
    decided, who advanced (from the frozen outcome, with its SHA-256)."""
    found = []
    for category in program.categories:
        judging_round = find_round(category, name)
        if judging_round is None:
            continue
        decided = judging_round.is_decided
        entries = [
            {**{key: entry[key] for key in ("nomination_id", "advance", "reject", "abstain",
                                            "not_voted", "result", "advanced", "tie_reason")},
             "nominee": localized(entry["nominee"])}
            for entry in judging_round.content["entries"]
        ] if decided else _live_entries(judging_round)  # fmt: skip
        found.append({
            "slug": category.slug, "round": judging_round.name, "kind": judging_round.kind,
            "majority": majority_share(judging_round.majority), "decided": decided,
            "decided_at": judging_round.decided_at.isoformat() if decided else None,
            "sha256": judging_round.sha256, "entries": entries,
            "advanced": judging_round.content["advanced"] if decided else None,
        })  # fmt: skip
    return found
