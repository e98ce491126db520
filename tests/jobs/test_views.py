"""Job pages: who may see them, the status JSON the progress bar reads, the page without
JavaScript, results to download, and retrying."""

import csv
import io
from datetime import datetime

import pytest
import time_machine

from awards.extensions import db
from awards.jobs import services
from awards.jobs.models import Job, JobState
from awards.judging.jobs import start_ballot_import, start_reminders
from awards.programs import services as programs
from awards.programs.models import Role
from awards.uploads import upload_folder
from tests import factories
from tests.jobs.conftest import an_hour_ago
from tests.judging.fixtures import JUDGING

EN = {"Accept-Language": "en"}
BALLOT = "judge_email,category,nominee,criterion,points\n"


def waiting_job(jury) -> Job:
    """A reminders job on a queue nobody takes it off."""
    job = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.info.pop(services.ENQUEUE_KEY)
    db.session.commit()
    return job


@time_machine.travel(JUDGING, tick=False)
def test_ballot_save_runs_as_a_job_whose_page_offers_the_refused_rows(client, auth, jury):
    auth.login("organizer@x.kz")
    url = f"/programs/{jury['program'].slug}/jury/ballots"
    content = BALLOT + (
        "judge@x.kz,best-patron,Ulba Nominee,Вклад,8\njudge@x.kz,best-patron,Ghost,Вклад,3\n"
    )
    preview = client.post(url, data={"file": (io.BytesIO(content.encode()), "b.csv"),
                                     "action": "preview"})  # fmt: skip
    assert "1 rows can be saved, 1 have problems" in preview.get_data(as_text=True)
    carried = preview.get_data(as_text=True).split('name="content" type="hidden" value="')[1]
    response = client.post(url, data={"content": carried.split('"')[0], "action": "save"})
    job = db.session.query(Job).one()
    assert response.location == f"/jobs/{job.id}"
    page = client.get(response.location).get_data(as_text=True)
    assert "1 rows saved, 1 refused." in page and 'value="100"' in page
    report = client.get(f"/jobs/{job.id}/result")
    assert report.headers["Content-Disposition"] == "attachment; filename=refused-rows.csv"
    rows = list(csv.reader(io.StringIO(report.get_data().decode("utf-8-sig")), delimiter=";"))
    report.close()
    assert rows[0][0] == "line" and rows[1][:4] == ["3", "judge@x.kz", "best-patron", "Ghost"]
    assert "No accepted nomination" in rows[1][-1]


def test_status_json_has_what_the_progress_bar_needs(client, auth, jury):
    job = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    auth.login("organizer@x.kz")
    response = client.get(f"/jobs/{job.id}/status", headers=EN)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json == {
        "id": job.id, "kind": "reminders", "state": "done", "state_label": "Done",
        "done": 3, "total": 3, "percent": 100, "progress_label": "3 of 3",
        "message": "3 judges were reminded.", "error": None, "finished": True, "stale": False,
        "retryable": False, "result_url": f"/programs/{jury['program'].slug}/jury/progress",
        "url": f"/jobs/{job.id}",
    }  # fmt: skip


def test_a_waiting_job_page_works_without_javascript(client, auth, jury):
    job = waiting_job(jury)
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "Waiting for a worker to take it" in page
    assert f'<a href="/jobs/{job.id}">Refresh</a>' in page
    assert 'src="/static/js/job-progress.js"' in page and "<script>" not in page
    assert f'data-job-status-url="/jobs/{job.id}/status"' in page
    assert 'id="job-retry"' not in page  # waiting, not stuck: nothing to retry yet


def test_a_stuck_job_offers_retry_and_retrying_runs_it(client, auth, jury, outbox):
    job = waiting_job(jury)
    job.heartbeat_at = an_hour_ago()  # its queue entry was lost an hour ago
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "no worker seems to be running" in page and 'id="job-retry"' in page
    assert client.post(f"/jobs/{job.id}/retry").location == f"/jobs/{job.id}"
    job = db.session.get(Job, job.id)
    assert (job.state, job.attempts) == (JobState.DONE, 2)


def test_a_job_whose_worker_died_can_be_run_again(client, auth, jury):
    job = waiting_job(jury)
    services.begin_attempt(job=job, now=an_hour_ago())  # then its worker was killed
    services.record_progress(job=job, done=1, total=3, now=an_hour_ago())
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "its worker has probably stopped" in page and "1 of 3" in page
    assert client.get(f"/jobs/{job.id}/status").json["stale"] is True
    client.post(f"/jobs/{job.id}/retry")
    job = db.session.get(Job, job.id)
    assert (job.state, job.attempts, job.done, job.total) == (JobState.DONE, 2, 3, 3)


def test_a_failed_job_shows_its_error_and_retry(client, auth, jury):
    job = start_ballot_import(
        program=jury["program"], actor=jury["organizer"], override_reason="почта",
        content=(BALLOT + "judge@x.kz,best-patron,Ulba Nominee,Вклад,8\n").encode(),
    )  # fmt: skip
    stored = upload_folder() / job.arguments["file"]
    content = stored.read_bytes()
    stored.unlink()
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "The uploaded file is gone; upload it again." in page and 'id="job-retry"' in page
    assert "job-progress.js" not in page
    stored.write_bytes(content)
    client.post(f"/jobs/{job.id}/retry")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "1 rows saved, 0 refused." in page and "Attempt 2." in page
    assert "upload it again" not in page and 'id="job-retry"' not in page


def test_retrying_a_finished_job_is_refused(client, auth, jury):
    job = start_reminders(program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    auth.login("organizer@x.kz")
    client.post(f"/jobs/{job.id}/retry", headers=EN)
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "Only a failed or stopped job can be run again." in page
    assert db.session.get(Job, job.id).attempts == 1


def test_the_same_work_cannot_be_started_twice_at_once(client, auth, jury):
    waiting_job(jury)
    auth.login("organizer@x.kz")
    response = client.post(f"/programs/{jury['program'].slug}/jury/progress/remind-all", headers=EN)
    assert response.location == f"/programs/{jury['program'].slug}/jury/progress"
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert "already under way" in page and db.session.query(Job).count() == 1


def test_remind_all_button_starts_a_job(client, auth, jury, outbox):
    auth.login("organizer@x.kz")
    progress = client.get(f"/programs/{jury['program'].slug}/jury/progress", headers=EN)
    assert 'id="remind-all"' in progress.get_data(as_text=True)
    response = client.post(f"/programs/{jury['program'].slug}/jury/progress/remind-all")
    job = db.session.query(Job).one()
    assert response.location == f"/jobs/{job.id}" and job.state == JobState.DONE


def job_pages(job):
    return [("GET", f"/jobs/{job.id}"), ("GET", f"/jobs/{job.id}/status"),
            ("GET", f"/jobs/{job.id}/result"), ("POST", f"/jobs/{job.id}/retry")]  # fmt: skip


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz", "outsider@x.kz"])
def test_only_the_organizers_know_a_job_exists(client, auth, jury, email):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    job = waiting_job(jury)
    auth.login(email)
    for method, url in job_pages(job):
        response = client.open(url, method=method)
        response.close()
        assert response.status_code == 404, (method, url)


def test_anonymous_visitors_are_sent_to_log_in(client, jury):
    job = waiting_job(jury)
    for method, url in job_pages(job):
        assert client.open(url, method=method).location.startswith("/login?next="), url


def test_an_organizer_sees_every_job_and_a_former_one_none_not_even_their_own(client, auth, jury):
    helper = factories.user("helper@x.kz", organization=factories.organization("Department"))
    role = programs.grant_role(
        program=jury["program"], user=helper, role=Role.ORGANIZER, actor=jury["organizer"]
    )
    theirs = start_reminders(program=jury["program"], actor=helper)
    db.session.commit()
    other = waiting_job(jury)
    auth.login("helper@x.kz")
    page = client.get(f"/jobs/{theirs.id}", headers=EN).get_data(as_text=True)
    assert f"/jobs/{other.id}" in page  # the program's recent jobs
    programs.revoke_role(program_role=role, actor=jury["organizer"])
    db.session.commit()
    for job in (theirs, other):
        for method, url in job_pages(job):
            response = client.open(url, method=method)
            response.close()
            assert response.status_code == 404, (method, url)
    assert client.get(f"/programs/{jury['program'].slug}/jobs").status_code == 404


def test_the_program_jobs_page_lists_them_for_organizers(client, auth, jury):
    job = waiting_job(jury)
    auth.login("organizer@x.kz")
    page = client.get(f"/programs/{jury['program'].slug}/jobs", headers=EN).get_data(as_text=True)
    assert f'href="/jobs/{job.id}">Reminders to judges #{job.id}</a>' in page
    auth.logout()
    auth.login("judge@x.kz")
    assert client.get(f"/programs/{jury['program'].slug}/jobs").status_code == 403


def test_the_job_page_says_until_when_its_result_is_kept(client, auth, jury):
    db.session.add(Job(kind="ballots", program=jury["program"], state="done", done=1, total=1,
                       finished_at=datetime(2026, 4, 1, 5, 0), result_file="jobs/x.csv",
                       result_name="refused-rows.csv"))  # fmt: skip
    db.session.commit()
    job = db.session.query(Job).one()
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "The result file is kept until 30 June 2026" in page
    job.result_file = None
    db.session.commit()
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert "The result file was deleted after the retention period." in page
