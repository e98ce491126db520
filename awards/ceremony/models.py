"""The ceremony of a program: its running order and the partners its booklet thanks."""

from datetime import datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from awards.extensions import db
from awards.i18n import localized, utcnow
from awards.programs.models import Category, Program


class RunningOrderItem(db.Model):
    """One point of the ceremony: when it starts (wall-clock time where the ceremony takes
    place), what happens and who presents it, in kk/ru (en optional). ``category`` is the
    category whose laureates are awarded at this point, if any."""

    __tablename__ = "running_order_items"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

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
