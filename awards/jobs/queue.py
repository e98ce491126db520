"""The queue between the web processes and the workers. It carries "run job N, attempt A"
(everything else is in the job's row) and outgoing email, which a worker sends with retries.

Embedded default: Huey on a SQLite file in the instance folder, no server to run. With
REDIS_URL set the same code runs on Redis, with any number of workers on any number of
machines. JOBS_IMMEDIATE runs each job, and sends each email, inside the commit that queues
it (the tests do).
"""

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy import event
from sqlalchemy.orm import Session

from awards import mail
from awards.jobs import tasks
from awards.jobs.services import ENQUEUE_KEY

log = logging.getLogger(__name__)
EXTENSION_KEY = "awards.jobs"
DAILY_AT = (3, 17)  # hour and minute, local to the worker: a quiet time of night


class JobQueue:
    """One app's queue. The Huey instance is made per process, on first use, so that a web
    server forking its workers after loading the app gives each its own connection."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._pid = None
        self._huey = None
        self._run_job = self._send_email = None
        self._lock = threading.Lock()
        self._daily: dict[str, Callable[[], object]] = {}

    def every_day(self, name: str, work: Callable[[], object]) -> None:
        """Run ``work`` (in an app context) once a day in a worker of this process; for the
        housekeeping that no page waits for. Call before the consumer starts."""
        self._daily[name] = work
        if self._huey is not None and self._pid == os.getpid():
            self._add_daily(self._huey, name, work)

    def _add_daily(self, huey: Huey, name: str, work: Callable[[], object]) -> None:
        app = self.app

        @huey.periodic_task(crontab(hour=DAILY_AT[0], minute=DAILY_AT[1]), name=name)
        def daily() -> None:
            with app.app_context():
                work()

    @property
    def huey(self) -> Huey:
        with self._lock:
            if self._pid != os.getpid():
                self._huey = self._create()
                self._pid = os.getpid()
        return self._huey

    def _create(self) -> Huey:
        config = self.app.config
        options = {"name": config["JOBS_QUEUE_NAME"], "results": False,
                   "immediate": config["JOBS_IMMEDIATE"]}  # fmt: skip
        if config.get("REDIS_URL"):
            huey = RedisHuey(url=config["REDIS_URL"], **options)
        else:
            self.location.parent.mkdir(parents=True, exist_ok=True)
            huey = SqliteHuey(filename=str(self.location), **options)
        self._run_job, self._send_email = self._job_task(huey), self._mail_task(huey)
        for name, work in self._daily.items():
            self._add_daily(huey, name, work)
        return huey

    def _job_task(self, huey: Huey):
        app = self.app

        @huey.task(name="run_job")
        def run_job(job_id: int, attempt: int) -> None:
            with app.app_context():
                tasks.run_job(job_id=job_id, attempt=attempt)

        return run_job

    def _mail_task(self, huey: Huey):
        app = self.app

        @huey.task(name="send_email", retry_backoff=2, context=True)
        def send_email(raw: bytes, task) -> None:
            with app.app_context():
                mail.send_queued(raw, last_attempt=not task.retries)

        return send_email

    @property
    def location(self) -> str | Path:
        """Where the queue lives, for the worker's greeting (no password shown)."""
        config = self.app.config
        if config.get("REDIS_URL"):
            return config["REDIS_URL"].rpartition("@")[2]
        return Path(config.get("JOBS_QUEUE_FILE") or Path(config["INSTANCE_DIR"]) / "jobs.sqlite3")

    def enqueue(self, job_id: int, attempt: int) -> None:
        self.huey  # noqa: B018  (makes this process's Huey and its tasks on first use)
        self._run_job(job_id, attempt)

    def enqueue_email(self, raw: bytes) -> None:
        """Put a message (its bytes) on the queue for a worker to send."""
        config = self.app.config
        # A retry waits (1, 2, 4, … times MAIL_RETRY_DELAY) for the mail server to come back;
        # inside the commit (JOBS_IMMEDIATE) nothing could run it later, so it comes at once.
        delay = 0 if config["JOBS_IMMEDIATE"] else config["MAIL_RETRY_DELAY"]
        huey = self.huey
        huey.enqueue(self._send_email.s(raw, retries=config["MAIL_RETRIES"], retry_delay=delay))

    def consumer(self, *, workers: int) -> Consumer:
        """Threads taking jobs off the queue. SIGTERM lets running jobs finish (for up to
        JOBS_SHUTDOWN_TIMEOUT seconds); Ctrl+C stops at once. A job cut short stays "running"
        until JOBS_STALE_AFTER passes without news from it; its page then offers a retry."""
        return self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=True, graceful_signal="TERM",
            shutdown_timeout=self.app.config["JOBS_SHUTDOWN_TIMEOUT"],
            max_delay=1.0,  # an idle worker looks at the queue every second: jobs start soon
        )  # fmt: skip


def init_app(app: Flask) -> None:
    queue = JobQueue(app)
    app.extensions[EXTENSION_KEY] = queue
    app.extensions[mail.SENDER_KEY] = queue.enqueue_email


def job_queue() -> JobQueue:
    return current_app.extensions[EXTENSION_KEY]


def run_worker(*, workers: int) -> None:
    """Run jobs until stopped; logs each job to stderr."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    job_queue().consumer(workers=workers).run()


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    pending = session.info.pop(ENQUEUE_KEY, [])
    for job_id, attempt in pending:
        try:
            job_queue().enqueue(job_id, attempt)
        except Exception:  # noqa: BLE001  (a broker outage must not undo the committed page)
            # The row stays queued; once stale, its page offers to retry it.
            log.exception("could not put job %s on the queue", job_id)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(ENQUEUE_KEY, None)
