"""A nomination's whole journey between a committee member and the organizer, in Chromium."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.extensions import db
from awards.i18n import utcnow
from awards.operations.demo_artwork import demo_pdf
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs

PROGRAM = f"/programs/{DEMO_SLUG}"


@pytest.fixture
def open_window(live_server, database_url):
    """The demo's 2025 window is long closed: reopen it, through the services, for this test."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        program = programs.get_program_by_slug(DEMO_SLUG)
        now = utcnow()
        programs.update_program(
            program=program, actor=program.roles[0].user,
            nominations_open_at=now - timedelta(days=1),
            nominations_close_at=now + timedelta(days=7),
        )  # fmt: skip
        db.session.commit()
        db.engine.dispose()
    return live_server


def switch_to(page, login, email):
    page.context.clear_cookies()
    login(email)
    page.click(".lang-switch button[value=en]")


def test_committee_and_organizer_take_an_entry_from_draft_to_accepted(
    page, login, open_window, tmp_path
):
    server = open_window
    pdf = tmp_path / "Хат.pdf"
    pdf.write_bytes(demo_pdf(["Letter of support", "Vostok Test LLP"]))

    switch_to(page, login, "committee@demo.kz")
    page.goto(f"{server}{PROGRAM}/nominations")
    page.click("a[href$='/nominations/new']")
    page.click("#categories a >> nth=0")
    page.fill("#org_name_kk", "«Шығыс-Тест» ЖШС")
    page.fill("#org_name_ru", "ТОО «Восток-Тест»")
    page.fill("#city", "Өскемен")
    page.fill("#justification", "Оснастил мастерскую сварки.")
    expect(page.locator(".counter")).to_contain_text("/ 5000")
    page.fill("#contact_name", "Ерлан Жақыпов")
    page.fill("#contact_email", "committee@demo.kz")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("ТОО «Восток-Тест»")
    entry_url = page.url

    page.set_input_files("#file", str(pdf))
    page.click("#documents button[type=submit]")
    expect(page.locator("#documents")).to_contain_text("Хат.pdf")
    page.click("#submit-entry")
    expect(page.locator("#state .state-submitted")).to_be_visible()

    switch_to(page, login, "organizer@demo.kz")
    page.goto(f"{server}{PROGRAM}/inbox?state=submitted")
    page.click("#entries a:has-text('Восток-Тест')")
    page.fill("#comment", "Приложите письмо колледжа.")
    page.click("form[action$='/return'] button[type=submit]")
    expect(page.locator("#state .state-returned")).to_be_visible()

    switch_to(page, login, "committee@demo.kz")
    page.goto(f"{server}{PROGRAM}/nominations")
    expect(page.locator("#nominations")).to_contain_text("Приложите письмо колледжа.")
    page.goto(entry_url)
    page.click("a[href$='/edit']")
    page.fill("#justification", "Оснастил мастерскую сварки; письмо колледжа приложено.")
    page.click("form.form button[type=submit]")
    page.click("#submit-entry")
    expect(page.locator("#state .state-submitted")).to_be_visible()

    switch_to(page, login, "organizer@demo.kz")
    page.goto(entry_url)
    expect(page.locator("#history")).to_contain_text("Приложите письмо колледжа.")
    page.click("#accept-entry")
    expect(page.locator("#state .state-accepted")).to_be_visible()

    switch_to(page, login, "committee@demo.kz")
    page.goto(f"{server}{PROGRAM}/nominations")
    row = page.locator("#nominations tr", has_text="Восток-Тест")
    expect(row.locator(".state-accepted")).to_have_text("accepted")
    page.screenshot(path="test-results/nominations-accepted.png", full_page=True)
