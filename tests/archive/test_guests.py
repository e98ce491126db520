"""The ceremony's guests travel with the archive (version 4): representative, answer and seat
come back; the invitation link does not (a new secret per installation); a guest record that
breaks the answer's rules is refused with its path."""

from datetime import datetime

import pytest
from sqlalchemy import select

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.ceremony import guests
from awards.ceremony.models import LaureateGuest
from awards.extensions import db
from tests.archive.conftest import bring

BEFORE = datetime(2025, 12, 10, 6, 0)
FIELDS = ("language", "representative_name", "representative_position", "attending", "guests",
          "seat_row", "seat_number", "invited_at", "reminded_at", "answered_at")  # fmt: skip


@pytest.fixture
def with_guests(archived):
    program, organizer = archived["program"], archived["organizer"]
    program.ceremony_at = datetime(2025, 12, 19, 10, 0)
    assert guests.invite_laureates(program=program, actor=organizer, now=BEFORE) == 1
    (guest,) = db.session.scalars(select(LaureateGuest)).all()
    guests.answer_invitation(
        guest=guest, attending=True, name={"kk": "Асқар Бекұлы", "ru": "Аскар Бекулы"},
        position={"ru": "Директор"}, guests=2, now=BEFORE,
    )  # fmt: skip
    guests.assign_seat(guest=guest, actor=organizer, row="1", number="7", now=BEFORE)
    db.session.commit()
    return archived


def _by_nominee(program) -> dict:
    rows = db.session.scalars(select(LaureateGuest).filter_by(program_id=program.id))
    return {row.nomination.org_name["ru"]: row for row in rows}


def test_guests_come_back_with_a_new_invitation_link(with_guests, elsewhere):
    program = with_guests["program"]
    before = {name: (row.token, [getattr(row, f) for f in FIELDS])
              for name, row in _by_nominee(program).items()}  # fmt: skip
    document = program_archive(program)
    assert "token" not in document["guests"][0]
    with elsewhere.app_context():
        after = _by_nominee(bring(document).program)
        assert {name: [getattr(row, f) for f in FIELDS] for name, row in after.items()} == {
            name: fields for name, (_token, fields) in before.items()
        }
        assert all(row.token != before[name][0] and len(row.token) >= 43
                   for name, row in after.items())  # fmt: skip


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"guests": 11}, "$.guests[0].guests"),
        ({"seat_number": None}, "$.guests[0].seat_row"),
        ({"representative_name": {}}, "$.guests[0].representative_name"),
        ({"nomination": 999999}, "$.guests[0].nomination"),
    ],
)
def test_a_guest_breaking_a_rule_is_refused_with_its_path(with_guests, elsewhere, change, path):
    document = program_archive(with_guests["program"])
    document["guests"][0].update(change)
    with elsewhere.app_context(), pytest.raises(ArchiveError) as refused:
        bring(document)
    assert any(problem.startswith(path) for problem in refused.value.problems)
