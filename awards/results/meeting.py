"""The meeting list: a program's entries flagged for discussion (awards.results.disagreement),
from one query of scorecard totals whatever the program's size, and the threshold that flags
them. Flushes, never commits."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import exists, func, select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, Score, Scorecard, ScorecardState
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Criterion, Program
from awards.results.disagreement import Disagreement, flagged_entries


@dataclass(frozen=True, slots=True)
class FlaggedEntry:
    category_id: int
    nomination_id: int
    disagreement: Disagreement


def program_totals(program: Program) -> dict[int, tuple[int, dict[int, float]]]:
    """{entry id: (category id, {judge id: total as % of the maximum})} for the program's
    accepted entries (never a practice entry: it never counts, the meeting does not discuss
    it): submitted scorecards of judges still assigned who declared no conflict (automatic
    conflicts, which the results also drop, are not assigned in the first place).
    One statement: each scorecard's Σ weight·points over its category's Σ weight·maximum."""
    possible = (
        select(
            Criterion.category_id, func.sum(Criterion.weight * Criterion.max_points).label("most")
        )
        .group_by(Criterion.category_id)
        .subquery()
    )
    assigned = exists().where(
        Assignment.nomination_id == Scorecard.nomination_id,
        Assignment.judge_id == Scorecard.judge_id,
    )
    declared = exists().where(
        Conflict.nomination_id == Scorecard.nomination_id, Conflict.judge_id == Scorecard.judge_id
    )
    earned = func.sum(Score.points * Criterion.weight)
    rows = db.session.execute(
        select(Scorecard.nomination_id, Nomination.category_id, Scorecard.judge_id, earned,
               possible.c.most)
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .join(Score, Score.scorecard_id == Scorecard.id)
        .join(Criterion, Criterion.id == Score.criterion_id)
        .join(possible, possible.c.category_id == Nomination.category_id)
        .where(
            Nomination.program_id == program.id,
            Nomination.state == NominationState.ACCEPTED,
            Nomination.is_practice.is_(False),
            Scorecard.state == ScorecardState.SUBMITTED,
            assigned,
            ~declared,
        )
        .group_by(Scorecard.id, Scorecard.nomination_id, Nomination.category_id,
                  Scorecard.judge_id, possible.c.most)
    )  # fmt: skip
    totals: dict[int, tuple[int, dict[int, float]]] = {}
    for entry_id, category_id, judge_id, points, most in rows:
        panel = totals.setdefault(entry_id, (category_id, {}))[1]
        panel[judge_id] = 100.0 * float(points) / float(most) if most else 0.0
    return totals


def flagged_in_program(program: Program) -> list[FlaggedEntry]:
    """The flagged entries in the order of the meeting: by category as the program lists them,
    then the widest disagreement first."""
    totals = program_totals(program)
    flags = flagged_entries(
        {entry: panel for entry, (_category, panel) in totals.items()},
        threshold=program.disagreement_threshold,
    )
    position = {c.id: (c.position, c.id) for c in categories_of(program)}
    by_category: dict[int, list[FlaggedEntry]] = defaultdict(list)
    for entry_id, found in flags.items():
        category_id = totals[entry_id][0]
        by_category[category_id].append(FlaggedEntry(category_id, entry_id, found))
    ordered = []
    for category_id in sorted(by_category, key=lambda c: position.get(c, (0, c))):
        rows = by_category[category_id]
        ordered += sorted(rows, key=lambda row: (-row.disagreement.spread, row.nomination_id))
    return ordered


def categories_of(program: Program) -> list[Category]:
    return list(
        db.session.scalars(
            select(Category).filter_by(program_id=program.id).order_by(Category.position)
        )
    )


def set_disagreement_threshold(
    *, program: Program, threshold: int, actor: User, now: datetime | None = None
) -> Program:
    """The spread (percentage points) above which an entry is flagged for discussion.

    Side effects: the program's setting; a 'disagreement-threshold-changed' audit entry; flushes.
    """
    if not isinstance(threshold, int) or not 1 <= threshold <= 100:
        raise DomainError(_("Give a whole number of points from 1 to 100."), field="threshold")
    old = program.disagreement_threshold
    if old == threshold:
        return program
    program.disagreement_threshold = threshold
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="disagreement-threshold-changed", old={"disagreement_threshold": old},
        new={"disagreement_threshold": threshold}, now=now or utcnow(),
    )  # fmt: skip
    db.session.flush()
    return program
