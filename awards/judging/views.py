"""The judge's workspace: the queue, a nomination with its documents, and the scorecard."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.extensions import db
from awards.formats import plain_number
from awards.i18n import utcnow
from awards.judging import conflicts, discussion, permissions, practice, rounds, scoring
from awards.judging.forms import ConflictForm, DiscussionForm, scorecard_form_class
from awards.judging.panel import juror_letters, panel_scorecards
from awards.judging.progress import judge_queue, next_to_score
from awards.nominations.loaders import send_document
from awards.nominations.models import Document, Nomination
from awards.pages import commit_or_flash, commit_or_show
from awards.programs.loaders import load_program
from awards.routing import id_arg

bp = Blueprint("judging", __name__, url_prefix="/programs/<slug>/judging")


@bp.before_request
@login_required
def _require_login():
    """Every judging page needs a logged-in user."""


def load_entry(slug: str, nomination_id: int) -> Nomination:
    """The program's nomination, or 404; the caller checks what the user may do with it."""
    program = load_program(slug)
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination.program_id != program.id:
        abort(404)
    return nomination


def load_for_judge(slug: str, nomination_id: int) -> Nomination:
    """The nomination, or 404 unless this judge is assigned to it without a conflict."""
    nomination = load_entry(slug, nomination_id)
    if not permissions.can_judge_nomination(current_user, nomination):
        abort(404)
    return nomination


@bp.get("/")
def queue(slug: str):
    program = load_program(slug)
    if not permissions.can_view_queue(current_user, program):
        abort(403)
    items = judge_queue(current_user, program)
    # The practice entries never count, not even in the judge's own tally.
    real = [item for item in items if not item.nomination.is_practice]
    done = sum(1 for item in real if item.status == "submitted")
    pending = {item.nomination.category_id for item in real if item.status != "submitted"}
    completed = {item.nomination.category_id for item in real} - pending
    return render_template(
        "judging/queue.html", program=program, items=items, done=done, total=len(real),
        any_category_done=bool(completed),
        judging_open=scoring.judging_is_open(program, utcnow()),
        voting_rounds=rounds.rounds_for_juror(program, current_user),
    )  # fmt: skip


def _scorecard_form(nomination: Nomination, scorecard):
    criteria = nomination.category.criteria
    form = scorecard_form_class(criteria)()
    if request.method == "GET" and scorecard is not None:
        form.version.data = str(scorecard.version)
        form.overall_comment.data = scorecard.overall_comment
        form.comments_shareable.data = scorecard.comments_shareable
        for score in scorecard.scores:
            form[f"points_{score.criterion_id}"].data = plain_number(score.points)
            form[f"comment_{score.criterion_id}"].data = score.comment
    return form


def _save(nomination: Nomination, form, criteria):
    """Save or submit the scorecard; the redirect on success, None to show the form again."""
    try:
        version = id_arg(form.version.data or "")
    except ValueError:  # none yet (a new scorecard), or not a version this database can hold
        version = None
    submitted = form.action.data == "submit"
    slug = nomination.program.slug
    return commit_or_show(
        form,
        lambda: scoring.save_scorecard(
            nomination=nomination, actor=current_user,
            points={c.id: form[f"points_{c.id}"].data for c in criteria},
            comments={c.id: form[f"comment_{c.id}"].data for c in criteria},
            overall_comment=form.overall_comment.data, version=version, submit=submitted,
            comments_shareable=form.comments_shareable.data,
        ),
        success=_("Your scorecard has been submitted.") if submitted else _("Draft saved."),
        target=url_for("judging.queue", slug=slug) if submitted
        else url_for("judging.nomination", slug=slug, nomination_id=nomination.id),
    )  # fmt: skip


def _thread_context(nomination: Nomination, form: DiscussionForm | None = None) -> dict:
    """The discussion below the scorecard, when this judge may take part in it."""
    if not permissions.can_discuss(current_user, nomination):
        return {"messages": None}
    return {
        "messages": discussion.thread(nomination),
        "discussion_form": form or DiscussionForm(),
        "letters": juror_letters(nomination),
        **permissions.juror_labels(current_user, nomination.program),
    }


def _render_nomination(nomination: Nomination, form, discussion_form=None):
    scorecard = scoring.find_scorecard(current_user, nomination)
    now = utcnow()
    revealed = permissions.can_see_panel_scores(current_user, nomination, now=now)
    return render_template(
        "judging/nomination.html", program=nomination.program, nomination=nomination,
        scorecard=scorecard, form=form, criteria=nomination.category.criteria,
        conflict_form=ConflictForm(),
        show_nominators=permissions.can_see_nominators(current_user, nomination),
        judging_open=scoring.judging_is_open(nomination.program, now),
        panel=panel_scorecards(nomination, current_user) if revealed else None,
        typed_points=_typed_points(form, nomination.category.criteria),
        next_entry=next_to_score(judge_queue(current_user, nomination.program), nomination.id),
        practice_pending=scoring.practice_pending(current_user, nomination),
        calibration=practice.calibration(current_user, nomination)
        if nomination.is_practice else None,
        **_thread_context(nomination, discussion_form),
    )  # fmt: skip


@bp.route("/<int:nomination_id>", methods=["GET", "POST"])
def nomination(slug: str, nomination_id: int):
    nomination = load_for_judge(slug, nomination_id)
    scorecard = scoring.find_scorecard(current_user, nomination)
    criteria = nomination.category.criteria
    form = _scorecard_form(nomination, scorecard)
    if form.validate_on_submit() and (saved := _save(nomination, form, criteria)):
        return saved
    return _render_nomination(nomination, form)


@bp.post("/<int:nomination_id>/discussion")
def discuss(slug: str, nomination_id: int):
    # The judge's workspace: to anyone who may not judge the entry it does not exist (404); the
    # discussion's own page (deliberation.thread) answers 403 to members who may not discuss.
    nomination = load_for_judge(slug, nomination_id)
    if not permissions.can_discuss(current_user, nomination):
        abort(403)
    form = DiscussionForm()
    target = url_for("judging.nomination", slug=slug, nomination_id=nomination.id)
    if form.validate_on_submit() and (
        done := commit_or_show(
            form,
            lambda: discussion.post_message(
                nomination=nomination, actor=current_user, text=form.text.data
            ),
            success=_("Your message has been posted."),
            target=target + "#discussion",
        )
    ):
        return done
    scorecard = scoring.find_scorecard(current_user, nomination)
    return _render_nomination(nomination, _scorecard_form(nomination, scorecard), form)


def _typed_points(form, criteria) -> dict[int, float | None]:
    """The points in the form, where they are a valid number: the level they fall in is
    marked on the page even without scripts."""
    return {c.id: scoring.parse_points(c, form[f"points_{c.id}"].data)[0] for c in criteria}


@bp.post("/<int:nomination_id>/conflict")
def declare_conflict(slug: str, nomination_id: int):
    nomination = load_for_judge(slug, nomination_id)
    form = ConflictForm()
    if not form.validate_on_submit():
        flash(_("Say briefly why there is a conflict of interest."), "error")
        return redirect(url_for("judging.nomination", slug=slug, nomination_id=nomination.id))
    return commit_or_flash(
        lambda: conflicts.declare_conflict(
            nomination=nomination, actor=current_user, reason=form.reason.data
        ),
        success=_("Conflict of interest recorded. The nomination has left your queue."),
        target=url_for("judging.queue", slug=slug),
    )


@bp.get("/<int:nomination_id>/documents/<int:document_id>")
def document(slug: str, nomination_id: int, document_id: int):
    nomination = load_for_judge(slug, nomination_id)
    document = db.session.get(Document, document_id)
    if document is None or document not in nomination.documents_with_merged:
        abort(404)
    blind = not permissions.can_see_nominators(current_user, nomination)
    return send_document(document, inline=request.args.get("inline") == "1", anonymous=blind)
