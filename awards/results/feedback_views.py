"""The feedback letters: the organizers' page listing each entry's letter and releasing them,
and the nominating committee's download of its entries' letters once released."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import current_language
from awards.nominations.models import Nomination
from awards.pages import committed
from awards.programs.loaders import load_program
from awards.results import letters, permissions
from awards.results.forms import ButtonForm

bp = Blueprint("feedback", __name__)


@bp.get("/programs/<slug>/results/feedback")
@login_required
def index(slug: str):
    program = load_program(slug, can=permissions.can_release_feedback)
    entries = letters.releasable_entries(program)
    released = letters.released_entries(program)
    return render_template(
        "results/feedback.html", program=program, entries=entries, released=released,
        waiting=sum(1 for entry in entries if entry.id not in released), button=ButtonForm(),
    )  # fmt: skip


@bp.post("/programs/<slug>/results/feedback/release")
@login_required
def release(slug: str):
    program = load_program(slug, can=permissions.can_release_feedback)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        count = committed(lambda: letters.release_feedback(program=program, actor=current_user))
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(ngettext("%(num)d letter released and emailed to the nominating committees.",
                       "%(num)d letters released and emailed to the nominating committees.",
                       count), "success")  # fmt: skip
    return redirect(url_for("feedback.index", slug=slug))


@bp.get("/programs/<slug>/results/ours/<int:nomination_id>/feedback.pdf")
@login_required
def download(slug: str, nomination_id: int):
    program = load_program(slug)
    entry = db.session.get(Nomination, nomination_id)
    if entry is None or entry.program_id != program.id:
        abort(404)
    if not permissions.can_download_feedback(current_user, entry):
        abort(403)
    language = letters.letter_language(current_language())
    pdf = letters.letter_pdf(entry, organization=current_user.organization, language=language)
    return send_content(pdf, name=letters.letter_file_name(entry, language),
                        mimetype="application/pdf")  # fmt: skip
