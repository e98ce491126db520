"""Running jobs: progress reported row by row, results, failures and retries (run inside
their commit, as the testing config does)."""

import csv
import io
import logging
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from awards.extensions import db
from awards.i18n import utcnow
from awards.jobs import services
from awards.jobs.models import Job, JobState
from awards.jobs.tasks import Checkpoints, Superseded
from awards.judging.jobs import REMINDERS, start_ballot_import, start_reminders
from awards.judging.models import JudgeReminder
from awards.uploads import upload_folder
from tests.jobs.conftest import build_jury
from tests.judging.fixtures import JUDGING


def test_progress_rows_move_one_judge_at_a_time(shared_app, database_url):
    """Another connection (a page asking for the status) sees every report as it is made."""
    jury = build_jury(judges=4)
    observer = create_engine(database_url, poolclass=NullPool)
    seen = []

    def look(session):
        with observer.connect() as connection:
            row = connection.execute(text("SELECT state, done, total FROM jobs")).first()
        if row is not None:
            seen.append(tuple(row))

    event.listen(Session, "after_commit", look)
    try:
        job = start_reminders(program=jury["program"], actor=jury["organizer"])
        db.session.commit()
    finally:
        event.remove(Session, "after_commit", look)
        observer.dispose()
    running = [(done, total) for state, done, total in seen if state == "running"]
    assert running == [(0, None), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert seen[-1] == ("done", 4, 4)
    job = db.session.get(Job, job.id)
    assert job.summary == {"reminded": 4} and job.message == "4 judges were reminded."


def test_reminders_job_emails_each_judge_missing_scorecards(app, jury, outbox):
    job = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    assert db.session.get(Job, job.id).state == JobState.DONE
    reminders = [m["To"] for m in outbox() if m["Subject"].startswith("Reminder")]
    assert sorted(reminders) == ["judge2@x.kz", "judge3@x.kz", "judge@x.kz"]


def test_nothing_runs_when_the_starting_transaction_rolls_back(app, jury, outbox):
    before = len(outbox())
    start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.rollback()
    db.session.commit()
    assert db.session.query(Job).count() == 0 and len(outbox()) == before


def ballot_job(jury, rows, *, reason=""):
    content = ("judge_email,category,nominee,criterion,points\n" + "\n".join(rows)).encode()
    job = start_ballot_import(
        program=jury["program"], actor=jury["organizer"], content=content,
        override_reason=reason,
    )  # fmt: skip
    return job


def test_a_failed_job_keeps_its_error_and_its_input_for_a_retry(app, jury):
    """The uploaded file is stored when the job starts; here it vanishes before the job runs
    (the job runs inside the commit, so its input is removed on the way)."""
    job = ballot_job(jury, ["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"], reason="почта")
    stored = upload_folder() / job.arguments["file"]
    content = stored.read_bytes()
    stored.unlink()
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert job.state == JobState.FAILED
    assert job.error == "The uploaded file is gone; upload it again."
    assert services.is_retryable(job)
    stored.write_bytes(content)
    services.retry_job(job=job, actor=jury["organizer"])
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert (job.state, job.attempts, job.error) == (JobState.DONE, 2, None)
    assert job.summary == {"saved": 1, "refused": 0}
    assert not stored.exists()  # the input goes once the job is done


def test_an_unexpected_error_is_logged_and_shown_without_details(app, jury, caplog):
    job = ballot_job(jury, ["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"], reason="почта")
    stored = upload_folder() / job.arguments["file"]
    stored.unlink()
    stored.mkdir()  # reading it raises IsADirectoryError: no rule of ours explains that
    with caplog.at_level(logging.ERROR, logger="awards.jobs.tasks"):
        db.session.commit()
    job = db.session.get(Job, job.id)
    assert job.state == JobState.FAILED
    assert "unexpected error" in job.error and "IsADirectoryError" not in job.error
    (record,) = [r for r in caplog.records if r.name == "awards.jobs.tasks"]
    assert record.exc_info[0] is IsADirectoryError and f"job {job.id}" in record.getMessage()


def test_a_domain_error_is_shown_in_the_language_of_who_started_the_job(app, jury):
    jury["organizer"].locale = "ru"
    job = ballot_job(jury, ["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"], reason="почта")
    # Damaged after the upload was checked: it now starts like a spreadsheet but is none.
    (upload_folder() / job.arguments["file"]).write_bytes(b"PK\x03\x04 not a workbook")
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert (job.state, job.error) == (JobState.FAILED, "Не удаётся прочитать эту таблицу.")


def test_a_worker_on_an_older_attempt_stands_down(app, jury):
    """A stuck job retried while its old worker still lives: the old one stops at its next
    progress report instead of writing over the new attempt."""
    job = services.start_job(kind="reminders", program=jury["program"], actor=jury["organizer"])
    db.session.info.pop(services.ENQUEUE_KEY)  # nobody takes it off the queue
    services.begin_attempt(job=job)
    db.session.commit()
    old_worker = Checkpoints(job.id, attempt=1)
    old_worker(1, 3)
    assert db.session.get(Job, job.id).done == 1
    job.attempts = 2
    db.session.commit()
    with pytest.raises(Superseded):
        old_worker(2, 3)
    db.session.rollback()
    assert db.session.get(Job, job.id).done == 1


@time_machine.travel(JUDGING, tick=False)
def test_refused_rows_come_back_as_text_never_as_formulas(app, jury):
    evil = '=HYPERLINK("http://evil.example","Open")'
    typed = io.StringIO()
    csv.writer(typed).writerows(
        [
            ["judge_email", "category", "nominee", "criterion", "points"],
            ["judge@x.kz", "best-patron", evil, "Вклад", "7"],
            ["@SUM(1+1)", "best-patron", "Ulba Nominee", "Вклад", "-3"],
        ]
    )
    content = typed.getvalue().encode()
    job = start_ballot_import(program=jury["program"], actor=jury["organizer"],
                              content=content)  # fmt: skip
    db.session.commit()
    job = db.session.get(Job, job.id)
    text_rows = (upload_folder() / job.result_file).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text_rows), delimiter=";"))
    assert rows[1][3] == "'" + evil and rows[2][1] == "'@SUM(1+1)" and rows[2][5] == "'-3"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "@", "+", "-"))]


def test_a_retried_reminders_job_mails_nobody_twice(app, jury, outbox):
    """The first attempt reminded judge@x.kz (its reminder committed with its progress), then
    its worker died; the retry reminds the other two only, and counts all three."""
    started = utcnow() - timedelta(hours=2)
    job = Job(
        kind=REMINDERS, program=jury["program"], actor=jury["organizer"],
        state=JobState.RUNNING, created_at=started, heartbeat_at=started, done=1, total=3,
    )  # fmt: skip
    db.session.add(job)
    first = jury["judges"]["judge@x.kz"]
    db.session.add(JudgeReminder(program_id=jury["program"].id, judge_id=first.id,
                                 sent_at=started + timedelta(seconds=1), missing=3))  # fmt: skip
    db.session.commit()
    services.retry_job(job=job, actor=jury["organizer"])
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert job.state == JobState.DONE and job.summary == {"reminded": 3}
    mailed = sorted(m["To"] for m in outbox() if m["Subject"].startswith("Reminder"))
    assert mailed == ["judge2@x.kz", "judge3@x.kz"]


def test_an_earlier_reminder_does_not_stop_a_new_round(app, jury, outbox):
    first = jury["judges"]["judge@x.kz"]
    db.session.add(JudgeReminder(program_id=jury["program"].id, judge_id=first.id,
                                 sent_at=utcnow() - timedelta(days=1), missing=3))  # fmt: skip
    db.session.commit()
    start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    mailed = sorted(m["To"] for m in outbox() if m["Subject"].startswith("Reminder"))
    assert mailed == ["judge2@x.kz", "judge3@x.kz", "judge@x.kz"]
    assert db.session.query(JudgeReminder).count() == 4
