"""Fault drill: PostgreSQL stops and starts again while three judges submit 120 scorecards through
a real server. Every judge sees either the next page or a calm "try again" page, never a
traceback; sending the form again afterwards loses no scorecard and doubles none."""

import http.client
import os
import shlex
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import func, select
from werkzeug.serving import make_server

from awards import create_app
from awards.audit.models import AuditEntry
from awards.extensions import db, limiter
from awards.judging import assignments
from awards.judging.models import Scorecard, ScorecardState
from tests import factories
from tests.judging.fixtures import JUDGING, accepted_nomination, add_judge, open_judging

DATA = os.environ.get("AWARDS_TEST_POSTGRES_DATA")
pytestmark = pytest.mark.skipif(
    not DATA, reason="needs the PostgreSQL cluster .ci/run starts (AWARDS_TEST_POSTGRES_DATA)"
)
ENTRIES, JUDGES = 40, 3  # enough that the judges are still sending when the server stops
OUTAGE_SECONDS = 1.5
# Guards against a hung server, not a speed requirement.
DEADLINE_SECONDS = 180


def pg_ctl(*args: str) -> None:
    command = ["/usr/lib/postgresql/15/bin/pg_ctl", "--pgdata", DATA, "--wait", "--silent", *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=60)  # noqa: S603  (our own fixed command)


def server_options() -> str:
    """The options the server runs with (its port among them), to start it again alike."""
    words = shlex.split(Path(DATA, "postmaster.opts").read_text())
    options = words[3:] if words[1:2] == ["-D"] else words[1:]  # the data folder comes apart
    return shlex.join(options)


class Judge:
    """One judge's browser: logs in, then sends each scorecard until the server takes it."""

    def __init__(self, port: int, email: str, urls: list[str], form: dict) -> None:
        self.port, self.email, self.urls, self.form = port, email, urls, form
        self.answers: list[int] = []
        self.other_pages: list[str] = []
        self.cookie = ""

    def post(self, path: str, data: dict) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Cookie": self.cookie, "Accept-Language": "en"}  # fmt: skip
        connection.request("POST", path, urllib.parse.urlencode(data), headers)
        response = connection.getresponse()
        response.body = response.read().decode()
        connection.close()
        return response

    def run(self) -> None:
        login = self.post("/login", {"email": self.email, "password": factories.PASSWORD})
        self.cookie = login.getheader("Set-Cookie").split(";", 1)[0]
        deadline = time.monotonic() + DEADLINE_SECONDS
        for url in self.urls:
            while time.monotonic() < deadline:
                response = self.post(url, self.form)
                self.answers.append(response.status)
                if response.status == 503 and "nothing was saved" in response.body:
                    time.sleep(0.2)
                    continue
                if response.status != 302:
                    self.other_pages.append(response.body)
                break


def test_scorecards_survive_a_database_restart(tmp_path, database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "MAIL_OUTBOX": tmp_path / "out"})
    with app.app_context(), time_machine.travel(JUDGING, tick=True):
        limiter.reset()
        program = factories.program_with_people()
        open_judging(program)
        committee = next(r.user for r in program.roles if r.role == "committee")
        organizer = program.roles[0].user
        judges = [next(r.user for r in program.roles if r.role == "judge")]
        judges += [add_judge(program, f"judge{n}@x.kz", f"College {n}") for n in (2, 3)]
        entries = [accepted_nomination(program, committee, f"Entry {n}") for n in range(ENTRIES)]
        for judge in judges:
            assignments.assign_to_category(
                category=program.categories[0], judge=judge, actor=organizer
            )
        form = {f"points_{c.id}": "6" for c in program.categories[0].criteria}
        form.update(action="submit", version="")
        urls = [f"/programs/{program.slug}/judging/{entry.id}" for entry in entries]
        emails = [judge.email for judge in judges]
        db.session.commit()
        db.session.remove()

        server = make_server("127.0.0.1", 0, app, threaded=True)
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        browsers = [Judge(server.server_port, email, urls, form) for email in emails]
        threads = [threading.Thread(target=browser.run) for browser in browsers]
        for thread in threads:
            thread.start()
        while sum(b.answers.count(302) for b in browsers) < 4:
            time.sleep(0.01)
        options = server_options()
        pg_ctl("stop", "--mode=fast")
        time.sleep(OUTAGE_SECONDS)
        pg_ctl("start", "--log", str(Path(DATA).parent / "server.log"), "--options", options)
        for thread in threads:
            thread.join(DEADLINE_SECONDS)
        server.shutdown()
        serving.join()
        server.server_close()

        answers = [status for browser in browsers for status in browser.answers]
        assert 500 not in answers
        assert 503 in answers  # the outage was seen, as the try-again page
        # A scorecard the database took just before it stopped shows as already submitted.
        assert all("already" in page for b in browsers for page in b.other_pages)
        db.engine.dispose()
        scorecards = db.session.scalars(select(Scorecard)).all()
        assert len(scorecards) == ENTRIES * JUDGES
        assert {card.state for card in scorecards} == {ScorecardState.SUBMITTED}
        submitted = (
            select(func.count())
            .select_from(AuditEntry)
            .filter_by(subject_kind="scorecard", action="submitted")
        )
        assert db.session.scalar(submitted) == ENTRIES * JUDGES
        db.session.remove()
        db.engine.dispose()
