"""Where judging stands: each judge's queue, and scorecards submitted out of assigned."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import load_only, selectinload

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.assignments import program_judges
from awards.judging.conflicts import conflicted_ids
from awards.judging.models import Assignment, JudgeReminder, Scorecard
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program


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
    Nomination.org_name, Nomination.bin, Nomination.person_name, Nomination.person_workplace,
    Nomination.team_name, Nomination.submitting_organization_id, Nomination.nominee_organization_id,
)  # fmt: skip


def judge_queue(judge: User, program: Program) -> list[QueueItem]:
    """The judge's assigned, accepted nominations without a conflict, by category then id.

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
        )
        .order_by(Nomination.category_id, Nomination.id)
        .options(load_only(*QUEUE_COLUMNS), selectinload(Nomination.category))
    )
    rows = db.session.execute(query).all()
    hidden = conflicted_ids(judge, [nomination for nomination, _ in rows])
    return [
        QueueItem(nomination, state) for nomination, state in rows if nomination.id not in hidden
    ]


@dataclass
class JudgeProgress:
    judge: User
    assigned: int = 0
    submitted: int = 0
    missing: list[Nomination] = field(default_factory=list)


def category_progress(category: Category) -> list[JudgeProgress]:
    """Per judge: scorecards submitted out of assigned in the category, and the missing ones."""
    rows = db.session.execute(
        select(Assignment, Scorecard)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .outerjoin(
            Scorecard,
            (Scorecard.nomination_id == Assignment.nomination_id)
            & (Scorecard.judge_id == Assignment.judge_id),
        )
        .where(
            Nomination.category_id == category.id,
            Nomination.state == NominationState.ACCEPTED,
        )
        .order_by(Assignment.judge_id, Nomination.id)
    ).all()
    progress: dict[int, JudgeProgress] = {}
    for assignment, scorecard in rows:
        entry = progress.setdefault(assignment.judge_id, JudgeProgress(assignment.judge))
        entry.assigned += 1
        if scorecard is not None and scorecard.is_submitted:
            entry.submitted += 1
        else:
            entry.missing.append(assignment.nomination)
    return sorted(progress.values(), key=lambda p: (p.judge.display_name, p.judge.id))


def anyone_behind(per_category: list[tuple[Category, list[JudgeProgress]]]) -> bool:
    """Whether any judge still has a scorecard to submit, in the progress of each category."""
    return any(row.missing for _category, rows in per_category for row in rows)


def program_progress(program: Program) -> list[tuple[Category, list[JudgeProgress]]]:
    """Each category of the program with its judges' progress."""
    return [(category, category_progress(category)) for category in program.categories]


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
