"""The results phase of a program's page (see awards/programs/phases.py)."""

from datetime import datetime

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from awards.programs.models import Program
from awards.programs.phases import Action, Phase, local_time, register_phase
from awards.results.services import current_snapshots

RESULTS_TITLE = _l("Results")


def _results(program: Program, now: datetime) -> Phase:
    categories = program.categories
    snapshots = current_snapshots(categories)
    open_ = [c.display_title for c in categories if snapshots[c.id] is None]
    phase = Phase("results", str(RESULTS_TITLE), complete=False)
    phase.done.append(
        _(
            "Laureates confirmed in %(done)d of %(total)d categories",
            done=len(categories) - len(open_),
            total=len(categories),
        )  # fmt: skip
    )
    if open_:
        phase.missing.append(
            _("Laureates to confirm: %(categories)s.", categories=", ".join(open_))
        )
    if program.results_published_at:
        phase.done.append(
            _("Published %(when)s.", when=local_time(program, program.results_published_at))
        )
    else:
        phase.missing.append(_("The results are not published yet."))
    phase.complete = bool(categories) and not phase.missing
    phase.actions = [Action(_("Results"), url_for("results.overview", slug=program.slug))]
    if program.results_published_at:
        phase.actions.append(Action(_("Laureates"), url_for("results.public", slug=program.slug)))
    return phase


def register_phases(app: Flask) -> None:
    register_phase(app, "results", order=50, describe=_results)
