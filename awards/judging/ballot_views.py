"""Paper ballots: the organizer uploads a CSV or XLSX of scores written on paper, checks it,
then saves it in the background. Its page belongs to the jury blueprint."""

import base64
import binascii

from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from awards.downloads import send_content
from awards.errors import DomainError
from awards.forms import show_domain_error
from awards.judging import ballots as ballots_service
from awards.judging import jobs
from awards.judging.forms import BallotForm
from awards.judging.jury_views import _judge, bp, load_for_organizer
from awards.pages import committed
from awards.spreadsheets import CSV_MIMETYPE, to_csv
from awards.uploads import configured_size


def _ballot_content(form: BallotForm) -> bytes | None:
    """The uploaded file, or the one carried back from the preview."""
    limit = current_app.config["MAX_BALLOT_BYTES"]
    if form.file.data:
        content = form.file.data.read(limit + 1)
    elif form.content.data:
        try:
            content = base64.b64decode(form.content.data, validate=True)
        except binascii.Error:
            return None
    else:
        return None
    return content if len(content) <= limit else None


@bp.get("/judges/<int:judge_id>/ballot.csv")
def blank_ballot(slug: str, judge_id: int):
    program = load_for_organizer(slug)
    judge = _judge(program, judge_id)
    content = to_csv(ballots_service.blank_ballot(program, judge))
    name = f"{program.slug}-ballot-{judge.id}.csv"
    return send_content(content, name=name, mimetype=CSV_MIMETYPE)


@bp.route("/ballots", methods=["GET", "POST"])
def ballots(slug: str):
    program = load_for_organizer(slug)
    form, check = BallotForm(), None
    if form.validate_on_submit():
        content = _ballot_content(form)
        if content is None:
            form.file.errors = [
                _(
                    "Choose a CSV or XLSX file of at most %(size)s.",
                    size=configured_size("MAX_BALLOT_BYTES"),
                )
            ]
        else:
            reason = form.override_reason.data or ""
            try:
                if form.action.data == "save":
                    # Always in the background: a big file takes minutes, and the job page
                    # keeps the report of refused rows afterwards.
                    job = committed(
                        lambda: jobs.start_ballot_import(
                            program=program, content=content, actor=current_user,
                            override_reason=reason,
                        )
                    )  # fmt: skip
                    return redirect(url_for("jobs.show", job_id=job.id))
                check = ballots_service.check_ballots(program, content, override_reason=reason)
                form.content.data = base64.b64encode(content).decode()
            except DomainError as error:
                show_domain_error(form, error)
    return render_template("jury/ballots.html", program=program, form=form, check=check)
