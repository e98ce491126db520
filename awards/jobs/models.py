"""A background job: one row per piece of long work, read by the pages for its progress, result
and error. The queue only carries "run job N"; this row is the truth about it."""

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Program

# The kinds are the domains' (registry.py); the table takes any name registered, so a new
# kind needs no migration.
KIND_LENGTH = 20


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class Job(db.Model):
    """``done`` of ``total`` is the job's own latest progress report (``total`` is unknown
    until the first one); ``heartbeat_at`` is when the row last changed, which tells a job whose
    worker died from a slow one. ``attempts`` counts runs asked for: a retry adds one, and a
    worker still busy with an older attempt stops at its next progress report."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state_known"),
        CheckConstraint("done >= 0", name="done_not_negative"),
        CheckConstraint("total IS NULL OR done <= total", name="done_within_total"),
        CheckConstraint("attempts >= 1", name="attempts_positive"),
        CheckConstraint("(state = 'failed') = (error IS NOT NULL)", name="error_when_failed"),
        # Two certificate batches at once would issue the same certificates twice: however
        # many clicks race, one unfinished job of a kind per program.
        Index(
            "uq_jobs_one_unfinished_per_kind",
            "program_id",
            "kind",
            unique=True,
            sqlite_where=text("state IN ('queued', 'running')"),
            postgresql_where=text("state IN ('queued', 'running')"),
        ),  # fmt: skip
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(10), default=JobState.QUEUED)
    done: Mapped[int] = mapped_column(default=0, server_default="0")
    total: Mapped[int | None]
    message: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict | None] = mapped_column(JSON)
    result_file: Mapped[str | None] = mapped_column(String(200))
    result_name: Mapped[str | None] = mapped_column(String(200))
    arguments: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    program: Mapped[Program] = relationship()
    actor: Mapped[User | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        """Whole percent done, or None while the total is unknown."""
        if self.state == JobState.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    def is_stale(self, now: datetime, after: timedelta) -> bool:
        """Waiting or running, yet unchanged for longer than ``after``: its worker has died,
        or its queue entry was lost."""
        return self.state in UNFINISHED and self.heartbeat_at < now - after
