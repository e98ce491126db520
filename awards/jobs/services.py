"""Starting, retrying and recording background jobs. Each function flushes, never commits; a
job is put on the queue only once the transaction that created (or retried) it commits."""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.jobs.models import UNFINISHED, Job, JobState
from awards.jobs.registry import Outcome, job_kind
from awards.programs.models import Program
from awards.retention import kept_until, retention_period
from awards.uploads import remove_after_commit, store_file, upload_folder

# Session.info key: (job id, attempt) pairs to put on the queue after commit (see queue.py).
ENQUEUE_KEY = "awards.jobs.enqueue"


def stale_after() -> timedelta:
    return timedelta(seconds=current_app.config["JOBS_STALE_AFTER"])


def is_retryable(job: Job, now: datetime | None = None) -> bool:
    """Failed, or stuck: waiting or running with no sign of life for too long."""
    return job.state == JobState.FAILED or job.is_stale(now or utcnow(), stale_after())


def _schedule(job: Job) -> None:
    db.session.info.setdefault(ENQUEUE_KEY, []).append((job.id, job.attempts))


def _already_under_way() -> DomainError:
    return DomainError(
        _("The same work is already under way for this program; wait until it ends.")
    )


def _refuse_a_second_one(kind: str, program: Program, now: datetime, *, but: Job | None = None):
    """One job of a kind at a time per program: two certificate batches at once would issue
    the same certificates twice. A stale one (its worker died) is settled as failed to make
    way; the database's unique index catches two clicks that race past this check."""
    query = select(Job).where(
        Job.program_id == program.id, Job.kind == kind, Job.state.in_(UNFINISHED)
    )
    for other in db.session.scalars(query):
        if other is but:
            continue
        if not other.is_stale(now, stale_after()):
            raise _already_under_way()
        # Its worker, should it wake up, stops at its next report (the row is no longer its).
        fail_job(job=other, now=now, error=_("Its worker stopped answering; it was replaced."))


def start_job(
    *, kind: str, program: Program, actor: User | None, arguments: dict | None = None,
    now: datetime | None = None,
) -> Job:  # fmt: skip
    """A new job of a registered ``kind``, queued; a domain's start_… function calls it.

    Side effects: adds the job row (attempt 1); flushes; after the transaction commits, puts
    "run job N" on the queue.
    """
    now = now or utcnow()
    job_kind(kind)  # a kind no domain registered would never run
    _refuse_a_second_one(kind, program, now)
    job = Job(
        kind=kind, program=program, actor=actor, arguments=arguments or {}, state=JobState.QUEUED,
        created_at=now, heartbeat_at=now,
    )  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError as exc:  # another request started the same work a moment ago
        raise _already_under_way() from exc
    _schedule(job)
    return job


def retry_job(*, job: Job, actor: User, now: datetime | None = None) -> Job:
    """Run a failed or stuck job again with the same arguments.

    Side effects: clears its error and progress, adds one attempt (a worker still busy with
    an older one stops at its next report); flushes; queues it after commit.
    """
    now = now or utcnow()
    if not is_retryable(job, now):
        raise DomainError(_("Only a failed or stopped job can be run again."))
    _refuse_a_second_one(job.kind, job.program, now, but=job)
    try:
        with db.session.begin_nested():
            job.attempts += 1
            job.state, job.error, job.message = JobState.QUEUED, None, None
            job.done, job.total = 0, None
            job.started_at = job.finished_at = None
            job.heartbeat_at = now
    except IntegrityError as exc:
        raise _already_under_way() from exc
    _schedule(job)
    return job


def result_kept_until(job: Job) -> datetime | None:
    """When the job's result file will be deleted, or None when it has none (any more)."""
    return kept_until(job.finished_at) if job.result_file and job.finished_at else None


def collect_expired_job_files(*, now: datetime | None = None) -> int:
    """Delete what jobs that ended more than the retention period ago left on disk: their
    result files, and the uploaded file a failed import kept for a retry.

    Returns how many files go. Side effects: clears ``result_file``; the files are deleted
    once the transaction commits; flushes.
    """
    cutoff = (now or utcnow()) - retention_period()
    ended = select(Job).where(Job.state.in_((JobState.DONE, JobState.FAILED)),
                              Job.finished_at < cutoff)  # fmt: skip
    removed = 0
    for job in db.session.scalars(ended):
        names = [job.result_file, job.arguments.get("file")]
        for name in filter(None, names):
            if (upload_folder() / name).exists():
                remove_after_commit(db.session, name)
                removed += 1
        job.result_file = None
    db.session.flush()
    return removed


def recent_jobs(program: Program, *, limit: int = 20) -> list[Job]:
    """The program's latest jobs, newest first."""
    query = select(Job).where(Job.program_id == program.id)
    return list(
        db.session.scalars(query.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit))
    )


# What a worker records; called by tasks.py only.


def begin_attempt(*, job: Job, now: datetime | None = None) -> None:
    now = now or utcnow()
    job.state, job.done, job.total, job.message = JobState.RUNNING, 0, None, None
    job.started_at = job.heartbeat_at = now
    db.session.flush()


def record_progress(
    *, job: Job, done: int, total: int, message: str | None = None, now: datetime | None = None
) -> None:
    job.total = max(total, 0)
    job.done = min(max(done, 0), job.total)
    if message is not None:
        job.message = message
    job.heartbeat_at = now or utcnow()
    db.session.flush()


def complete_job(*, job: Job, outcome: Outcome, now: datetime | None = None) -> None:
    """Side effects: stores the result file under UPLOAD_FOLDER/jobs (removed on rollback)."""
    now = now or utcnow()
    job.state, job.summary, job.message = JobState.DONE, outcome.summary, outcome.message
    if job.total is not None:
        job.done = job.total
    if outcome.file is not None:
        extension = outcome.file_name.rsplit(".", 1)[-1]
        job.result_file = store_file(
            db.session, outcome.file, subfolder="jobs", extension=extension
        )
        job.result_name = outcome.file_name
    job.finished_at = job.heartbeat_at = now
    db.session.flush()


def fail_job(*, job: Job, error: str, now: datetime | None = None) -> None:
    now = now or utcnow()
    job.state, job.error = JobState.FAILED, error
    job.finished_at = job.heartbeat_at = now
    db.session.flush()
