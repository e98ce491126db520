"""The ceremony's running order and partners, and the order its categories are awarded in.

Every write flushes and never commits. Positions count from 0 without gaps, per program.
A copy of a program (programs.services.copy_program) gets the running order and partners too.
"""

from datetime import time

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.ceremony.models import CeremonyPartner, RunningOrderItem
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.i18n import REQUIRED_LANGUAGES, check_length, clean_texts
from awards.programs.models import Category, Program
from awards.programs.signals import program_copied

MAX_ITEMS = 100  # a ceremony of a few hours; more is a mistake, and the booklet would not fit
MAX_PARTNERS = 100
TEXT_MAX = 300
MAX_BREAK_MINUTES = 240  # a break longer than four hours is a typing mistake
DIRECTIONS = ("up", "down")


def running_order(program: Program) -> list[RunningOrderItem]:
    """The program's running order, first point first."""
    query = (
        select(RunningOrderItem)
        .where(RunningOrderItem.program_id == program.id)
        .order_by(RunningOrderItem.position, RunningOrderItem.id)
    )
    return list(db.session.scalars(query))


def ceremony_partners(program: Program) -> list[CeremonyPartner]:
    """The partners the booklet thanks, in the order the organizers chose."""
    query = (
        select(CeremonyPartner)
        .where(CeremonyPartner.program_id == program.id)
        .order_by(CeremonyPartner.position, CeremonyPartner.id)
    )
    return list(db.session.scalars(query))


def out_of_time_order(items: list[RunningOrderItem]) -> set[int]:
    """The ids of points that start earlier than the point before them: worth a second look,
    though a running order may have reasons (a late guest) to keep them."""
    return {
        item.id for before, item in zip(items, items[1:], strict=False)
        if item.starts_at < before.starts_at
    }  # fmt: skip


def stage_order(program: Program) -> list[Category]:
    """The program's categories in the order the ceremony awards them: first those the running
    order names (at their first appearance), then the others by their position."""
    named = [item.category_id for item in running_order(program) if item.category_id]
    awarded = list(dict.fromkeys(named))
    by_id = {category.id: category for category in program.categories}
    first = [by_id[category_id] for category_id in awarded if category_id in by_id]
    return first + [category for category in program.categories if category.id not in awarded]


def check_texts(value: dict | None, *, field: str, required: bool = True) -> dict:
    """A title, presenter or partner cleaned: the booklet prints Kazakh and Russian side by
    side, so both, or (when optional) neither."""
    texts = clean_texts(value)
    check_length(texts, max_length=TEXT_MAX, field=field)
    if not texts and not required:
        return {}
    if any(code not in texts for code in REQUIRED_LANGUAGES):
        message = (
            _("Fill in the Kazakh and Russian versions.")
            if required
            else _("Fill in the Kazakh and Russian versions, or leave all of them empty.")
        )
        raise DomainError(message, field=field)
    return texts


def check_room_for_point(points: int) -> None:
    """Refuse another point when the running order has ``points`` already."""
    if points >= MAX_ITEMS:
        raise DomainError(_("A running order has at most %(n)d points.", n=MAX_ITEMS))


def check_room_for_partner(partners: int) -> None:
    """Refuse another partner when the ceremony thanks ``partners`` already."""
    if partners >= MAX_PARTNERS:
        raise DomainError(_("A ceremony has at most %(n)d partners.", n=MAX_PARTNERS))


def _start_time(value) -> time:
    if not isinstance(value, time):
        raise DomainError(_("Give the start time, for example 10:30."), field="starts_at")
    return value.replace(second=0, microsecond=0, tzinfo=None)


def check_break_minutes(value) -> int | None:
    """A break's minutes, or None for an ordinary point."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_BREAK_MINUTES:
        raise DomainError(
            _("A break lasts from 1 to %(n)d minutes.", n=MAX_BREAK_MINUTES), field="break_minutes"
        )
    return value


def _program_category(program: Program, category_id: int | None) -> int | None:
    if category_id is None:
        return None
    category = db.session.get(Category, category_id)
    if category is None or category.program_id != program.id:
        raise DomainError(_("Choose one of the program's categories."), field="category")
    return category.id


def _renumber(rows: list) -> None:
    for position, row in enumerate(rows):
        row.position = position


def _move(rows: list, row, direction: str) -> None:
    if direction not in DIRECTIONS:
        raise DomainError(_("Move a line up or down."))
    index = rows.index(row)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows)
    db.session.flush()


def _item_fields(
    program: Program, starts_at, title, presenter, category_id, break_minutes=None
) -> dict:
    """The point's fields cleaned, or every problem with them at once."""
    problems = FieldErrors()
    fields = {
        "starts_at": problems.run(_start_time, starts_at),
        "title": problems.run(check_texts, title, field="title"),
        "presenter": problems.run(check_texts, presenter, field="presenter", required=False),
        "category_id": problems.run(_program_category, program, category_id),
        "break_minutes": problems.run(check_break_minutes, break_minutes),
    }
    problems.raise_any()
    if fields["break_minutes"] and fields["category_id"]:
        raise DomainError(_("A break awards no category."), field="break_minutes")
    return fields


def add_running_order_item(
    *, program: Program, actor: User | None, starts_at: time, title: dict,
    presenter: dict | None = None, category_id: int | None = None, position: int | None = None,
    break_minutes: int | None = None,
) -> RunningOrderItem:  # fmt: skip
    """A new point in the running order, placed after the last point starting no later, or at
    ``position`` (a copy or an archive keeps its order, even a point out of time order).
    ``break_minutes``: the point is a break that long (it awards no category).

    Side effects: adds the point; later points move one place down; flushes.
    """
    items = running_order(program)
    check_room_for_point(len(items))
    fields = _item_fields(program, starts_at, title, presenter, category_id, break_minutes)
    item = RunningOrderItem(program_id=program.id, **fields)
    if position is None:
        later = (i + 1 for i, other in enumerate(items) if other.starts_at <= item.starts_at)
        position = max(later, default=0)
    items.insert(position, item)
    db.session.add(item)
    _renumber(items)
    db.session.flush()
    return item


def update_running_order_item(
    *, item: RunningOrderItem, actor: User | None, starts_at: time, title: dict,
    presenter: dict | None = None, category_id: int | None = None,
    break_minutes: int | None = None,
) -> RunningOrderItem:  # fmt: skip
    """Change a point's time, texts, category or break; it keeps its place.
    Side effects: flushes."""
    fields = _item_fields(item.program, starts_at, title, presenter, category_id, break_minutes)
    for name, value in fields.items():
        setattr(item, name, value)
    db.session.flush()
    return item


def delete_running_order_item(*, item: RunningOrderItem, actor: User | None) -> None:
    """Side effects: deletes the point; later points move one place up; flushes."""
    items = running_order(item.program)
    items.remove(item)
    db.session.delete(item)
    _renumber(items)
    db.session.flush()


def move_running_order_item(
    *, item: RunningOrderItem, actor: User | None, direction: str
) -> RunningOrderItem:
    """Swap the point with the one before ("up") or after ("down"); at either end nothing
    moves. Side effects: two positions change; flushes."""
    _move(running_order(item.program), item, direction)
    return item


def add_partner(*, program: Program, actor: User | None, name: dict) -> CeremonyPartner:
    """A partner at the end of the list. Side effects: adds it; flushes."""
    partners = ceremony_partners(program)
    check_room_for_partner(len(partners))
    partner = CeremonyPartner(
        program_id=program.id, name=check_texts(name, field="name"), position=len(partners)
    )
    db.session.add(partner)
    db.session.flush()
    return partner


def update_partner(*, partner: CeremonyPartner, actor: User | None, name: dict) -> CeremonyPartner:
    """Rename a partner. Side effects: flushes."""
    partner.name = check_texts(name, field="name")
    db.session.flush()
    return partner


def delete_partner(*, partner: CeremonyPartner, actor: User | None) -> None:
    """Side effects: deletes the partner; later ones move one place up; flushes."""
    partners = ceremony_partners(partner.program)
    partners.remove(partner)
    db.session.delete(partner)
    _renumber(partners)
    db.session.flush()


def move_partner(*, partner: CeremonyPartner, actor: User | None, direction: str):
    """Swap the partner with the one before ("up") or after ("down"). Side effects: flushes."""
    _move(ceremony_partners(partner.program), partner, direction)
    return partner


def copy_ceremony(*, source: Program, program: Program, actor: User | None) -> None:
    """Give ``program`` the running order and partners of ``source``, in the same order. A point
    awarding a category awards the copy's category of the same short name. Start times are
    wall-clock times of the ceremony day, which has no date here: they are kept as they are.

    Side effects: adds the points and partners; flushes.
    """
    categories = {category.slug: category.id for category in program.categories}
    for position, item in enumerate(running_order(source)):
        add_running_order_item(
            program=program, actor=actor, starts_at=item.starts_at, title=dict(item.title),
            presenter=dict(item.presenter),
            category_id=categories.get(item.category.slug) if item.category else None,
            position=position, break_minutes=item.break_minutes,
        )  # fmt: skip
    for partner in ceremony_partners(source):
        add_partner(program=program, actor=actor, name=dict(partner.name))


@program_copied.connect
def _copy_with_program(source: Program, *, program: Program, actor: User | None, **_) -> None:
    copy_ceremony(source=source, program=program, actor=actor)
