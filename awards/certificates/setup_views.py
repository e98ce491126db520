"""Setting certificates up before issuing: settings, names as printed, HTML preview with the
theme's files, sample PDF. A blueprint nested in the certificates one."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.certificates import permissions, preview
from awards.certificates.forms import (
    KIND_LABELS,
    ButtonForm,
    PrintedNameForm,
    SettingsForm,
    theme_choices,
)
from awards.certificates.models import KINDS
from awards.certificates.recipients import (
    recipient_key,
    recipients_of,
    reset_printed_name,
    save_printed_name,
)
from awards.certificates.settings import (
    SIGNATORY_POSITIONS,
    SignatoryInput,
    check_certificate_settings,
    data_uri,
    save_certificate_settings,
    settings_of,
    theme_names,
)
from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import db
from awards.forms import validate_with_rules
from awards.judging.assignments import program_judges
from awards.nominations.models import Nomination
from awards.pages import commit_or_flash, commit_or_show
from awards.printing.errors import PrintingError
from awards.programs.loaders import load_program

bp = Blueprint("setup", __name__, url_prefix="/programs/<slug>/certificates")


@bp.before_request
@login_required
def _require_login():
    """Every page here needs a logged-in organizer."""


def load_for_setup(slug: str):
    program = load_program(slug)
    if not permissions.can_configure_certificates(current_user, program):
        abort(403)
    return program


def requested_kind() -> str:
    kind = request.values.get("kind") or "laureate"
    if kind not in KINDS:
        abort(404)
    return kind


def _settings_data(settings) -> dict:
    data = {
        "theme": settings.theme, "print_english": settings.print_english,
        **{f"{kind}_citation": settings.citation(kind) for kind in KINDS},
    }  # fmt: skip
    for signatory in settings.signatories:
        data[f"signatory{signatory.position}_name"] = signatory.name
        data[f"signatory{signatory.position}_title"] = signatory.title
    return data


def _upload(field):
    return field.data if field.data and getattr(field.data, "filename", "") else None


def _settings_input(form: SettingsForm) -> dict:
    signatories = [
        SignatoryInput(
            name=form[f"signatory{n}_name"].data, title=form[f"signatory{n}_title"].data,
            signature=_upload(form[f"signatory{n}_signature"]),
            remove_signature=form[f"signatory{n}_remove_signature"].data,
        )
        for n in SIGNATORY_POSITIONS
    ]  # fmt: skip
    return {
        "theme": form.theme.data, "print_english": form.print_english.data,
        "citations": {kind: form[f"{kind}_citation"].data for kind in KINDS},
        "signatories": signatories, "seal": _upload(form.seal),
    }  # fmt: skip


@bp.route("/settings", methods=["GET", "POST"])
def settings(slug: str):
    program = load_for_setup(slug)
    saved = settings_of(program)
    # A POST is the whole form: what it leaves out is empty, not the saved value.
    form = SettingsForm(data=_settings_data(saved) if request.method == "GET" else None)
    form.theme.choices = theme_choices()
    if validate_with_rules(form, lambda: check_certificate_settings(**_settings_input(form))):
        done = commit_or_show(
            form,
            lambda: save_certificate_settings(
                program=program, actor=current_user, remove_seal=form.remove_seal.data,
                **_settings_input(form),
            ),
            success=_("The certificate settings have been saved."),
            target=url_for("certificates.setup.settings", slug=slug),
        )  # fmt: skip
        if done:
            return done
        saved = settings_of(program)
    pictures = {f"signatory{s.position}": s.signature_image for s in saved.signatories}
    pictures["seal"] = saved.seal_image
    shown = {name: data_uri(image) for name, image in pictures.items() if image is not None}
    return render_template("certificates/settings.html", program=program, form=form, pictures=shown)


def _names_page(program, kind: str, failed: PrintedNameForm | None = None, key: str = ""):
    everyone = recipients_of(program, kind)
    forms = {
        recipient.key: failed
        if failed is not None and recipient.key == key
        else PrintedNameForm(
            formdata=None,
            prefix=recipient.key,
            data={"names": recipient.names, "salutation": recipient.salutation},
        )  # fmt: skip
        for recipient in everyone
    }
    return render_template(
        "certificates/names.html", program=program, kind=kind, kinds=KIND_LABELS,
        recipients=everyone, forms=forms, button=ButtonForm(),
    )  # fmt: skip


@bp.get("/names")
def names(slug: str):
    program = load_for_setup(slug)
    return _names_page(program, requested_kind())


def _save_name(program, **recipient):
    kind = requested_kind()
    key = recipient_key(**recipient)
    target = url_for("certificates.setup.names", slug=program.slug, kind=kind, _anchor=key)
    if request.form.get(f"{key}-reset"):
        if not ButtonForm(prefix=key).validate_on_submit():
            abort(400)
        return commit_or_flash(
            lambda: reset_printed_name(program=program, actor=current_user, **recipient),
            success=_("The name is printed as in the results again."),
            target=target,
        )
    form = PrintedNameForm(prefix=key)
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: save_printed_name(
                program=program,
                actor=current_user,
                names=form.names.data,
                salutation=form.salutation.data if kind == "judge_thanks" else None,
                **recipient,
            ),  # fmt: skip
            success=_("The name as printed has been saved."),
            target=target,
        )
        if done:
            return done
    return _names_page(program, kind, failed=form, key=key)


@bp.post("/names/nominations/<int:nomination_id>")
def nomination_name(slug: str, nomination_id: int):
    program = load_for_setup(slug)
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination.program_id != program.id:
        abort(404)
    return _save_name(program, nomination_id=nomination_id)


@bp.post("/names/judges/<int:judge_id>")
def judge_name(slug: str, judge_id: int):
    program = load_for_setup(slug)
    if judge_id not in {judge.id for judge in program_judges(program)}:
        abort(404)
    return _save_name(program, user_id=judge_id)


def _sample(program, kind: str):
    recipient = preview.sample_recipient(program, kind, request.args.get("recipient"))
    if recipient is None:
        abort(404)
    return preview.sample_certificate(program, recipient)


def _back_to_issuing(program, kind: str, message: str):
    flash(message, "error")
    return redirect(url_for("certificates.issue", slug=program.slug, kind=kind))


@bp.get("/preview/<theme>/")
def preview_page(slug: str, theme: str):
    """The theme's certificate.html for one recipient (?kind=, ?recipient=), as a web page."""
    program = load_for_setup(slug)
    kind = requested_kind()
    if theme not in theme_names():
        abort(404)
    try:
        html = preview.preview_html(theme, _sample(program, kind))
    except DomainError as error:
        return _back_to_issuing(program, kind, error.message)
    return Response(html, mimetype="text/html")


@bp.get("/preview/<theme>/<path:filename>")
def preview_file(slug: str, theme: str, filename: str):
    """The files the preview page loads: preview.css, then only the theme's own files and
    the shared fonts with a known extension."""
    load_for_setup(slug)
    if filename == "preview.css" and theme in theme_names():
        response = Response(preview.preview_stylesheet(theme), mimetype="text/css")
    else:
        found = preview.preview_file(theme, filename)
        if found is None:
            abort(404)
        path, content_type = found
        response = Response(path.read_bytes(), mimetype=content_type)
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.get("/sample.pdf")
def sample_pdf(slug: str):
    """One certificate as a PDF, serial marked SAMPLE, never registered."""
    program = load_for_setup(slug)
    kind = requested_kind()
    theme = request.args.get("theme") or settings_of(program).theme
    try:
        content = preview.sample_pdf(theme, _sample(program, kind))
    except DomainError as error:
        return _back_to_issuing(program, kind, error.message)
    except PrintingError as error:
        message = _("The certificates could not be printed: %(problem)s", problem=error)
        return _back_to_issuing(program, kind, message)
    name = f"{program.slug}-{kind.replace('_', '-')}-sample.pdf"
    return send_content(content, name=name, mimetype="application/pdf")
