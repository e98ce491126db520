"""Every form of the organizer, the committee and the judge, sent empty or wrong in Kazakh,
answers in Kazakh: no English sentence among its errors (issue 13: "This field is required."
beside every multilingual field), and numbers in its messages with a decimal comma."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations import services as nominations
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from tests.browser.test_judging_journey import NEW_ENTRIES, judging_open  # noqa: F401 (a fixture)

PROGRAM = f"/programs/{DEMO_SLUG}"
ENGLISH = re.compile(
    r"This field|required|must be|Invalid|Not a valid|Field must|Field cannot|Number must"
    r"|Enter a|Use steps|Choose|characters|\bthe\b|\bis\b",
    re.IGNORECASE,
)
ERRORS = "p.error, .form-errors, .flash-error"


def in_kazakh(page, login, email):
    page.context.clear_cookies()
    login(email)
    page.click(".lang-switch button[value=kk]")
    expect(page.locator("html")).to_have_attribute("lang", "kk")


def errors_after_sending(page, url, values=(), button="form.form button[type=submit]"):
    """The error texts a form shows once sent with ``values`` (selector, text) and nothing else."""
    page.goto(url)
    for selector, text in values:
        page.fill(selector, text)
    page.locator(button).first.click()
    # An action asked first (static/js/confirm.js) opens its dialog within the click: say yes.
    if page.locator("#confirm-dialog[open]").count():
        page.click("#confirm-dialog button[value=confirm]")
    expect(page.locator(ERRORS).first).to_be_visible()
    return page.locator(ERRORS).all_inner_texts()


def assert_kazakh(errors):
    assert errors
    english = [text for text in errors if ENGLISH.search(text)]
    assert english == []
    assert all(re.search("[а-яәғқңөұүһі]", text, re.IGNORECASE) for text in errors), errors


def set_windows(database_url, *, nominations_open: bool) -> None:
    """Nominations open now (and judging later), or judging open now (nominations over)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        now = utcnow()
        shift = timedelta(days=0 if nominations_open else -10)
        programs.update_program(
            program=programs.get_program_by_slug(DEMO_SLUG),
            actor=find_user_by_email("organizer@demo.kz"),
            nominations_open_at=now - timedelta(days=1) + shift,
            nominations_close_at=now + timedelta(days=1) + shift,
            judging_open_at=now + timedelta(days=2) + shift,
            judging_close_at=now + timedelta(days=20) + shift,
        )  # fmt: skip
        db.session.commit()
        db.engine.dispose()


def test_organizer_forms_answer_in_kazakh(page, live_server, login):
    in_kazakh(page, login, "organizer@demo.kz")
    base = f"{live_server}{PROGRAM}"
    assert_kazakh(errors_after_sending(page, f"{live_server}/programs/new"))
    assert_kazakh(errors_after_sending(page, f"{live_server}/programs/new", [("#year", "1999")]))
    assert_kazakh(errors_after_sending(page, f"{base}/edit", [("#title_kk", ""), ("#year", "1")]))
    assert_kazakh(errors_after_sending(page, f"{base}/categories/new"))
    assert_kazakh(errors_after_sending(page, f"{base}/categories/new", [("#max_laureates", "-1")]))
    assert_kazakh(errors_after_sending(page, f"{base}/categories/1/criteria/new"))
    errors = errors_after_sending(
        page, f"{base}/categories/1/criteria/new",
        [("#name_kk", "Үлес"), ("#name_ru", "Вклад"), ("#weight", "0,001"), ("#step", "abc")],
    )  # fmt: skip
    assert_kazakh(errors)
    assert any("0,01" in text for text in errors), errors  # the weight's limit, as kk writes it
    assert_kazakh(
        errors_after_sending(page, f"{base}/people", [("#email", "not an address"), ("#bin", "12")])
    )
    for section in ("#running-order", "#partners"):
        button = f"{section} form.form button[type=submit]"
        assert_kazakh(errors_after_sending(page, f"{base}/ceremony", button=button))
    assert_kazakh(errors_after_sending(page, f"{live_server}/account/password"))


def submit_an_entry(database_url) -> int:
    """A new entry the committee has submitted, waiting for the organizer's review."""
    set_windows(database_url, nominations_open=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        program = programs.get_program_by_slug(DEMO_SLUG)
        committee = find_user_by_email("committee@demo.kz")
        entry = nominations.create_nomination(
            program=program, category=program.categories[0], actor=committee, now=utcnow(),
            org_name={"kk": "Delta Workshop", "ru": "Delta Workshop"}, justification="Mentoring",
            contact_name="E", contact_email="committee@demo.kz",
        )  # fmt: skip
        nominations.submit_nomination(nomination=entry, actor=committee, now=utcnow())
        db.session.commit()
        entry_id = entry.id
        db.engine.dispose()
    return entry_id


def test_organizer_review_and_jury_forms_answer_in_kazakh(page, live_server, login, database_url):
    entry = submit_an_entry(database_url)
    in_kazakh(page, login, "organizer@demo.kz")
    base = f"{live_server}{PROGRAM}"
    for action in ("return", "reject"):
        button = f"form[action$='/{action}'] button[type=submit]"
        url = f"{live_server}/nominations/{entry}"
        assert_kazakh(errors_after_sending(page, url, button=button))
    assert_kazakh(errors_after_sending(page, f"{base}/organizations/1", [("#bin", "12")]))
    button = "form[action$='/aliases'] button[type=submit]"
    assert_kazakh(errors_after_sending(page, f"{base}/organizations/1", button=button))
    button = "form[action$='/conflicts'] button[type=submit]"
    assert_kazakh(errors_after_sending(page, f"{base}/jury/categories/1", button=button))


def test_committee_nomination_form_answers_in_kazakh(page, live_server, login, database_url):
    set_windows(database_url, nominations_open=True)
    in_kazakh(page, login, "committee@demo.kz")
    url = f"{live_server}{PROGRAM}/nominations/new?category=1"
    # An empty draft may be saved: what is wrong is only what is typed wrong.
    typed = [("#bin", "123"), ("#contact_email", "no address"), ("#website", "not a site")]
    assert_kazakh(errors_after_sending(page, url, typed))


@pytest.mark.usefixtures("judging_open")
def test_judge_scorecard_and_conflict_answer_in_kazakh(page, live_server, login):
    in_kazakh(page, login, "judge3@demo.kz")
    page.goto(f"{live_server}{PROGRAM}/judging/")
    page.click(f"#queue a:text-is('{NEW_ENTRIES[0]}')")
    url = page.url
    for typed in ("4,5", "бес", "11"):  # off the step, not a number, out of range
        errors = errors_after_sending(page, url, [("input.points", typed)], "#submit-scorecard")
        assert_kazakh(errors)
    page.goto(url)
    page.fill("#reason", " ")
    page.click("#declare-conflict")
    assert_kazakh([page.locator(".flash-error").inner_text()])
