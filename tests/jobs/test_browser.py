"""In Chromium: the job page follows a job that a real worker runs, by itself (no reload by
hand, no inline script), and shows its result when it ends."""

import threading
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.judging import assignments
from awards.nominations import services as nominations
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser-jobs-password"
# Guards against a hung worker, not a speed requirement.
WAIT_MS = 180_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--no-first-run"]}  # fmt: skip


@pytest.fixture
def live_server(shared_app, queue_settings):
    """The demo served on a free port, with CSRF on, queueing jobs for a worker."""
    shared_app.config["WTF_CSRF_ENABLED"] = True
    load_demo(password=PASSWORD)
    a_judge_behind()
    db.session.commit()
    server = make_server("127.0.0.1", 0, shared_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


def a_judge_behind() -> None:
    """One more accepted entry, assigned to judge3 and not scored: the finished demo has nobody
    behind, and "remind all" is disabled then."""
    program = programs.get_program_by_slug(DEMO_SLUG)
    organizer = find_user_by_email("organizer@demo.kz")
    committee = find_user_by_email("committee@demo.kz")
    when = program.nominations_close_at - timedelta(hours=1)
    entry = nominations.create_nomination(
        program=program, category=program.categories[0], actor=committee, now=when,
        org_name={"kk": "Late Workshop", "ru": "Late Workshop"}, justification="Mentoring",
        contact_name="E", contact_email="committee@demo.kz",
    )  # fmt: skip
    nominations.submit_nomination(nomination=entry, actor=committee, now=when)
    nominations.accept_nomination(nomination=entry, actor=organizer, now=when)
    judge = find_user_by_email("judge3@demo.kz")
    assignments.assign_judge(nomination=entry, judge=judge, actor=organizer)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_job_page_follows_the_job_until_its_result_shows(page, live_server, worker):
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", "organizer@demo.kz")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.click(".lang-switch button[value=en]")
    page.goto(f"{live_server}/programs/{DEMO_SLUG}/jury/progress")
    page.click("#remind-all button")
    dialog = page.locator("#confirm-dialog")  # emailing judges asks first, saying how many
    expect(dialog).to_contain_text("Email a reminder to the 1 judge with scorecards missing?")
    dialog.locator("button[value=confirm]").click()
    expect(page.locator("[data-job-state]")).to_have_text("Waiting")
    expect(page.locator("[data-job-refresh]")).to_be_hidden()  # the script follows the job
    worker()  # only now: the page must notice by itself that the job ran
    expect(page.locator("[data-job-state]")).to_have_text("Done", timeout=WAIT_MS)
    expect(page.locator("#job-bar")).to_have_attribute("value", "100")
    expect(page.locator("[data-job-message]")).to_contain_text("reminded")
    expect(page.locator("#job-results a").first).to_have_text("Judging progress")
