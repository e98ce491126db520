"""Users and organizations."""

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.accounts.identity import identity_keys, organization_key
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
    aliases: Mapped[list["OrganizationAlias"]] = relationship(
        back_populates="organization", order_by="OrganizationAlias.id",
        cascade="all, delete-orphan",
    )  # fmt: skip

    @property
    def display_name(self) -> str:
        return localized(self.name)

    @property
    def known_names(self) -> list[str]:
        """Every name it goes by: its name in each language, then the aliases organizers added."""
        return [*self.name.values(), *(alias.name for alias in self.aliases)]

    @property
    def identity_keys(self) -> set[str]:
        """Its id, BIN and the skeleton of every known name: what an entry about it may share."""
        keys = identity_keys(bin=self.bin, names=self.known_names)
        keys.add(organization_key(self.id))
        return keys

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name.get('ru')!r}>"


class OrganizationAlias(db.Model):
    """Another name an organization goes by («Қазмырыш» for Kazzinc), added by an organizer:
    no rule on letters can tell that two names in different languages are one company."""

    __tablename__ = "organization_aliases"
    __table_args__ = (
        UniqueConstraint("organization_id", "skeleton", name="uq_organization_aliases_skeleton"),
        CheckConstraint("skeleton <> ''", name="skeleton_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    # The name's skeleton (awards.accounts.identity.name_skeleton), kept for uniqueness.
    skeleton: Mapped[str] = mapped_column(String(300), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="aliases")
    created_by: Mapped["User | None"] = relationship()


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
