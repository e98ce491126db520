"""Assignments, conflicts of interest, scorecards with their points, and the qualifying rounds
before the scored one (their jurors, votes and frozen outcomes)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Category, Criterion


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


class RoundKind(StrEnum):
    QUALIFYING = "qualifying"  # each juror: advance, reject or abstain
    SCORED = "scored"  # the rubric (today's judging); implicit when no row says otherwise


class Verdict(StrEnum):
    ADVANCE = "advance"
    REJECT = "reject"
    ABSTAIN = "abstain"


class JudgingRound(db.Model):
    """One round of a category's judging. Qualifying rounds come before the scored one, in
    ``position`` order; each works on the entries the previous decided round advanced. Deciding
    freezes the outcome (``content``, with its SHA-256) and it never changes afterwards."""

    __tablename__ = "judging_rounds"
    __table_args__ = (
        UniqueConstraint("category_id", "name", name="uq_judging_rounds_category_name"),
        UniqueConstraint("category_id", "position", name="uq_judging_rounds_category_position"),
        CheckConstraint("kind IN ('qualifying', 'scored')", name="kind_known"),
        CheckConstraint("majority >= 0.5 AND majority < 1", name="majority_range"),
        CheckConstraint(
            "opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at", name="window_order"
        ),
        CheckConstraint("(decided_at IS NULL) = (sha256 IS NULL)", name="decided_has_digest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20), default=RoundKind.QUALIFYING)
    name: Mapped[str] = mapped_column(String(40))
    title: Mapped[dict] = mapped_column(JSON, default=dict)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    majority: Mapped[float] = mapped_column(Float, default=0.5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    content: Mapped[dict | None] = mapped_column(JSON)
    sha256: Mapped[str | None] = mapped_column(String(64))

    category: Mapped[Category] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    jurors: Mapped[list["RoundJuror"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundJuror.id"
    )

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


class RoundJuror(db.Model):
    """A judge of the program on a round's jury (none: the category's assigned judges)."""

    __tablename__ = "round_jurors"
    __table_args__ = (UniqueConstraint("round_id", "judge_id", name="uq_round_jurors_round_judge"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("judging_rounds.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    round: Mapped[JudgingRound] = relationship(back_populates="jurors")
    judge: Mapped[User] = relationship()


class QualifyingVote(db.Model):
    """A juror's verdict on an entry in a qualifying round, with their comment."""

    __tablename__ = "qualifying_votes"
    __table_args__ = (
        UniqueConstraint(
            "round_id", "nomination_id", "judge_id", name="uq_qualifying_votes_round_entry_judge"
        ),
        CheckConstraint("verdict IN ('advance', 'reject', 'abstain')", name="verdict_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("judging_rounds.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    judge: Mapped[User] = relationship()


class RoundOutcome(db.Model):
    """Whether an entry advanced from a decided round: a row per entry of the round, written
    with the frozen content (which also holds the tally) so the scored round can filter in SQL."""

    __tablename__ = "round_outcomes"
    __table_args__ = (
        UniqueConstraint("round_id", "nomination_id", name="uq_round_outcomes_round_entry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("judging_rounds.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    advanced: Mapped[bool] = mapped_column(Boolean)
    tie_reason: Mapped[str | None] = mapped_column(Text)
