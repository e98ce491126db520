"""Guests: laureates invited by email with a calendar file, answering through their link,
seats given, reminders, the guest list; every rule with the real database and mail outbox."""

from datetime import datetime
from io import BytesIO

import pytest
import time_machine
from icalendar import Calendar
from openpyxl import load_workbook

from awards.ceremony import guests
from awards.ceremony.models import LaureateGuest
from awards.errors import DomainError
from awards.extensions import db
from tests.ceremony.conftest import organizer_of
from tests.conftest import link_in

BEFORE = datetime(2025, 12, 10, 6, 0)  # naive UTC, days before the ceremony


def _invitations(outbox) -> list:
    """The messages that carry the ceremony's calendar file (the outbox holds earlier mail)."""
    return [
        message for message in outbox()
        if any(part.get_content_type() == "text/calendar" for part in message.iter_attachments())
    ]  # fmt: skip


def _invite(program, now=BEFORE):
    count = guests.invite_laureates(program=program, actor=organizer_of(program), now=now)
    db.session.commit()
    return count


def _guest(entry) -> LaureateGuest:
    return db.session.query(LaureateGuest).filter_by(nomination_id=entry.id).one()


def test_inviting_emails_each_laureate_once_with_the_ceremony_in_almaty_time(laureates, outbox):
    program = laureates["program"]
    assert _invite(program) == 2
    messages = _invitations(outbox)
    assert sorted(message["To"] for message in messages) == ["committee@x.kz", "committee@x.kz"]
    message = messages[0]
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    event = Calendar.from_ical(attachment.get_content()).events[0]
    assert event.start.isoformat() == "2025-12-19T15:00:00+05:00"
    assert str(event.start.tzinfo) == "Asia/Almaty"
    assert "/rsvp/" in link_in(message) and str(event["URL"]) == link_in(message)
    assert _invite(program) == 0  # invited already: nobody written to twice
    assert len(_invitations(outbox)) == 2


def test_a_program_without_ceremony_date_cannot_invite(laureates):
    program = laureates["program"]
    program.ceremony_at = None
    with pytest.raises(DomainError, match="ceremony's date"):
        guests.invite_laureates(program=program, actor=organizer_of(program), now=BEFORE)


def test_no_invitation_or_reminder_once_the_ceremony_has_started(laureates):
    program = laureates["program"]
    for action in (guests.invite_laureates, guests.remind_guests):
        with pytest.raises(DomainError, match="started"):
            action(program=program, actor=organizer_of(program), now=program.ceremony_at)


def test_answering_through_the_link_keeps_what_was_typed_and_says_what_is_missing(
    laureates, client, outbox
):
    program = laureates["program"]
    _invite(program)
    link = link_in(_invitations(outbox)[0])
    path = link[link.index("/rsvp/") :]
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(path)
        assert page.status_code == 200 and "2025" in page.get_data(as_text=True)
        refused = client.post(path, data={"attending": "yes", "position_ru": "Директор",
                                          "guests": "2"})  # fmt: skip
        text = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert 'id="name_kk-error"' in text and 'value="Директор"' in text
        silent = client.post(path, data={"name_ru": "Иванов"}).get_data(as_text=True)
        assert 'id="attending-error"' in silent and 'value="Иванов"' in silent
        saved = client.post(path, data={"attending": "yes", "name_ru": "Иванов Иван Иванович",
                                        "position_ru": "Директор", "guests": "2"})  # fmt: skip
        assert saved.status_code == 302
    guest = db.session.query(LaureateGuest).filter_by(token=path.rsplit("/", 1)[1]).one()
    assert (guest.attending, guest.guests, guest.representative_name) == (
        True, 2, {"ru": "Иванов Иван Иванович"},
    )  # fmt: skip
    assert guests.counts(guests.guest_rows(program))["people"] == 3


def test_too_many_guests_and_no_choice_are_refused(laureates):
    program = laureates["program"]
    _invite(program)
    guest = _guest(laureates["entries"]["Kazzinc Nominee"])
    with pytest.raises(DomainError) as error:
        guests.answer_invitation(guest=guest, attending=None, name={}, position={}, guests=0,
                                 now=BEFORE)  # fmt: skip
    assert error.value.field == "attending"
    with pytest.raises(DomainError) as error:
        guests.answer_invitation(guest=guest, attending=True, name={"kk": "Асқар"},
                                 position={"kk": "Директор"}, guests=11, now=BEFORE)  # fmt: skip
    assert error.value.field == "guests" and not error.value.fields
    declined = guests.answer_invitation(guest=guest, attending=False, name={}, position={},
                                        guests=4, now=BEFORE)  # fmt: skip
    assert (declined.attending, declined.guests) == (False, 0)


def test_answers_close_when_the_ceremony_starts(laureates, client):
    program = laureates["program"]
    _invite(program)
    guest = _guest(laureates["entries"]["Ulba Nominee"])
    with pytest.raises(DomainError, match="started"):
        guests.answer_invitation(guest=guest, attending=False, name={}, position={}, guests=0,
                                 now=program.ceremony_at)  # fmt: skip
    with time_machine.travel(program.ceremony_at, tick=False):
        page = client.post(f"/rsvp/{guest.token}", data={"attending": "no"})
    assert 'id="closed"' in page.get_data(as_text=True)
    assert db.session.get(LaureateGuest, guest.id).attending is None


def test_a_wrong_link_is_not_found(laureates, client):
    _invite(laureates["program"])
    assert client.get("/rsvp/not-a-token").status_code == 404
    assert client.get("/rsvp/not-a-token/ceremony.ics").status_code == 404


def test_seats_are_given_once_both_parts_together(laureates):
    program = laureates["program"]
    _invite(program)
    organizer = organizer_of(program)
    kazzinc = _guest(laureates["entries"]["Kazzinc Nominee"])
    ulba = _guest(laureates["entries"]["Ulba Nominee"])
    guests.assign_seat(guest=kazzinc, actor=organizer, row="1", number="12")
    assert kazzinc.seat == "1-12"
    with pytest.raises(DomainError, match="already given"):
        guests.assign_seat(guest=ulba, actor=organizer, row="1", number="12")
    with pytest.raises(DomainError, match="both"):
        guests.assign_seat(guest=ulba, actor=organizer, row="1", number="")
    guests.assign_seat(guest=kazzinc, actor=organizer, row="", number="")
    assert (kazzinc.seat_row, kazzinc.seat) == (None, "")
    guests.assign_seat(guest=ulba, actor=organizer, row="1", number="12")  # free again


def test_organizer_page_seat_error_beside_the_field_with_the_typed_seat(laureates, client, auth):
    program = laureates["program"]
    _invite(program)
    organizer = organizer_of(program)
    kazzinc = _guest(laureates["entries"]["Kazzinc Nominee"])
    ulba = _guest(laureates["entries"]["Ulba Nominee"])
    guests.assign_seat(guest=kazzinc, actor=organizer, row="2", number="7")
    db.session.commit()
    auth.login(organizer.email)
    page = client.post(f"/programs/{program.slug}/ceremony/guests/{ulba.id}/seat",
                       data={"seat_row": "2", "seat_number": "7"})  # fmt: skip
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert f'id="seat-error-{ulba.id}"' in text and "Kazzinc Nominee" in text
    assert db.session.get(LaureateGuest, ulba.id).seat_row is None


def test_reminders_go_only_to_laureates_that_have_not_answered(laureates, outbox):
    program = laureates["program"]
    _invite(program)
    kazzinc = _guest(laureates["entries"]["Kazzinc Nominee"])
    guests.answer_invitation(guest=kazzinc, attending=False, name={}, position={}, guests=0,
                             now=BEFORE)  # fmt: skip
    assert guests.remind_guests(program=program, actor=organizer_of(program), now=BEFORE) == 1
    db.session.commit()
    reminders = _invitations(outbox)[2:]
    text = reminders[0].get_body(preferencelist=("plain",)).get_content()
    assert len(reminders) == 1 and "Ulba Nominee" in text
    assert _guest(laureates["entries"]["Ulba Nominee"]).reminded_at == BEFORE


def test_guest_list_download_in_stage_order(laureates, client, auth):
    program = laureates["program"]
    _invite(program)
    kazzinc = _guest(laureates["entries"]["Kazzinc Nominee"])
    guests.answer_invitation(guest=kazzinc, attending=True, name={"ru": "Иванов И."},
                             position={"ru": "Директор"}, guests=1, now=BEFORE)  # fmt: skip
    organizer_of(program).locale = "ru"
    db.session.commit()
    auth.login(organizer_of(program).email)
    response = client.get(f"/programs/{program.slug}/ceremony/guests.xlsx")
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Номинация", "Лауреат", "Представитель")
    assert [row[1] for row in rows[1:]] == ["Kazzinc Nominee", "Ulba Nominee"]
    assert rows[1][2:7] == ("Иванов И.", "Директор", "Придут", 1, 2)


@pytest.mark.parametrize("who", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_see_and_change_guests(laureates, client, auth, who):
    program = laureates["program"]
    _invite(program)
    guest = _guest(laureates["entries"]["Kazzinc Nominee"])
    base = f"/programs/{program.slug}/ceremony/guests"
    assert client.get(base).status_code == 302  # anonymous: to the login page
    auth.login(who)
    assert client.get(base).status_code == 403
    assert client.get(f"{base}.xlsx").status_code == 403
    assert client.post(f"{base}/invite").status_code == 403
    seat = {"seat_row": "1", "seat_number": "1"}
    assert client.post(f"{base}/{guest.id}/seat", data=seat).status_code == 403
