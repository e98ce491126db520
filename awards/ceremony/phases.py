"""The ceremony phase of a program's page (see awards/programs/phases.py)."""

from datetime import datetime

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from awards.ceremony.services import ceremony_partners, running_order
from awards.programs.models import Program
from awards.programs.phases import Action, Phase, local_time, register_phase

CEREMONY_TITLE = _l("Ceremony")


def _ceremony(program: Program, now: datetime) -> Phase:
    phase = Phase("ceremony", str(CEREMONY_TITLE), complete=False)
    if program.ceremony_at:
        phase.done.append(local_time(program, program.ceremony_at))
    else:
        phase.missing.append(_("The ceremony's date is not set."))
    points = len(running_order(program))
    if points:
        phase.done.append(
            ngettext(
                "%(num)d point in the running order", "%(num)d points in the running order", points
            )  # fmt: skip
        )
    else:
        phase.missing.append(_("The running order is empty."))
    partners = len(ceremony_partners(program))
    if partners:
        phase.done.append(ngettext("%(num)d partner", "%(num)d partners", partners))
    phase.complete = not phase.missing
    phase.actions = [
        Action(_("Ceremony program"), url_for("ceremony.index", slug=program.slug)),
        Action(_("Guests"), url_for("ceremony.guests_page", slug=program.slug)),
    ]
    if not program.ceremony_at:
        phase.actions.append(Action(_("Edit"), url_for("programs.edit", slug=program.slug)))
    return phase


def register_phases(app: Flask) -> None:
    register_phase(app, "ceremony", order=70, describe=_ceremony)
