"""Certificates: the organizer's settings (signatories, seal, citations), the pictures printed,
recipients' names as printed, and the registry of issued certificates."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
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
from awards.programs.models import Category, Program
from awards.results.models import ResultsSnapshot

KINDS = ("laureate", "participant", "judge_thanks")
IMAGE_TYPES = ("image/png", "image/jpeg")


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


class CertificateImage(db.Model):
    """A picture printed on certificates: a signature, the seal, or a copy of the program logo
    as it was when certificates were issued. Never changed or deleted with the settings, so a
    certificate printed again shows the pictures it was issued with."""

    __tablename__ = "certificate_images"
    __table_args__ = (
        UniqueConstraint("program_id", "sha256", name="uq_certificate_images_program_sha256"),
        CheckConstraint(f"content_type IN ({_quoted(IMAGE_TYPES)})", name="content_type_known"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(20))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CertificateSettings(db.Model):
    """What every certificate of a program prints besides the recipient: signatories, seal,
    the citation of each kind, the default design and whether English is printed."""

    __tablename__ = "certificate_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), unique=True
    )
    theme: Mapped[str] = mapped_column(String(40), default="classic", server_default="classic")
    print_english: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    laureate_citation: Mapped[dict] = mapped_column(JSON, default=dict)
    participant_citation: Mapped[dict] = mapped_column(JSON, default=dict)
    judge_thanks_citation: Mapped[dict] = mapped_column(JSON, default=dict)
    seal_image_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate_images.id", ondelete="SET NULL")
    )
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()
    seal_image: Mapped[CertificateImage | None] = relationship()
    signatories: Mapped[list["CertificateSignatory"]] = relationship(
        back_populates="settings",
        order_by="CertificateSignatory.position",
        cascade="all, delete-orphan",
    )

    def citation(self, kind: str) -> dict:
        return getattr(self, f"{kind}_citation")


class CertificateSignatory(db.Model):
    """One of at most two people who sign: name and title per language, signature picture."""

    __tablename__ = "certificate_signatories"
    __table_args__ = (
        UniqueConstraint("settings_id", "position", name="uq_certificate_signatories_position"),
        CheckConstraint("position IN (1, 2)", name="position_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    settings_id: Mapped[int] = mapped_column(
        ForeignKey("certificate_settings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[dict] = mapped_column(JSON)
    title: Mapped[dict] = mapped_column(JSON)
    signature_image_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate_images.id", ondelete="SET NULL")
    )

    settings: Mapped[CertificateSettings] = relationship(back_populates="signatories")
    signature_image: Mapped[CertificateImage | None] = relationship()


class PrintedName(db.Model):
    """A recipient's name as the organizer wants it printed (a Russian dative form, the
    official full name), per language, in place of the nominee's or judge's name; and the
    salutation a letter of thanks opens with, when the organizer wrote one."""

    __tablename__ = "printed_names"
    __table_args__ = (
        UniqueConstraint("program_id", "nomination_id", name="uq_printed_names_nomination"),
        UniqueConstraint("program_id", "user_id", name="uq_printed_names_user"),
        CheckConstraint("(nomination_id IS NULL) <> (user_id IS NULL)", name="one_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    names: Mapped[dict] = mapped_column(JSON)
    # How a letter of thanks addresses the recipient, per language; None: made from the names.
    salutation: Mapped[dict | None] = mapped_column(JSON)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class IssuedCertificate(db.Model):
    """One issued PDF: its serial, its secret verification token, the values printed on it and
    the SHA-256 of the file. Revoked or superseded certificates stay as history."""

    __tablename__ = "issued_certificates"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_quoted(KINDS)})", name="kind_known"),
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
    # The judge thanked by a letter of thanks (nomination and snapshot stay empty then).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(40))
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    recipient: Mapped[dict] = mapped_column(JSON)
    values: Mapped[dict] = mapped_column(JSON)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    # None once the file of a revoked or superseded certificate is past its retention period.
    stored_file: Mapped[str | None] = mapped_column(String(200))
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
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
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
