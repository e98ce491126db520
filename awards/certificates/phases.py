"""The certificates phase of a program's page (see awards/programs/phases.py)."""

from datetime import datetime

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from awards.certificates.forms import KIND_LABELS
from awards.certificates.models import KINDS
from awards.certificates.recipients import recipients_of
from awards.programs.models import Program
from awards.programs.phases import Action, Phase, register_phase

CERTIFICATES_TITLE = _l("Certificates")


def _certificates(program: Program, now: datetime) -> Phase:
    phase = Phase("certificates", str(CERTIFICATES_TITLE), complete=False)
    laureates = laureates_waiting = 0
    for kind in KINDS:
        recipients = recipients_of(program, kind)
        issued = sum(recipient.holder is not None for recipient in recipients)
        if recipients:
            phase.done.append(
                _(
                    "%(kind)s: %(done)d of %(total)d issued",
                    kind=KIND_LABELS[kind],
                    done=issued,
                    total=len(recipients),
                )  # fmt: skip
            )
        if kind == "laureate":
            laureates_waiting = len(recipients) - issued
            laureates = len(recipients)
    if laureates_waiting:
        phase.missing.append(_("Some laureates have no certificate yet."))
    phase.complete = laureates > 0 and not laureates_waiting
    slug = program.slug
    phase.actions = [
        Action(_("Issue certificates"), url_for("certificates.issue", slug=slug)),
        Action(
            _("Certificate registry"),
            url_for("certificates.index", slug=slug),
            name="certificates-link",
        ),  # fmt: skip
        Action(_("Certificate settings"), url_for("certificates.setup.settings", slug=slug)),
    ]
    return phase


def register_phases(app: Flask) -> None:
    register_phase(app, "certificates", order=60, describe=_certificates)
