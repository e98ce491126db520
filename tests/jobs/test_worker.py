"""A real worker process (`flask --app awards jobs worker`) runs the jobs a web process queued:
on the embedded SQLite queue, and on Redis when AWARDS_TEST_REDIS_URL names a server."""

from awards.extensions import db
from awards.jobs import services
from awards.jobs.models import Job, JobState
from awards.uploads import upload_folder
from tests.jobs.conftest import build_jury

BALLOT = "judge_email,category,nominee,criterion,points\n"


def test_worker_runs_a_job_queued_before_it_started(shared_app, queue_settings, worker,
                                                    shared_auth):  # fmt: skip
    """The job is a row plus a queue entry: it waits for a worker, whichever process made it."""
    jury = build_jury(judges=3)
    job = services.start_reminders(program=jury["program"], actor=jury["organizer"])
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
    job = services.start_ballot_import(
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
