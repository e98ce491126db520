"""The judging phase of a program's page (see awards/programs/phases.py)."""

from datetime import datetime

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from awards.extensions import db
from awards.judging.models import Assignment, Scorecard, ScorecardState
from awards.judging.rounds import in_play, rounds_by_category
from awards.judging.window import reopened_scorecards
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Program
from awards.programs.phases import Action, Phase, register_phase, window_facts, window_state

JUDGING_TITLE = _l("Judging")


def _judges_per_entry(program: Program) -> list[int]:
    """How many judges each accepted entry of the program has."""
    query = (
        select(func.count(Assignment.id))
        .select_from(Nomination)
        .outerjoin(Assignment, Assignment.nomination_id == Nomination.id)
        .where(
            Nomination.program_id == program.id,
            Nomination.state == NominationState.ACCEPTED,
            in_play(),
        )
        .where(Nomination.is_practice.is_(False))
        .group_by(Nomination.id)
    )
    return list(db.session.scalars(query))


def _submitted(program: Program) -> tuple[int, int]:
    """(submitted scorecards, assignments) in the program."""
    assigned = db.session.scalar(
        select(func.count(Assignment.id))
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Nomination.program_id == program.id, in_play())
        .where(Nomination.is_practice.is_(False))
    )
    submitted = db.session.scalar(
        select(func.count(Scorecard.id))
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .join(
            Assignment,
            (Assignment.nomination_id == Scorecard.nomination_id)
            & (Assignment.judge_id == Scorecard.judge_id),
        )  # fmt: skip
        .where(
            Nomination.program_id == program.id,
            Scorecard.state == ScorecardState.SUBMITTED,
            in_play(),
        )
        .where(Nomination.is_practice.is_(False))
    )
    return submitted, assigned


def _judging(program: Program, now: datetime) -> Phase:
    opens, closes = program.judging_open_at, program.judging_close_at
    state = window_state(opens, closes, now)
    phase = Phase("judging", str(JUDGING_TITLE), complete=state == "closed")
    phase.done.append(window_facts(program, opens, closes, now))
    needed = program.judges_per_nomination
    judges = _judges_per_entry(program)
    short = sum(count < needed for count in judges)
    if judges:
        phase.done.append(
            ngettext(
                "%(num)d entry has all its judges",
                "%(num)d entries have all their judges",
                len(judges) - short,
            )  # fmt: skip
        )
    if short:
        phase.missing.append(
            ngettext(
                "%(num)d entry has fewer than %(needed)d judges",
                "%(num)d entries have fewer than %(needed)d judges",
                short,
                needed=needed,
            )  # fmt: skip
        )
    submitted, assigned = _submitted(program)
    if assigned:
        phase.done.append(
            _("%(done)d of %(total)d scorecards submitted", done=submitted, total=assigned)
        )
    waiting = sum(
        any(not r.is_decided for r in rounds) for rounds in rounds_by_category(program).values()
    )
    if waiting:
        phase.missing.append(
            ngettext(
                "%(num)d category waits for its qualifying round to be decided before scoring",
                "%(num)d categories wait for their qualifying rounds to be decided before scoring",
                waiting,
            )  # fmt: skip
        )
    reopened = len(reopened_scorecards(program))
    if reopened:
        phase.missing.append(
            ngettext(
                "%(num)d reopened scorecard waits for its judge",
                "%(num)d reopened scorecards wait for their judges",
                reopened,
            )  # fmt: skip
        )
    slug = program.slug
    if state == "open":
        window_action = Action(
            _("Close judging now"), url_for("jury.close_judging", slug=slug), post=True,
            name="close-judging",
            confirm=_("Close judging now? Judges can no longer save or submit scorecards."),
        )  # fmt: skip
    else:
        window_action = Action(_("Open judging now"), url_for("jury.open_judging", slug=slug),
                               post=True, name="open-judging")  # fmt: skip
    phase.actions = [
        Action(_("Jury and assignments"), url_for("jury.index", slug=slug)),
        window_action,
        Action(_("Judging progress"), url_for("jury.progress_page", slug=slug)),
        Action(_("Paper ballots"), url_for("jury.ballots", slug=slug)),
    ]
    if state == "open" or short == 0:
        phase.actions.insert(0, phase.actions.pop(1))
    return phase


def register_phases(app: Flask) -> None:
    register_phase(app, "judging", order=40, describe=_judging)
