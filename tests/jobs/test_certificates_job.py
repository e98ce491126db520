"""Issuing certificates as a job: the registry's combined PDF is the result to download."""

import io

from pypdf import PdfReader

from awards.certificates.jobs import start_certificate_issuing
from awards.extensions import db
from awards.jobs.models import Job, JobState


def test_certificate_job_issues_and_links_the_combined_pdf(client, auth, ceremony):
    program = ceremony["program"]
    job = start_certificate_issuing(
        program=program, actor=ceremony["organizer"], kind="laureate", theme="classic"
    )
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert job.state == JobState.DONE, job.error
    assert (job.summary, job.done, job.total) == ({"issued": 1, "kind": "laureate"}, 1, 1)
    auth.login("organizer@x.kz")
    status = client.get(f"/jobs/{job.id}/status", headers={"Accept-Language": "en"}).json
    assert status["message"] == "1 certificate was issued."
    assert status["result_url"] == f"/programs/{program.slug}/certificates/all.pdf?kind=laureate"
    response = client.get(status["result_url"])
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 1
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert f'href="/programs/{program.slug}/certificates"' in page


def test_certificate_job_with_an_unknown_design_fails_with_the_reason(client, auth, ceremony):
    job = start_certificate_issuing(
        program=ceremony["program"], actor=ceremony["organizer"], kind="laureate", theme="gothic"
    )
    db.session.commit()
    job = db.session.get(Job, job.id)
    assert (job.state, job.error) == (JobState.FAILED, "Choose one of the listed designs.")
