"""Users and organizations."""

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.extensions import db
from awards.i18n import localized, utcnow


class Organization(db.Model):
    """A college, an enterprise, an akimat department: whoever nominates or is nominated."""

    __tablename__ = "organizations"
    __table_args__ = (CheckConstraint("bin IS NULL OR length(bin) = 12", name="bin_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[dict] = mapped_column(JSON)
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    city: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="organization")

    @property
    def display_name(self) -> str:
        return localized(self.name)

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name.get('ru')!r}>"


class User(UserMixin, db.Model):
    """Someone who logs in. Invited users exist before they have a password."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("locale IN ('kk', 'ru', 'en')", name="locale_known"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint(
            "activated_at IS NULL OR password_hash IS NOT NULL", name="active_has_password"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(2), default="kk")
    is_admin: Mapped[bool] = mapped_column(default=False)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    activated_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]

    organization: Mapped[Organization | None] = relationship(back_populates="members")

    @property
    def is_active(self) -> bool:
        return self.activated_at is not None

    @property
    def credential_fingerprint(self) -> str:
        """Changes whenever the password does: sessions and emailed links carry it, so a new
        password ends every other session and every outstanding link."""
        return hashlib.sha256((self.password_hash or "unset").encode()).hexdigest()[:16]

    def get_id(self) -> str:
        return f"{self.id}.{self.credential_fingerprint}"

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
