"""In Chromium, on the large demo: the organizer issues the jury's letters of thanks as a
background job, watches its progress bar move while a real worker renders them, and downloads
the combined PDF the job page offers when it is done."""

import re
import threading
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from werkzeug.serving import make_server

from awards.extensions import db
from awards.operations.large_demo import LARGE_DEMO_SLUG, ORGANIZER_EMAIL, Scale, load_large_demo
from tests.certificates import print_shop

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser-certificates-password"
JUDGES = Scale().judges  # every judge of the large demo has submitted a scorecard
# Guards against a hung worker, not a speed requirement: 100 certificates on a busy 2-core box.
WAIT_MS = 300_000

# Reports what the job page shows (the bar's value, "n of N", the state) each time it changes,
# through the page's own DOM: the server-rendered page, every poll of job-progress.js, and the
# page it reloads into once the job has ended.
WATCH_THE_BAR = """
(() => {
  let last = null;
  const report = () => {
    const bar = document.getElementById("job-bar");
    if (!bar) return;
    const label = document.querySelector("[data-job-progress]");
    const state = document.querySelector("[data-job-state]");
    const shown = [bar.getAttribute("value"), label && label.textContent.trim(),
                   state && state.textContent.trim()];
    const key = JSON.stringify(shown);
    if (key !== last) {
      last = key;
      window.recordShown(...shown);
    }
  };
  new MutationObserver(report).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--no-first-run"]}  # fmt: skip


@pytest.fixture
def live_server(shared_app, queue_settings):
    """The large demo served on a free port, with CSRF on, queueing jobs for a worker."""
    shared_app.config["WTF_CSRF_ENABLED"] = True
    load_large_demo(password=PASSWORD, scale=Scale())
    db.session.commit()
    server = make_server("127.0.0.1", 0, shared_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


def squeezed(value: str) -> str:
    """Letter-spaced capitals come out of pdftotext as "А Л Ғ Ы С..."; compare without."""
    return re.sub(r"\s+", "", value).casefold()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_organizer_watches_a_certificate_batch_and_downloads_it(page, live_server, worker):
    shown: list[tuple] = []
    page.expose_function("recordShown", lambda *values: shown.append(values))
    page.add_init_script(WATCH_THE_BAR)

    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", ORGANIZER_EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.click(".lang-switch button[value=en]")
    page.goto(f"{live_server}/programs/{LARGE_DEMO_SLUG}/certificates/issue?kind=judge_thanks")
    expect(page.locator("#recipients input[name=recipients]")).to_have_count(JUDGES)
    page.click("#issue-button")

    # More than CERTIFICATES_WAIT_AT_MOST: the batch went to the queue and its page opened.
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    expect(page.locator("[data-job-state]")).to_have_text("Waiting")
    expect(page.locator("[data-job-refresh]")).to_be_hidden()  # the script follows the job
    worker()  # only now: whatever the bar shows from here on, the page found out by itself
    expect(page.locator("[data-job-state]")).to_have_text("Done", timeout=WAIT_MS)
    expect(page.locator("#job-bar")).to_have_attribute("value", "100")
    expect(page.locator("[data-job-progress]")).to_have_text(f"{JUDGES} of {JUDGES}")
    expect(page.locator("[data-job-message]")).to_have_text(f"{JUDGES} certificates were issued.")

    percents = [int(value) for value, _label, _state in shown if value is not None]
    assert 100 in percents, shown
    # The page followed the worker by itself: it saw the job running before it was done. Whether
    # it also caught a partial percentage depends on how the chunks finish between two polls a
    # second apart (both chunks of 100 letters may end within one), so that is not required:
    # progress after each chunk is tested in tests/printing/test_batch.py, and each report
    # reaching the job's row as it is made in tests/jobs/test_tasks.py.
    states = [state for _value, _label, state in shown]
    assert "Running" in states[: states.index("Done")], shown
    assert percents == sorted(percents), shown  # the bar never went back
    # Bar and words from the same report: with 100 letters, n % is "n of 100".
    moving = [(value, label) for value, label, _state in shown if value and 0 < int(value) < 100]
    assert all(label == f"{value} of {JUDGES}" for value, label in moving), shown
    assert shown[-1] == ("100", f"{JUDGES} of {JUDGES}", "Done"), shown

    result = page.locator("#job-results a").first
    expect(result).to_have_text("Download all as one PDF")
    with page.expect_download() as download_info:
        result.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = Path(download.path()).read_bytes()
    assert len(PdfReader(BytesIO(pdf)).pages) == JUDGES
    assert squeezed("Алғыс хат") in squeezed(print_shop.text(pdf, page=1))
