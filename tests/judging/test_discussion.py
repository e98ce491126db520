"""The jury's discussion of an entry: who reads and posts, how authors are shown, validation,
the audit log, and the setting of when jurors see each other's scores."""

import re

import time_machine
from sqlalchemy import select

from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.judging import conflicts, discussion
from awards.judging.models import DiscussionMessage
from awards.judging.panel import juror_letters
from awards.judging.permissions import can_discuss
from awards.nominations.history import entry_history
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories
from tests.judging.fixtures import JUDGING

BASE = "/programs/test-awards"


def thread_url(entry):
    return f"{BASE}/jury/nominations/{entry.id}/discussion"


def post(entry, author, text):
    message = discussion.post_message(nomination=entry, actor=author, text=text, now=JUDGING)
    db.session.commit()
    return message


def test_jurors_and_organizers_discuss_others_do_not(jury):
    entry = jury["entries"]["Ulba Nominee"]
    judge, judge2 = jury["judges"]["judge@x.kz"], jury["judges"]["judge2@x.kz"]
    assert can_discuss(judge, entry) and can_discuss(jury["organizer"], entry)
    assert not can_discuss(jury["committee"], entry)
    conflicts.declare_conflict(nomination=entry, actor=judge2, reason="Работал там")
    assert not can_discuss(judge2, entry)
    # A judge of the program not on this entry's panel.
    outsider = factories.user("outsider@x.kz", organization=factories.organization("Other"))
    programs.grant_role(program=jury["program"], user=outsider, role=Role.JUDGE,
                        actor=jury["organizer"])  # fmt: skip
    assert not can_discuss(outsider, entry)


def test_committee_and_conflicted_juror_get_403(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    conflicts.record_conflict(
        nomination=entry, judge=jury["judges"]["judge2@x.kz"], actor=jury["organizer"], reason="X"
    )
    db.session.commit()
    for email in ("committee@x.kz", "judge2@x.kz"):
        auth.login(email)
        assert client.get(thread_url(entry)).status_code == 403
        assert client.post(thread_url(entry), data={"text": "Привет"}).status_code == 403
        # The judge's workspace does not exist for them (as every judging page).
        posted = client.post(f"{BASE}/judging/{entry.id}/discussion", data={"text": "Привет"})
        assert posted.status_code == 404
        auth.logout()
    assert db.session.query(DiscussionMessage).count() == 0


@time_machine.travel(JUDGING, tick=False)
def test_juror_posts_from_the_entry_page_and_it_is_audited(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    text = "Баллы расходятся.\nДавайте обсудим <b>документы</b>."
    response = client.post(f"{BASE}/judging/{entry.id}/discussion", data={"text": text})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/judging/{entry.id}#discussion")
    message = db.session.scalars(select(DiscussionMessage)).one()
    assert message.text == text and message.author_id == jury["judges"]["judge@x.kz"].id
    logged = db.session.scalars(select(AuditEntry).filter_by(action="discussion-posted")).one()
    assert (logged.subject_kind, logged.subject_id) == ("program", entry.program_id)
    assert logged.new == {"nomination": entry.id, "message": message.id, "text": text}
    # The entry's own history (its states, which the committee reads) is left alone.
    assert all(line.action != "discussion-posted" for line in entry_history(entry))
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    # Plain text: escaped, line breaks kept by the .prose class.
    assert "&lt;b&gt;документы&lt;/b&gt;" in page and "<b>документы" not in page
    assert 'class="prose"' in page


@time_machine.travel(JUDGING, tick=False)
def test_empty_and_too_long_messages_are_refused_beside_the_field(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    page = client.post(f"{BASE}/judging/{entry.id}/discussion", data={"text": "   "})
    assert page.status_code == 200
    assert 'id="text-error"' in page.get_data(as_text=True)
    assert "Write a message first." in page.get_data(as_text=True)
    long = "я" * 2001
    page = client.post(thread_url(entry), data={"text": long}).get_data(as_text=True)
    assert "at most 2000 characters long; this one has 2001" in page
    assert long in page  # what was typed is still there
    assert db.session.query(DiscussionMessage).count() == 0


def test_blind_jurors_see_letters_organizer_sees_names(client, auth, jury):
    program = jury["program"]
    program.blind_judging = True
    entry = jury["entries"]["Ulba Nominee"]
    judge, judge2 = jury["judges"]["judge@x.kz"], jury["judges"]["judge2@x.kz"]
    judge2.name = "Айгерим Сапарова"
    post(entry, judge2, "Сильная заявка.")
    post(entry, judge, "Согласен.")
    letters = juror_letters(entry)
    auth.login("judge@x.kz")
    page = client.get(thread_url(entry)).get_data(as_text=True)
    assert f"Juror {letters[judge2.id]}" in page and "Айгерим Сапарова" not in page
    mine = page.split("Согласен.")[0].rsplit('<li class="message">', 1)[1]
    assert f"Juror {letters[judge.id]}" in mine and ">you<" in mine
    # The same letters on the judge's own page (reveal and discussion agree).
    assert f"Juror {letters[judge2.id]}" in client.get(f"{BASE}/judging/{entry.id}").get_data(
        as_text=True
    )
    auth.logout()
    auth.login("organizer@x.kz")
    page = client.get(thread_url(entry)).get_data(as_text=True)
    assert f"Juror {letters[judge2.id]} · Айгерим Сапарова" in page


def test_open_judging_shows_jurors_names_without_the_reveals_letters(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    judge2 = jury["judges"]["judge2@x.kz"]
    judge2.name = "Айгерим Сапарова"
    post(entry, judge2, "Сильная заявка.")
    auth.login("judge@x.kz")
    page = client.get(thread_url(entry)).get_data(as_text=True)
    assert "Айгерим Сапарова" in page
    assert f"Juror {juror_letters(entry)[judge2.id]}" not in page


def test_organizer_posts_on_the_organizer_page(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("organizer@x.kz")
    response = client.post(thread_url(entry), data={"text": "Обсудим на заседании."})
    assert response.status_code == 302
    message = db.session.scalars(select(DiscussionMessage)).one()
    assert message.author_id == jury["organizer"].id
    # The organizer is no juror: no letter; shown by name.
    assert jury["organizer"].id not in juror_letters(entry)


def test_message_counts_in_one_query(jury):
    entries = list(jury["entries"].values())
    post(entries[0], jury["judges"]["judge@x.kz"], "Раз")
    post(entries[0], jury["organizer"], "Два")
    post(entries[1], jury["judges"]["judge2@x.kz"], "Три")
    counts = discussion.message_counts([e.id for e in entries])
    assert counts == {entries[0].id: 2, entries[1].id: 1}


def test_reveal_setting_is_the_organizers_and_audited(client, auth, jury):
    category = jury["program"].categories[0]
    url = f"{BASE}/jury/categories/{category.id}/reveal"
    auth.login("judge@x.kz")
    assert client.post(url, data={"policy": "after-own"}).status_code == 403
    auth.logout()
    auth.login("organizer@x.kz")
    assert client.post(url, data={"policy": "after-own"}).status_code == 302
    assert category.reveal_scores == "after-own"
    logged = db.session.scalars(select(AuditEntry).filter_by(action="reveal-changed")).one()
    assert logged.old == {"reveal_scores": "never"} and logged.new == {"reveal_scores": "after-own"}
    client.post(url, data={"policy": "whenever"})
    db.session.refresh(category)
    assert category.reveal_scores == "after-own"
    page = client.get(f"{BASE}/jury/categories/{category.id}").get_data(as_text=True)
    chosen = re.search(r'<option[^>]*value="after-own"[^>]*>', page).group(0)
    assert "selected" in chosen


def test_the_chair_joins_the_discussion_unless_in_conflict(jury):
    from awards.results.permissions import can_view_meeting_list

    program = jury["program"]
    entry, other = jury["entries"]["Ulba Nominee"], jury["entries"]["Kazzinc Nominee"]
    chair = factories.user("chair@x.kz", organization=factories.organization("Chair Org"))
    assert not can_discuss(chair, entry) and not can_view_meeting_list(chair, program)
    programs.grant_role(program=program, user=chair, role=Role.CHAIR, actor=jury["organizer"])
    assert can_discuss(chair, entry) and can_view_meeting_list(chair, program)
    conflicts.record_conflict(
        nomination=other, judge=chair, actor=jury["organizer"], reason="Бывший сотрудник"
    )
    assert not can_discuss(chair, other) and can_discuss(chair, entry)
