"""Assignments, conflicts of interest, and scorecards with their points."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Criterion


class Assignment(db.Model):
    """A judge is asked to score a nomination."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("nomination_id", "judge_id", name="uq_assignments_nomination_judge"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    judge: Mapped[User] = relationship(foreign_keys=[judge_id])


class ConflictSource(StrEnum):
    DECLARED = "declared"  # by the judge
    RECORDED = "recorded"  # by an organizer


class Conflict(db.Model):
    """A declared or recorded conflict of interest. Automatic conflicts (the judge's organization
    is the nominee or the nominating organization) are computed, never stored."""

    __tablename__ = "conflicts"
    __table_args__ = (
        UniqueConstraint("nomination_id", "judge_id", name="uq_conflicts_nomination_judge"),
        CheckConstraint("source IN ('declared', 'recorded')", name="source_known"),
        CheckConstraint("length(reason) > 0", name="reason_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    judge: Mapped[User] = relationship(foreign_keys=[judge_id])


class ScorecardState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Scorecard(db.Model):
    """One judge's scoring of one nomination; ``version`` catches edits from a stale form."""

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("nomination_id", "judge_id", name="uq_scorecards_nomination_judge"),
        CheckConstraint("state IN ('draft', 'submitted')", name="state_known"),
        CheckConstraint(
            "(state = 'submitted') = (submitted_at IS NOT NULL)", name="submitted_has_time"
        ),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=ScorecardState.DRAFT)
    overall_comment: Mapped[str] = mapped_column(Text, default="")
    # The juror lets the nominating organization read this scorecard's comments (per criterion
    # and overall) in the feedback letter sent after the results, without the juror's name.
    comments_shareable: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    nomination: Mapped[Nomination] = relationship()
    judge: Mapped[User] = relationship()
    scores: Mapped[list["Score"]] = relationship(
        back_populates="scorecard", cascade="all, delete-orphan"
    )

    @property
    def points(self) -> dict[int, float]:
        return {score.criterion_id: score.points for score in self.scores}

    @property
    def is_submitted(self) -> bool:
        return self.state == ScorecardState.SUBMITTED


class Score(db.Model):
    """A judge's points on one criterion, with an optional comment."""

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("scorecard_id", "criterion_id", name="uq_scores_scorecard_criterion"),
        CheckConstraint("points >= 0", name="points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    points: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")

    scorecard: Mapped[Scorecard] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()


MESSAGE_MAX_LENGTH = 2000


class DiscussionMessage(db.Model):
    """A message in the jury's discussion of one entry: plain text, never edited."""

    __tablename__ = "discussion_messages"
    __table_args__ = (
        CheckConstraint(f"length(text) BETWEEN 1 AND {MESSAGE_MAX_LENGTH}", name="text_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nomination: Mapped[Nomination] = relationship()
    author: Mapped[User | None] = relationship()


class JudgeReminder(db.Model):
    """A reminder emailed to a judge: the job that sends reminders again after a crash skips
    whoever it has already reached, and the progress page can say when each judge was last
    reminded."""

    __tablename__ = "judge_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    missing: Mapped[int]

    judge: Mapped[User] = relationship(foreign_keys=[judge_id])
