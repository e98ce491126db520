"""`make run` as a newcomer types it, on a port of their choosing: the links it mails and the
address its certificates' QR codes carry follow that port, and the organizer is warned that a
phone cannot open such an address."""

import html
import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from email import message_from_bytes, policy

import pytest

from awards import ROOT
from awards.operations.demo_texts import DEMO_SLUG
from tests.smtp import free_port

PASSWORD = "make-run-demo-password"


class Visitor:
    """A browser's cookies and CSRF token, over plain HTTP to our own server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, form_on: str | None = None) -> str:
        """Send ``data`` as the form on ``form_on`` (default: ``path`` itself) would."""
        page = self.get(form_on or path)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrf_token": token}).encode()
        with self.opener.open(self.base + path, data=body, timeout=60) as response:
            return response.read().decode()


# make run's embedded defaults are SQLite: the PostgreSQL pass of the suite has nothing to add.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("AWARDS_TEST_DATABASE_URL")), reason="make run runs on SQLite"
)


@pytest.fixture
def make_run(tmp_path):
    """`PORT=<free port> make run` with its instance folder in tmp_path; the base address unset."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWARDS_", "DATABASE_URL"))}
    env.update(AWARDS_INSTANCE_DIR=str(tmp_path), AWARDS_DEMO_PASSWORD=PASSWORD, PORT=str(port))
    log = (tmp_path / "make-run.log").open("w")
    process = subprocess.Popen(  # noqa: S603  (make from PATH, fixed arguments)
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=env, stdout=log,  # noqa: S607
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # a bound on waiting for the demo, not a measurement
    try:
        while True:
            try:
                Visitor(base).get("/healthz")
                break
            except OSError:
                log.flush()
                output = (tmp_path / "make-run.log").read_text()
                assert process.poll() is None, output
                assert time.monotonic() < deadline, output
                time.sleep(0.5)
        yield base, tmp_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def test_make_run_on_another_port_links_and_qr_codes_to_that_port(make_run):
    base, instance = make_run
    visitor = Visitor(base)
    visitor.post("/password/forgot", {"email": "committee@demo.kz"})
    mails = [
        message_from_bytes(path.read_bytes(), policy=policy.default).get_content()
        for path in (instance / "outbox").glob("*.eml")
    ]
    assert len(mails) == 1
    assert f"{base}/password/reset/" in mails[0]
    assert "127.0.0.1:5000" not in mails[0]

    visitor.post("/login", {"email": "organizer@demo.kz", "password": PASSWORD})
    # The demo organizer reads Russian: switch, as the header's language form does.
    visitor.post("/language", {"locale": "en", "next": "/"}, form_on="/programs/")
    page = html.unescape(visitor.get(f"/programs/{DEMO_SLUG}/certificates/issue"))
    assert 'id="qr-address"' in page
    assert f"The QR codes on these certificates will point to {base}/verify/…" in page
