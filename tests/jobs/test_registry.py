"""Kinds of job: each domain registers its own with the app; a job's runner, label and result
links come from its registration, and a new kind needs no change in jobs/ nor a migration."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from awards.extensions import db
from awards.jobs import services, tasks
from awards.jobs.models import Job, JobState
from awards.jobs.registry import Outcome, job_kinds, register_job_kind

EN = {"Accept-Language": "en"}
ROOT = Path(__file__).resolve().parents[2]
ABOVE_PROGRAMS = ("nominations", "judging", "results", "certificates", "ceremony", "archive")


def _count_sheep(job: Job, progress) -> Outcome:
    for done in range(1, 4):
        progress(done, 3)
    return Outcome(summary={"sheep": 3}, message="3 sheep counted.", file=b"sheep;3\r\n",
                   file_name="sheep.csv")  # fmt: skip


def _meadow(job: Job) -> list[tuple[str, str]]:
    return [("To the meadow", f"/meadow/{job.program.slug}")]


@pytest.fixture
def sheep(app):
    register_job_kind(app, "sheep", runner=_count_sheep, label="Counting sheep",
                      result_links=_meadow)  # fmt: skip
    return "sheep"


def test_the_app_factory_registers_every_domain_kind(app):
    """A worker process makes the app the same way, so it knows them all too."""
    assert sorted(job_kinds()) == ["ballots", "certificates", "reminders"]


def test_a_new_kind_runs_and_its_page_shows_its_label_result_and_links(client, auth, jury, sheep):
    job = services.start_job(kind=sheep, program=jury["program"], actor=jury["organizer"])
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert (job.state, job.done, job.total, job.summary) == (JobState.DONE, 3, 3, {"sheep": 3})
    auth.login("organizer@x.kz")
    page = client.get(f"/jobs/{job.id}", headers=EN).get_data(as_text=True)
    assert f"<h1>Counting sheep #{job.id}</h1>" in page and "3 sheep counted." in page
    assert f'<a href="/jobs/{job.id}/result" class="button primary">Download sheep.csv</a>' in page
    assert f'<a href="/meadow/{jury["program"].slug}">To the meadow</a>' in page
    listing = client.get(f"/programs/{jury['program'].slug}/jobs", headers=EN)
    assert f"Counting sheep #{job.id}</a>" in listing.get_data(as_text=True)


def test_a_kind_is_registered_once(app, sheep):
    with pytest.raises(ValueError, match="registered twice"):
        register_job_kind(app, "sheep", runner=_count_sheep, label="More sheep")


def test_a_kind_whose_name_does_not_fit_the_table_is_refused(app):
    with pytest.raises(ValueError, match="does not fit"):
        register_job_kind(app, "x" * 21, runner=_count_sheep, label="Long")


def test_a_kind_nobody_registered_cannot_be_started(app, jury):
    with pytest.raises(LookupError, match="no job kind 'goats'"):
        services.start_job(kind="goats", program=jury["program"], actor=jury["organizer"])
    assert db.session.query(Job).count() == 0


def test_a_job_of_a_kind_since_removed_fails_logged_and_its_page_still_shows(
    client, auth, jury, caplog
):
    job = Job(kind="retired", program=jury["program"], actor=jury["organizer"])
    db.session.add(job)
    db.session.commit()
    with caplog.at_level(logging.ERROR, logger="awards.jobs.tasks"):
        tasks.run_job(job_id=job.id, attempt=1)
    job = db.session.get(Job, job.id)
    assert job.state == JobState.FAILED and "unexpected error" in job.error
    (record,) = [r for r in caplog.records if r.name == "awards.jobs.tasks"]
    assert record.exc_info[0] is LookupError
    auth.login("organizer@x.kz")
    assert client.get(f"/jobs/{job.id}", headers=EN).status_code == 200


def test_jobs_import_nothing_above_programs():
    """In a fresh interpreter: every module of awards/jobs, and what they import in turn."""
    modules = [f"awards.jobs.{path.stem}" for path in (ROOT / "awards/jobs").glob("[!_]*.py")]
    script = f"import sys, {', '.join(modules)}; print(*sorted(sys.modules))"
    result = subprocess.run(  # noqa: S603  (this Python, our own code)
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    ours = [name.split(".") for name in result.stdout.split() if name.startswith("awards.")]
    assert ["awards", "jobs", "views"] in ours
    assert [".".join(name) for name in ours if name[1] in ABOVE_PROGRAMS] == []
