"""A real worker process (`flask --app awards jobs worker`) runs the jobs a web process queued:
on the embedded SQLite queue, and on Redis when AWARDS_TEST_REDIS_URL names a server."""

import os
import signal
import time

import pytest
from sqlalchemy import select

from awards.accounts.services import find_user_by_email
from awards.certificates.jobs import start_certificate_issuing
from awards.certificates.models import IssuedCertificate
from awards.certificates.recipients import recipients_of
from awards.extensions import db
from awards.jobs.models import Job, JobState
from awards.judging.jobs import start_ballot_import, start_reminders
from awards.operations.large_demo import LARGE_DEMO_SLUG, ORGANIZER_EMAIL, Scale, load_large_demo
from awards.programs.services import get_program_by_slug
from awards.uploads import upload_folder
from tests import factories
from tests.jobs.conftest import WORKER_DEADLINE_SECONDS, build_jury
from tests.smtp import GreylistingServer

BALLOT = "judge_email,category,nominee,criterion,points\n"


def test_worker_runs_a_job_queued_before_it_started(shared_app, queue_settings, worker,
                                                    shared_auth):  # fmt: skip
    """The job is a row plus a queue entry: it waits for a worker, whichever process made it."""
    jury = build_jury(judges=3)
    job = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    assert db.session.get(Job, job.id).state == JobState.QUEUED
    running = worker()
    job = running.wait_until_finished(job.id)
    assert (job.state, job.done, job.total) == (JobState.DONE, 3, 3), job.error
    assert job.summary == {"reminded": 3}
    outbox = shared_app.config["MAIL_OUTBOX"]
    assert len([p for p in outbox.iterdir() if b"Reminder" in p.read_bytes()]) == 3
    shared_auth.login("organizer@x.kz")
    status = shared_auth.client.get(f"/jobs/{job.id}/status").json
    assert (status["state"], status["percent"], status["finished"]) == ("done", 100, True)
    assert running.stop() == 0, running.output()


def test_worker_failure_is_shown_and_a_retry_runs_again(shared_app, queue_settings, worker,
                                                        shared_auth):  # fmt: skip
    jury = build_jury(judges=1)
    job = start_ballot_import(
        program=jury["program"], actor=jury["organizer"], override_reason="почта",
        content=(BALLOT + "judge@x.kz,best-patron,Ulba Nominee,Вклад,8\n").encode(),
    )  # fmt: skip
    stored = upload_folder() / job.arguments["file"]
    content = stored.read_bytes()
    db.session.commit()
    stored.unlink()
    running = worker()
    job = running.wait_until_finished(job.id)
    assert job.state == JobState.FAILED
    assert job.error == "The uploaded file is gone; upload it again."
    stored.write_bytes(content)
    shared_auth.login("organizer@x.kz")
    assert shared_auth.client.post(f"/jobs/{job.id}/retry").location == f"/jobs/{job.id}"
    job = running.wait_until_finished(job.id)
    assert (job.state, job.attempts, job.summary) == (JobState.DONE, 2, {"saved": 1, "refused": 0})
    assert running.stop() == 0, running.output()


def test_worker_sends_queued_mail_and_tries_again_after_a_refusal(shared_app, queue_settings,
                                                                  worker, shared_auth):  # fmt: skip
    """The page that commits only puts the message on the queue; the worker sends it, and
    when the mail server refuses it, sends it again a moment (MAIL_RETRY_DELAY) later."""
    factories.user("member@x.kz")
    db.session.commit()
    with GreylistingServer(refusals=1) as server:
        shared_app.config.update(server.settings(), MAIL_RETRY_DELAY=1)
        response = shared_auth.client.post("/password/forgot", data={"email": "member@x.kz"})
        assert response.status_code == 302
        assert server.offers == 0  # on the queue: no worker runs yet
        running = worker()
        deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
        while not server.received and time.monotonic() < deadline:
            assert running.process.poll() is None, running.output()
            time.sleep(0.2)
        assert server.offers == 2, running.output()
        assert [m["To"] for m in server.received] == ["member@x.kz"]
        assert running.stop() == 0, running.output()


# A program whose 239 judges each get a letter of thanks: several rendering chunks, so the
# worker is still busy with the batch for seconds after it starts.
DRILL = Scale(nominations=120, judges=240, scorecards=1500, categories=2, committees=6,
              judges_per_nomination=20, panels_per_judge=1)  # fmt: skip
DRILL_PASSWORD = "drill-password-2025"


def _state(job_id: int) -> str:
    state = db.session.scalar(select(Job.state).where(Job.id == job_id))
    db.session.commit()  # end the read: an open SQLite transaction would hold the worker back
    return state


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_worker_killed_mid_batch_is_seen_stale_and_the_retry_issues_each_once(
    shared_app, queue_settings, worker, shared_auth
):
    load_large_demo(password=DRILL_PASSWORD, scale=DRILL)
    program = get_program_by_slug(LARGE_DEMO_SLUG)
    expected = len(recipients_of(program, "judge_thanks"))
    job = start_certificate_issuing(
        program=program, actor=find_user_by_email(ORGANIZER_EMAIL), kind="judge_thanks",
        theme="classic",
    )  # fmt: skip
    job_id = job.id
    db.session.commit()
    first = worker()
    deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
    while _state(job_id) != JobState.RUNNING and time.monotonic() < deadline:
        time.sleep(0.02)
    # The machine dies under it: the worker and the processes rendering for it, at once.
    os.killpg(first.process.pid, signal.SIGKILL)
    first.process.wait()
    assert _state(job_id) == JobState.RUNNING  # cut short: nobody settled it
    issued = select(IssuedCertificate).where(IssuedCertificate.program_id == program.id)
    assert db.session.scalars(issued).all() == []  # all or nothing: the batch rolled back

    shared_app.config["JOBS_STALE_AFTER"] = 1
    time.sleep(1.5)
    shared_auth.login(ORGANIZER_EMAIL, DRILL_PASSWORD)
    status = shared_auth.client.get(f"/jobs/{job_id}/status").json
    assert (status["stale"], status["retryable"]) == (True, True)
    assert shared_auth.client.post(f"/jobs/{job_id}/retry").location == f"/jobs/{job_id}"
    second = worker()
    job = second.wait_until_finished(job_id)
    assert (job.state, job.attempts) == (JobState.DONE, 2), job.error
    certificates = db.session.scalars(issued).all()
    assert len(certificates) == expected
    assert (
        len({c.serial for c in certificates}) == len({c.user_id for c in certificates}) == expected
    )
    assert all((upload_folder() / c.stored_file).is_file() for c in certificates)
    assert second.stop() == 0, second.output()
