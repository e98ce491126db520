"""In Chromium, on the large demo (2,000 entries, 100 judges, 30,000 scorecards), at a laptop's
and a phone's width: the organizer finds one entry by its BIN in the inbox, filters the jury
page to one judge, reminds everyone behind (not only the judges the page shows), and opens the
second page of a category's ranking. No page is wider than the screen."""

import re
import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from werkzeug.serving import make_server

from awards import create_app
from awards.extensions import db, limiter
from awards.jobs.models import Job
from awards.jobs.tasks import run_job
from awards.judging.models import JudgeReminder
from awards.nominations.models import Nomination, NominationState
from awards.operations.large_demo import (
    LARGE_DEMO_SLUG,
    ORGANIZER_EMAIL,
    judge_email,
    load_large_demo,
)
from awards.programs.models import Program
from tests import databases

PASSWORD = "national-scale-password"
PROGRAM = f"/programs/{LARGE_DEMO_SLUG}"


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """The large demo served on a free port with CSRF on, built once for both widths."""
    tmp_path = tmp_path_factory.mktemp("national")
    app = create_app(
        {
            "WTF_CSRF_ENABLED": True,
            "SQLALCHEMY_DATABASE_URI": databases.url("national", tmp_path),
            "MAIL_OUTBOX": tmp_path / "outbox",
            "UPLOAD_FOLDER": tmp_path / "uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    with app.app_context():
        limiter.reset()
        load_large_demo(password=PASSWORD)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _fits(page, width: int, name: str | None = None) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    if name:  # to look at (test-results/ is kept by CI when a test fails)
        page.screenshot(path=f"test-results/national-{name}-{width}.png", full_page=True)


def _an_accepted_bin(app) -> tuple[str, list[int]]:
    """A BIN of the large demo and the submitted entries carrying it."""
    with app.app_context():
        program_id = db.session.scalar(select(Program.id).where(Program.slug == LARGE_DEMO_SLUG))
        bin_ = db.session.scalar(
            select(Nomination.bin)
            .where(Nomination.program_id == program_id, Nomination.bin.is_not(None),
                   Nomination.state == NominationState.ACCEPTED)
            .order_by(Nomination.id.desc())
        )  # fmt: skip
        ids = db.session.scalars(
            select(Nomination.id).where(
                Nomination.bin == bin_, Nomination.submitted_at.is_not(None)
            )
        ).all()
    return bin_, sorted(ids)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_organizer_works_a_national_program_at_a_laptops_and_a_phones_width(
    page, national, width
):
    app, base = national
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/login")
    page.fill("input[name=email]", ORGANIZER_EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.click(".lang-switch button[value=en]")

    # The inbox: one entry among 2,000, by its BIN.
    bin_, ids = _an_accepted_bin(app)
    page.goto(f"{base}{PROGRAM}/inbox")
    expect(page.locator(".pager").first).to_contain_text("of 2,000")
    _fits(page, width)
    page.fill("#filters input[name=q]", bin_)
    page.click("#filters button[type=submit]")
    expect(page).to_have_url(re.compile(rf"[?&]q={bin_}"))
    expect(page.locator("#entries .row-number")).to_have_count(len(ids))
    assert sorted(int(n) for n in page.locator("#entries .row-number").all_inner_texts()) == ids
    _fits(page, width, "inbox")

    # The jury page: a hundred judges, filtered to one, then that judge's assignments.
    page.goto(f"{base}{PROGRAM}/jury/")
    expect(page.locator("#summary tbody tr")).to_have_count(8)
    _fits(page, width, "jury")
    page.fill("#jury input[name=q]", judge_email(42))
    page.click("#jury button[type=submit]")
    expect(page.locator("#judges tbody tr")).to_have_count(1)
    expect(page.locator("#judges tbody tr")).to_have_attribute("data-judge", judge_email(42))
    _fits(page, width)
    page.click("#judges tbody tr a")
    expect(page).to_have_url(re.compile(r"/jury/judges/\d+"))
    _fits(page, width, "judge")

    # A category's ranking: its second page keeps the laureate zone in view.
    page.goto(f"{base}{PROGRAM}/results")
    page.click("#categories a >> nth=0")
    zone = page.locator("#laureate-zone tr")
    zone_size = zone.count()
    assert zone_size > 0
    page.click(".pager a[rel=next] >> nth=0")
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    expect(page.locator(".pager").first).to_have_attribute("data-page", "2")
    expect(zone).to_have_count(zone_size)
    expect(page.locator("#ranking-page tr:not(.gap)")).to_have_count(50)
    _fits(page, width, "ranking")

    # Judging progress: remind every judge behind, the ones past the first page too.
    page.goto(f"{base}{PROGRAM}/jury/progress")
    _fits(page, width, "progress")
    behind = int(page.locator("#progress-total [data-count=judges-behind]").inner_text())
    assert behind > 0
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(JudgeReminder))
        db.session.remove()
    page.click("#remind-all button")
    page.locator("#confirm-dialog button[value=confirm]").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+"))
    job_id = int(re.search(r"/jobs/(\d+)", page.url).group(1))
    with app.app_context():
        # The worker's part, here: whatever the queue has not run yet runs now.
        run_job(job_id=job_id, attempt=db.session.get(Job, job_id).attempts)
        reminded = db.session.scalar(select(func.count()).select_from(JudgeReminder)) - before
        db.session.remove()
    assert reminded == behind
    page.reload()
    expect(page.locator("[data-job-state]")).to_have_text("Done")
    _fits(page, width)
