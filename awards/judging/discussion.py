"""The jury's deliberation on an entry: its discussion (read and posted) and when jurors see
each other's scores. Flushes, never commits."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import MESSAGE_MAX_LENGTH, DiscussionMessage
from awards.nominations.models import Nomination
from awards.programs.models import Category, RevealScores


def thread(nomination: Nomination) -> list[DiscussionMessage]:
    """The entry's messages, oldest first, with their authors (two queries)."""
    return list(
        db.session.scalars(
            select(DiscussionMessage)
            .filter_by(nomination_id=nomination.id)
            .order_by(DiscussionMessage.created_at, DiscussionMessage.id)
            .options(selectinload(DiscussionMessage.author))
        )
    )


def message_counts(nomination_ids) -> dict[int, int]:
    """{entry id: number of messages} for the entries with any, in one query."""
    ids = list(nomination_ids)
    # Asked even for no entries: a page costs the same statements whatever it shows.
    rows = db.session.execute(
        select(DiscussionMessage.nomination_id, func.count())
        .where(DiscussionMessage.nomination_id.in_(ids))
        .group_by(DiscussionMessage.nomination_id)
    )
    return dict(rows.tuples().all())


def _clean(text: str | None) -> str:
    # Line breaks kept (shown as typed), the Windows ones made plain; nothing else touched.
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise DomainError(_("Write a message first."), field="text")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            _(
                "A message can be at most %(max)d characters long; this one has %(count)d.",
                max=MESSAGE_MAX_LENGTH,
                count=len(text),
            ),
            field="text",
        )
    return text


def post_message(
    *, nomination: Nomination, actor: User, text: str, now: datetime | None = None
) -> DiscussionMessage:
    """Add ``actor``'s message to the entry's discussion (the caller checked can_discuss).

    Side effects: the message; a 'discussion-posted' audit entry with the entry and the text,
    on the program (an entry's own log is its history of states, which the committee reads);
    flushes.
    """
    now = now or utcnow()
    message = DiscussionMessage(
        nomination_id=nomination.id, author_id=actor.id, text=_clean(text), created_at=now
    )
    db.session.add(message)
    db.session.flush()
    record(
        actor=actor, program=nomination.program,
        subject=(SubjectKind.PROGRAM, nomination.program_id), action="discussion-posted",
        new={"nomination": nomination.id, "message": message.id, "text": message.text}, now=now,
    )  # fmt: skip
    return message


def set_reveal_scores(
    *, category: Category, policy: str, actor: User, now: datetime | None = None
) -> Category:
    """When the category's jurors see each other's scores (awards.programs.models.RevealScores).

    Side effects: the category's setting; a 'reveal-changed' audit entry; flushes.
    """
    if policy not in set(RevealScores):
        raise DomainError(_("Choose when jurors see each other's scores."), field="policy")
    old = category.reveal_scores
    if old == policy:
        return category
    category.reveal_scores = policy
    record(
        actor=actor, program=category.program, subject=(SubjectKind.CATEGORY, category.id),
        action="reveal-changed", old={"reveal_scores": old}, new={"reveal_scores": policy},
        now=now or utcnow(),
    )  # fmt: skip
    db.session.flush()
    return category
