"""Frozen results: a snapshot per confirmation of a category's laureates."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Category


class VoteChoice(StrEnum):
    """A juror's vote on one laureate at the jury's meeting; ``recused`` when a conflict of
    interest kept them out of it."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"
    RECUSED = "recused"


class ResultsSnapshot(db.Model):
    """The results of one category as confirmed: the scorecards used, the method, the ranking,
    the tie decisions and the laureates, with a SHA-256 of that content. Certificates and the
    ceremony program print from it, never from live scores. Unfreezing keeps it as history."""

    __tablename__ = "results_snapshots"
    __table_args__ = (
        UniqueConstraint("category_id", "version", name="uq_results_snapshots_category_version"),
        CheckConstraint("method IN ('mean', 'normalized', 'trimmed')", name="method_known"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint(
            "(unfrozen_at IS NULL) = (unfrozen_reason IS NULL)", name="unfrozen_has_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    method: Mapped[str] = mapped_column(String(20))
    content: Mapped[dict] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    unfrozen_at: Mapped[datetime | None]
    unfrozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    unfrozen_reason: Mapped[str | None] = mapped_column(Text)

    category: Mapped[Category] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    laureates: Mapped[list["Laureate"]] = relationship(
        back_populates="snapshot", order_by="Laureate.position", cascade="all, delete-orphan"
    )
    votes: Mapped[list["DecisionVote"]] = relationship(
        back_populates="snapshot", order_by="DecisionVote.id", cascade="all, delete-orphan"
    )
    dissents: Mapped[list["DissentingOpinion"]] = relationship(
        back_populates="snapshot", order_by="DissentingOpinion.id", cascade="all, delete-orphan"
    )

    @property
    def is_current(self) -> bool:
        return self.unfrozen_at is None


class Laureate(db.Model):
    """A nomination confirmed as laureate in a snapshot; ``reason`` when chosen off the ranking
    or out of a tie."""

    __tablename__ = "laureates"
    __table_args__ = (
        UniqueConstraint("snapshot_id", "nomination_id", name="uq_laureates_snapshot_nomination"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("degree IS NULL OR degree BETWEEN 1 AND 3", name="degree_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("results_snapshots.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    degree: Mapped[int | None]  # I, II or III of the category's degrees, None without them

    snapshot: Mapped[ResultsSnapshot] = relationship(back_populates="laureates")
    nomination: Mapped[Nomination] = relationship()


class DecisionVote(db.Model):
    """One juror's vote on one laureate of a snapshot, as recorded by the chair or organizer."""

    __tablename__ = "decision_votes"
    __table_args__ = (
        UniqueConstraint("snapshot_id", "nomination_id", "judge_id", name="uq_decision_votes_once"),
        CheckConstraint("vote IN ('for', 'against', 'abstain', 'recused')", name="vote_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("results_snapshots.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    vote: Mapped[str] = mapped_column(String(10))

    snapshot: Mapped[ResultsSnapshot] = relationship(back_populates="votes")
    nomination: Mapped[Nomination] = relationship()
    judge: Mapped[User] = relationship()


class DissentingOpinion(db.Model):
    """A juror's dissenting opinion on a category's decision, in their own words."""

    __tablename__ = "dissenting_opinions"
    __table_args__ = (
        UniqueConstraint("snapshot_id", "judge_id", name="uq_dissenting_opinions_once"),
        CheckConstraint("length(text) > 0", name="text_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("results_snapshots.id", ondelete="CASCADE"), index=True
    )
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)

    snapshot: Mapped[ResultsSnapshot] = relationship(back_populates="dissents")
    judge: Mapped[User] = relationship()


class FeedbackRelease(db.Model):
    """The feedback letter of one entry released to its nominating committee: once, with the
    time and who released it; the committee may download the letter from then on."""

    __tablename__ = "feedback_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), unique=True
    )
    released_at: Mapped[datetime]
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    nomination: Mapped[Nomination] = relationship()
    released_by: Mapped[User | None] = relationship()
