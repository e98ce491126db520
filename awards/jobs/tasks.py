"""What a worker does with "run job N, attempt A": run the runner its kind registered,
reporting progress, and record how it ended.

Progress reports are checkpoints. SQLite has a single writer: while a service's transaction is
open, no other connection can write the job's row, and holding that one lock for a whole batch
would also keep every judge from saving a scorecard for as long. So each report (at most about
one a second, or one per percent) commits the work done so far together with the new progress;
on an error only the work since the last report is rolled back. Retrying is safe because every
job's service skips what is already done (certificates already issued, scorecards already
submitted). The same code runs on PostgreSQL.
"""

import logging
import time

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from awards.errors import DomainError
from awards.extensions import db
from awards.jobs import services
from awards.jobs.models import Job, JobState
from awards.jobs.registry import job_kind

log = logging.getLogger(__name__)
CHECKPOINT_SECONDS = 1.0
CHECKPOINTS_PER_RUN = 100


class Superseded(Exception):
    """A newer attempt of the job was asked for (or the row was settled): stop quietly."""


def _current(job_id: int, attempt: int) -> Job:
    """The job, locked against a concurrent retry, if this attempt still owns it."""
    row = db.session.execute(
        select(Job.attempts, Job.state).where(Job.id == job_id).with_for_update()
    ).first()
    if row is None or tuple(row) != (attempt, JobState.RUNNING):
        raise Superseded
    return db.session.get(Job, job_id)


class Checkpoints:
    """The ``progress(done, total, message=None)`` callback a job hands to its service."""

    def __init__(self, job_id: int, attempt: int) -> None:
        self.job_id, self.attempt = job_id, attempt
        self.last_done: int | None = None
        self.last_time = time.monotonic()

    def _due(self, done: int, total: int) -> bool:
        step = max(1, total // CHECKPOINTS_PER_RUN)
        return (
            self.last_done is None
            or done >= total
            or abs(done - self.last_done) >= step
            or time.monotonic() - self.last_time >= CHECKPOINT_SECONDS
        )

    def __call__(self, done: int, total: int, message: str | None = None) -> None:
        if not self._due(done, total):
            return
        job = _current(self.job_id, self.attempt)
        services.record_progress(job=job, done=done, total=total, message=message)
        db.session.commit()
        self.last_done, self.last_time = done, time.monotonic()


def run_job(*, job_id: int, attempt: int) -> None:
    """Run one attempt of a job, unless a newer one was asked for or it already ran."""
    job = db.session.get(Job, job_id, with_for_update=True)
    if job is None or job.attempts != attempt or job.state != JobState.QUEUED:
        db.session.rollback()
        log.info("job %s attempt %s: nothing to do", job_id, attempt)
        return
    services.begin_attempt(job=job)
    locale = job.actor.locale if job.actor else "en"
    db.session.commit()
    log.info("job %s (%s) attempt %s started", job_id, job.kind, attempt)
    # Messages, results and errors are written in the language of who started the job.
    with force_locale(locale):
        _run(job_id, attempt)


def _run(job_id: int, attempt: int) -> None:
    job = db.session.get(Job, job_id)
    try:
        outcome = job_kind(job.kind).runner(job, Checkpoints(job_id, attempt))
        services.complete_job(job=_current(job_id, attempt), outcome=outcome)
        db.session.commit()
    except Superseded:
        db.session.rollback()
        log.info("job %s attempt %s superseded; stopped", job_id, attempt)
    except DomainError as error:
        _fail(job_id, attempt, error.message)
    except Exception:
        log.exception("job %s attempt %s failed", job_id, attempt)
        _fail(job_id, attempt, _(
            "The job stopped on an unexpected error, which has been logged. Try again; if it "
            "fails again, tell the site administrator."
        ))  # fmt: skip
    except BaseException:
        # Stopped from outside (KeyboardInterrupt, SystemExit): say so, then stop.
        _fail(job_id, attempt, _("The worker was stopped before the job finished. Try again."))
        raise
    else:
        log.info("job %s attempt %s done", job_id, attempt)


def _fail(job_id: int, attempt: int, error: str) -> None:
    """Undo the unfinished step, then record the error in a transaction of its own."""
    db.session.rollback()
    try:
        services.fail_job(job=_current(job_id, attempt), error=error)
        db.session.commit()
    except Superseded:
        db.session.rollback()
