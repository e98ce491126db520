"""Judging's background jobs: saving a paper-ballot file, reminding judges of missing
scorecards. Each kind's runner, label and result links are registered with the app here."""

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.jobs.models import Job
from awards.jobs.registry import Outcome, Progress, register_job_kind
from awards.jobs.services import start_job
from awards.judging import ballots
from awards.judging import progress as judging_progress
from awards.programs.models import Program
from awards.spreadsheets import Column, Table, to_csv
from awards.uploads import remove_after_commit, store_file, upload_folder

BALLOTS = "ballots"
REMINDERS = "reminders"


def start_ballot_import(
    *, program: Program, actor: User, content: bytes, override_reason: str = ""
) -> Job:
    """Save a checked paper-ballot file's valid rows in the background.

    Side effects: refuses a file whose columns cannot be read (DomainError on "file"); stores
    the file under UPLOAD_FOLDER/jobs (removed on rollback, and once the job is done); starts
    a job.
    """
    ballots.read_rows(content)
    extension = "xlsx" if content[:4] == b"PK\x03\x04" else "csv"
    name = store_file(db.session, content, subfolder="jobs", extension=extension)
    return start_job(
        kind=BALLOTS, program=program, actor=actor,
        arguments={"file": name, "override_reason": override_reason.strip()},
    )  # fmt: skip


def start_reminders(*, program: Program, actor: User) -> Job:
    """Email every judge with scorecards still missing, in the background. Starts a job."""
    return start_job(kind=REMINDERS, program=program, actor=actor)


def _import_ballots(job: Job, progress: Progress) -> Outcome:
    if job.actor is None:
        raise DomainError(_("The organizer who started this import no longer has an account."))
    name = job.arguments["file"]
    try:
        content = (upload_folder() / name).read_bytes()
    except FileNotFoundError as exc:
        raise DomainError(_("The uploaded file is gone; upload it again.")) from exc
    check = ballots.import_ballots(
        program=job.program, content=content, actor=job.actor,
        override_reason=job.arguments.get("override_reason", ""), progress=progress,
    )  # fmt: skip
    remove_after_commit(db.session, name)
    saved, refused = len(check.valid), len(check.invalid)
    return Outcome(
        summary={"saved": saved, "refused": refused},
        message=_("%(saved)d rows saved, %(refused)d refused.", saved=saved, refused=refused),
        file=_refused_rows(check) if refused else None,
        file_name="refused-rows.csv" if refused else None,
    )


def _refused_rows(check: ballots.BallotCheck) -> bytes:
    """The refused rows as they were typed, each with its line and the reason."""
    columns = tuple(Column(name) for name in ("line", *ballots.COLUMNS, "problem"))
    rows = [
        (row.line, *(row.values[c] for c in ballots.COLUMNS), row.error) for row in check.invalid
    ]
    return to_csv(Table("refused-rows", "refused rows", columns, rows))


def _send_reminders(job: Job, progress: Progress) -> Outcome:
    reminded = judging_progress.send_reminders(
        program=job.program, actor=job.actor, progress=progress,
        skip_reminded_since=job.created_at,
    )  # fmt: skip
    return Outcome(
        summary={"reminded": reminded},
        message=ngettext("%(num)d judge was reminded.", "%(num)d judges were reminded.", reminded),
    )


def _judging_progress(job: Job) -> list[tuple[str, str]]:
    return [(_("Judging progress"), url_for("jury.progress_page", slug=job.program.slug))]


def register_job_kinds(app: Flask) -> None:
    register_job_kind(
        app, BALLOTS, runner=_import_ballots, label=_l("Paper ballot import"),
        result_links=_judging_progress,
    )  # fmt: skip
    register_job_kind(
        app, REMINDERS, runner=_send_reminders, label=_l("Reminders to judges"),
        result_links=_judging_progress,
    )  # fmt: skip
