"""An entry's panel as its jurors see it: stable letters instead of names ("Juror A"), and the
submitted scorecards that count, for the reveal of each other's scores."""

import hashlib
import string
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.accounts.models import User
from awards.extensions import db
from awards.judging.conflicts import has_conflict
from awards.judging.models import (
    Assignment,
    Conflict,
    DiscussionMessage,
    Scorecard,
    ScorecardState,
)
from awards.nominations.models import Nomination
from awards.programs.models import ProgramRole, Role


def _place(nomination_id: int, judge_id: int) -> bytes:
    return hashlib.sha256(f"{nomination_id}:{judge_id}".encode()).digest()


def letter(index: int) -> str:
    """A, B, …, Z, AA, AB, … (a panel of more than 26 is unheard of, but not an error)."""
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else letter(index // 26 - 1) + letters[index % 26]


def juror_letters(nomination: Nomination) -> dict[int, str]:
    """{judge id: letter} for everyone who is or was on the entry's panel (assigned, or wrote a
    scorecard or a message as a juror), in an order drawn from a hash of the entry and the
    judge: the same on every page and every visit while the panel is the same, and different
    from one entry to the next, so that a letter does not follow a juror across entries (the
    order of assignment would make the first judge of every entry "Juror A")."""
    return letters_of_entries([nomination.id], nomination.program_id).get(nomination.id, {})


def letters_of_entries(nomination_ids, program_id: int) -> dict[int, dict[int, str]]:
    """juror_letters for many entries of a program in three queries, however many they are."""
    ids = list(nomination_ids)
    panels: dict[int, set[int]] = defaultdict(set)
    judges = select(ProgramRole.user_id).filter_by(program_id=program_id, role=Role.JUDGE)
    for query in (
        select(Assignment.nomination_id, Assignment.judge_id).where(
            Assignment.nomination_id.in_(ids)
        ),
        select(Scorecard.nomination_id, Scorecard.judge_id).where(Scorecard.nomination_id.in_(ids)),
        select(DiscussionMessage.nomination_id, DiscussionMessage.author_id).where(
            DiscussionMessage.nomination_id.in_(ids), DiscussionMessage.author_id.in_(judges)
        ),
    ):
        for entry_id, judge_id in db.session.execute(query):
            panels[entry_id].add(judge_id)
    return {
        entry_id: {
            judge_id: letter(index)
            for index, judge_id in enumerate(sorted(panel, key=lambda j: _place(entry_id, j)))
        }
        for entry_id, panel in panels.items()
    }


@dataclass(frozen=True)
class PanelCard:
    letter: str
    mine: bool
    points: dict[int, float]  # {criterion id: points}
    total: float  # percentage of the maximum


def _total(points: dict[int, float], nomination: Nomination) -> float:
    criteria = nomination.category.criteria
    possible = sum(c.weight * c.max_points for c in criteria)
    earned = sum(c.weight * points.get(c.id, 0.0) for c in criteria)
    return 100.0 * earned / possible if possible else 0.0


def panel_scorecards(nomination: Nomination, viewer: User) -> list[PanelCard]:
    """The entry's submitted scorecards by jurors still assigned and free of conflict (the ones
    the results count; never drafts), by letter, the viewer's own marked."""
    declared = select(Conflict.judge_id).filter_by(nomination_id=nomination.id)
    cards = db.session.scalars(
        select(Scorecard)
        .where(
            Scorecard.nomination_id == nomination.id,
            Scorecard.state == ScorecardState.SUBMITTED,
            Scorecard.judge_id.in_(
                select(Assignment.judge_id).filter_by(nomination_id=nomination.id)
            ),
            Scorecard.judge_id.not_in(declared),
        )
        .options(selectinload(Scorecard.scores), selectinload(Scorecard.judge))
    ).all()
    letters = juror_letters(nomination)
    shown = [
        PanelCard(
            letter=letters[card.judge_id], mine=card.judge_id == viewer.id,
            points=card.points, total=_total(card.points, nomination),
        )
        for card in cards
        if not has_conflict(card.judge, nomination)
    ]  # fmt: skip
    return sorted(shown, key=lambda card: (len(card.letter), card.letter))
