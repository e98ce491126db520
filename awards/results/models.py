"""Frozen results: a snapshot per confirmation of a category's laureates."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Category


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
