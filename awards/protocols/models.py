"""The jury's meeting (when, where, who was absent) and the protocols made of its decisions,
each version kept with the SHA-256 of its bytes, never edited."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Program


class JuryMeeting(db.Model):
    """The jury's meeting of a program, as the organizer entered it: when it was held, where
    (kk/ru, en optional), and which jurors were absent (user ids; everyone else was there)."""

    __tablename__ = "jury_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), unique=True
    )
    held_at: Mapped[datetime]
    place: Mapped[dict] = mapped_column(JSON)
    absent_judge_ids: Mapped[list] = mapped_column(JSON, default=list)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()


class JuryProtocol(db.Model):
    """One version of the protocol of a program's jury meeting: its serial, its secret
    verification token, the SHA-256 of the PDF and of what it prints (``content_sha256``: the
    same decisions give the same digest, so asking again returns this version), and the
    snapshots it was made from. A later decision makes a new version; none is ever changed."""

    __tablename__ = "jury_protocols"
    __table_args__ = (
        UniqueConstraint("program_id", "version", name="uq_jury_protocols_program_version"),
        UniqueConstraint("program_id", "serial", name="uq_jury_protocols_program_serial"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("length(content_sha256) = 64", name="content_sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    serial: Mapped[str] = mapped_column(String(40))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    theme: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    # [{"category": slug, "snapshot_id": id, "version": n, "sha256": digest}, ...]
    snapshots: Mapped[list] = mapped_column(JSON, default=list)
    # None for a protocol that came in an archive (its record travels, not its file).
    stored_file: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()
    created_by: Mapped[User | None] = relationship()
