"""The ceremony day in Chromium: a nominating committee names who comes on stage through the
emailed link and confirms; the organizer sees it and gives seats; the organizer moves the hall
screen from the control page to a reveal, and the screen in another browser follows."""

import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.i18n import utcnow
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs

GUESTS = f"/programs/{DEMO_SLUG}/ceremony/guests"


@pytest.fixture
def ceremony_ahead(live_server, database_url):
    """The demo's ceremony moved to ten days from now, so invitations are still answered."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        program = programs.get_program_by_slug(DEMO_SLUG)
        organizer = find_user_by_email("organizer@demo.kz")
        programs.update_program(
            program=program, actor=organizer, ceremony_at=utcnow() + timedelta(days=10)
        )
        db.session.commit()
        db.engine.dispose()
    return live_server


def _rsvp_links(outbox) -> list[str]:
    links = []
    for path in sorted(outbox.iterdir()):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        links += re.findall(r"https?://\S+/rsvp/\S+", body)
    return links


def test_committee_names_its_representative_and_organizer_gives_seats(
    page, browser, ceremony_ahead, login, tmp_path
):
    live_server = ceremony_ahead
    login("organizer@demo.kz")
    page.click(".lang-switch button[value=kk]")
    page.goto(f"{live_server}{GUESTS}")
    expect(page.locator("#guest-table tbody tr")).to_have_count(17)
    page.click("#remind button")
    page.click("#confirm-dialog button[value=confirm]")  # the reminder asks first
    expect(page.locator(".flash-success")).to_be_visible()
    links = _rsvp_links(tmp_path / "outbox")
    assert len(links) == 13  # the laureates that had not answered, each once

    # The committee answers for one laureate, in Russian, on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 800}, locale="ru-RU")
    committee = phone.new_page()
    path = links[0][links[0].index("/rsvp/") :]
    committee.goto(f"{live_server}{path}")
    committee.click("#answer button[type=submit]")
    expect(committee.locator("#attending-error")).to_be_visible()  # nothing chosen yet
    committee.check("input[name=attending][value=yes]")
    committee.fill("#name_ru", "Гульнара Сейткали")
    committee.fill("#position_ru", "заместитель директора по учебной работе")
    committee.fill("#guests", "1")
    committee.click("#answer button[type=submit]")
    expect(committee.locator(".flash-success")).to_be_visible()
    expect(committee.locator("#name_ru")).to_have_value("Гульнара Сейткали")
    width = committee.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    committee.screenshot(path="test-results/rsvp-ru-390.png", full_page=True)
    phone.close()

    page.reload()
    row = page.locator("#guest-table tr", has_text="Гульнара Сейткали")
    expect(row).to_have_attribute("data-state", "coming")
    row.locator("input[name=seat_row]").fill("3")
    row.locator("input[name=seat_number]").fill("5")
    row.locator("button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    taken = page.locator("#guest-table tr[data-state=waiting]").first
    taken.locator("input[name=seat_row]").fill("3")
    taken.locator("input[name=seat_number]").fill("5")
    taken.locator("button[type=submit]").click()
    expect(page.locator(".seat-form .error")).to_contain_text("3")  # beside the seat it refused
    expect(page.locator(".seat-form input[name=seat_row][aria-invalid=true]")).to_have_value("3")
    page.screenshot(path="test-results/guests-kk.png", full_page=True)


def test_organizer_moves_the_hall_screen_to_a_reveal_and_the_screen_follows(
    page, browser, live_server, login
):
    login("organizer@demo.kz")
    page.click(".lang-switch button[value=kk]")
    page.goto(f"{live_server}/programs/{DEMO_SLUG}/ceremony/screen")
    expect(page.locator("#slide")).to_have_attribute("data-position", "0")
    link = page.locator("#screen-url").input_value()
    assert "/screen/" in link

    # The hall's computer: another browser, no login, full HD.
    hall = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = hall.new_page()
    refused = []
    screen.on("console", lambda message: refused.append(message.text))
    screen.goto(link if link.startswith("http") else f"{live_server}{link}")
    expect(screen.locator("#slide")).to_have_attribute("data-position", "0")

    page.click("#next")
    expect(page.locator("#slide")).to_have_attribute("data-position", "1")
    expect(screen.locator("#slide")).to_have_attribute("data-position", "1")  # it follows

    reveal = page.locator("#slides li", has_text="Лауреаттарды жариялау").first  # kk: "reveal"
    reveal.locator("button").click()
    expect(page.locator("#slide")).to_have_attribute("data-kind", "reveal")
    expect(screen.locator("#slide")).to_have_attribute("data-kind", "reveal")
    expect(screen.locator("#slide")).to_contain_text("«Қазмырыш» ЖШС")
    screen.screenshot(path="test-results/hall-screen-reveal.png")

    # The control link dropped: the hall's own keyboard moves the screen on.
    shown = int(screen.locator("#slide").get_attribute("data-position"))
    screen.keyboard.press("ArrowRight")
    expect(screen.locator("#slide")).to_have_attribute("data-position", str(shown + 1))
    page.reload()
    expect(page.locator("#slide")).to_have_attribute("data-position", str(shown + 1))
    assert not [text for text in refused if "Content Security Policy" in text]
    hall.close()
