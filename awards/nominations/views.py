"""Committee pages: the dashboard, the entry form, submitting, withdrawing and documents.

An entry the reader may not see answers 404 whatever they try, so ids cannot be probed.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations import documents, history, inbox, permissions, services
from awards.nominations.forms import (
    ConfirmForm,
    DocumentForm,
    LinkOrganizationForm,
    MergeForm,
    NominationForm,
    RejectForm,
    ReturnForm,
)
from awards.nominations.loaders import load_document, load_nomination, send_document
from awards.nominations.models import Nomination, NominationState
from awards.pages import commit_or_flash, commit_or_show
from awards.programs.loaders import load_program
from awards.programs.models import Category, Program
from awards.routing import id_arg

bp = Blueprint("nominations", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every nomination page needs a logged-in user."""


def _require(allowed: bool) -> None:
    if not allowed:
        abort(403)


def _closed_message(program: Program) -> str | None:
    """Why committee changes are refused now, or None while nominations are open."""
    try:
        services.check_nominations_open(program, utcnow())
    except DomainError as error:
        return error.message
    return None


def _detail_url(nomination: Nomination) -> str:
    return url_for("nominations.detail", nomination_id=nomination.id)


def _detail(nomination: Nomination):
    return redirect(_detail_url(nomination))


@bp.get("/programs/<slug>/nominations")
def dashboard(slug: str):
    program = load_program(slug)
    if not permissions.can_view_committee_dashboard(current_user, program):
        if permissions.can_view_inbox(current_user, program):
            return redirect(url_for("review.inbox_page", slug=slug))
        abort(403)
    entries, now = [], utcnow()
    if current_user.organization_id is not None:
        entries = inbox.committee_entries(current_user.organization_id, program)
    close = program.nominations_close_at
    time_left = format_timedelta(close - now, add_direction=True) if close and close > now else ""
    return render_template(
        "nominations/dashboard.html", program=program, entries=entries,
        missing={entry.id: services.missing_items(entry) for entry in entries},
        comments=history.organizer_comments(entries),
        is_open=services.nominations_are_open(program, now), now=now, time_left=time_left,
        can_create=permissions.can_create_nomination(current_user, program),
    )  # fmt: skip


def _category_choices(program: Program, kind: str | None) -> list[tuple[int, str]]:
    return [(c.id, c.display_title) for c in program.categories if kind in (None, c.nominee_kind)]


def _load_category(program: Program, category_id) -> Category | None:
    category = db.session.get(Category, category_id) if category_id else None
    return category if category is not None and category.program_id == program.id else None


@bp.route("/programs/<slug>/nominations/new", methods=["GET", "POST"])
def new(slug: str):
    program = load_program(slug)
    _require(permissions.can_create_nomination(current_user, program))
    if closed := _closed_message(program):
        flash(closed, "error")
        return redirect(url_for("nominations.dashboard", slug=slug))
    category = _load_category(program, request.args.get("category", type=id_arg))
    if category is None:
        return render_template("nominations/choose_category.html", program=program)
    form = NominationForm(category=category.id)
    form.keep_fields_for(category.nominee_kind)
    form.category.choices = _category_choices(program, category.nominee_kind)
    if form.validate_on_submit() and (
        done := commit_or_show(
            form,
            lambda: services.create_nomination(
                program=program, category=_load_category(program, form.category.data),
                actor=current_user, **form.service_fields(),
            ),
            success=_("The draft has been saved. Attach documents, then submit it."),
            target=_detail_url,
        )
    ):  # fmt: skip
        return done
    return render_template(
        "nominations/form.html", form=form, program=program, category=category, nomination=None
    )


def _form_for(nomination: Nomination) -> NominationForm:
    form = NominationForm(obj=nomination, category=nomination.category_id)
    form.keep_fields_for(nomination.nominee_kind)
    form.category.choices = _category_choices(nomination.program, nomination.nominee_kind)
    if request.method == "GET":
        for name in ("team_members", "achievements"):
            if name in form:
                form[name].data = "\n".join(getattr(nomination, name))
        if "person_name" in form:
            for sub in form.person_name:
                sub.data = nomination.person_name_texts.get(sub.short_name, "")
    return form


@bp.route("/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
def edit(nomination_id: int):
    nomination = load_nomination(nomination_id)
    _require(permissions.can_edit_nomination(current_user, nomination))
    if closed := _closed_message(nomination.program):
        flash(closed, "error")
        return _detail(nomination)
    form = _form_for(nomination)
    if form.validate_on_submit() and (
        done := commit_or_show(
            form,
            lambda: services.update_nomination(
                nomination=nomination, actor=current_user,
                category=_load_category(nomination.program, form.category.data),
                **form.service_fields(),
            ),
            success=_("The entry has been saved."), target=_detail_url,
        )
    ):  # fmt: skip
        return done
    return render_template(
        "nominations/form.html", form=form, program=nomination.program,
        category=nomination.category, nomination=nomination,
    )  # fmt: skip


@bp.get("/nominations/<int:nomination_id>")
def detail(nomination_id: int):
    nomination = load_nomination(nomination_id)
    user, program = current_user, nomination.program
    duplicates = []
    if permissions.can_review_nomination(user, nomination):
        duplicates = inbox.duplicates_in(program).get(nomination.id, [])
    merge_form = MergeForm()
    merge_form.other.choices = [
        (other.id, f"#{other.id} {other.nominee_name}") for other in duplicates
    ]
    can_link = permissions.can_link_organization(user, nomination)
    suggestions = inbox.organization_suggestions(program, [nomination]) if can_link else {}
    can_see_log = permissions.can_view_audit_log(user, nomination)
    return render_template(
        "nominations/detail.html", nomination=nomination, program=program,
        is_open=services.nominations_are_open(program, utcnow()),
        missing=services.missing_items(nomination), duplicates=duplicates,
        can_edit=permissions.can_edit_nomination(user, nomination),
        can_withdraw=permissions.can_withdraw_nomination(user, nomination),
        can_review=permissions.can_review_nomination(user, nomination),
        can_see_log=can_see_log,
        history=history.history_lines(nomination) if can_see_log else [],
        organizer_comment=history.organizer_comment(nomination),
        document_form=DocumentForm(), confirm_form=ConfirmForm(), return_form=ReturnForm(),
        reject_form=RejectForm(), merge_form=merge_form, can_link=can_link,
        suggestions=suggestions.get(nomination.id, []), link_form=LinkOrganizationForm(),
    )  # fmt: skip


def _run(action, nomination: Nomination, success: str):
    """Call one service; commit and say so, or show its refusal. Back to the entry either way."""
    return commit_or_flash(action, success=success, target=_detail_url(nomination))


@bp.post("/nominations/<int:nomination_id>/submit")
def submit(nomination_id: int):
    nomination = load_nomination(nomination_id)
    _require(permissions.can_submit_nomination(current_user, nomination))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    service = services.submit_nomination
    if nomination.state == NominationState.RETURNED:
        service = services.resubmit_nomination
    return _run(
        lambda: service(nomination=nomination, actor=current_user),
        nomination, _("The entry has been submitted to the organizers."),
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/withdraw")
def withdraw(nomination_id: int):
    nomination = load_nomination(nomination_id)
    _require(permissions.can_withdraw_nomination(current_user, nomination))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _run(
        lambda: services.withdraw_nomination(nomination=nomination, actor=current_user),
        nomination, _("The entry has been withdrawn."),
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/documents")
def upload(nomination_id: int):
    nomination = load_nomination(nomination_id)
    _require(permissions.can_change_documents(current_user, nomination))
    form = DocumentForm()
    if not form.validate_on_submit():
        for error in form.file.errors or [_("Choose a file.")]:
            flash(error, "error")
        return _detail(nomination)
    upload = form.file.data
    return _run(
        lambda: documents.add_document(
            nomination=nomination, actor=current_user, stream=upload.stream,
            filename=upload.filename,
        ),
        nomination, _("The document has been attached."),
    )  # fmt: skip


@bp.get("/nominations/<int:nomination_id>/documents/<int:document_id>")
def download(nomination_id: int, document_id: int):
    document = load_document(load_nomination(nomination_id), document_id)
    if not permissions.can_download_document(current_user, document):
        abort(404)
    return send_document(document, inline=request.args.get("inline") == "1")


@bp.post("/nominations/<int:nomination_id>/documents/<int:document_id>/delete")
def remove_document(nomination_id: int, document_id: int):
    nomination = load_nomination(nomination_id)
    document = load_document(nomination, document_id)
    _require(permissions.can_change_documents(current_user, nomination))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _run(
        lambda: documents.remove_document(document=document, actor=current_user),
        nomination, _("The document has been removed."),
    )  # fmt: skip
