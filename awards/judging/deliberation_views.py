"""The jury's deliberation seen from the organizer's side: an entry's discussion, and when a
category's jurors see each other's scores."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.judging import discussion, permissions
from awards.judging.forms import DiscussionForm
from awards.judging.panel import juror_letters
from awards.judging.views import load_entry
from awards.pages import commit_or_flash, commit_or_show
from awards.programs.loaders import load_category, load_program
from awards.redirects import safe_next

bp = Blueprint("deliberation", __name__, url_prefix="/programs/<slug>/jury")


@bp.before_request
@login_required
def _require_login():
    """Every deliberation page needs a logged-in user."""


@bp.route("/nominations/<int:nomination_id>/discussion", methods=["GET", "POST"])
def thread(slug: str, nomination_id: int):
    nomination = load_entry(slug, nomination_id)
    if not permissions.can_discuss(current_user, nomination):
        abort(403)
    form = DiscussionForm()
    here = url_for("deliberation.thread", slug=slug, nomination_id=nomination.id)
    if form.validate_on_submit() and (
        done := commit_or_show(
            form,
            lambda: discussion.post_message(
                nomination=nomination, actor=current_user, text=form.text.data
            ),
            success=_("Your message has been posted."),
            target=here + "#discussion",
        )
    ):
        return done
    return render_template(
        "jury/discussion.html", program=nomination.program, nomination=nomination,
        messages=discussion.thread(nomination), letters=juror_letters(nomination),
        **permissions.juror_labels(current_user, nomination.program),
        discussion_form=form, discussion_action=here,
        manage=permissions.can_manage_jury(current_user, nomination.program),
    )  # fmt: skip


@bp.post("/categories/<int:category_id>/reveal")
def reveal(slug: str, category_id: int):
    program = load_program(slug, can=permissions.can_manage_jury)
    category = load_category(program, category_id)
    back = safe_next(
        request.form.get("next"), url_for("jury.category_page", slug=slug, category_id=category.id)
    )
    # The form is CSRF-checked by the app; the service refuses a policy it does not know.
    return commit_or_flash(
        lambda: discussion.set_reveal_scores(
            category=category, policy=request.form.get("policy", ""), actor=current_user
        ),
        success=_("Saved: when jurors see each other's scores."),
        target=back,
    )
