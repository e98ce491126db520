"""The pages of qualifying rounds: the organizer sets up a category's rounds, follows a round's
tally and decides it (jury blueprint); a juror votes on the round's entries (judging blueprint)."""

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from awards.extensions import db
from awards.i18n import to_local, to_utc, utcnow
from awards.judging import permissions, round_services, rounds
from awards.judging.assignments import program_judges
from awards.judging.forms import ConfirmForm
from awards.judging.jury_views import bp as jury_bp
from awards.judging.models import JudgingRound
from awards.judging.qualifying import TIE, majority_share, outcome
from awards.judging.round_forms import (
    RoundForm,
    VoteForm,
    decision_form_class,
    majority_rule,
    majority_value,
)
from awards.judging.views import bp as judging_bp
from awards.nominations.models import Nomination
from awards.pages import commit_or_flash, commit_or_show
from awards.programs.loaders import load_category, load_program
from awards.programs.models import Program


def _round(program: Program, round_id: int) -> JudgingRound:
    judging_round = db.session.get(JudgingRound, round_id)
    if judging_round is None or judging_round.category.program_id != program.id:
        abort(404)
    return judging_round


def _settings(form: RoundForm, program: Program) -> dict:
    return {
        "name": form.name.data, "title": form.title.data,
        "majority": majority_value(form.majority.data or "1/2"),
        "opens_at": to_utc(form.opens_at.data, program.timezone),
        "closes_at": to_utc(form.closes_at.data, program.timezone),
        "juror_ids": form.jurors.data or [],
    }  # fmt: skip


def _rounds_page(slug: str, category_id: int) -> str:
    return url_for("jury.category_rounds", slug=slug, category_id=category_id)


@jury_bp.route("/categories/<int:category_id>/rounds", methods=["GET", "POST"])
def category_rounds(slug: str, category_id: int):
    program = load_program(slug, can=permissions.can_manage_rounds)
    category = load_category(program, category_id)
    judges = program_judges(program)
    form = RoundForm(judges=judges)
    if request.method == "GET":
        form.majority.data = "1/2"
    if form.validate_on_submit() and (
        added := commit_or_show(
            form,
            lambda: round_services.add_round(
                category=category, actor=current_user, **_settings(form, program)
            ),
            success=_("Round added."),
            target=lambda new: url_for("jury.round_page", slug=slug, round_id=new.id),
        )
    ):
        return added
    return render_template(
        "jury/rounds.html", program=program, category=category, form=form,
        rounds=rounds.category_rounds(category), rule=majority_rule,
        can_add=not round_services.scoring_started(category),
    )  # fmt: skip


def _round_form(judging_round: JudgingRound, program: Program, judges) -> RoundForm:
    form = RoundForm(judges=judges)
    if request.method == "GET":
        form.name.data = judging_round.name
        for code in ("kk", "ru", "en"):
            form.title[code].data = (judging_round.title or {}).get(code, "")
        form.majority.data = majority_share(judging_round.majority)
        form.opens_at.data = to_local(judging_round.opens_at, program.timezone)
        form.closes_at.data = to_local(judging_round.closes_at, program.timezone)
        form.jurors.data = [juror.judge_id for juror in judging_round.jurors]
    return form


def _decision_form(board, judging_round: JudgingRound):
    ties = [
        entry.id
        for entry in board.entries
        if outcome(board.tallies[entry.id], judging_round.majority) == TIE
    ]
    return decision_form_class(ties)(), ties


def _voters(board) -> dict[int, set[int]]:
    """The jurors whose vote counts, per entry."""
    found: dict[int, set[int]] = {entry.id: set() for entry in board.entries}
    for nomination_id, judge_id in board.votes:
        found[nomination_id].add(judge_id)
    return found


def _round_context(program, judging_round, **forms) -> dict:
    board = rounds.round_board(judging_round)
    decision, ties = _decision_form(board, judging_round)
    results = {
        entry.id: outcome(board.tallies[entry.id], judging_round.majority)
        for entry in board.entries
    }
    return {
        "program": program, "category": judging_round.category, "round": judging_round,
        "board": board, "results": results, "ties": ties,
        "voters": _voters(board),
        "decision": forms.get("decision") or decision,
        "settings": forms.get("settings"), "confirm": ConfirmForm(),
        "rule": majority_rule(judging_round.majority),
        "window": rounds.round_window(judging_round, utcnow()),
        "outcomes": rounds.outcomes_of(judging_round) if judging_round.is_decided else {},
    }  # fmt: skip


def _load_for_decider(slug: str, round_id: int) -> tuple[Program, JudgingRound]:
    program = load_program(slug)
    judging_round = _round(program, round_id)
    if not permissions.can_decide_round(current_user, judging_round):
        abort(403)
    return program, judging_round


@jury_bp.route("/rounds/<int:round_id>", methods=["GET", "POST"])
def round_page(slug: str, round_id: int):
    program, judging_round = _load_for_decider(slug, round_id)
    form = _round_form(judging_round, program, program_judges(program))
    if form.validate_on_submit() and (
        saved := commit_or_show(
            form,
            lambda: round_services.change_round(
                judging_round=judging_round, actor=current_user, **_settings(form, program)
            ),
            success=_("Round saved."),
            target=url_for("jury.round_page", slug=slug, round_id=round_id),
        )
    ):
        return saved
    return render_template("jury/round.html", **_round_context(program, judging_round,
                                                               settings=form))  # fmt: skip


@jury_bp.post("/rounds/<int:round_id>/decide")
def decide_round(slug: str, round_id: int):
    program, judging_round = _load_for_decider(slug, round_id)
    board = rounds.round_board(judging_round)
    form, ties = _decision_form(board, judging_round)
    if form.validate_on_submit():
        choices = {
            nomination_id: (
                {"advance": True, "reject": False}.get(form[f"tie_{nomination_id}"].data),
                form[f"reason_{nomination_id}"].data,
            )
            for nomination_id in ties
        }
        decided = commit_or_show(
            form,
            lambda: round_services.decide_round(
                judging_round=judging_round, actor=current_user, ties=choices
            ),
            success=_("The round is decided; its outcome is frozen."),
            target=url_for("jury.round_page", slug=slug, round_id=round_id),
        )
        if decided:
            return decided
    settings = _round_form(judging_round, program, program_judges(program))
    return render_template("jury/round.html", **_round_context(
        program, judging_round, settings=settings, decision=form)), 422  # fmt: skip


@jury_bp.post("/rounds/<int:round_id>/remove")
def remove_round(slug: str, round_id: int):
    _program, judging_round = _load_for_decider(slug, round_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    category_id = judging_round.category_id
    return commit_or_flash(
        lambda: round_services.remove_round(judging_round=judging_round, actor=current_user),
        success=_("Round removed."), target=_rounds_page(slug, category_id),
    )  # fmt: skip


@jury_bp.post("/rounds/<int:round_id>/remind")
def remind_round(slug: str, round_id: int):
    _program, judging_round = _load_for_decider(slug, round_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: round_services.remind_jurors(judging_round=judging_round, actor=current_user),
        success=_("Jurors who still have entries to vote on have been reminded."),
        target=url_for("jury.round_page", slug=slug, round_id=round_id),
    )  # fmt: skip


def _load_for_juror(slug: str, round_id: int) -> tuple[Program, JudgingRound]:
    program = load_program(slug)
    judging_round = _round(program, round_id)
    if not permissions.can_vote_in_round(current_user, judging_round):
        abort(403)
    return program, judging_round


def _vote_forms(judging_round, entries, posted_id: int | None = None) -> dict[int, VoteForm]:
    votes = {vote.nomination_id: vote for vote in rounds.votes_of(judging_round, current_user)}
    forms = {}
    for entry in entries:
        vote = votes.get(entry.id)
        if entry.id == posted_id:
            forms[entry.id] = VoteForm(prefix=f"v{entry.id}")
        else:
            forms[entry.id] = VoteForm(
                formdata=None, prefix=f"v{entry.id}",
                data={"verdict": vote.verdict, "comment": vote.comment} if vote else None,
            )  # fmt: skip
    return forms


def _juror_page(program, judging_round, entries, forms, status=200):
    voted = sum(1 for form in forms.values() if form.verdict.data)
    return render_template(
        "judging/round.html", program=program, category=judging_round.category,
        round=judging_round, entries=entries, forms=forms, voted=voted,
        rule=majority_rule(judging_round.majority),
        window=rounds.round_window(judging_round, utcnow()),
        show_nominators=not program.blind_judging,
    ), status  # fmt: skip


@judging_bp.get("/rounds/<int:round_id>")
def round_votes(slug: str, round_id: int):
    program, judging_round = _load_for_juror(slug, round_id)
    entries = rounds.juror_entries(judging_round, current_user)
    return _juror_page(program, judging_round, entries, _vote_forms(judging_round, entries))


@judging_bp.post("/rounds/<int:round_id>/<int:nomination_id>")
def cast_vote(slug: str, round_id: int, nomination_id: int):
    program, judging_round = _load_for_juror(slug, round_id)
    entries = rounds.juror_entries(judging_round, current_user)
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination not in entries:
        abort(404)
    forms = _vote_forms(judging_round, entries, posted_id=nomination.id)
    form = forms[nomination.id]
    target = url_for("judging.round_votes", slug=slug, round_id=round_id,
                     _anchor=f"entry-{nomination.id}")  # fmt: skip
    if form.validate_on_submit() and (
        saved := commit_or_show(
            form,
            lambda: round_services.cast_vote(
                judging_round=judging_round,
                nomination=nomination,
                actor=current_user,
                verdict=form.verdict.data,
                comment=form.comment.data,
            ),
            success=_("Vote saved."),
            target=target,
        )  # fmt: skip
    ):
        return saved
    return _juror_page(program, judging_round, entries, forms, status=422)
