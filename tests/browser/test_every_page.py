"""Every page of every role, found by following links (tests/browser/crawl.py): none is wider
than a phone's screen (390 px) or a laptop's (1280 px), and axe-core finds no serious or
critical accessibility violation on any. One browser context per role and width."""

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select
from werkzeug.serving import make_server

from awards import create_app
from awards.accounts.services import find_user_by_email
from awards.certificates.jobs import start_certificate_issuing
from awards.certificates.models import IssuedCertificate
from awards.certificates.recipients import recipients_of
from awards.extensions import db, limiter
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from tests import databases
from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.crawl import crawl
from tests.browser.demo_states import reopen_first_scorecard

# Who, from where, and how many pages at least the crawl must find (a floor that catches a
# crawl gone blind, e.g. a login that failed, well below what each role really has).
ROLES = {
    "organizer": ("organizer@demo.kz", 40),
    "committee": ("committee@demo.kz", 6),
    "judge": ("judge1@demo.kz", 6),
    "visitor": (None, 4),
}
PHONE, LAPTOP = 390, 1280
# Widths and accessibility are the markup's, whatever the database serves it: the crawl runs
# once, on the SQLite pass.
pytestmark = pytest.mark.skipif(
    bool(databases.SERVER_URL), reason="the markup, not the database: run on the SQLite pass"
)
SERIOUS = {"serious", "critical"}

# The element sticking out furthest to the right (outside any scrolling box), and a path to it,
# for the failure message.
WIDEST = """() => {
  let widest = null, right = window.innerWidth;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (getComputedStyle(up).overflowX !== "visible") return true;
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > right + 0.5 && box.width > 0 && !clipped(el)) {
      widest = el;
      right = box.right;
    }
  }
  if (!widest) return "no element found outside a scrolling box";
  const path = [];
  for (let el = widest; el && el !== document.body; el = el.parentElement)
    path.unshift(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.classList.length ? "." + [...el.classList].join(".") : ""));
  return path.join(" > ") + " (right edge at " + Math.round(right) + " px)";
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo on a live server for the whole module, judging open again with one of judge1's
    scorecards reopened, and two certificates issued by a background job (so that the job
    pages, the registry and a verification page have something to show); yields (origin,
    verification path)."""
    folder = tmp_path_factory.mktemp("every-page")
    app = create_app(
        {
            "WTF_CSRF_ENABLED": True,
            "SQLALCHEMY_DATABASE_URI": databases.url("pages", folder),
            "MAIL_OUTBOX": folder / "outbox",
            "UPLOAD_FOLDER": folder / "uploads",
        }
    )
    with app.app_context():
        limiter.reset()
        load_demo(password=DEMO_PASSWORD)
        reopen_first_scorecard("judge1@demo.kz")  # the judge's crawl meets a scorecard form
        program = programs.get_program_by_slug(DEMO_SLUG)
        keys = [recipient.key for recipient in recipients_of(program, "laureate")[:2]]
        start_certificate_issuing(
            program=program, actor=find_user_by_email("organizer@demo.kz"), kind="laureate",
            theme="classic", recipients=keys,
        )  # fmt: skip
        db.session.commit()  # the job runs as it commits (tests run jobs at once)
        token = db.session.scalars(select(IssuedCertificate.token)).first()
        verification = f"/verify/{token}"
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", verification
    server.shutdown()
    thread.join()
    server.server_close()
    with app.app_context():
        db.engine.dispose()


def pages_of(browser, site, role: str, width: int, visit) -> list[str]:
    """Crawl as ``role`` in a browser window ``width`` px wide, calling visit on each page."""
    origin, verification = site
    email, floor = ROLES[role]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        if email:
            page.goto(f"{origin}/login")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("form.form button[type=submit]")
            page.wait_for_url(f"{origin}/programs/")
            starts = ["/programs/"]
        else:
            starts = ["/login", f"/results/{DEMO_SLUG}", verification]
        visited = crawl(page, origin, starts, visit)
    finally:
        context.close()
    assert len(visited) >= floor, f"{role} reached only {visited}"
    return visited


def too_wide(page, url: str, width: int) -> list[str]:
    """The page, if it is wider than the window, with the element that sticks out furthest."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return []
    return [f"{url}: {scroll_width} px wide; {page.evaluate(WIDEST)}"]


def serious_violations(axe: Axe, page, url: str) -> list[str]:
    """axe-core's serious and critical findings on the page, with the first elements of each."""
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{url}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_no_page_is_wider_than_a_phone(browser, site, role):
    wide = []
    visited = pages_of(
        browser, site, role, PHONE, lambda page, url: wide.extend(too_wide(page, url, PHONE))
    )
    print(f"{role} at {PHONE} px: {len(visited)} pages")
    assert not wide, f"wider than {PHONE} px:\n" + "\n".join(wide)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_is_wider_than_a_laptop_nor_has_a_serious_accessibility_violation(
    browser, site, role
):
    """One crawl at 1280 px for both checks (the accessibility scan needs one width only)."""
    axe, wide, violations = Axe(), [], []

    def check(page, url):
        wide.extend(too_wide(page, url, LAPTOP))
        violations.extend(serious_violations(axe, page, url))

    visited = pages_of(browser, site, role, LAPTOP, check)
    print(f"{role} at {LAPTOP} px: {len(visited)} pages scanned")
    assert not wide, f"wider than {LAPTOP} px:\n" + "\n".join(wide)
    assert not violations, "serious or critical accessibility violations:\n" + "\n".join(violations)
