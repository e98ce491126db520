"""Certificate pages: the organizer's registry with issuing and downloads, public verification."""

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.certificates import bundles, issuing, permissions
from awards.certificates.forms import ButtonForm, IssueForm, RevokeForm
from awards.certificates.models import IssuedCertificate
from awards.certificates.rendering import available_themes
from awards.errors import DomainError
from awards.extensions import db, limiter
from awards.programs.views import load_program

bp = Blueprint("certificates", __name__)


def load_for_organizer(slug: str):
    program = load_program(slug)
    if not permissions.can_issue_certificates(current_user, program):
        abort(403)
    return program


def load_certificate(program, certificate_id: int) -> IssuedCertificate:
    certificate = db.session.get(IssuedCertificate, certificate_id)
    if certificate is None or certificate.program_id != program.id:
        abort(404)
    return certificate


def _issue_form() -> IssueForm:
    form = IssueForm()
    form.theme.choices = [(t.name, t.title.get("en") or t.name) for t in available_themes()]
    return form


@bp.get("/programs/<slug>/certificates")
@login_required
def index(slug: str):
    program = load_for_organizer(slug)
    return render_template(
        "certificates/index.html", program=program,
        certificates=issuing.program_certificates(program), issue_form=_issue_form(),
        revoke_form=RevokeForm(), button=ButtonForm(),
    )  # fmt: skip


def _run(action, message: str) -> None:
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(message, "success")


@bp.post("/programs/<slug>/certificates/issue")
@login_required
def issue(slug: str):
    program = load_for_organizer(slug)
    form = _issue_form()
    if not form.validate_on_submit():
        abort(400)
    _run(
        lambda: issuing.issue_laureate_certificates(
            program=program, actor=current_user, theme=form.theme.data
        ),
        _("Certificates are issued for every confirmed laureate."),
    )
    return redirect(url_for("certificates.index", slug=slug))


@bp.post("/programs/<slug>/certificates/<int:certificate_id>/revoke")
@login_required
def revoke(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    form = RevokeForm()
    if not form.validate_on_submit():
        flash(_("Say why the certificate is revoked."), "error")
    else:
        _run(
            lambda: issuing.revoke_certificate(
                certificate=certificate, actor=current_user, reason=form.reason.data
            ),
            _("The certificate is revoked."),
        )
    return redirect(url_for("certificates.index", slug=slug))


@bp.post("/programs/<slug>/certificates/<int:certificate_id>/reissue")
@login_required
def reissue(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    _run(
        lambda: issuing.reissue_certificate(certificate=certificate, actor=current_user),
        _("A new certificate replaces the old one."),
    )
    return redirect(url_for("certificates.index", slug=slug))


def _attachment(content: bytes, mimetype: str, name: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@bp.get("/programs/<slug>/certificates/<int:certificate_id>/pdf")
@login_required
def download(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    return _attachment(
        bundles.certificate_pdf(certificate), "application/pdf", bundles.file_name(certificate)
    )


def _valid_certificates(program) -> list[IssuedCertificate]:
    valid = [c for c in issuing.program_certificates(program) if c.is_valid]
    if not valid:
        abort(404)
    return valid


@bp.get("/programs/<slug>/certificates/all.pdf")
@login_required
def combined(slug: str):
    program = load_for_organizer(slug)
    content = bundles.combined_pdf(_valid_certificates(program))
    return _attachment(content, "application/pdf", f"{program.slug}-certificates.pdf")


@bp.get("/programs/<slug>/certificates/all.zip")
@login_required
def archive(slug: str):
    program = load_for_organizer(slug)
    content = bundles.zip_archive(_valid_certificates(program))
    return _attachment(content, "application/zip", f"{program.slug}-certificates.zip")


@bp.get("/verify/<token>")
@limiter.limit("30 per minute")
def verify(token: str):
    certificate = issuing.verify(token)
    if certificate is None:
        abort(404)
    db.session.commit()
    day = date.fromisoformat(certificate.values["date"])
    return render_template("certificates/verify.html", certificate=certificate, day=day)
