"""Protocol pages: the meeting's details, producing and downloading the protocol's versions
(organizers and the jury's chair), and the public verification page of its QR code."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import limiter
from awards.forms import show_domain_error
from awards.i18n import localized, to_local
from awards.pages import committed
from awards.printing.themes import available_themes
from awards.programs.loaders import load_in_program, load_program
from awards.protocols import permissions, services
from awards.protocols.forms import IssueForm, MeetingForm
from awards.protocols.models import JuryProtocol
from awards.protocols.values import decided_snapshots, jury_of, meeting_of

bp = Blueprint("protocols", __name__)


def _meeting_form(program) -> MeetingForm:
    meeting = meeting_of(program)
    data = {}
    if meeting is not None:
        data = {"held_at": to_local(meeting.held_at, program.timezone), "place": meeting.place,
                "absent": list(meeting.absent_judge_ids or [])}  # fmt: skip
    form = MeetingForm(data=data)
    form.absent.choices = [SelectChoice(user.id, user.name) for user in jury_of(program)[0]]
    return form


def _issue_form() -> IssueForm:
    form = IssueForm(data={"theme": "classic"})
    form.theme.choices = [SelectChoice(t.name, localized(t.title) or t.name)
                          for t in available_themes()]  # fmt: skip
    return form


def _page(program, meeting_form: MeetingForm, issue_form: IssueForm, status: int = 200):
    jurors, chairs = jury_of(program)
    snapshots = decided_snapshots(program)
    return render_template(
        "protocols/index.html", program=program, meeting=meeting_of(program),
        meeting_form=meeting_form, issue_form=issue_form, jurors=jurors, chairs=chairs,
        protocols=services.program_protocols(program),
        undecided=[c for c in program.categories if snapshots.get(c.id) is None],
        can_download=permissions.can_download_protocol(current_user, program),
    ), status  # fmt: skip


@bp.get("/programs/<slug>/protocol")
@login_required
def index(slug: str):
    program = load_program(slug, can=permissions.can_issue_protocol)
    return _page(program, _meeting_form(program), _issue_form())


@bp.post("/programs/<slug>/protocol/meeting")
@login_required
def meeting(slug: str):
    program = load_program(slug, can=permissions.can_issue_protocol)
    form = _meeting_form(program)
    if form.validate_on_submit():
        try:
            committed(lambda: services.save_meeting(
                program=program, actor=current_user, held_at=form.held_at.data,
                place=form.place.data, absent_ids=form.absent.data,
            ))  # fmt: skip
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The meeting's details are saved."), "success")
            return redirect(url_for("protocols.index", slug=slug, _anchor="meeting"))
    return _page(program, form, _issue_form(), 422)


@bp.post("/programs/<slug>/protocol/issue")
@login_required
def issue(slug: str):
    program = load_program(slug, can=permissions.can_issue_protocol)
    form = _issue_form()
    if form.validate_on_submit():
        try:
            protocol, new = committed(lambda: services.issue_protocol(
                program=program, actor=current_user, theme=form.theme.data,
            ))  # fmt: skip
        except DomainError as error:
            flash(error.message, "error")
        else:
            if new:
                flash(_("Version %(n)d of the protocol is ready.", n=protocol.version), "success")
            else:
                flash(_("No decision changed since version %(n)d: it is still the current "
                        "protocol.", n=protocol.version), "info")  # fmt: skip
            return redirect(url_for("protocols.index", slug=slug, _anchor="versions"))
    else:
        flash(_("Choose one of the listed designs."), "error")
    return redirect(url_for("protocols.index", slug=slug, _anchor="produce"))


@bp.get("/programs/<slug>/protocol/<int:protocol_id>.pdf")
@login_required
def download(slug: str, protocol_id: int):
    program = load_program(slug, can=permissions.can_download_protocol)
    protocol = load_in_program(JuryProtocol, protocol_id, program)
    content = services.protocol_pdf(protocol)
    if content is None:
        abort(404)
    return send_content(content, name=services.file_name(protocol), mimetype="application/pdf")


@bp.get("/verify/protocol/<token>")
@limiter.limit("30 per minute")
def verify(token: str):
    protocol = services.verify(token)
    if protocol is None:
        abort(404)
    latest = services.latest_version(protocol.program_id)
    return render_template("protocols/verify.html", protocol=protocol,
                           current=protocol.version == latest, latest=latest)  # fmt: skip
