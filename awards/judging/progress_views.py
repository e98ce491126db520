"""The organizer's judging progress: totals per category, the judges a page at a time, one
judge's missing scorecards, and reminders. Its pages belong to the jury blueprint."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from awards import paging
from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import jobs, permissions, practice, progress
from awards.judging.forms import ConfirmForm
from awards.judging.jury_views import bp, load_for_organizer
from awards.pages import committed
from awards.programs.models import Program
from awards.redirects import safe_next
from awards.routing import id_arg


def _progress_page(slug: str) -> str:
    return url_for("jury.progress_page", slug=slug)


def _back(slug: str) -> str:
    """The page that sent the form, as it was filtered, when it said so (a path on this site)."""
    return safe_next(request.form.get("next"), _progress_page(slug))


def _program_judge(program: Program, judge_id: int) -> User:
    judge = db.session.get(User, judge_id)
    if judge is None or not permissions.is_judge(judge, program):
        abort(404)
    return judge


def _category_id(program: Program) -> int | None:
    """The category asked for in ``?category=``, when it is one of the program's."""
    category_id = request.args.get("category", type=id_arg)
    return category_id if category_id in {c.id for c in program.categories} else None


@bp.get("/progress")
def progress_page(slug: str):
    program = load_for_organizer(slug)
    category_id = _category_id(program)
    search, behind = paging.search_text(request.args), request.args.get("behind") == "1"
    sort, descending = paging.sort_key(request.args, tuple(progress.JUDGE_SORTS))
    tallies = progress.jury_tallies(program)
    rows = progress.judge_rows(
        program, tallies, category_id=category_id, search=search, behind=behind, sort=sort,
        descending=descending,
    )  # fmt: skip
    totals = progress.program_totals(tallies)
    return render_template(
        "jury/progress.html", program=program, per_category=progress.category_totals(tallies),
        totals=totals, anyone_behind=totals.judges_behind > 0, confirm=ConfirmForm(),
        judges=paging.paginate_list(rows, number=paging.page_number(request.args)),
        category_id=category_id, search=search, behind=behind, sort=sort, descending=descending,
        practice=practice.practice_tallies(program),
    )  # fmt: skip


@bp.get("/progress/judges/<int:judge_id>")
def judge_progress(slug: str, judge_id: int):
    program = load_for_organizer(slug)
    judge, category_id = _program_judge(program, judge_id), _category_id(program)
    per_category = progress.category_totals(progress.jury_tallies(program, judge=judge))
    entries = paging.paginate(
        progress.missing_entries_query(program, judge, category_id=category_id),
        number=paging.page_number(request.args), scalars=False,
    )  # fmt: skip
    return render_template(
        "jury/judge_progress.html", program=program, judge=judge, entries=entries,
        category_id=category_id, per_category=per_category,
        categories={category.id: category for category in program.categories},
        reminders=progress.last_reminders(program, judge), confirm=ConfirmForm(),
    )  # fmt: skip


@bp.post("/progress/remind/<int:judge_id>")
def remind(slug: str, judge_id: int):
    program = load_for_organizer(slug)
    judge = _program_judge(program, judge_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    missing = committed(
        lambda: progress.send_reminder(program=program, judge=judge, actor=current_user)
    )
    if missing:
        flash(_("A reminder has been sent to %(judge)s.", judge=judge.display_name), "success")
    else:
        flash(_("%(judge)s has nothing left to score.", judge=judge.display_name), "info")
    return redirect(_back(slug))


@bp.post("/progress/remind-all")
def remind_all(slug: str):
    """Reminds every judge of the program who is behind, whatever the page showed."""
    program = load_for_organizer(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not progress.anyone_behind(program):
        flash(_("No judge has a scorecard missing: there is nobody to remind."), "info")
        return redirect(_back(slug))
    try:
        job = committed(lambda: jobs.start_reminders(program=program, actor=current_user))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_back(slug))
    return redirect(url_for("jobs.show", job_id=job.id))
