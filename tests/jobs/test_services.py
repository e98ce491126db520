"""Starting jobs: one unfinished job of a kind per program, held by the database itself."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from awards.accounts.models import User
from awards.certificates.jobs import ISSUING
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.jobs import services
from awards.jobs.models import Job, JobState
from awards.judging.jobs import BALLOTS, REMINDERS, start_reminders
from awards.programs.models import Program
from awards.uploads import upload_folder
from tests import databases
from tests.jobs.conftest import build_jury


def test_the_database_refuses_two_unfinished_jobs_of_a_kind(app, jury):
    program = jury["program"]
    db.session.add(Job(kind=ISSUING, program=program, state=JobState.QUEUED))
    db.session.add(Job(kind=ISSUING, program=program, state=JobState.RUNNING))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_finished_jobs_and_other_kinds_do_not_count(app, jury):
    program = jury["program"]
    db.session.add_all(
        [
            Job(kind=ISSUING, program=program, state=JobState.DONE),
            Job(kind=ISSUING, program=program, state=JobState.FAILED, error="x"),
            Job(kind=ISSUING, program=program, state=JobState.QUEUED),
            Job(kind=REMINDERS, program=program, state=JobState.QUEUED),
        ]
    )
    db.session.flush()
    assert db.session.query(Job).count() == 4


def test_a_stale_job_is_settled_as_failed_to_make_way(app, jury):
    long_ago = utcnow() - timedelta(hours=3)
    stale = Job(kind=REMINDERS, program=jury["program"], state=JobState.RUNNING,
                created_at=long_ago, heartbeat_at=long_ago)  # fmt: skip
    db.session.add(stale)
    db.session.commit()
    new = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    assert db.session.get(Job, stale.id).state == JobState.FAILED
    assert "stopped answering" in db.session.get(Job, stale.id).error
    assert db.session.get(Job, new.id).state == JobState.DONE


def test_a_running_job_refuses_a_second_one(app, jury):
    db.session.add(Job(kind=REMINDERS, program=jury["program"], state=JobState.RUNNING))
    db.session.commit()
    with pytest.raises(DomainError, match="already under way"):
        start_reminders(program=jury["program"], actor=jury["organizer"])


@pytest.mark.skipif(
    not databases.ON_SERVER,
    reason="SQLite lets one writer at a time in, so the second click already sees the first",
)
def test_two_clicks_that_race_past_the_check_start_one_job(shared_app):
    """Both requests check, find nothing, then insert: PostgreSQL's unique index lets one in."""
    jury = build_jury(judges=1)
    program_id, organizer_id = jury["program"].id, jury["organizer"].id
    db.session.commit()
    both_checked = threading.Barrier(2, timeout=30)
    waited = threading.local()
    outcomes = []

    def wait_for_the_other(session, context, instances):
        if any(isinstance(item, Job) for item in session.new) and not getattr(waited, "done", 0):
            waited.done = True
            both_checked.wait()

    def click():
        with shared_app.app_context():
            program, actor = db.session.get(Program, program_id), db.session.get(User, organizer_id)
            try:
                start_reminders(program=program, actor=actor)
                db.session.commit()
                outcomes.append("started")
            except DomainError as error:
                db.session.rollback()
                outcomes.append(error.message)

    event.listen(Session, "before_flush", wait_for_the_other)
    try:
        clicks = [threading.Thread(target=click) for _ in range(2)]
        for thread in clicks:
            thread.start()
        for thread in clicks:
            thread.join(60)
    finally:
        event.remove(Session, "before_flush", wait_for_the_other)
    refused = "The same work is already under way for this program; wait until it ends."
    assert sorted(outcomes) == sorted(["started", refused])
    assert len(db.session.scalars(select(Job)).all()) == 1


def _ended_job(jury, *, days_ago: int, state=JobState.DONE, **fields) -> Job:
    ended = utcnow() - timedelta(days=days_ago)
    job = Job(kind=BALLOTS, program=jury["program"], state=state,
              created_at=ended, heartbeat_at=ended, finished_at=ended, **fields)  # fmt: skip
    db.session.add(job)
    return job


def _stored(name: str) -> str:
    (upload_folder() / "jobs").mkdir(parents=True, exist_ok=True)
    (upload_folder() / "jobs" / name).write_bytes(b"line;problem\r\n")
    return f"jobs/{name}"


def test_job_files_past_the_retention_period_are_deleted(app, jury):
    old = _ended_job(jury, days_ago=91, result_file=_stored("old.csv"), result_name="r.csv")
    recent = _ended_job(jury, days_ago=10, result_file=_stored("new.csv"), result_name="r.csv")
    failed = _ended_job(jury, days_ago=91, state=JobState.FAILED, error="x",
                        arguments={"file": _stored("input.csv")})  # fmt: skip
    db.session.commit()
    assert services.result_kept_until(recent) == recent.finished_at + timedelta(days=90)
    assert services.collect_expired_job_files() == 2
    db.session.commit()
    assert old.result_file is None and recent.result_file == "jobs/new.csv"
    assert sorted(p.name for p in (upload_folder() / "jobs").iterdir()) == ["new.csv"]
    assert failed.state == JobState.FAILED
