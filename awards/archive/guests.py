"""The ceremony's guests in the archive (version 4): who comes on stage for each laureate,
their answer and seat. The invitation links are not carried: a secret of one installation,
each imported invitation gets a new one (links emailed before stop working there)."""

import secrets

from sqlalchemy import select

from awards.archive.records import parse_time, record, time_text
from awards.archive.schema import Problems
from awards.ceremony import guests as ceremony_guests
from awards.ceremony.models import LaureateGuest
from awards.errors import FieldErrors
from awards.extensions import db
from awards.nominations.models import Nomination
from awards.programs.models import Program

TIMES = ("invited_at", "reminded_at", "answered_at")


def guest_records(program: Program) -> list[dict]:
    query = select(LaureateGuest).where(LaureateGuest.program_id == program.id)
    return [
        {
            "nomination": guest.nomination_id,
            "language": guest.language,
            "representative_name": guest.representative_name,
            "representative_position": guest.representative_position,
            "attending": guest.attending,
            "guests": guest.guests,
            "seat_row": guest.seat_row,
            "seat_number": guest.seat_number,
            **{name: time_text(getattr(guest, name)) for name in TIMES},
        }  # fmt: skip
        for guest in db.session.scalars(query.order_by(LaureateGuest.id))
    ]


def _check_guest(data: dict) -> None:
    """The rules of an answer and of a seat, as the services hold them."""
    problems = FieldErrors()
    required = bool(data["attending"])
    for field in ("representative_name", "representative_position"):
        problems.run(ceremony_guests.check_guest_texts, data[field], field=field, required=required)
    problems.run(ceremony_guests.check_guest_count, data["guests"])
    problems.run(ceremony_guests.check_seat, data["seat_row"] or "", data["seat_number"] or "")
    problems.raise_any()


def check_guests(document: dict, problems: Problems) -> None:
    for i, data in enumerate(document.get("guests", [])):
        problems.check_fields(f"$.guests[{i}]", _check_guest, data)


def import_guests(document: dict, *, program: Program, nominations: dict[int, Nomination]) -> None:
    """Side effects: adds each guest record with a new invitation link; flushes."""
    for i, data in enumerate(document.get("guests", [])):
        with record(f"$.guests[{i}]"):
            db.session.add(
                LaureateGuest(
                    program_id=program.id, nomination_id=nominations[data["nomination"]].id,
                    token=secrets.token_urlsafe(32), language=data["language"],
                    representative_name=data["representative_name"],
                    representative_position=data["representative_position"],
                    attending=data["attending"], guests=data["guests"],
                    seat_row=data["seat_row"], seat_number=data["seat_number"],
                    **{name: parse_time(data[name]) for name in TIMES},
                )
            )  # fmt: skip
