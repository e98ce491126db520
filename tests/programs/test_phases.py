"""The program page as the organizer's path: phases in order with what is done, what is
missing and the next action; nominations and judging opened and closed by explicit actions;
judges told when they are assigned and when judging opens; committees and laureates told
when the results are published."""

import re
from datetime import datetime

import pytest
import time_machine

from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import assignments, scoring
from awards.nominations import services as nominations
from awards.nominations import window as nomination_window
from awards.programs.phases import phases_of, window_state
from tests.judging.fixtures import AFTER_JUDGING, JUDGING, accepted_nomination
from tests.smtp import new_mail, sent_ids

ENGLISH = {"Accept-Language": "en"}
NOW = datetime(2026, 3, 5, 10, 0)


def phases(app, program, now=NOW):
    with app.test_request_context(headers=ENGLISH):
        return phases_of(program, now)


def states(app, program, now=NOW):
    return {phase.key: phase.state for phase in phases(app, program, now)}


def page(client, program):
    return client.get(f"/programs/{program.slug}", headers=ENGLISH).get_data(as_text=True)


def post(client, url):
    return client.post(url, headers=ENGLISH, follow_redirects=True).get_data(as_text=True)


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [
        (None, None, "open"),
        (datetime(2026, 3, 6), None, "not_open"),
        (datetime(2026, 3, 1), None, "open"),
        (None, datetime(2026, 3, 6), "open"),
        (datetime(2026, 3, 1), datetime(2026, 3, 5, 10, 0), "closed"),
        (datetime(2026, 3, 1), datetime(2026, 3, 5, 10, 1), "open"),
    ],
)
def test_a_window_is_not_open_open_or_closed(opens, closes, state):
    assert window_state(opens, closes, NOW) == state


def test_phases_come_in_order_and_the_first_unfinished_is_current(app, program):
    program.nominations_open_at = datetime(2026, 4, 1)
    found = phases(app, program)
    assert [phase.key for phase in found] == [
        "setup", "nominations", "review", "judging", "results", "certificates", "ceremony",
    ]  # fmt: skip
    assert states(app, program) == {
        "setup": "done", "nominations": "current", "review": "upcoming", "judging": "upcoming",
        "results": "upcoming", "certificates": "upcoming", "ceremony": "upcoming",
    }  # fmt: skip
    nominations_phase = found[1]
    assert nominations_phase.actions[0].name == "open-nominations"
    assert nominations_phase.actions[0].post


def test_setup_names_what_is_missing(app, program):
    organizer = program.roles[0].user
    from awards.programs import services as programs

    programs.add_category(
        program=program, actor=organizer, slug="social-partner",
        title={"kk": "Үздік әлеуметтік серіктес", "ru": "Лучший социальный партнёр",
               "en": "Best Social Partner"},
    )  # fmt: skip
    setup = phases(app, program)[0]
    assert setup.state == "current"
    assert setup.missing == ["“Best Social Partner” has no criteria."]


def test_only_organizers_see_the_phases(client, auth, program):
    auth.login("committee@x.kz")
    assert 'id="phase-setup"' not in page(client, program)
    auth.login("organizer@x.kz")
    html = page(client, program)
    assert 'id="phase-setup"' in html and 'aria-current="step"' in html
    assert html.index('id="phase-nominations"') < html.index('id="phase-judging"')


def test_organizer_opens_and_closes_nominations_by_hand(client, auth, program):
    url = f"/programs/{program.slug}/nominations"
    program.nominations_open_at = datetime(2026, 4, 1)  # set to open later
    db.session.commit()
    with time_machine.travel(NOW, tick=False):
        auth.login("organizer@x.kz")
        html = post(client, f"{url}/open")
        assert "Nominations are open." in html and 'id="close-nominations"' in html
        # Closing asks first (static/js/confirm.js); opening does not.
        assert re.search(r'id="close-nominations" data-confirm="Close nominations now\?', html)
        assert "Open until closed here." in html
        # The committee can nominate now.
        committee = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
        draft = nominations.create_nomination(
            program=program, category=program.categories[0], actor=committee,
            org_name={"ru": "Казцинк", "kk": "Қазмырыш"},
        )  # fmt: skip
        assert "Nominations are already open." in post(client, f"{url}/open")
    with time_machine.travel(datetime(2026, 3, 6), tick=False):
        auth.login("organizer@x.kz")
        html = post(client, f"{url}/close")
        assert "Nominations are closed." in html and 'id="open-nominations"' in html
        with pytest.raises(DomainError, match="deadline"):
            nominations.update_nomination(nomination=draft, actor=committee, city="Өскемен")
    actions = [entry.action for entry in db.session.scalars(db.select(AuditEntry))]
    assert actions.count("nominations-opened") == 1 and actions.count("nominations-closed") == 1
    assert program.nominations_close_at == datetime(2026, 3, 6)


def test_reopening_closed_nominations_clears_the_past_deadline(app, program):
    organizer = program.roles[0].user
    program.nominations_open_at, program.nominations_close_at = datetime(2026, 2, 1), NOW
    nomination_window.open_nominations(program=program, actor=organizer, now=datetime(2026, 3, 9))
    assert program.nominations_open_at == datetime(2026, 3, 9)
    assert program.nominations_close_at is None


def test_others_cannot_open_or_close(client, auth, program):
    auth.login("committee@x.kz")
    for action in ("nominations/open", "nominations/close", "jury/open", "jury/close"):
        response = client.post(f"/programs/{program.slug}/{action}")
        assert response.status_code in (403, 404), action
    assert program.nominations_open_at is None and program.judging_open_at is None


def test_judges_are_told_once_per_assignment_in_their_language(app, program, outbox):
    organizer = program.roles[0].user
    committee = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
    judge = next(r.user for r in program.roles if r.user.email == "judge@x.kz")
    judge.locale = "ru"
    for name in ("Казцинк", "Ульба"):
        accepted_nomination(program, committee, name)
    db.session.commit()
    program.judging_open_at = datetime(2026, 4, 2)
    db.session.commit()
    before = sent_ids(outbox)
    with app.test_request_context(), time_machine.travel(NOW, tick=False):
        assigned, skipped = assignments.assign_to_category(
            category=program.categories[0], judge=judge, actor=organizer
        )
        assignments.assign_to_category(category=program.categories[0], judge=judge, actor=organizer)
    db.session.commit()
    assert (assigned, skipped) == (2, 0)
    (message,) = new_mail(
        outbox, before
    )  # one message for both entries; assigning again added nothing
    body = message.get_content()
    assert message["To"] == "judge@x.kz"
    assert "Казцинк" in body and "Ульба" in body
    assert "Судейство ещё не открыто" in body  # Russian, and judging has not opened


def test_opening_judging_tells_each_judge_with_work_and_closing_waits_for_reopened(
    app, client, auth, jury, outbox
):
    program = jury["program"]
    program.judging_open_at, program.judging_close_at = datetime(2026, 5, 1), None
    program.nominations_close_at = JUDGING
    db.session.commit()
    before = sent_ids(outbox)
    with time_machine.travel(JUDGING, tick=False):
        auth.login("organizer@x.kz")
        html = post(client, f"/programs/{program.slug}/jury/open")
        assert "3 judges have been told by email." in html
        opened = new_mail(outbox, before)
        assert sorted(m["To"] for m in opened) == ["judge2@x.kz", "judge3@x.kz", "judge@x.kz"]
        assert "3 nominations are waiting for your scorecard" in opened[0].get_content()
        criterion = program.categories[0].criteria[0]
        judge = jury["judges"]["judge@x.kz"]
        entry = jury["entries"]["Kazzinc Nominee"]
        card = scoring.save_scorecard(
            nomination=entry, actor=judge, points={criterion.id: "9"}, submit=True
        )
        scoring.reopen_scorecard(scorecard=card, actor=jury["organizer"], reason="Typo")
        db.session.commit()
        html = post(client, f"/programs/{program.slug}/jury/close")
        assert "1 reopened scorecard has not been submitted again" in html
        assert window_state(program.judging_open_at, program.judging_close_at, JUDGING) == "open"
        scoring.save_scorecard(nomination=entry, actor=judge, points={criterion.id: "8"},
                               submit=True, version=card.version)  # fmt: skip
        db.session.commit()
    with time_machine.travel(AFTER_JUDGING, tick=False):
        auth.login("organizer@x.kz")
        html = post(client, f"/programs/{program.slug}/jury/close")
        assert "Judging is closed." in html
        assert "1 of 9 scorecards submitted" in html
    assert program.judging_close_at == AFTER_JUDGING
