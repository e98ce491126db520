"""Results pages: the organizer's ranking and decisions, committees' outcomes, the public list."""

import re
from statistics import fmean

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from awards.audit import queries as audit_queries
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import current_language
from awards.mail import external_url
from awards.nominations.models import Nomination, NominationState
from awards.pages import commit_or_flash, commit_or_show
from awards.paging import page_number, paginate_list, search_text
from awards.programs import services as program_services
from awards.programs.loaders import load_category, load_program
from awards.results import frozen, letters, permissions, public_markup, services, votes
from awards.results.chart import MOST_ROWS, distribution_chart, scorecard_chart
from awards.results.disagreement import flagged_entries
from awards.results.forms import ButtonForm, ConfirmForm, MethodForm, UnfreezeForm
from awards.results.own_distribution import own_distributions
from awards.results.ranking import category_results, how_sure
from awards.results.ranking_page import ranking_page
from awards.routing import id_arg

bp = Blueprint("results", __name__)


def load_for_organizer(slug: str):
    """The program for its results pages: its organizers and the jury's chair."""
    return load_program(slug, can=permissions.can_view_results)


def load_for_deciding(slug: str):
    """The program for the organizers' own decisions: method, unfreezing, publishing."""
    return load_program(slug, can=permissions.can_decide_results)


@bp.get("/programs/<slug>/results")
@login_required
def overview(slug: str):
    program = load_for_organizer(slug)
    snapshots = services.current_snapshots(program.categories)
    events = audit_queries.program_log(
        program=program, kinds=services.DECISION_SUBJECTS, actions=services.DECISIONS
    )
    return render_template(
        "results/overview.html", program=program, snapshots=snapshots, events=events,
        categories={category.id: category for category in program.categories},
        method_form=MethodForm(method=program.scoring_method), button=ButtonForm(),
        can_decide=permissions.can_decide_results(current_user, program),
    )  # fmt: skip


JUDGES_PER_PAGE = 20


def _mean_total(row) -> float | None:
    return fmean(row.totals) if row.totals else None


def _charts(results, zone, names):
    """(dot chart, distribution): one row of dots per entry for a small category, the
    distribution of mean totals above chart.MOST_ROWS entries; the other is None."""
    if len(results.rows) <= MOST_ROWS:
        rows = [(names[row.nomination.id], row.totals, _mean_total(row)) for row in results.rows]
        return scorecard_chart(rows), None
    threshold = _mean_total(zone[-1]) if zone else None
    return None, distribution_chart([_mean_total(row) for row in results.rows], threshold)


def _confirm_form(results, category, names: dict[int, str]) -> ConfirmForm:
    """Its choices are every scored entry (whichever rows the page shows); on a first visit the
    top ``max_laureates`` of them (all of them without a limit) are chosen."""
    form = ConfirmForm()
    scored = [row for row in results.rows if row.score is not None]
    form.laureates.choices = [
        SelectChoice(str(row.nomination.id), names[row.nomination.id]) for row in scored
    ]
    if request.method == "GET":
        limit = category.max_laureates or len(scored)
        form.laureates.data = [row.nomination.id for row in scored[:limit]]
    return form


VOTE_NAME = re.compile(r"vote-(\d+)-(\d+)")
DISSENT_NAME = re.compile(r"dissent-(\d+)")


def decision_input(form_data) -> tuple[dict, dict]:
    """The vote table as typed: {(nomination id, judge id): vote}, {judge id: dissent}."""
    given, dissents = {}, {}
    for name, value in form_data.items():
        if match := VOTE_NAME.fullmatch(name):
            given[int(match[1]), int(match[2])] = value
        elif match := DISSENT_NAME.fullmatch(name):
            dissents[int(match[1])] = value
    return given, dissents


# A category without a limit chooses every scored entry at first: past this many laureates
# the page offers no vote table (a hundred jurors times thousands of columns).
MOST_VOTE_COLUMNS = 20


def _vote_table(category, results, chosen: list[int], form) -> dict | None:
    """The jurors (rows), the chosen laureates (columns), who is recused from which, and
    what each cell holds (as typed, or 'for' on a first visit)."""
    if not chosen:
        return None
    if len(chosen) > MOST_VOTE_COLUMNS:
        return {"too_many": MOST_VOTE_COLUMNS, "open": bool(form.votes.errors)}
    entries = {row.nomination.id: row.nomination for row in results.rows}
    laureates = [entries[n] for n in chosen if n in entries]
    panel = votes.category_panel(category)
    given, dissents = decision_input(request.form) if request.method == "POST" else ({}, {})
    return {
        "laureates": laureates, "panel": panel,
        "recused": votes.recusals(panel, laureates), "given": given, "dissents": dissents,
        "open": bool(form.record_votes.data or form.votes.errors or form.dissents.errors),
    }  # fmt: skip


def _confirm(category, form):
    """Confirm with the vote table when asked to record it. Columns of laureates no longer
    chosen are dropped (the table shows the new ones again); a filled-in table without the
    box ticked is refused rather than silently left out."""
    given, dissents = decision_input(request.form)
    chosen = form.laureates.data
    if not form.record_votes.data:
        if any(vote != "for" for vote in given.values()) or any(
            t.strip() for t in dissents.values()
        ):
            message = _("Tick “Record the jury's votes” to keep the votes and opinions typed in, "
                        "or set them back.")  # fmt: skip
            raise DomainError(message, fields={"votes": message})
        given = dissents = None
    else:
        given = {key: vote for key, vote in given.items() if key[0] in chosen}
    return services.confirm_laureates(
        category=category, actor=current_user, chosen=chosen, reason=form.reason.data,
        votes=given, dissents=dissents,
        degrees={n: d for n, d in _degree_changes().items() if n in chosen},
    )  # fmt: skip


def _live_results(snapshot, results):
    """The live results by the snapshot's method, reusing the page's when it is the same."""
    if snapshot is None or snapshot.method == results.method:
        return results
    return category_results(snapshot.category, snapshot.method)


def _page_context(program, category, results, snapshot, form, names) -> dict:
    ranking = ranking_page(
        results.rows, zone_size=category.max_laureates or 0,
        number=page_number(request.args), query=search_text(request.args),
    )  # fmt: skip
    chosen = [number for number in (form.laureates.data or []) if isinstance(number, int)]
    shown = {row.nomination.id for row in ranking.rows}
    chart, distribution = _charts(results, ranking.zone, names)
    live = _live_results(snapshot, results)
    return {
        "ranking": ranking, "chosen": set(chosen),
        "chosen_elsewhere": [(n, names[n]) for n in chosen if n not in shown and n in names],
        "judges": paginate_list(
            results.judges, number=page_number(request.args, "judges_page"),
            per_page=JUDGES_PER_PAGE,
        ),
        "criteria": sorted(category.criteria, key=lambda c: c.weight, reverse=True),
        "snapshot_laureates": (
            {item["nomination_id"] for item in snapshot.content["laureates"]} if snapshot else set()
        ),
        "stale": snapshot is not None and services.snapshot_is_stale(snapshot, live=live),
        "changes": frozen.ranking_changes(snapshot, live=live) if snapshot is not None else None,
        "chart": chart, "distribution": distribution,
        "official": results.method == program.scoring_method,
        "sure": how_sure(results), "names": names,
        "vote_table": None if snapshot else _vote_table(category, results, chosen, form),
        "tallies": votes.tallies(snapshot.content) if snapshot else {},
        "vote_grid": votes.vote_grid(snapshot.content) if snapshot else ([], {}),
        "can_decide": permissions.can_decide_results(current_user, program),
        **_degree_context(category, results, snapshot),
        "flags": flagged_entries(results.totals, threshold=program.disagreement_threshold),
    }  # fmt: skip


def _degree_context(category, results, snapshot) -> dict:
    """What the rule proposes for each scored entry were it a laureate (by rank: its place in
    the ranking), the degree each chose on this form, and the frozen laureates' degrees."""
    scored = [row.nomination.id for row in results.rows if row.score is not None]
    frozen = snapshot.content["laureates"] if snapshot else []
    return {
        "degrees_given": category.degree_rule != "none",
        "proposed": services.proposed_degrees(category, results, scored),
        "degree_choices": _degree_changes(),
        "frozen_degrees": {item["nomination_id"]: item.get("degree") for item in frozen},
    }


def _degree_changes() -> dict[int, int]:
    """The confirm form's degrees the organizer chose instead of the proposal ({laureate:
    degree, 0 for none}); an empty choice keeps the proposal."""
    changes = {}
    for key, value in request.form.items():
        if key.startswith("degree-") and value in ("0", "1", "2", "3"):
            try:
                changes[id_arg(key.removeprefix("degree-"))] = int(value)
            except ValueError:
                continue
    return changes


@bp.route("/programs/<slug>/results/<int:category_id>", methods=["GET", "POST"])
@login_required
def category(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    method = request.args.get("method")
    results = category_results(category, method if method in services.METHODS else None)
    snapshot = services.current_snapshot(category)
    names = {row.nomination.id: row.nomination.nominee_name for row in results.rows}
    form = _confirm_form(results, category, names)
    if request.method == "POST":
        if not permissions.can_record_decision(current_user, category):
            abort(403)
        if form.validate_on_submit() and (
            done := commit_or_show(
                form,
                lambda: _confirm(category, form),
                success=_("The laureates are confirmed and the results frozen."),
                target=url_for(
                    "results.category", slug=slug, category_id=category.id,
                    **request.args.to_dict(),
                ),
            )
        ):  # fmt: skip
            return done
    return render_template(
        "results/category.html", program=program, category=category, results=results,
        snapshot=snapshot, form=form, unfreeze_form=UnfreezeForm(),
        **_page_context(program, category, results, snapshot, form, names),
    )  # fmt: skip


@bp.post("/programs/<slug>/results/<int:category_id>/unfreeze")
@login_required
def unfreeze(slug: str, category_id: int):
    program = load_for_deciding(slug)
    category = load_category(program, category_id)
    form = UnfreezeForm()
    target = url_for("results.category", slug=slug, category_id=category.id)
    if not form.validate_on_submit():
        flash(_("Say why the results are unfrozen."), "error")
        return redirect(target)
    return commit_or_flash(
        lambda: services.unfreeze_results(
            category=category, actor=current_user, reason=form.reason.data
        ),
        success=_("The results are unfrozen; confirm the laureates again."),
        target=target,
    )


@bp.post("/programs/<slug>/results/method")
@login_required
def method(slug: str):
    program = load_for_deciding(slug)
    form = MethodForm()
    target = url_for("results.overview", slug=slug)
    back = request.form.get("back", type=id_arg)
    if back is not None:
        target = url_for("results.category", slug=slug, category_id=back)
    if not form.validate_on_submit():
        return redirect(target)
    return commit_or_flash(
        lambda: program_services.update_program(
            program=program, actor=current_user, scoring_method=form.method.data
        ),
        success=_("The scoring method has been changed."),
        target=target,
    )


def _publication(slug: str, action, message: str):
    program = load_for_deciding(slug)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: action(program=program, actor=current_user),
        success=message,
        target=url_for("results.overview", slug=slug),
    )


@bp.post("/programs/<slug>/results/publish")
@login_required
def publish(slug: str):
    return _publication(slug, services.publish_results, _("The results are public."))


@bp.post("/programs/<slug>/results/unpublish")
@login_required
def unpublish(slug: str):
    return _publication(slug, services.unpublish_results, _("The results are no longer public."))


@bp.get("/programs/<slug>/results/ours")
@login_required
def ours(slug: str):
    program = load_program(slug)
    if not permissions.can_view_own_outcomes(current_user, program):
        abort(403)
    laureates = {
        item["nomination_id"]
        for _category, items in services.published_laureates(program)
        for item in items
    }
    entries = db.session.scalars(
        select(Nomination)
        .where(
            Nomination.program_id == program.id,
            Nomination.submitting_organization_id == current_user.organization_id,
            Nomination.state == NominationState.ACCEPTED,
            Nomination.is_practice.is_(False),
        )
        .order_by(Nomination.category_id, Nomination.id)
    ).all()
    return render_template(
        "results/ours.html", program=program, entries=entries, laureates=laureates,
        released=letters.released_entries(program),
    )  # fmt: skip


@bp.get("/programs/<slug>/results/my-totals")
@login_required
def my_totals(slug: str):
    program = load_program(slug)
    if not permissions.can_view_own_distribution(current_user, program):
        abort(403)
    return render_template(
        "results/my_totals.html", program=program,
        distributions=own_distributions(current_user, program),
    )  # fmt: skip


@bp.get("/results/<slug>")
def public(slug: str):
    program = program_services.get_program_by_slug(slug)
    if program is None or not permissions.can_view_public_results(program):
        abort(404)
    laureates = services.published_laureates(program)
    markup = public_markup.program_markup(
        program,
        laureates,
        url=external_url("results.public", slug=program.slug),
        language=current_language(),
    )
    return render_template(
        "results/public.html", program=program, laureates=laureates, markup=markup
    )
