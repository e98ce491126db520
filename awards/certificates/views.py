"""Certificate pages: the organizer's registry, issuing, downloads, and public verification.

Settings, printed names and previews live in setup_views, a blueprint nested in this one.
"""

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from awards.certificates import bundles, issuing, jobs, permissions, registry
from awards.certificates.forms import (
    KIND_LABELS,
    ButtonForm,
    IssueForm,
    RevokeForm,
    theme_choices,
)
from awards.certificates.models import KINDS, IssuedCertificate
from awards.certificates.recipients import recipients_of
from awards.certificates.settings import printed_languages, settings_of
from awards.certificates.setup_views import bp as setup_bp
from awards.database import writes
from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import limiter
from awards.forms import show_domain_error
from awards.mail import unreachable_base_url
from awards.pages import commit_or_flash, committed
from awards.programs.loaders import load_in_program, load_program

bp = Blueprint("certificates", __name__)
bp.register_blueprint(setup_bp)


def load_for_organizer(slug: str):
    return load_program(slug, can=permissions.can_issue_certificates)


def load_certificate(program, certificate_id: int) -> IssuedCertificate:
    return load_in_program(IssuedCertificate, certificate_id, program)


def requested_kind(default: str | None = "laureate") -> str | None:
    kind = request.values.get("kind") or default
    if kind is not None and kind not in KINDS:
        abort(404)
    return kind


@bp.get("/programs/<slug>/certificates")
@login_required
def index(slug: str):
    program = load_for_organizer(slug)
    certificates = registry.program_certificates(program)
    valid = {kind: sum(c.is_valid and c.kind == kind for c in certificates) for kind in KINDS}
    return render_template(
        "certificates/index.html", program=program, certificates=certificates,
        notes=registry.registry_notes(program, certificates), valid=valid, kinds=KIND_LABELS,
        revoke_form=RevokeForm(), button=ButtonForm(), kept_until=registry.file_kept_until,
    )  # fmt: skip


def _issue_form(program, kind: str) -> IssueForm:
    form = IssueForm(data={"kind": kind, "theme": settings_of(program).theme})
    form.theme.choices = theme_choices()
    return form


@bp.route("/programs/<slug>/certificates/issue", methods=["GET", "POST"])
@login_required
def issue(slug: str):
    program = load_for_organizer(slug)
    kind = requested_kind()
    form = _issue_form(program, kind)
    if form.validate_on_submit():
        chosen = form.recipients.data if form.scope.data == "chosen" else None
        # A long batch runs in the background; its page shows the progress and the result.
        in_background = (
            _pending_count(program, kind, chosen) > current_app.config["CERTIFICATES_WAIT_AT_MOST"]
        )
        start = jobs.start_certificate_issuing if in_background else issuing.issue_certificates
        try:
            done = committed(
                lambda: start(
                    program=program, actor=current_user, kind=kind, theme=form.theme.data,
                    recipients=chosen,
                )
            )  # fmt: skip
        except DomainError as error:
            show_domain_error(form, error)
        else:
            if in_background:
                return redirect(url_for("jobs.show", job_id=done.id))
            _flash_issued(len(done))
            return redirect(url_for("certificates.index", slug=slug, _anchor=f"kind-{kind}"))
    return render_template(
        "certificates/issue.html", program=program, form=form, kind=kind, kinds=KIND_LABELS,
        recipients=recipients_of(program, kind),
        printed=printed_languages(settings_of(program)), qr_address=_unreachable_qr_address(),
    )  # fmt: skip


def _unreachable_qr_address() -> str | None:
    """The address QR codes would point to, when a phone could not open it safely."""
    base_url = current_app.config["AWARDS_BASE_URL"]
    return f"{base_url}/verify/…" if unreachable_base_url(base_url) else None


def _pending_count(program, kind: str, chosen: list | None) -> int:
    pending = [r for r in recipients_of(program, kind) if r.holder is None]
    if chosen is not None:
        pending = [r for r in pending if r.key in set(chosen)]
    return len(pending)


def _flash_issued(count: int) -> None:
    if count:
        message = ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", count)
        flash(message, "success")
    else:
        flash(_("Nothing to issue: everyone listed already holds a certificate."), "info")


@bp.post("/programs/<slug>/certificates/<int:certificate_id>/revoke")
@login_required
def revoke(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    target = url_for("certificates.index", slug=slug, _anchor=f"certificate-{certificate.id}")
    form = RevokeForm()
    if not form.validate_on_submit():
        flash(_("Say why the certificate is revoked."), "error")
        return redirect(target)
    return commit_or_flash(
        lambda: issuing.revoke_certificate(
            certificate=certificate, actor=current_user, reason=form.reason.data
        ),
        success=_("The certificate is revoked."),
        target=target,
    )


@bp.post("/programs/<slug>/certificates/<int:certificate_id>/reissue")
@login_required
def reissue(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: issuing.reissue_certificate(certificate=certificate, actor=current_user),
        success=_("A new certificate replaces the old one."),
        target=url_for("certificates.index", slug=slug),
    )


@bp.get("/programs/<slug>/certificates/<int:certificate_id>/pdf")
@login_required
def download(slug: str, certificate_id: int):
    program = load_for_organizer(slug)
    certificate = load_certificate(program, certificate_id)
    if certificate.stored_file is None:  # deleted after its retention period
        abort(404)
    return send_content(
        bundles.certificate_pdf(certificate), name=bundles.file_name(certificate),
        mimetype="application/pdf",
    )  # fmt: skip


def _valid_certificates(program, kind: str | None) -> list[IssuedCertificate]:
    valid = registry.valid_program_certificates(program, kind)
    if not valid:
        abort(404)
    return valid


@bp.get("/programs/<slug>/certificates/all.pdf")
@login_required
def combined(slug: str):
    """Every valid certificate (of one kind, with ?kind=) in stage order; ?print=1 for the
    print shop: with bleed and crop marks."""
    program = load_for_organizer(slug)
    kind = requested_kind(default=None)
    certificates = _valid_certificates(program, kind)
    for_print = request.args.get("print") == "1"
    try:
        content = (bundles.print_shop_pdf if for_print else bundles.combined_pdf)(certificates)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("certificates.index", slug=slug))
    name = bundles.bundle_name(program.slug, kind, "pdf", for_print=for_print)
    return send_content(content, name=name, mimetype="application/pdf")


@bp.get("/programs/<slug>/certificates/all.zip")
@login_required
def archive(slug: str):
    program = load_for_organizer(slug)
    kind = requested_kind(default=None)
    content = bundles.zip_archive(_valid_certificates(program, kind))
    name = bundles.bundle_name(program.slug, kind, "zip")
    return send_content(content, name=name, mimetype="application/zip")


@bp.get("/verify/<token>")
@limiter.limit("30 per minute")
@writes
def verify(token: str):
    certificate = committed(lambda: registry.verify(token))  # counts the check
    if certificate is None:
        # Still a 404 (no such certificate), but a page that says so and how to check the code.
        return render_template("certificates/unknown_code.html", code=token[:64]), 404
    day = date.fromisoformat(certificate.values["date"])
    return render_template("certificates/verify.html", certificate=certificate, day=day)
