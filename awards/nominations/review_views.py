"""Organizer pages: the inbox of a program and the review actions on one entry."""

from contextlib import suppress

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from awards.accounts.models import Organization
from awards.extensions import db
from awards.forms import AppForm
from awards.nominations import inbox, inbox_listing, linking, permissions, services, window
from awards.nominations.forms import (
    BulkReviewForm,
    ConfirmForm,
    LinkOrganizationForm,
    MergeForm,
    RejectForm,
    ReturnForm,
)
from awards.nominations.loaders import load_nomination
from awards.nominations.models import Nomination
from awards.pages import commit_or_flash
from awards.paging import page_number, search_text, sort_key
from awards.programs.loaders import load_program
from awards.redirects import safe_next
from awards.routing import id_arg

bp = Blueprint("review", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every review page needs a logged-in user."""


def _back(default: str) -> str:
    """The page that sent the form, when it said so (a path on this site only)."""
    return safe_next(request.form.get("next"), default)


def _inbox_filter() -> inbox_listing.InboxFilter:
    """The inbox's filters, search and sort from the address; anything unknown is ignored."""
    args = request.args
    state = args.get("state") or None
    flag = args.get("flag") or None
    sort, descending = sort_key(args, inbox_listing.SORTS)
    return inbox_listing.InboxFilter(
        category_id=args.get("category", type=id_arg),
        state=state if state in inbox.INBOX_STATES else None,
        search=search_text(args),
        flag=flag if flag in inbox_listing.FLAGS else None,
        sort=sort, descending=descending,
    )  # fmt: skip


@bp.get("/programs/<slug>/inbox")
def inbox_page(slug: str):
    program = load_program(slug)
    if not permissions.can_view_inbox(current_user, program):
        abort(403)
    wanted = _inbox_filter()
    listing = inbox_listing.inbox_listing(program, wanted, number=page_number(request.args))
    return render_template(
        "nominations/inbox.html", program=program, wanted=wanted, listing=listing,
        link_form=LinkOrganizationForm(), bulk_form=BulkReviewForm(),
    )  # fmt: skip


# More than a page of the inbox can show; beyond it nothing is looked up and the form refuses.
MOST_TICKED = 500


def _ticked_ids() -> list[int]:
    """The ids ticked in the bulk form that can be ids (the form rejects the others)."""
    values = request.form.getlist("entries")
    ids = set()
    for value in values if len(values) <= MOST_TICKED else ():
        with suppress(ValueError):
            ids.add(id_arg(value))
    return sorted(ids)


@bp.post("/programs/<slug>/inbox/review")
def review_many(slug: str):
    """One action for every entry ticked in the inbox; back to the inbox as it was filtered."""
    program = load_program(slug)
    if not permissions.can_view_inbox(current_user, program):
        abort(403)
    target = _back(url_for("review.inbox_page", slug=slug))
    form = BulkReviewForm()
    # Only the ticked entries are looked up: one not waiting is no choice, and the form refuses.
    waiting = inbox.waiting_entries(program, ids=_ticked_ids())
    form.entries.choices = [SelectChoice(entry.id, str(entry.id)) for entry in waiting]
    if not form.validate_on_submit():
        flash(_("Tick entries that are waiting for review, then choose an action."), "error")
        return redirect(target)
    chosen = [entry for entry in waiting if entry.id in set(form.entries.data)]
    if not all(permissions.can_review_nomination(current_user, entry) for entry in chosen):
        abort(403)
    successes = {
        "accept": lambda n: ngettext("%(num)d entry has been accepted.",
                                     "%(num)d entries have been accepted.", n),
        "return": lambda n: ngettext("%(num)d entry has been returned for changes.",
                                     "%(num)d entries have been returned for changes.", n),
        "reject": lambda n: ngettext("%(num)d entry has been rejected.",
                                     "%(num)d entries have been rejected.", n),
    }  # fmt: skip
    return commit_or_flash(
        lambda: services.review_nominations(
            nominations=chosen, action=form.action.data, actor=current_user,
            comment=form.comment.data or "",
        ),
        success=successes[form.action.data](len(chosen)), target=target,
    )  # fmt: skip


def _load_for_review(nomination_id: int) -> Nomination:
    nomination = load_nomination(nomination_id)
    if not permissions.can_review_nomination(current_user, nomination):
        abort(403)
    return nomination


def _after(nomination: Nomination, action, success: str, form=None):
    """Run one service; commit, or show its refusal. Back to the page the action was taken on
    (the inbox, with its filters, sends ``next``), else to the entry, either way."""
    target = _back(url_for("nominations.detail", nomination_id=nomination.id))
    if form is not None and not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(target)
    return commit_or_flash(action, success=success, target=target)


@bp.post("/nominations/<int:nomination_id>/return")
def return_for_changes(nomination_id: int):
    nomination = _load_for_review(nomination_id)
    form = ReturnForm()
    return _after(
        nomination,
        lambda: services.return_nomination(
            nomination=nomination, actor=current_user, comment=form.comment.data
        ),
        _("The entry has been returned to its committee for changes."), form,
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/accept")
def accept(nomination_id: int):
    nomination = _load_for_review(nomination_id)
    return _after(
        nomination, lambda: services.accept_nomination(nomination=nomination, actor=current_user),
        _("The entry has been accepted."), ConfirmForm(),
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/reject")
def reject(nomination_id: int):
    nomination = _load_for_review(nomination_id)
    form = RejectForm()
    return _after(
        nomination,
        lambda: services.reject_nomination(
            nomination=nomination, actor=current_user, reason=form.reason.data
        ),
        _("The entry has been rejected."), form,
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/merge")
def merge(nomination_id: int):
    nomination = _load_for_review(nomination_id)
    duplicates = inbox.duplicates_in(nomination.program).get(nomination.id, [])
    form = MergeForm()
    form.other.choices = [(other.id, str(other.id)) for other in duplicates]
    keep = next((other for other in duplicates if other.id == form.other.data), None)
    return _after(
        nomination,
        lambda: services.merge_nominations(keep=keep, merge=nomination, actor=current_user),
        _("The entries have been merged."), form,
    )  # fmt: skip


def _load_for_linking(nomination_id: int) -> Nomination:
    nomination = _load_for_review(nomination_id)
    if not permissions.can_link_organization(current_user, nomination):
        abort(403)
    return nomination


@bp.post("/nominations/<int:nomination_id>/organization")
def confirm_organization(nomination_id: int):
    nomination = _load_for_linking(nomination_id)
    form = LinkOrganizationForm()
    if not form.validate_on_submit():
        abort(400)
    organization = db.session.get(Organization, form.organization.data)
    if organization is None or not inbox.takes_part(nomination.program, organization):
        abort(404)
    return _after(
        nomination,
        lambda: linking.confirm_organization(
            nomination=nomination, organization=organization, actor=current_user
        ),
        _("Confirmed: this entry is about %(organization)s.",
          organization=organization.display_name),
    )  # fmt: skip


@bp.post("/nominations/<int:nomination_id>/organization/remove")
def unlink_organization(nomination_id: int):
    nomination = _load_for_linking(nomination_id)
    return _after(
        nomination,
        lambda: linking.unlink_organization(nomination=nomination, actor=current_user),
        _("The entry is no longer linked to an organization."), ConfirmForm(),
    )  # fmt: skip


def _window_action(slug: str, action, success: str):
    program = load_program(slug)
    if not permissions.can_open_and_close_nominations(current_user, program):
        abort(403)
    if not AppForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: action(program=program, actor=current_user), success=success,
        target=url_for("programs.detail", slug=slug, _anchor="phase-nominations"),
    )  # fmt: skip


@bp.post("/programs/<slug>/nominations/open")
def open_nominations(slug: str):
    return _window_action(slug, window.open_nominations, _("Nominations are open."))


@bp.post("/programs/<slug>/nominations/close")
def close_nominations(slug: str):
    return _window_action(slug, window.close_nominations, _("Nominations are closed."))
