"""Who comes on stage for each laureate, and their seats.

The organizer invites the laureates once the results are frozen: each laureate entry gets a
link (a secret token) emailed in their language to the nominating committee's members (and to
the entry's contact address), with the ceremony as a calendar file. Whoever holds the link
names the representative who will receive the award (name and position, per language), says
whether they come and with how many guests, until the ceremony starts. The organizer sees the
answers, reminds those who have not answered, gives seats, and downloads the guest list.

Every write flushes and never commits; emails go once the transaction commits.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.ceremony.calendar import ceremony_invitation
from awards.ceremony.models import LaureateGuest
from awards.ceremony.services import stage_order
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.i18n import REQUIRED_LANGUAGES, check_length, clean_texts, localized, utcnow
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program, ProgramRole, Role
from awards.results.services import current_snapshots
from awards.spreadsheets import Column, Table

MAX_GUESTS = 10  # people coming with the representative (the table's check says the same)
TEXT_MAX = 200
SEAT_MAX = 10


@dataclass
class GuestRow:
    """One laureate of the frozen results, in stage order, with its invitation if sent."""

    category: Category
    nomination_id: int
    nominee: dict  # the frozen name per language
    guest: LaureateGuest | None

    @property
    def state(self) -> str:
        if self.guest is None or self.guest.invited_at is None:
            return "not_invited"
        if self.guest.attending is None:
            return "waiting"
        return "coming" if self.guest.attending else "not_coming"


def guest_rows(program: Program) -> list[GuestRow]:
    """Every laureate of the frozen results in the order the ceremony awards them (two
    statements for the results, one for the invitations, whatever the size)."""
    snapshots = current_snapshots(program.categories)
    guests = {
        guest.nomination_id: guest
        for guest in db.session.scalars(
            select(LaureateGuest).where(LaureateGuest.program_id == program.id)
        )
    }
    return [
        GuestRow(
            category, item["nomination_id"], item["nominee"], guests.get(item["nomination_id"])
        )
        for category in stage_order(program)
        if (snapshot := snapshots.get(category.id)) is not None
        for item in snapshot.content["laureates"]
    ]


def counts(rows: list[GuestRow]) -> dict[str, int]:
    """How many laureates per state, and the people expected in the hall."""
    result = {"not_invited": 0, "waiting": 0, "coming": 0, "not_coming": 0}
    for row in rows:
        result[row.state] += 1
    result["people"] = sum(1 + row.guest.guests for row in rows if row.state == "coming")
    return result


def _recipients(program: Program, entries: list[Nomination]) -> dict[int, list[tuple[str, str]]]:
    """Per entry, (address, language) of each active committee member of its nominating
    organization, then the entry's contact address if it is not one of them."""
    organizations = {entry.submitting_organization_id for entry in entries}
    members = db.session.scalars(
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(
            ProgramRole.program_id == program.id,
            ProgramRole.role == Role.COMMITTEE,
            User.activated_at.is_not(None),
            User.organization_id.in_(organizations),
        )
        .order_by(User.id)
    ).all()
    found = {}
    for entry in entries:
        people = [
            (u.email, u.locale)
            for u in members
            if u.organization_id == entry.submitting_organization_id
        ]
        contact = (entry.contact_email or "").strip()
        if contact and contact.lower() not in {email.lower() for email, _ in people}:
            people.append((contact, entry.created_by.locale if entry.created_by else "kk"))
        found[entry.id] = people
    return found


def calendar_file(program: Program, guest: LaureateGuest, *, now: datetime) -> bytes:
    """The ceremony as an .ics file for this invitation, in its language."""
    link = external_url("rsvp.answer", token=guest.token)
    return ceremony_invitation(
        uid=f"ceremony-{program.slug}-{guest.id}@awards",
        title=localized(program.title, guest.language),
        starts_at=program.ceremony_at,
        timezone=program.timezone,
        location=localized(program.venue, guest.language),
        description=link,
        url=link,
        stamp=now,
    )


def inviting_is_open(program: Program, now: datetime) -> bool:
    """Invitations and reminders go out once the ceremony has a date, until it starts."""
    return program.ceremony_at is not None and now < program.ceremony_at


def _check_can_invite(program: Program, now: datetime) -> None:
    if program.ceremony_at is None:
        raise DomainError(_("Set the ceremony's date and time in the program first."))
    if now >= program.ceremony_at:
        raise DomainError(_("The ceremony has started: answers are closed."))


def _send(program: Program, guest: LaureateGuest, people, *, template: str, now) -> None:
    attachment = ("ceremony.ics", "text/calendar", calendar_file(program, guest, now=now))
    for address, language in people:
        queue_email(
            db.session(), to=address, locale=language, template=template, program=program,
            nominee=guest.nomination, link=external_url("rsvp.answer", token=guest.token),
            attachments=[attachment],
        )  # fmt: skip


def _entries(ids) -> dict[int, Nomination]:
    return {
        entry.id: entry
        for entry in db.session.scalars(select(Nomination).where(Nomination.id.in_(ids)))
    }


def invite_laureates(*, program: Program, actor: User, now: datetime | None = None) -> int:
    """Email every laureate not invited yet; returns how many laureates were invited.

    Side effects: adds an invitation per laureate without one; queues the emails; logs who
    invited; flushes.
    """
    now = now or utcnow()
    _check_can_invite(program, now)
    rows = [row for row in guest_rows(program) if row.state == "not_invited"]
    entries = _entries([row.nomination_id for row in rows])
    people = _recipients(program, list(entries.values()))
    invited = 0
    for row in rows:
        recipients = people.get(row.nomination_id) or []
        if not recipients:
            continue  # nobody to write to: the organizer sees the laureate still "not invited"
        guest = row.guest or LaureateGuest(
            program_id=program.id, nomination_id=row.nomination_id, token=secrets.token_urlsafe(32)
        )
        guest.language = recipients[0][1]
        guest.invited_at = now
        db.session.add(guest)
        db.session.flush()
        _send(program, guest, recipients, template="ceremony/invitation", now=now)
        invited += 1
    if invited:
        record(actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
               action="guests_invited", new={"laureates": invited}, now=now)  # fmt: skip
    return invited


def remind_guests(*, program: Program, actor: User, now: datetime | None = None) -> int:
    """Email again every invited laureate that has not answered; returns how many.

    Side effects: queues the emails; notes when each was reminded; logs it; flushes.
    """
    now = now or utcnow()
    _check_can_invite(program, now)
    rows = [row for row in guest_rows(program) if row.state == "waiting"]
    people = _recipients(program, list(_entries([row.nomination_id for row in rows]).values()))
    for row in rows:
        _send(program, row.guest, people.get(row.nomination_id) or [],
              template="ceremony/reminder", now=now)  # fmt: skip
        row.guest.reminded_at = now
    if rows:
        record(actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
               action="guests_reminded", new={"laureates": len(rows)}, now=now)  # fmt: skip
    db.session.flush()
    return len(rows)


def find_invitation(token: str) -> LaureateGuest | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(LaureateGuest).where(LaureateGuest.token == token))


def answering_is_open(guest: LaureateGuest, now: datetime) -> bool:
    """Answers are taken until the ceremony starts."""
    ceremony = guest.program.ceremony_at
    return ceremony is None or now < ceremony


def check_guest_texts(value, *, field: str, required: bool) -> dict:
    texts = clean_texts(value)
    check_length(texts, max_length=TEXT_MAX, field=field)
    if required and not any(texts.get(code) for code in REQUIRED_LANGUAGES):
        raise DomainError(_("Fill in at least the Kazakh or the Russian version."), field=field)
    return texts


def check_guest_count(value) -> int:
    if not isinstance(value, int) or not 0 <= value <= MAX_GUESTS:
        raise DomainError(
            _("Between 0 and %(n)d guests can come with the representative.", n=MAX_GUESTS),
            field="guests",
        )
    return value


def answer_invitation(
    *, guest: LaureateGuest, attending: bool | None, name: dict, position: dict, guests: int,
    now: datetime | None = None,
) -> LaureateGuest:  # fmt: skip
    """Whoever holds the link answers (there is no account: the link is the permission).
    Coming needs the representative's name and position; not coming keeps what was typed.

    Side effects: stores the answer; logs it (on the program: an entry's own log is its
    history of states); flushes.
    """
    now = now or utcnow()
    if not answering_is_open(guest, now):
        raise DomainError(_("The ceremony has started: answers are closed."))
    problems = FieldErrors()
    if attending is None:
        problems.add(DomainError(_("Say whether you will come."), field="attending"))
    coming = bool(attending)
    name = problems.run(check_guest_texts, name, field="name", required=coming)
    position = problems.run(check_guest_texts, position, field="position", required=coming)
    guests = problems.run(check_guest_count, guests if coming else 0)
    problems.raise_any()
    old = {"attending": guest.attending, "guests": guest.guests}
    guest.attending = coming
    guest.representative_name = name
    guest.representative_position = position
    guest.guests = guests
    guest.answered_at = now
    record(
        actor=None, program=guest.program, subject=(SubjectKind.PROGRAM, guest.program_id),
        action="guest_answered", old=old, now=now,
        new={"nomination": guest.nomination_id, "attending": coming, "guests": guests},
    )  # fmt: skip
    db.session.flush()
    return guest


def _seat_part(value: str, *, field: str) -> str:
    value = (value or "").strip()
    check_length(value, max_length=SEAT_MAX, field=field)
    return value


def check_seat(row: str, number: str) -> tuple[str, str]:
    """A seat cleaned: both its row and its number, or neither (no seat)."""
    problems = FieldErrors()
    row = problems.run(_seat_part, row, field="seat_row")
    number = problems.run(_seat_part, number, field="seat_number")
    problems.raise_any()
    if bool(row) != bool(number):
        raise DomainError(_("Give both the row and the seat, or neither."), field="seat_row")
    return row, number


def assign_seat(
    *, guest: LaureateGuest, actor: User, row: str, number: str, now: datetime | None = None
) -> LaureateGuest:
    """Give the representative a reserved seat (row and seat), or take it back with both
    empty. A seat is given once per program.

    Side effects: stores the seat; logs it; flushes.
    """
    row, number = check_seat(row, number)
    if row:
        taken = db.session.scalar(
            select(LaureateGuest).where(
                LaureateGuest.program_id == guest.program_id,
                LaureateGuest.seat_row == row,
                LaureateGuest.seat_number == number,
                LaureateGuest.id != guest.id,
            )
        )
        if taken is not None:
            raise DomainError(
                _("Row %(row)s, seat %(seat)s is already given to %(nominee)s.", row=row,
                  seat=number, nominee=taken.nomination.nominee_name),
                field="seat_row",
            )  # fmt: skip
    old = {"seat": guest.seat}
    guest.seat_row, guest.seat_number = (row, number) if row else (None, None)
    record(
        actor=actor, program=guest.program, subject=(SubjectKind.PROGRAM, guest.program_id),
        action="seat_assigned", old=old, now=now or utcnow(),
        new={"nomination": guest.nomination_id, "seat": guest.seat},
    )  # fmt: skip
    db.session.flush()
    return guest


def state_label(state: str) -> str:
    return {
        "not_invited": _("Not invited yet"),
        "waiting": _("No answer yet"),
        "coming": _("Coming"),
        "not_coming": _("Not coming"),
    }[state]


def guest_list(program: Program, rows: list[GuestRow], *, language: str) -> Table:
    """The guest list as a spreadsheet table, in stage order, texts in ``language``."""
    return Table(
        name="guests",
        title=_("Guests"),
        columns=(
            Column(_("Category")),
            Column(_("Laureate")),
            Column(_("Representative")),
            Column(_("Position")),
            Column(_("Answer")),
            Column(_("Guests"), "0"),
            Column(_("People in all"), "0"),
            Column(_("Seat row")),
            Column(_("Seat")),
        ),  # fmt: skip
        rows=[
            (
                localized(row.category.title, language),
                localized(row.nominee, language),
                localized(row.guest.representative_name, language) if row.guest else "",
                localized(row.guest.representative_position, language) if row.guest else "",
                state_label(row.state),
                row.guest.guests if row.state == "coming" else 0,
                1 + row.guest.guests if row.state == "coming" else 0,
                (row.guest.seat_row or "") if row.guest else "",
                (row.guest.seat_number or "") if row.guest else "",
            )
            for row in rows
        ],
    )
