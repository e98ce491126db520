"""The ceremony of a program: its running order, the partners its booklet thanks, and who
comes on stage for each laureate."""

from datetime import datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.extensions import db
from awards.i18n import localized, utcnow
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program


class RunningOrderItem(db.Model):
    """One point of the ceremony: when it starts (wall-clock time where the ceremony takes
    place), what happens and who presents it, in kk/ru (en optional). ``category`` is the
    category whose laureates are awarded at this point, if any. A point with
    ``break_minutes`` is a break: the hall screen counts down to the next point."""

    __tablename__ = "running_order_items"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("break_minutes > 0", name="break_minutes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[time]
    title: Mapped[dict] = mapped_column(JSON)
    presenter: Mapped[dict] = mapped_column(JSON, default=dict)
    # How to read the presenter's name aloud, {kk, ru}; {} without a note.
    presenter_pronunciation: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    break_minutes: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()
    category: Mapped[Category | None] = relationship()

    @property
    def display_title(self) -> str:
        return localized(self.title)


class CeremonyPartner(db.Model):
    """A partner the ceremony program thanks, by name in kk/ru (en optional)."""

    __tablename__ = "ceremony_partners"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()

    @property
    def display_name(self) -> str:
        return localized(self.name)


class LaureateGuest(db.Model):
    """Who comes on stage for a laureate: named, with their position, by the nominating
    committee or the laureate through a link (``token``) emailed in their language; whether they
    come (None: not answered yet), how many guests come with them, and the seat the organizer
    gives them."""

    __tablename__ = "laureate_guests"
    __table_args__ = (
        UniqueConstraint("nomination_id", name="uq_laureate_guests_nomination"),
        UniqueConstraint("program_id", "seat_row", "seat_number", name="uq_laureate_guests_seat"),
        CheckConstraint("guests BETWEEN 0 AND 10", name="guests_in_range"),
        CheckConstraint(
            "(seat_row IS NULL) = (seat_number IS NULL)", name="seat_row_and_number_together"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(2), default="kk")  # the invitation's
    representative_name: Mapped[dict] = mapped_column(JSON, default=dict)
    representative_position: Mapped[dict] = mapped_column(JSON, default=dict)
    attending: Mapped[bool | None]
    guests: Mapped[int] = mapped_column(default=0)
    seat_row: Mapped[str | None] = mapped_column(String(10))
    seat_number: Mapped[str | None] = mapped_column(String(10))
    invited_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()
    nomination: Mapped[Nomination] = relationship()

    @property
    def seat(self) -> str:
        return f"{self.seat_row}-{self.seat_number}" if self.seat_row else ""


class CeremonyScreen(db.Model):
    """Where the hall screen of a program stands: the slide it shows (``position``, from 0) and
    the secret its link carries (the hall's computer opens it without a login). ``version``
    counts the moves, so a screen sees a move even back to the same slide."""

    __tablename__ = "ceremony_screens"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("version >= 0", name="version_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=0)
    # Kept as it is (not hashed): the control page shows the link for the organizer to copy
    # again; it opens slides, nothing more, and regenerating it revokes the old one.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    program: Mapped[Program] = relationship()
