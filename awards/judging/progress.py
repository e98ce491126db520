"""Where judging stands: each judge's queue, and scorecards submitted out of assigned."""

from dataclasses import dataclass, field

from sqlalchemy import select

from awards.accounts.models import User
from awards.extensions import db
from awards.judging.conflicts import conflicted_ids
from awards.judging.models import Assignment, Scorecard
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program


@dataclass
class QueueItem:
    nomination: Nomination
    scorecard: Scorecard | None

    @property
    def status(self) -> str:
        """not_started, draft or submitted."""
        if self.scorecard is None:
            return "not_started"
        return self.scorecard.state


def judge_queue(judge: User, program: Program) -> list[QueueItem]:
    """The judge's assigned, accepted nominations without a conflict, by category then id."""
    query = (
        select(Nomination)
        .join(Assignment, Assignment.nomination_id == Nomination.id)
        .where(
            Assignment.judge_id == judge.id,
            Nomination.program_id == program.id,
            Nomination.state == NominationState.ACCEPTED,
        )
        .order_by(Nomination.category_id, Nomination.id)
    )
    nominations = list(db.session.scalars(query))
    hidden = conflicted_ids(judge, nominations)
    visible = [n for n in nominations if n.id not in hidden]
    cards = {
        card.nomination_id: card
        for card in db.session.scalars(
            select(Scorecard).where(
                Scorecard.judge_id == judge.id,
                Scorecard.nomination_id.in_([n.id for n in visible]),
            )
        )
    }
    return [QueueItem(n, cards.get(n.id)) for n in visible]


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


def send_reminder(*, program: Program, judge: User, actor: User) -> int:
    """Email the judge, in their language, the nominations still waiting for their scorecard.

    Returns how many are missing; nothing is sent when none are. Side effects: queues one email.
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
    return len(missing)
