"""The nominations and review phases of a program's page (see awards/programs/phases.py)."""

from datetime import datetime

from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from awards.extensions import db
from awards.nominations import inbox
from awards.nominations.models import Nomination
from awards.nominations.models import NominationState as S
from awards.programs.models import Program
from awards.programs.phases import Action, Phase, register_phase, window_facts, window_state

NOMINATIONS_TITLE = _l("Nominations")
REVIEW_TITLE = _l("Review")


def _drafts(program: Program) -> int:
    query = select(func.count()).where(
        Nomination.program_id == program.id, Nomination.state == S.DRAFT
    )
    return db.session.scalar(query)


def _nominations(program: Program, now: datetime) -> Phase:
    opens, closes = program.nominations_open_at, program.nominations_close_at
    state = window_state(opens, closes, now)
    counts = inbox.state_counts(program)
    phase = Phase("nominations", str(NOMINATIONS_TITLE), complete=state == "closed")
    phase.done.append(window_facts(program, opens, closes, now))
    submitted = sum(counts.values()) - counts[S.WITHDRAWN]
    phase.done.append(ngettext("%(num)d entry submitted", "%(num)d entries submitted", submitted))
    drafts = _drafts(program)
    if drafts and state != "closed":
        phase.missing.append(
            ngettext("%(num)d draft not yet submitted", "%(num)d drafts not yet submitted", drafts)
        )
    slug = program.slug
    if state == "open":
        phase.actions.append(
            Action(
                _("Close nominations now"),
                url_for("review.close_nominations", slug=slug),
                post=True,
                name="close-nominations",
                confirm=_("Close nominations now? Committees can no longer submit entries."),
            )  # fmt: skip
        )
    else:
        phase.actions.append(
            Action(
                _("Open nominations now"),
                url_for("review.open_nominations", slug=slug),
                post=True,
                name="open-nominations",
            )  # fmt: skip
        )
    return phase


def _review(program: Program, now: datetime) -> Phase:
    counts = inbox.state_counts(program)
    waiting = counts[S.SUBMITTED]
    closed = window_state(program.nominations_open_at, program.nominations_close_at, now)
    phase = Phase("review", str(REVIEW_TITLE), complete=False)
    phase.done.append(ngettext("%(num)d entry accepted", "%(num)d entries accepted",
                               counts[S.ACCEPTED]))  # fmt: skip
    if waiting:
        phase.missing.append(
            ngettext(
                "%(num)d entry waits in the inbox", "%(num)d entries wait in the inbox", waiting
            )  # fmt: skip
        )
    if counts[S.RETURNED]:
        phase.missing.append(
            ngettext(
                "%(num)d entry returned for changes",
                "%(num)d entries returned for changes",
                counts[S.RETURNED],
            )  # fmt: skip
        )
    duplicates = len(inbox.duplicates_in(program))
    if duplicates:
        phase.missing.append(
            ngettext("%(num)d possible duplicate", "%(num)d possible duplicates", duplicates)
        )
    phase.complete = closed == "closed" and counts[S.ACCEPTED] > 0 and not phase.missing
    phase.actions = [
        Action(_("Inbox"), url_for("review.inbox_page", slug=program.slug)),
        Action(_("Organizations"), url_for("organizations.index", slug=program.slug)),
    ]
    return phase


def register_phases(app: Flask) -> None:
    register_phase(app, "nominations", order=20, describe=_nominations)
    register_phase(app, "review", order=30, describe=_review)
