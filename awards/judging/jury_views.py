"""The organizer's side of judging: the jury, assignments, conflicts, progress, reopening."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import (
    assignments,
    conflicts,
    matrix,
    permissions,
    practice,
    rounds,
    scoring,
    window,
)
from awards.judging.forms import (
    AssignCategoryForm,
    AssignNominationForm,
    ConfirmForm,
    PossibleConflictForm,
    ProposalForm,
    RecordConflictForm,
    ReopenForm,
    RevealForm,
)
from awards.judging.history import scorecard_history
from awards.judging.models import Assignment, Scorecard
from awards.judging.signals import reopening_warnings
from awards.nominations.models import Nomination
from awards.pages import commit_or_flash, committed
from awards.paging import page_number, paginate, paginate_list, search_text
from awards.programs.loaders import load_category, load_program
from awards.programs.models import Program
from awards.redirects import safe_next

bp = Blueprint("jury", __name__, url_prefix="/programs/<slug>/jury")


@bp.before_request
@login_required
def _require_login():
    """Every jury page needs a logged-in user."""


def load_for_organizer(slug: str) -> Program:
    return load_program(slug, can=permissions.can_manage_jury)


def _judge(program: Program, judge_id: int) -> User:
    judge = db.session.get(User, judge_id)
    if judge is None or judge not in assignments.program_judges(program):
        abort(404)
    return judge


def _nomination(program: Program, nomination_id: int) -> Nomination:
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination.program_id != program.id:
        abort(404)
    return nomination


def _choices(items, label) -> list[SelectChoice]:
    return [SelectChoice(str(item.id), label(item)) for item in items]


def _forms(program: Program, category, judges: list[User] | None = None) -> dict:
    """The category's bulk forms, their choices the program's judges and the category's
    accepted entries (a few hundred: only the category page and the POSTs build them)."""
    judges = assignments.program_judges(program) if judges is None else judges
    judge_choices = _choices(judges, lambda j: j.display_name)
    nomination_choices = _choices(matrix.accepted_entries(category), lambda n: n.nominee_name)
    by_category = AssignCategoryForm(prefix=f"c{category.id}")
    by_category.judge.choices = judge_choices
    single = AssignNominationForm(prefix=f"n{category.id}")
    single.judge.choices, single.nomination.choices = judge_choices, nomination_choices
    conflict = RecordConflictForm(prefix=f"x{category.id}")
    conflict.judge.choices, conflict.nomination.choices = judge_choices, nomination_choices
    reveal = RevealForm(policy=permissions.reveal_policy(category).value)
    return {"by_category": by_category, "single": single, "conflict": conflict, "reveal": reveal}


def _back(default: str) -> str:
    """The page that sent the form, as it was filtered (a path on this site only)."""
    return safe_next(request.form.get("next"), default)


def _page_of(rows: list, ids_to_objects, argument: str = "page"):
    """A page of ``rows`` and the objects its rows stand for, loaded in one statement."""
    page = paginate_list(rows, number=page_number(request.args, argument))
    return page, ids_to_objects([row.id for row in page])


@bp.get("/")
def index(slug: str):
    program = load_for_organizer(slug)
    q, counts = search_text(request.args), matrix.assignment_counts(program)
    judges = matrix.program_judge_rows(program, counts)
    page, users = _page_of(
        matrix.chosen(judges, needle=matrix.search_needle(q)), matrix.users_by_id
    )
    possible = conflicts.possible_conflicts_in(program)
    return render_template(
        "jury/index.html", program=program, judge_count=len(judges), judges=page, users=users,
        q=q, summaries=matrix.category_summaries(program, possible, counts),
    )  # fmt: skip


@bp.get("/categories/<int:category_id>")
def category_page(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    q, flag = search_text(request.args), request.args.get("flag") or None
    flag = flag if flag in matrix.FLAGS else None
    possible = conflicts.possible_conflicts_in(program, category_id=category.id)
    needle, wanted = matrix.search_needle(q), program.judges_per_nomination
    judge_rows = matrix.category_judge_rows(category, possible)
    entry_rows = matrix.category_entry_rows(category, possible)
    judges, users = _page_of(matrix.chosen(judge_rows, needle=needle), matrix.users_by_id, "jpage")
    entries, nominations = _page_of(
        matrix.chosen(entry_rows, needle=needle, flag=flag, wanted=wanted), matrix.nominations_by_id
    )
    possible_page = paginate_list(possible, number=page_number(request.args, "ppage"))
    possible_people = matrix.users_by_id([pair.judge_id for pair in possible_page])
    possible_entries = matrix.nominations_by_id([pair.nomination_id for pair in possible_page])
    program_judges = assignments.program_judges(program)
    return render_template(
        "jury/category.html", program=program, category=category, q=q, flag=flag,
        judges=judges, users=users, entries=entries, nominations=nominations,
        judge_total=len(judge_rows), entry_total=len(entry_rows),
        possible=possible_page, possible_people=possible_people,
        possible_entries=possible_entries, forms=_forms(program, category, program_judges),
        possible_form=PossibleConflictForm(), waiting=rounds.waiting_round(category),
        practice=practice.practice_summary(category),
    )  # fmt: skip


@bp.get("/judges/<int:judge_id>")
def judge_page(slug: str, judge_id: int):
    program = load_for_organizer(slug)
    judge = _judge(program, judge_id)
    given = paginate(matrix.judge_assignments(program, judge), number=page_number(request.args))
    stored = paginate(
        matrix.judge_conflicts(program, judge), number=page_number(request.args, "cpage")
    )
    return render_template(
        "jury/judge.html", program=program, judge=judge, assignments=given, conflicts=stored,
        loads=matrix.judge_loads(program, judge), confirm=ConfirmForm(),
        categories={category.id: category for category in program.categories},
    )  # fmt: skip


@bp.get("/nominations/<int:nomination_id>")
def nomination_page(slug: str, nomination_id: int):
    program = load_for_organizer(slug)
    nomination = _nomination(program, nomination_id)
    judges = assignments.program_judges(program)
    single = AssignNominationForm(prefix=f"n{nomination.category_id}")
    single.judge.choices = _choices(judges, lambda j: j.display_name)
    single.nomination.choices = _choices([nomination], lambda n: n.nominee_name)
    conflict = RecordConflictForm(prefix=f"x{nomination.category_id}")
    conflict.judge.choices = single.judge.choices
    conflict.nomination.choices = single.nomination.choices
    return render_template(
        "jury/nomination.html", program=program, nomination=nomination,
        assignments=matrix.entry_assignments(nomination),
        conflicts=matrix.entry_conflicts(nomination),
        states=matrix.scorecard_states(nomination), confirm=ConfirmForm(),
        single=single, conflict=conflict,
    )  # fmt: skip


def _jury_page(slug: str) -> str:
    return url_for("jury.index", slug=slug)


def _category_page(slug: str, category) -> str:
    """Where a category's forms return: the page that sent them, else the category's page."""
    return _back(url_for("jury.category_page", slug=slug, category_id=category.id))


@bp.post("/categories/<int:category_id>/assign-all")
def assign_category(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    form = _forms(program, category)["by_category"]
    if not form.validate_on_submit():
        abort(400)
    judge = _judge(program, form.judge.data)
    added, skipped = committed(
        lambda: assignments.assign_to_category(category=category, judge=judge, actor=current_user)
    )
    flash(_("%(judge)s now scores %(added)d nominations; %(skipped)d skipped for conflicts.",
            judge=judge.display_name, added=added, skipped=skipped), "success")  # fmt: skip
    return redirect(_category_page(slug, category))


@bp.post("/categories/<int:category_id>/assign")
def assign_one(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    form = _forms(program, category)["single"]
    if not form.validate_on_submit():
        abort(400)
    nomination, judge = _nomination(program, form.nomination.data), _judge(program, form.judge.data)
    return commit_or_flash(
        lambda: assignments.assign_judge(nomination=nomination, judge=judge, actor=current_user),
        success=_("The judge has been assigned."),
        target=_category_page(slug, category),
    )


@bp.post("/assignments/<int:assignment_id>/remove")
def unassign(slug: str, assignment_id: int):
    program = load_for_organizer(slug)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.nomination.program_id != program.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: assignments.unassign(assignment=assignment, actor=current_user),
        success=_("The assignment has been removed."),
        target=_back(_jury_page(slug)),
    )


@bp.post("/categories/<int:category_id>/conflicts")
def record_conflict(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    form = _forms(program, category)["conflict"]
    if not form.validate_on_submit():
        flash(_("Say briefly why there is a conflict of interest."), "error")
        return redirect(_category_page(slug, category))
    nomination, judge = _nomination(program, form.nomination.data), _judge(program, form.judge.data)
    return commit_or_flash(
        lambda: conflicts.record_conflict(
            nomination=nomination, judge=judge, actor=current_user, reason=form.reason.data
        ),
        success=_("The conflict of interest has been recorded."),
        target=_category_page(slug, category),
    )


@bp.post("/categories/<int:category_id>/possible-conflicts")
def record_possible_conflict(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    form = PossibleConflictForm()
    if not form.validate_on_submit():
        abort(400)
    nomination = _nomination(program, form.nomination.data)
    if nomination.category_id != category.id:
        abort(404)
    judge = _judge(program, form.judge.data)
    found = conflicts.possible_conflicts([judge], [nomination])
    if not found:
        flash(_("This is no longer a possible conflict of interest."), "info")
        return redirect(_category_page(slug, category))
    return commit_or_flash(
        lambda: conflicts.record_conflict(
            nomination=nomination, judge=judge, actor=current_user, reason=found[0].reason
        ),
        success=_("The conflict of interest has been recorded."),
        target=_category_page(slug, category),
    )


@bp.route("/categories/<int:category_id>/proposal", methods=["GET", "POST"])
def proposal(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    form = ProposalForm()
    if form.validate_on_submit():
        try:
            added = committed(
                lambda: assignments.apply_proposal(
                    category=category, actor=current_user, fingerprint=form.fingerprint.data
                )
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("%(n)d assignments have been saved.", n=added), "success")
            return redirect(url_for("jury.category_page", slug=slug, category_id=category.id))
    pairs = assignments.propose_for_category(category)
    form.fingerprint.data = assignments.proposal_fingerprint(pairs)
    return render_template(
        "jury/proposal.html", program=program, category=category, pairs=pairs, form=form
    )


@bp.get("/nominations/<int:nomination_id>/history")
def history(slug: str, nomination_id: int):
    program = load_for_organizer(slug)
    nomination = _nomination(program, nomination_id)
    cards = db.session.scalars(select(Scorecard).filter_by(nomination_id=nomination.id)).all()
    return render_template(
        "jury/history.html", program=program, nomination=nomination, scorecards=cards,
        events=scorecard_history(nomination, cards), reopen_form=ReopenForm(),
        reopenable={c.id for c in cards if permissions.can_reopen_scorecard(current_user, c)},
    )  # fmt: skip


@bp.post("/scorecards/<int:scorecard_id>/reopen")
def reopen(slug: str, scorecard_id: int):
    program = load_for_organizer(slug)
    scorecard = db.session.get(Scorecard, scorecard_id)
    if scorecard is None or scorecard.nomination.program_id != program.id:
        abort(404)
    form = ReopenForm()
    target = url_for("jury.history", slug=slug, nomination_id=scorecard.nomination_id)
    if not permissions.can_reopen_scorecard(current_user, scorecard):
        flash(
            _(
                "This scorecard cannot be reopened: its judge is no longer assigned "
                "or has a conflict of interest."
            ),
            "error",
        )
        return redirect(target)
    if not form.validate_on_submit():
        flash(_("Say why the scorecard is reopened."), "error")
        return redirect(target)
    warnings = reopening_warnings(scorecard)
    if warnings and form.confirmed.data != "yes":
        return render_template(
            "jury/reopen_confirm.html", program=program, scorecard=scorecard, form=form,
            warnings=warnings, back=target,
        )  # fmt: skip
    return commit_or_flash(
        lambda: scoring.reopen_scorecard(
            scorecard=scorecard, actor=current_user, reason=form.reason.data
        ),
        success=_("The scorecard has been reopened; the judge can change it again."),
        target=target,
    )


def _for_window(slug: str) -> Program:
    program = load_program(slug, can=permissions.can_open_and_close_judging)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return program


def _to_phase(slug: str):
    return redirect(url_for("programs.detail", slug=slug, _anchor="phase-judging"))


@bp.post("/open")
def open_judging(slug: str):
    program = _for_window(slug)
    try:
        told = committed(lambda: window.open_judging(program=program, actor=current_user))
    except DomainError as error:
        flash(error.message, "error")
    else:
        message = ngettext(
            "Judging is open; %(num)d judge has been told by email.",
            "Judging is open; %(num)d judges have been told by email.", told,
        )  # fmt: skip
        flash(message, "success")
    return _to_phase(slug)


@bp.post("/close")
def close_judging(slug: str):
    program = _for_window(slug)
    return commit_or_flash(
        lambda: window.close_judging(program=program, actor=current_user),
        success=_("Judging is closed."),
        target=url_for("programs.detail", slug=slug, _anchor="phase-judging"),
    )
