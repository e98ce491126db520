"""Certificates' background job: issuing a batch too long to wait for. Its runner, label and
result links (the combined PDF, the ZIP, the register) are registered with the app here."""

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from awards.accounts.models import User
from awards.certificates import issuing
from awards.jobs.models import Job
from awards.jobs.registry import Outcome, Progress, register_job_kind
from awards.jobs.services import start_job
from awards.programs.models import Program

ISSUING = "certificates"


def start_certificate_issuing(
    *, program: Program, actor: User, kind: str, theme: str, recipients: list | None = None
) -> Job:
    """Issue certificates of ``kind`` in ``theme`` in the background (all pending recipients,
    or the chosen ``recipients`` keys). Starts a job."""
    return start_job(
        kind=ISSUING, program=program, actor=actor,
        arguments={"kind": kind, "theme": theme, "recipients": recipients},
    )  # fmt: skip


def _issue_certificates(job: Job, progress: Progress) -> Outcome:
    arguments = job.arguments
    issued = issuing.issue_certificates(
        program=job.program, actor=job.actor, kind=arguments["kind"], theme=arguments["theme"],
        recipients=arguments.get("recipients"), progress=progress,
    )  # fmt: skip
    return Outcome(
        summary={"issued": len(issued), "kind": arguments["kind"]},
        message=ngettext(
            "%(num)d certificate was issued.", "%(num)d certificates were issued.", len(issued)
        ),
    )


def _issued_certificates(job: Job) -> list[tuple[str, str]]:
    slug, kind = job.program.slug, (job.summary or {}).get("kind")
    return [
        (_("Download all as one PDF"), url_for("certificates.combined", slug=slug, kind=kind)),
        (_("Download ZIP"), url_for("certificates.archive", slug=slug, kind=kind)),
        (_("Certificates"), url_for("certificates.index", slug=slug)),
    ]


def register_job_kinds(app: Flask) -> None:
    register_job_kind(
        app, ISSUING, runner=_issue_certificates, label=_l("Certificate issuing"),
        result_links=_issued_certificates,
    )  # fmt: skip
