"""Job fixtures: an app whose database and queue other connections and processes can open
too, a jury in it, and a real worker process (`flask jobs worker`) to start beside it."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from awards import create_app
from awards.extensions import db, limiter
from awards.i18n import utcnow
from awards.jobs.models import Job
from awards.jobs.queue import job_queue
from awards.judging import assignments
from tests import databases
from tests.conftest import Auth, FreshContextClient
from tests.factories import program_with_people
from tests.judging.fixtures import accepted_nomination, add_judge, open_judging

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("AWARDS_TEST_REDIS_URL")
NO_REDIS = "AWARDS_TEST_REDIS_URL is not set (.ci/run starts a redis-server and sets it)"
# Guards against a hung worker, not a speed requirement: a 2-core CI box can be slow.
WORKER_DEADLINE_SECONDS = 180


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.skipif(
    not REDIS_URL, reason=NO_REDIS))])  # fmt: skip
def backend(request):
    """Where the queue lives: a SQLite file (the embedded default), or Redis."""
    return request.param


@pytest.fixture
def queue_settings(backend, tmp_path):
    """Settings of a real queue nobody else uses, on ``backend``."""
    name = f"awards-test-{uuid.uuid4().hex[:12]}"
    settings = {"JOBS_IMMEDIATE": False, "JOBS_QUEUE_NAME": name, "REDIS_URL": None,
                "JOBS_QUEUE_FILE": str(tmp_path / "queue.sqlite3")}  # fmt: skip
    if backend == "redis":
        settings["REDIS_URL"] = REDIS_URL
    return settings


@pytest.fixture
def shared_app(database_url, tmp_path, request):
    """An app on a database of the test's own (a SQLite file, or PostgreSQL), which another
    connection or a worker process sees too. Jobs run inside their commit unless the test
    asks for ``queue_settings``."""
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url, "MAIL_OUTBOX": tmp_path / "outbox",
        "UPLOAD_FOLDER": tmp_path / "uploads", "INSTANCE_DIR": tmp_path,
    }  # fmt: skip
    if "queue_settings" in request.fixturenames:
        settings.update(request.getfixturevalue("queue_settings"))
    app = create_app(settings)
    app.test_client_class = FreshContextClient
    with app.app_context():
        limiter.reset()
        yield app
        if app.config["REDIS_URL"]:
            job_queue().huey.flush()
        databases.release()


@pytest.fixture
def shared_auth(shared_app):
    """Logs in on a test client of ``shared_app`` (``shared_auth.client``)."""
    return Auth(shared_app.test_client())


def build_jury(judges: int = 3) -> dict:
    """The judging fixture's program: three accepted entries, ``judges`` judges assigned to
    all of them, judging open, nothing scored."""
    program = program_with_people()
    open_judging(program)
    users = {role.user.email: role.user for role in program.roles}
    committee, organizer = users["committee@x.kz"], users["organizer@x.kz"]
    entries = {
        name: accepted_nomination(program, committee, name)
        for name in ("Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee")
    }
    jury = [users["judge@x.kz"]] + [
        add_judge(program, f"judge{n}@x.kz", f"College {n}") for n in range(2, judges + 1)
    ]
    for judge in jury:
        assignments.assign_to_category(category=program.categories[0], judge=judge, actor=organizer)
    db.session.commit()
    return {"program": program, "entries": entries, "judges": jury, "organizer": organizer}


class Worker:
    """`flask --app awards jobs worker` in a process of its own, configured through the
    environment like a deployment, on the same database, uploads and queue as ``app``."""

    def __init__(self, app, tmp_path: Path) -> None:
        config = app.config
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("AWARDS_", "FLASK_")) and key != "REDIS_URL"}  # fmt: skip
        env.update({
            "FLASK_CONFIG": "development",
            "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
            "AWARDS_INSTANCE_DIR": str(tmp_path),
            "AWARDS_UPLOAD_FOLDER": str(config["UPLOAD_FOLDER"]),
            "AWARDS_MAIL_OUTBOX": str(config["MAIL_OUTBOX"]),
            "AWARDS_BASE_URL": config["AWARDS_BASE_URL"],
            "AWARDS_JOBS_QUEUE_NAME": config["JOBS_QUEUE_NAME"],
            "AWARDS_JOBS_QUEUE_FILE": config["JOBS_QUEUE_FILE"],
            "AWARDS_JOBS_IMMEDIATE": "0",
        })  # fmt: skip
        if config["REDIS_URL"]:
            env["REDIS_URL"] = config["REDIS_URL"]
        if config["MAIL_SERVER"]:
            env.update({
                "MAIL_SERVER": config["MAIL_SERVER"], "MAIL_PORT": str(config["MAIL_PORT"]),
                "MAIL_USE_TLS": "1" if config["MAIL_USE_TLS"] else "0",
                "AWARDS_MAIL_RETRY_DELAY": str(config["MAIL_RETRY_DELAY"]),
            })  # fmt: skip
        self.log = tmp_path / "worker.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "awards", "jobs", "worker",
                 "--workers", "2"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, rendering processes included
            )  # fmt: skip

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_finished(self, job_id: int) -> Job:
        """The job once a worker has finished it (done or failed)."""
        deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
        while time.monotonic() < deadline:
            job = db.session.get(Job, job_id)
            finished = job.finished
            # End the read: on SQLite an open transaction here would hold the worker back.
            db.session.commit()
            if finished:
                return db.session.get(Job, job_id)
            assert self.process.poll() is None, self.output()
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} did not finish; worker said:\n{self.output()}")

    def stop(self) -> int:
        """SIGTERM, as a process manager stops it: running jobs finish, then it exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def worker(shared_app, tmp_path):
    """Starts a worker process on the test's queue; stops it at the end of the test."""
    workers = []

    def start() -> Worker:
        workers.append(Worker(shared_app, tmp_path))
        return workers[-1]

    yield start
    for running in workers:
        running.stop()


def an_hour_ago():
    return utcnow() - timedelta(hours=1)
