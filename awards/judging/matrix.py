"""The assignment matrix of a program for the organizer's jury pages: each category in numbers
(entries, judges, gaps, conflicts), and its judges and entries a page at a time.

Counts come from GROUP BY statements returning one row per category, or per judge or entry of
one category, so a page costs the same statements whatever the program's size. Searching and
filtering run over those rows in Python: names are stored as JSON, and SQLite compares only
ASCII letters without regard to case."""

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload

from awards.accounts.models import User
from awards.extensions import db
from awards.judging.conflicts import PossiblePair
from awards.judging.models import Assignment, Conflict, Scorecard
from awards.judging.rounds import in_play
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program, ProgramRole, Role

FLAGS = ("gap", "conflict", "possible")


@dataclass(frozen=True)
class CategorySummary:
    """One category of the matrix in numbers; ``per_judge`` is (min, median, max) entries per
    judge of its panel (judges with an assignment), ``per_entry`` (min, max) judges per entry."""

    category: Category
    entries: int
    judges: int
    assignments: int
    per_judge: tuple[int, float, int] | None
    per_entry: tuple[int, int] | None
    gaps: int
    conflicts: int
    possible: int


def _accepted_in(program: Program):
    """The program's accepted entries the scored round works on (see rounds.in_play), but the
    practice ones (assigned with the category)."""
    return (
        Nomination.program_id == program.id,
        Nomination.state == NominationState.ACCEPTED,
        in_play(),
        Nomination.is_practice.is_(False),
    )


def _entry_numbers(program: Program) -> dict[int, tuple]:
    """Per category: entries, assignments, fewest and most judges per entry, entries short."""
    per_entry = (
        select(Nomination.category_id, func.count(Assignment.id).label("judges"))
        .outerjoin(Assignment, Assignment.nomination_id == Nomination.id)
        .where(*_accepted_in(program))
        .group_by(Nomination.id, Nomination.category_id)
        .subquery()
    )
    short = case((per_entry.c.judges < program.judges_per_nomination, 1), else_=0)
    rows = db.session.execute(
        select(
            per_entry.c.category_id, func.count(), func.sum(per_entry.c.judges),
            func.min(per_entry.c.judges), func.max(per_entry.c.judges), func.sum(short),
        ).group_by(per_entry.c.category_id)
    )  # fmt: skip
    # PostgreSQL sums into decimals.
    return {
        row[0]: tuple(None if value is None else int(value) for value in row[1:]) for row in rows
    }


def assignment_counts(program: Program) -> list[tuple[int, int, int]]:
    """(category id, judge id, entries) for each judge of each category's panel: the loads of
    the summary and, summed, each judge's assignments in the program (one statement)."""
    rows = db.session.execute(
        select(Nomination.category_id, Assignment.judge_id, func.count())
        .join(Assignment, Assignment.nomination_id == Nomination.id)
        .where(*_accepted_in(program))
        .group_by(Nomination.category_id, Assignment.judge_id)
    )
    return list(rows.tuples())


def _conflict_counts(program: Program) -> dict[int, int]:
    rows = db.session.execute(
        select(Nomination.category_id, func.count(Conflict.id))
        .join(Conflict, Conflict.nomination_id == Nomination.id)
        .where(*_accepted_in(program))
        .group_by(Nomination.category_id)
    )
    return dict(rows.tuples().all())


def category_summaries(
    program: Program, possible: list[PossiblePair], counts: list[tuple[int, int, int]]
) -> list[CategorySummary]:
    """Every category of the program in numbers, in the program's order (two statements more
    than ``counts``, assignment_counts)."""
    numbers, conflicts = _entry_numbers(program), _conflict_counts(program)
    loads: dict[int, list[int]] = {}
    for category_id, _judge_id, count in counts:
        loads.setdefault(category_id, []).append(count)
    possible_counts = Counter(pair.category_id for pair in possible)
    summaries = []
    for category in program.categories:
        entries, assigned, fewest, most, gaps = numbers.get(category.id, (0, 0, None, None, 0))
        load = sorted(loads.get(category.id, []))
        summaries.append(
            CategorySummary(
                category=category, entries=entries, judges=len(load), assignments=assigned or 0,
                per_judge=(load[0], statistics.median(load), load[-1]) if load else None,
                per_entry=(fewest, most) if entries else None, gaps=gaps or 0,
                conflicts=conflicts.get(category.id, 0), possible=possible_counts[category.id],
            )
        )  # fmt: skip
    return summaries


@dataclass(frozen=True)
class JudgeRow:
    """A judge with their assignments and stored conflicts (in a category or the program)."""

    id: int
    name: str
    email: str
    assigned: int
    conflicts: int
    possible: int = 0

    def matches(self, needle: str) -> bool:
        return needle in self.name.casefold() or needle in self.email.casefold()


def _counts_by_judge(model, *conditions):
    return (
        select(model.judge_id, func.count().label("n"))
        .join(Nomination, Nomination.id == model.nomination_id)
        .where(*conditions)
        .group_by(model.judge_id)
        .subquery()
    )


def _judge_rows(query, assigned, conflicts, possible: Counter) -> list[JudgeRow]:
    rows = db.session.execute(
        query.add_columns(func.coalesce(assigned.c.n, 0), func.coalesce(conflicts.c.n, 0))
        .outerjoin(assigned, assigned.c.judge_id == User.id)
        .outerjoin(conflicts, conflicts.c.judge_id == User.id)
        .order_by(User.name, User.id)
    )
    return [JudgeRow(*row, possible=possible[row[0]]) for row in rows]


def program_judge_rows(program: Program, counts: list[tuple[int, int, int]]) -> list[JudgeRow]:
    """Every judge of the program with their assignments (summed from ``counts``,
    assignment_counts) and conflicts in all its categories."""
    assigned: Counter = Counter()
    for _category_id, judge_id, count in counts:
        assigned[judge_id] += count
    conflicts = _counts_by_judge(Conflict, *_accepted_in(program))
    rows = db.session.execute(
        select(User.id, User.name, User.email, func.coalesce(conflicts.c.n, 0))
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .outerjoin(conflicts, conflicts.c.judge_id == User.id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE)
        .order_by(User.name, User.id)
    )
    return [
        JudgeRow(id_, name, email, assigned[id_], conflicted)
        for id_, name, email, conflicted in rows
    ]


def category_judge_rows(category: Category, possible: list[PossiblePair]) -> list[JudgeRow]:
    """The category's judges: whoever has an assignment or a stored conflict in it."""
    conditions = (*_accepted_in(category.program), Nomination.category_id == category.id)
    assigned = _counts_by_judge(Assignment, *conditions)
    conflicts = _counts_by_judge(Conflict, *conditions)
    query = select(User.id, User.name, User.email).where(
        or_(User.id.in_(select(assigned.c.judge_id)), User.id.in_(select(conflicts.c.judge_id)))
    )
    counts = Counter(pair.judge_id for pair in possible if pair.category_id == category.id)
    return _judge_rows(query, assigned, conflicts, counts)


@dataclass(frozen=True)
class EntryRow:
    """An accepted entry of a category with its number of judges and of stored conflicts."""

    id: int
    bin: str
    names: tuple[str, ...]
    judges: int
    conflicts: int
    possible: int

    def matches(self, needle: str) -> bool:
        return needle in self.bin or any(needle in name.casefold() for name in self.names)

    def flagged(self, flag: str, wanted: int) -> bool:
        if flag == "gap":
            return self.judges < wanted
        if flag == "conflict":
            return self.conflicts > 0
        return self.possible > 0


def _counts_by_entry(model, category: Category):
    return (
        select(model.nomination_id, func.count().label("n"))
        .join(Nomination, Nomination.id == model.nomination_id)
        .where(Nomination.category_id == category.id)
        .group_by(model.nomination_id)
        .subquery()
    )


def _texts(*values) -> tuple[str, ...]:
    found = []
    for value in values:
        found.extend(value.values() if isinstance(value, dict) else [value])
    return tuple(text for text in found if text)


def category_entry_rows(category: Category, possible: list[PossiblePair]) -> list[EntryRow]:
    """The category's accepted entries, oldest first, with their judges and conflicts counted."""
    judges, conflicts = _counts_by_entry(Assignment, category), _counts_by_entry(Conflict, category)
    rows = db.session.execute(
        select(
            Nomination.id, Nomination.bin, Nomination.org_name, Nomination.person_names,
            Nomination.person_name, Nomination.team_name, Nomination.person_workplace,
            func.coalesce(judges.c.n, 0), func.coalesce(conflicts.c.n, 0),
        )
        .outerjoin(judges, judges.c.nomination_id == Nomination.id)
        .outerjoin(conflicts, conflicts.c.nomination_id == Nomination.id)
        .where(*_accepted_in(category.program), Nomination.category_id == category.id)
        .order_by(Nomination.id)
    )  # fmt: skip
    counts = Counter(pair.nomination_id for pair in possible)
    return [
        EntryRow(id_, bin_ or "", _texts(*names), judged, conflicted, counts[id_])
        for id_, bin_, *names, judged, conflicted in rows
    ]


def search_needle(text: str) -> str:
    return text.casefold()


def chosen(rows: Iterable, *, needle: str = "", flag: str | None = None, wanted: int = 0) -> list:
    """The rows that match the search (casefolded) and carry the flag, in their order."""
    return [
        row
        for row in rows
        if (not needle or row.matches(needle)) and (not flag or row.flagged(flag, wanted))
    ]


def users_by_id(ids: list[int]) -> dict[int, User]:
    """The users with these ids and their organizations, in one statement."""
    query = select(User).where(User.id.in_(ids)).options(joinedload(User.organization))
    return {user.id: user for user in db.session.scalars(query)}


def nominations_by_id(ids: list[int]) -> dict[int, Nomination]:
    """The entries with these ids, with the organization each is confirmed to be about."""
    query = (
        select(Nomination)
        .where(Nomination.id.in_(ids))
        .options(joinedload(Nomination.nominee_organization))
    )
    return {entry.id: entry for entry in db.session.scalars(query)}


def judge_assignments(program: Program, judge: User):
    """The judge's assignments in the program, by category then entry (a query to page)."""
    return (
        select(Assignment)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Assignment.judge_id == judge.id, Nomination.program_id == program.id)
        .order_by(Nomination.category_id, Nomination.id)
        .options(joinedload(Assignment.nomination).joinedload(Nomination.nominee_organization))
    )


def judge_loads(program: Program, judge: User) -> dict[int, int]:
    """How many entries of each category the judge has."""
    rows = db.session.execute(
        select(Nomination.category_id, func.count())
        .join(Assignment, Assignment.nomination_id == Nomination.id)
        .where(Assignment.judge_id == judge.id, Nomination.program_id == program.id)
        .group_by(Nomination.category_id)
    )
    return dict(rows.tuples().all())


def judge_conflicts(program: Program, judge: User):
    """The judge's stored conflicts in the program (a query to page)."""
    return (
        select(Conflict)
        .join(Nomination, Nomination.id == Conflict.nomination_id)
        .where(Conflict.judge_id == judge.id, Nomination.program_id == program.id)
        .order_by(Conflict.created_at.desc(), Conflict.id.desc())
        .options(joinedload(Conflict.nomination).joinedload(Nomination.nominee_organization))
    )


def entry_assignments(nomination: Nomination) -> list[Assignment]:
    """The entry's judges (at most the program's jury), by name."""
    query = (
        select(Assignment)
        .join(User, User.id == Assignment.judge_id)
        .where(Assignment.nomination_id == nomination.id)
        .order_by(User.name, User.id)
        .options(joinedload(Assignment.judge).joinedload(User.organization))
    )
    return list(db.session.scalars(query))


def entry_conflicts(nomination: Nomination) -> list[Conflict]:
    query = (
        select(Conflict)
        .where(Conflict.nomination_id == nomination.id)
        .order_by(Conflict.id)
        .options(joinedload(Conflict.judge))
    )
    return list(db.session.scalars(query))


def scorecard_states(nomination: Nomination) -> dict[int, str]:
    """Each judge's scorecard state on the entry (draft or submitted), by judge id."""
    rows = db.session.execute(
        select(Scorecard.judge_id, Scorecard.state).where(Scorecard.nomination_id == nomination.id)
    )
    return dict(rows.tuples().all())


def accepted_entries(category: Category) -> list[Nomination]:
    """The category's accepted entries, oldest first, named as readers see them (the choices of
    its forms)."""
    query = (
        select(Nomination)
        .where(*_accepted_in(category.program), Nomination.category_id == category.id)
        .order_by(Nomination.id)
        .options(joinedload(Nomination.nominee_organization))
    )
    return list(db.session.scalars(query))
