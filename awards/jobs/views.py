"""Job pages: one job's progress, result or error with a retry button, its status as JSON for
the progress bar, the result download, and a program's recent jobs."""

from flask import Blueprint, abort, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from awards.downloads import send_content
from awards.extensions import db
from awards.i18n import utcnow
from awards.jobs import services
from awards.jobs.forms import RetryForm
from awards.jobs.models import Job, JobState
from awards.jobs.permissions import can_list_jobs, can_retry_job, can_view_job
from awards.jobs.registry import job_kinds, kind_labels
from awards.pages import commit_or_flash
from awards.programs.loaders import load_program
from awards.uploads import upload_folder

bp = Blueprint("jobs", __name__)

STATE_LABELS = {
    JobState.QUEUED: _l("Waiting"),
    JobState.RUNNING: _l("Running"),
    JobState.DONE: _l("Done"),
    JobState.FAILED: _l("Failed"),
}
MIMETYPES = {"csv": "text/csv", "pdf": "application/pdf", "zip": "application/zip"}


@bp.before_request
@login_required
def _require_login():
    """Every job page needs a logged-in user."""


def load_job(job_id: int, *, lock: bool = False) -> Job:
    job = db.session.get(Job, job_id, with_for_update=lock)
    if job is None or not can_view_job(current_user, job):
        abort(404)
    return job


def _progress_label(job: Job) -> str:
    if job.state == JobState.QUEUED:
        return _("Waiting for a worker to take it")
    if job.total is None:
        return _("Starting")
    return _("%(done)d of %(total)d", done=job.done, total=job.total)


def _result_links(job: Job) -> list[tuple[str, str]]:
    """Where the finished job's result is: its own file, then the pages its kind names."""
    if job.state != JobState.DONE:
        return []
    links = []
    if job.result_file:
        links.append(
            (_("Download %(name)s", name=job.result_name), url_for("jobs.result", job_id=job.id))
        )
    kind = job_kinds().get(job.kind)  # a kind since removed from the code has none
    return links + (kind.result_links(job) if kind else [])


def _status(job: Job) -> dict:
    """What the progress bar needs, labels already in the reader's language."""
    links = _result_links(job)
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "state_label": str(STATE_LABELS[job.state]),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "progress_label": _progress_label(job),
        "message": job.message,
        "error": job.error,
        "finished": job.finished,
        "stale": job.is_stale(utcnow(), services.stale_after()),
        "retryable": services.is_retryable(job) and can_retry_job(current_user, job),
        "result_url": links[0][1] if links else None,
        "url": url_for("jobs.show", job_id=job.id),
    }


@bp.get("/jobs/<int:job_id>")
def show(job_id: int):
    job = load_job(job_id)
    recent = services.recent_jobs(job.program, limit=10)
    return render_template(
        "jobs/show.html", job=job, program=job.program, status=_status(job),
        kept_until=services.result_kept_until(job),
        links=_result_links(job), recent=recent, form=RetryForm(), kinds=kind_labels(),
        states=STATE_LABELS,
    )  # fmt: skip


@bp.get("/jobs/<int:job_id>/status")
def status(job_id: int):
    response = jsonify(_status(load_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/jobs/<int:job_id>/result")
def result(job_id: int):
    job = load_job(job_id)
    path = upload_folder() / job.result_file if job.result_file else None
    if job.state != JobState.DONE or path is None or not path.is_file():
        abort(404)
    extension = path.suffix.lstrip(".")
    mimetype = MIMETYPES.get(extension, "application/octet-stream")
    return send_content(path, name=job.result_name or path.name, mimetype=mimetype)


@bp.post("/jobs/<int:job_id>/retry")
def retry(job_id: int):
    job = load_job(job_id, lock=True)
    if not can_retry_job(current_user, job):
        abort(403)
    if not RetryForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.retry_job(job=job, actor=current_user),
        success=_("The job is queued again."),
        target=url_for("jobs.show", job_id=job.id),
    )


@bp.get("/programs/<slug>/jobs")
def program_jobs(slug: str):
    program = load_program(slug)
    if not can_list_jobs(current_user, program):
        abort(403)
    return render_template(
        "jobs/index.html", program=program, recent=services.recent_jobs(program, limit=50),
        kinds=kind_labels(), states=STATE_LABELS,
    )  # fmt: skip
