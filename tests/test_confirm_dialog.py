"""Irreversible actions ask first: data-confirm on the button, read by static/js/confirm.js into
the page's <dialog>; no inline script, texts in the reader's language, and without JavaScript
the form is sent as before."""

import re

import time_machine

from awards.extensions import db
from awards.judging.models import Scorecard
from tests.judging.fixtures import JUDGING

BASE = "/programs/test-awards"


def test_every_page_has_the_dialog_and_loads_the_script_from_a_file(client):
    page = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<dialog id="confirm-dialog"' in page
    assert '<script src="/static/js/confirm.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # the CSP forbids inline script
    assert 'data-default-label="Да, продолжить"' in page


def test_the_script_is_served(client):
    response = client.get("/static/js/confirm.js")
    assert response.status_code == 200 and b"data-confirm" in response.data
    response.close()


@time_machine.travel(JUDGING, tick=False)
def test_submitting_a_scorecard_asks_in_the_judges_language(client, auth, jury):
    jury["judges"]["judge@x.kz"].locale = "kk"
    db.session.commit()
    entry = jury["entries"]["Kazzinc Nominee"]
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    button = re.search(r'<button[^>]*id="submit-scorecard"[^>]*>', page).group(0)
    assert 'data-confirm="Бағалау парағын жіберу керек пе?' in button
    assert 'data-confirm-button="' in button


@time_machine.travel(JUDGING, tick=False)
def test_without_javascript_the_submit_goes_through(client, auth, jury):
    entry = jury["entries"]["Kazzinc Nominee"]
    criterion = entry.category.criteria[0]
    auth.login("judge@x.kz")
    data = {f"points_{criterion.id}": "8", "action": "submit", "version": ""}
    assert client.post(f"{BASE}/judging/{entry.id}", data=data).status_code == 302
    assert db.session.query(Scorecard).one().state == "submitted"


def test_publishing_asks_first(client, auth, scored):
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/results").get_data(as_text=True)
    button = re.search(r'<button[^>]*id="publish"[^>]*>', page).group(0)
    assert "data-confirm=" in button and "public results page" in button
