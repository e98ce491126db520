"""Where judging stands: each judge's queue, scorecards submitted out of assigned (counted in
SQL per category, per judge and for the program), and reminders to the judges behind."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import load_only, selectinload

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.assignments import program_judges
from awards.judging.conflicts import conflicted_ids
from awards.judging.models import Assignment, JudgeReminder, Scorecard, ScorecardState
from awards.judging.order import judge_order
from awards.judging.rounds import in_play
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program, ProgramRole, Role


@dataclass
class QueueItem:
    nomination: Nomination
    scorecard_state: str | None  # None until the judge first saves a scorecard

    @property
    def status(self) -> str:
        """not_started, draft or submitted."""
        return self.scorecard_state or "not_started"


# What the queue, the conflict check and the reminder read of each nomination; the long
# texts and lists stay in the database.
QUEUE_COLUMNS = (
    Nomination.program_id, Nomination.category_id, Nomination.state, Nomination.nominee_kind,
    Nomination.is_practice,
    Nomination.org_name, Nomination.bin, Nomination.person_name, Nomination.person_workplace,
    Nomination.team_name, Nomination.submitting_organization_id, Nomination.nominee_organization_id,
)  # fmt: skip


def judge_queue(judge: User, program: Program) -> list[QueueItem]:
    """The judge's assigned, accepted nominations without a conflict, by category, each
    category in the judge's own order (awards.judging.order).

    Four queries however long the queue: the nominations with the state of the judge's
    scorecard on each, their categories, and two for conflicts of interest.
    """
    # IN rather than a join: SQLite then starts from the judge's assignments, not from every
    # nomination of the program.
    assigned = select(Assignment.nomination_id).where(Assignment.judge_id == judge.id)
    query = (
        select(Nomination, Scorecard.state)
        .outerjoin(
            Scorecard,
            (Scorecard.nomination_id == Nomination.id) & (Scorecard.judge_id == judge.id),
        )
        .where(
            Nomination.id.in_(assigned),
            Nomination.program_id == program.id,
            Nomination.state == NominationState.ACCEPTED,
            in_play(),
        )
        .order_by(Nomination.category_id, Nomination.id)
        .options(load_only(*QUEUE_COLUMNS), selectinload(Nomination.category))
    )
    rows = db.session.execute(query).all()
    hidden = conflicted_ids(judge, [nomination for nomination, _ in rows])
    items = [
        QueueItem(nomination, state) for nomination, state in rows if nomination.id not in hidden
    ]
    shuffled = judge_order(program.id, judge.id, items, lambda item: item.nomination.id)
    # Category by category (in the program's order), each in the judge's own shuffled order.
    # The category's practice entry first: the others wait for it (scoring.practice_pending).
    return sorted(shuffled, key=lambda item: (item.nomination.category.position,
                                              item.nomination.category_id,
                                              not item.nomination.is_practice))  # fmt: skip


def next_to_score(items: list[QueueItem], current_id: int) -> Nomination | None:
    """The entry after ``current_id`` in the judge's queue that is not yet submitted (from the
    start again past the end), or None when every other one is."""
    ids = [item.nomination.id for item in items]
    start = ids.index(current_id) + 1 if current_id in ids else 0
    for item in items[start:] + items[:start]:
        if item.status != "submitted" and item.nomination.id != current_id:
            return item.nomination
    return None


# Where the jury stands is counted over the assignments of the program's judges (those who hold
# the role now) to its accepted entries in play (see rounds.in_play), each with that judge's
# scorecard when there is one.
_SUBMITTED = Scorecard.state == ScorecardState.SUBMITTED
_DRAFT = Scorecard.state == ScorecardState.DRAFT
_MISSING = or_(Scorecard.id.is_(None), Scorecard.state != ScorecardState.SUBMITTED)


def _assignments(program: Program, *columns) -> Select:
    """``columns`` over the assignments to the accepted entries of ``program``, outer-joined to
    the judge's scorecard on each entry."""
    return (
        select(*columns)
        .select_from(Assignment)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .outerjoin(
            Scorecard,
            (Scorecard.nomination_id == Assignment.nomination_id)
            & (Scorecard.judge_id == Assignment.judge_id),
        )
        .where(
            Nomination.program_id == program.id,
            Nomination.state == NominationState.ACCEPTED,
            in_play(),
        )
        # The practice entry is counted apart (practice_tallies): it never counts.
        .where(Nomination.is_practice.is_(False))
    )


def _judges_of(program: Program) -> Select:
    return select(ProgramRole.user_id).where(
        ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE
    )


@dataclass(frozen=True)
class Totals:
    """Scorecards of a category, a judge or the program: assigned, submitted, in draft, and how
    many judges still have one to submit."""

    assigned: int = 0
    submitted: int = 0
    drafts: int = 0
    judges_behind: int = 0

    @property
    def missing(self) -> int:
        return self.assigned - self.submitted

    @property
    def not_started(self) -> int:
        return self.assigned - self.submitted - self.drafts

    @property
    def done(self) -> float | None:
        """The share submitted, rounded down to a whole percent (only a finished count shows
        100 %); None when nothing is assigned."""
        return (self.submitted * 100 // self.assigned) / 100 if self.assigned else None


@dataclass(frozen=True)
class Tally:
    """One judge's scorecards in one category."""

    category_id: int
    judge_id: int
    assigned: int
    submitted: int
    drafts: int


def _summed(tallies: Iterable[Tally]) -> Totals:
    tallies = list(tallies)
    return Totals(
        assigned=sum(t.assigned for t in tallies), submitted=sum(t.submitted for t in tallies),
        drafts=sum(t.drafts for t in tallies),
        judges_behind=len({t.judge_id for t in tallies if t.assigned > t.submitted}),
    )  # fmt: skip


def jury_tallies(program: Program, *, judge: User | None = None) -> list[Tally]:
    """Per category and judge, the scorecards of the program's judges (of ``judge`` alone when
    given): one GROUP BY query, a row per category and judge however many entries."""
    query = _assignments(
        program, Nomination.category_id, Assignment.judge_id, func.count(Assignment.id),
        func.count(case((_SUBMITTED, 1))), func.count(case((_DRAFT, 1))),
    ).group_by(Nomination.category_id, Assignment.judge_id)  # fmt: skip
    if judge is not None:
        query = query.where(Assignment.judge_id == judge.id)
    rows = db.session.execute(query).tuples()
    judges = set(db.session.scalars(_judges_of(program)))
    return [Tally(*row) for row in rows if row[1] in judges]


def category_totals(tallies: list[Tally]) -> dict[int, Totals]:
    """Totals per category id (a category without assignments is absent)."""
    by_category: dict[int, list[Tally]] = defaultdict(list)
    for tally in tallies:
        by_category[tally.category_id].append(tally)
    return {category_id: _summed(rows) for category_id, rows in by_category.items()}


def program_totals(tallies: list[Tally]) -> Totals:
    """The totals of the whole program: a judge behind in two categories counts once."""
    return _summed(tallies)


def anyone_behind(program: Program) -> bool:
    """Whether any judge of the program still has a scorecard to submit: one EXISTS query."""
    behind = _assignments(program, Assignment.id).where(
        _MISSING, Assignment.judge_id.in_(_judges_of(program))
    )
    return bool(db.session.scalar(select(behind.exists())))


@dataclass(frozen=True)
class JudgeRow:
    """A judge's line in the progress table."""

    judge: User
    assigned: int
    submitted: int
    last_reminded: datetime | None

    @property
    def missing(self) -> int:
        return self.assigned - self.submitted

    @property
    def done(self) -> float:
        return (self.submitted * 100 // self.assigned) / 100


JUDGE_SORTS = {
    "name": lambda row: (row.judge.display_name.casefold(), row.judge.id),
    "missing": lambda row: row.missing,
    "done": lambda row: row.submitted / row.assigned,
}


def last_reminded(program: Program) -> dict[int, datetime]:
    """When each judge of the program was last reminded, by judge id."""
    query = (
        select(JudgeReminder.judge_id, func.max(JudgeReminder.sent_at))
        .where(JudgeReminder.program_id == program.id)
        .group_by(JudgeReminder.judge_id)
    )
    return dict(db.session.execute(query).all())


def _matches(judge: User, search: str) -> bool:
    wanted = search.casefold()
    return wanted in judge.display_name.casefold() or wanted in judge.email


def judge_rows(
    program: Program, tallies: list[Tally], *, category_id: int | None = None, search: str = "",
    behind: bool = False, sort: str = "name", descending: bool = False,
) -> list[JudgeRow]:  # fmt: skip
    """The judges with assignments (in the category, with ``category_id``), their name or
    email containing ``search`` (any case), only those with a scorecard missing with
    ``behind``, sorted by ``sort`` (a key of JUDGE_SORTS; then by name). Two queries: the
    judges and their last reminders."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for tally in tallies:
        if category_id is None or tally.category_id == category_id:
            counts[tally.judge_id][0] += tally.assigned
            counts[tally.judge_id][1] += tally.submitted
    reminded = last_reminded(program)
    rows = [
        JudgeRow(judge, *counts[judge.id], reminded.get(judge.id))
        for judge in program_judges(program)
        if judge.id in counts and (not search or _matches(judge, search))
    ]
    if behind:
        rows = [row for row in rows if row.missing]
    rows.sort(key=JUDGE_SORTS["name"])
    if sort != "name" or descending:
        rows.sort(key=JUDGE_SORTS[sort], reverse=descending)
    return rows


def missing_entries_query(
    program: Program, judge: User, *, category_id: int | None = None
) -> Select:
    """The accepted entries assigned to ``judge`` (in one category, with ``category_id``) whose
    scorecard is not submitted, with its state (None before the first save), in the program's
    order of categories, then by id; one query to page."""
    query = (
        _assignments(program, Nomination, Scorecard.state)
        .join(Category, Category.id == Nomination.category_id)
        .where(Assignment.judge_id == judge.id, _MISSING)
        .order_by(Category.position, Category.id, Nomination.id)
        .options(load_only(*QUEUE_COLUMNS))
    )
    if category_id is not None:
        query = query.where(Nomination.category_id == category_id)
    return query


def last_reminders(program: Program, judge: User, *, limit: int = 5) -> list[JudgeReminder]:
    """The reminders sent to ``judge`` in ``program``, newest first."""
    query = (
        select(JudgeReminder)
        .where(JudgeReminder.program_id == program.id, JudgeReminder.judge_id == judge.id)
        .order_by(JudgeReminder.sent_at.desc(), JudgeReminder.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def send_reminder(
    *, program: Program, judge: User, actor: User | None, now: datetime | None = None
) -> int:
    """Email the judge, in their language, the nominations still waiting for their scorecard.

    Returns how many are missing; nothing is sent when none are. Side effects: queues one
    email (sent when the transaction commits) and records the reminder in the same
    transaction; flushes.
    """
    missing = [
        item.nomination for item in judge_queue(judge, program) if item.status != "submitted"
    ]
    if missing:
        queue_email(
            db.session(), to=judge.email, locale=judge.locale, template="judging/reminder",
            program=program, judge=judge, missing=missing,
            link=external_url("judging.queue", slug=program.slug),
        )  # fmt: skip
        db.session.add(JudgeReminder(
            program_id=program.id, judge_id=judge.id, sent_by_id=actor.id if actor else None,
            sent_at=now or utcnow(), missing=len(missing),
        ))  # fmt: skip
        db.session.flush()
    return len(missing)


def reminded_since(program: Program, since: datetime) -> set[int]:
    """The ids of the judges of the program reminded at ``since`` or later."""
    query = select(JudgeReminder.judge_id).where(
        JudgeReminder.program_id == program.id, JudgeReminder.sent_at >= since
    )
    return set(db.session.scalars(query))


def send_reminders(
    *, program: Program, actor: User | None, progress: Callable[[int, int], None] | None = None,
    skip_reminded_since: datetime | None = None,
) -> int:  # fmt: skip
    """Remind every judge of the program who still has scorecards to submit (see
    ``send_reminder``); ``progress(done, total)``, when given, hears of each judge in turn.
    With ``skip_reminded_since``, judges reminded since then are left alone: a run cut short
    and started again mails nobody twice.

    Returns how many judges have been reminded, those left alone included. Side effects:
    queues one email per judge reminded now and records it.
    """
    judges = program_judges(program)
    already = reminded_since(program, skip_reminded_since) if skip_reminded_since else set()
    reminded = 0
    for done, judge in enumerate(judges, start=1):
        if judge.id in already or send_reminder(program=program, judge=judge, actor=actor):
            reminded += 1
        if progress:
            progress(done, len(judges))
    return reminded
