"""The registry of issued certificates: what was printed, for whom, and whether it still holds."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program
from awards.results.models import ResultsSnapshot


class IssuedCertificate(db.Model):
    """One issued PDF: its serial, its secret verification token, the values printed on it and
    the SHA-256 of the file. Revoked or superseded certificates stay as history."""

    __tablename__ = "issued_certificates"
    __table_args__ = (
        CheckConstraint("kind IN ('laureate')", name="kind_known"),
        CheckConstraint("length(pdf_sha256) = 64", name="pdf_sha256_length"),
        CheckConstraint("verification_count >= 0", name="verification_count_not_negative"),
        CheckConstraint(
            "(revoked_at IS NULL) = (revoked_reason IS NULL)", name="revoked_has_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    nomination_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="SET NULL")
    )
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("results_snapshots.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(40))
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    recipient: Mapped[dict] = mapped_column(JSON)
    values: Mapped[dict] = mapped_column(JSON)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    stored_file: Mapped[str] = mapped_column(String(200))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("issued_certificates.id", ondelete="SET NULL")
    )
    verification_count: Mapped[int] = mapped_column(default=0, server_default="0")
    last_verified_at: Mapped[datetime | None]

    program: Mapped[Program] = relationship()
    category: Mapped[Category | None] = relationship()
    nomination: Mapped[Nomination | None] = relationship()
    snapshot: Mapped[ResultsSnapshot | None] = relationship()
    issued_by: Mapped[User | None] = relationship()
    superseded_by: Mapped["IssuedCertificate | None"] = relationship(remote_side=[id])

    @property
    def state(self) -> str:
        """'revoked', 'superseded' or 'valid' (a revocation outranks a later reissue)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.superseded_by_id is not None:
            return "superseded"
        return "valid"

    @property
    def is_valid(self) -> bool:
        return self.state == "valid"
