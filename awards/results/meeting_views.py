"""The organizer's meeting list: the entries the jury should discuss, category by category."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.judging.discussion import message_counts
from awards.judging.matrix import nominations_by_id
from awards.judging.panel import letters_of_entries
from awards.pages import commit_or_show
from awards.paging import page_number, paginate_list
from awards.programs.loaders import load_program
from awards.results import meeting, permissions
from awards.results.disagreement import SIGMA_FLOOR
from awards.results.forms import ThresholdForm

bp = Blueprint("meeting", __name__)


def _threshold(text: str | None):
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else text


@bp.route("/programs/<slug>/results/discussion", methods=["GET", "POST"])
@login_required
def index(slug: str):
    program = load_program(slug, can=permissions.can_view_meeting_list)
    form = ThresholdForm()
    if request.method == "GET":
        form.threshold.data = str(program.disagreement_threshold)
    elif permissions.can_decide_results(current_user, program) and form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: meeting.set_disagreement_threshold(
                program=program, threshold=_threshold(form.threshold.data), actor=current_user
            ),
            success=_("Saved: the spread that flags an entry for discussion."),
            target=url_for("meeting.index", slug=slug),
        )
        if done:
            return done
    flagged = meeting.flagged_in_program(program)
    page = paginate_list(flagged, number=page_number(request.args))
    ids = [row.nomination_id for row in page]
    return render_template(
        "results/meeting.html", program=program, page=page, form=form,
        categories={category.id: category for category in meeting.categories_of(program)},
        entries=nominations_by_id(ids), counts=message_counts(ids),
        letters=letters_of_entries(ids, program.id), sigma_floor=SIGMA_FLOOR,
    )  # fmt: skip
