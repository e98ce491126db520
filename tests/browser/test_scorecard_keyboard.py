"""A judge fills in and submits a scorecard with the keyboard alone, in Chromium: Tab and
Shift+Tab to move, typing to write, Enter and Space to press. Nothing is clicked and nothing
filled: a field the keyboard cannot reach fails the test."""

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.extensions import db
from awards.operations.demo_texts import DEMO_SLUG
from tests.browser.demo_states import reopen_first_scorecard

JUDGE = "judge1@demo.kz"
QUEUE = f"/programs/{DEMO_SLUG}/judging/"
FOCUSED = "selector => document.activeElement !== null && document.activeElement.matches(selector)"
# The answer to submitting: the next page, or a confirmation first (a <dialog> or a page).
ANSWERED = "url => location.href !== url || document.querySelector('dialog[open]') !== null"


@pytest.fixture
def reopened(live_server, database_url):
    """The judge's first scorecard reopened while judging is open; (server, nomination id)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        nomination_id = reopen_first_scorecard(JUDGE)
        db.session.commit()
        db.engine.dispose()
    return live_server, nomination_id


def tab_to(page, selector: str, *, key: str = "Tab", limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(FOCUSED, selector):
            return
    raise AssertionError(f"{selector} is not reached by pressing {key} {limit} times")


def type_over(page, text: str) -> None:
    """Replace the focused field's text by typing."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def confirm_if_asked(page, scorecard_url: str) -> None:
    """Go through a confirmation step, if one comes, with the keyboard."""
    page.wait_for_function(ANSWERED, arg=scorecard_url)
    page.wait_for_load_state()
    if page.locator(".flash-success").count():
        return
    if page.locator("dialog[open]").count():
        confirm = "dialog[open] button:not([value=cancel]):not([formmethod=dialog])"
    else:  # a confirmation page: its form's main button
        confirm = "main form button.primary"
    if not page.evaluate(FOCUSED, confirm):
        tab_to(page, confirm)
    page.keyboard.press("Enter")


def test_judge_fills_and_submits_a_scorecard_with_the_keyboard_alone(page, login, reopened):
    server, nomination_id = reopened
    # A native confirm() box, if the confirmation is one, is answered as Enter would answer it.
    page.on("dialog", lambda dialog: dialog.accept())
    login(JUDGE)
    page.goto(server + QUEUE)
    tab_to(page, f"#queue a[href$='/judging/{nomination_id}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/judging/{nomination_id}")
    scorecard_url = page.url

    points = page.eval_on_selector_all("form.scorecard input.points", "all => all.map(i => i.id)")
    comments = page.eval_on_selector_all("form.scorecard textarea", "all => all.map(t => t.id)")
    assert len(points) >= 2 and len(comments) == len(points) + 1  # one each, and the overall one
    for number, (field, comment) in enumerate(zip(points, comments, strict=False)):
        tab_to(page, f"#{field}")
        type_over(page, str(number + 3))
        tab_to(page, f"#{comment}")
        type_over(page, f"Comment {number + 1}, typed")
    tab_to(page, f"#{comments[-1]}")
    type_over(page, "Typed without a mouse")
    tab_to(page, f"#{points[0]}", key="Shift+Tab")  # back up to correct the first criterion
    type_over(page, "9")

    tab_to(page, "#submit-scorecard")
    page.keyboard.press("Space")
    confirm_if_asked(page, scorecard_url)
    expect(page.locator(".flash-success")).to_be_visible()

    page.goto(scorecard_url)
    expect(page.locator("#scorecard-state")).to_be_visible()  # submitted, so locked
    expected = ["9"] + [str(number + 3) for number in range(1, len(points))]
    cells = page.locator("#scorecard td.num")
    for index, value in enumerate(expected):
        expect(cells.nth(index)).to_contain_text(f"{value} /")
    expect(page.locator("#scorecard")).to_contain_text("Typed without a mouse")
