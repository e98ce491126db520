"""A judge's scorecards and the organizer's watch over them, in Chromium."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging import assignments
from awards.nominations import services as nominations
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from tests.browser.demo_states import open_judging_now

PROGRAM = f"/programs/{DEMO_SLUG}"
NEW_ENTRIES = ("Alpha Workshop LLP", "Beta Training Centre", "Gamma Mentors")


@pytest.fixture
def judging_open(live_server, database_url):
    """Judging reopened now, and a fresh category whose three entries judge3 has not scored."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        program = programs.get_program_by_slug(DEMO_SLUG)
        organizer = find_user_by_email("organizer@demo.kz")
        committee = find_user_by_email("committee@demo.kz")
        open_judging_now(program, organizer)
        now = utcnow()
        category = programs.add_category(
            program=program, actor=organizer, slug="best-mentor",
            title={"kk": "Үздік тәлімгер", "ru": "Лучший наставник", "en": "Best Mentor"},
        )  # fmt: skip
        programs.add_criterion(
            category=category, actor=organizer, name={"kk": "Үлес", "ru": "Вклад", "en": "Impact"},
            weight=1, max_points=10,
        )  # fmt: skip
        for name in NEW_ENTRIES:
            when = now - timedelta(days=2, hours=12)
            entry = nominations.create_nomination(
                program=program, category=category, actor=committee, now=when,
                org_name={"kk": name, "ru": name}, justification="Mentoring", contact_name="E",
                contact_email="committee@demo.kz",
            )  # fmt: skip
            nominations.submit_nomination(nomination=entry, actor=committee, now=when)
            nominations.accept_nomination(nomination=entry, actor=organizer, now=when)
        judge = find_user_by_email("judge3@demo.kz")
        assignments.assign_to_category(category=category, judge=judge, actor=organizer)
        db.session.commit()
        db.engine.dispose()
    return live_server


def as_user(page, login, email):
    page.context.clear_cookies()
    login(email)
    page.click(".lang-switch button[value=en]")


def submit_scorecard(page):
    """Submit, then say yes to the question asked first (static/js/confirm.js)."""
    page.click("#submit-scorecard")
    expect(page.locator("#confirm-dialog")).to_be_visible()
    # The form is sent once the dialog closes: wait for its answer, so that a next page.goto
    # does not cut the submission short.
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=confirm]")


def score(page, server, name, points):
    page.goto(f"{server}{PROGRAM}/judging/")
    page.click(f"#queue a:text-is('{name}')")
    page.fill("input.points", points)
    submit_scorecard(page)


def test_judge_declares_conflict_scores_rest_and_organizer_reopens(page, login, judging_open):
    server = judging_open
    as_user(page, login, "judge3@demo.kz")
    page.goto(f"{server}{PROGRAM}/judging/")
    expect(page.locator("#queue tr[data-status=not_started]")).to_have_count(3)

    page.click(f"#queue a:text-is('{NEW_ENTRIES[0]}')")
    page.fill("#reason", "I advised this workshop last year.")
    page.click("#declare-conflict")
    expect(page.locator("#queue")).not_to_contain_text(NEW_ENTRIES[0])

    score(page, server, NEW_ENTRIES[1], "12")  # out of range: refused beside the field
    expect(page.locator("p.error")).to_contain_text("from 0 to 10")
    page.fill("input.points", "9")
    page.screenshot(path="test-results/judging-scorecard.png", full_page=True)
    submit_scorecard(page)
    score(page, server, NEW_ENTRIES[2], "7")
    expect(page.locator("#queue tr[data-status=not_started]")).to_have_count(0)

    as_user(page, login, "organizer@demo.kz")
    page.goto(f"{server}{PROGRAM}/jury/progress")
    page.select_option("#filters select[name=category]", label="Best Mentor")
    page.click("#filters button[type=submit]")
    row = page.locator("tr[data-judge='judge3@demo.kz']")
    expect(row.locator(".submitted-count")).to_have_text("2")
    page.goto(f"{server}{PROGRAM}/jury/")
    mentors = page.locator("#summary tr:has-text('Best Mentor')")
    expect(mentors.locator(".conflicts")).to_have_text("1")  # judge3's declared conflict
    mentors.locator("a:text-is('Best Mentor')").click()
    page.locator(f"#entries tr:has-text('{NEW_ENTRIES[2]}') a").last.click()
    page.fill("#reason", "Please re-check the points")
    page.click("#scorecards form.form button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#events")).to_contain_text("reopened")

    as_user(page, login, "judge3@demo.kz")
    page.goto(f"{server}{PROGRAM}/judging/")
    page.click(f"#queue a:text-is('{NEW_ENTRIES[2]}')")
    expect(page.locator("input.points")).to_have_value("7")
    page.fill("input.points", "8")
    # The question before submitting works from the keyboard: the confirm button has the
    # focus, Escape goes back with nothing sent, Enter submits.
    page.focus("#submit-scorecard")
    page.keyboard.press("Enter")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Once submitted it is locked")
    expect(dialog.locator("button[value=confirm]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#submit-scorecard")).to_be_focused()
    expect(page.locator(".flash-success")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(dialog.locator("button[value=confirm]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_be_visible()
    page.screenshot(path="test-results/judging-queue.png", full_page=True)
