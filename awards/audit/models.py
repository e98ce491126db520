"""The audit log's one table: an entry per decision or change, for every domain."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow


class SubjectKind(StrEnum):
    """What an entry is about; its id is the id of that record."""

    PROGRAM = "program"
    CATEGORY = "category"
    NOMINATION = "nomination"
    SCORECARD = "scorecard"


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


class AuditEntry(db.Model):
    """Who did what to which record of a program and when, the values before and after as
    objects, and the reason given. Never edited afterwards; ``actor`` is None for the system
    (or a person since deleted)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        CheckConstraint(f"subject_kind IN ({_quoted(SubjectKind)})", name="subject_kind_known"),
        CheckConstraint("subject_id > 0", name="subject_id_positive"),
        CheckConstraint("length(action) > 0", name="action_given"),
        Index("ix_audit_entries_subject", "program_id", "subject_kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    old: Mapped[dict] = mapped_column(JSON, default=dict)
    new: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship()

    @property
    def subject(self) -> tuple[str, int]:
        return self.subject_kind, self.subject_id

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.subject_kind} {self.subject_id} {self.action}>"
