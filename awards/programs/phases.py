"""Where a program stands: its phases in order (setup → nominations → review → judging → results
→ certificates → ceremony), each with what is done, what is missing and the next action.

Each domain describes its own phase (in its phases.py) and registers it with the app, as jobs
are registered: programs/ names none of them. This module describes the setup phase.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask, current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from awards.extensions import db
from awards.formats import local_moment, quoted
from awards.programs.models import Program, ProgramRole, Role
from awards.programs.services import criteria_counts

EXTENSION_KEY = "awards.programs.phases"


@dataclass(frozen=True)
class Action:
    """A next step: a link to a page, or a button that sends a POST (``post``) to ``url``."""

    label: str
    url: str
    post: bool = False
    name: str = ""  # a stable name for the button, for tests and styling
    confirm: str = ""  # a question asked first (static/js/confirm.js), for a POST


@dataclass
class Phase:
    key: str
    title: str
    complete: bool
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    state: str = "upcoming"  # done, current or upcoming: set by phases_of


Describe = Callable[[Program, datetime], Phase]


def register_phase(app: Flask, key: str, *, order: int, describe: Describe) -> None:
    """Make ``describe(program, now)`` the phase ``key`` of every program, at ``order``."""
    phases = app.extensions.setdefault(EXTENSION_KEY, {})
    if key in phases:
        raise ValueError(f"phase {key!r} is registered twice")
    phases[key] = (order, describe)


def phases_of(program: Program, now: datetime) -> list[Phase]:
    """Every registered phase of ``program`` in order; the first incomplete one is current."""
    registered = sorted(current_app.extensions.get(EXTENSION_KEY, {}).values(), key=lambda p: p[0])
    phases = [describe(program, now) for _, describe in registered]
    current = next((phase for phase in phases if not phase.complete), None)
    for phase in phases:
        phase.state = "done" if phase.complete else "current" if phase is current else "upcoming"
    return phases


def window_state(opens: datetime | None, closes: datetime | None, now: datetime) -> str:
    """``not_open``, ``open`` or ``closed``: where ``now`` stands in a window; an unset side is
    open-ended, as committees and judges find it (see nominations_are_open, judging_is_open)."""
    if opens is not None and now < opens:
        return "not_open"
    if closes is not None and closes <= now:
        return "closed"
    return "open"


def local_time(program: Program, value: datetime) -> str:
    """A stored time as the program's wall clock, written for the reader."""
    return local_moment(value, program.timezone)


def window_facts(program: Program, opens: datetime | None, closes: datetime | None,
                 now: datetime) -> str:  # fmt: skip
    """One sentence on a window: not open yet, open (until when) or closed (when)."""
    state = window_state(opens, closes, now)
    if state == "not_open":
        return (
            _("Opens %(when)s.", when=local_time(program, opens)) if opens else _("Not open yet.")
        )
    if state == "open":
        if closes is None:
            return _("Open until closed here.")
        return _("Open until %(when)s.", when=local_time(program, closes))
    return _("Closed %(when)s.", when=local_time(program, closes))


SETUP_TITLE = _l("Setup")


def _setup(program: Program, now: datetime) -> Phase:
    categories = program.categories
    criteria = criteria_counts(program)
    without_criteria = [c.display_title for c in categories if not criteria.get(c.id)]
    people = dict(
        db.session.execute(
            select(ProgramRole.role, func.count())
            .where(ProgramRole.program_id == program.id)
            .group_by(ProgramRole.role)
        ).all()
    )
    phase = Phase("setup", str(SETUP_TITLE), complete=False)
    if categories:
        phase.done.append(
            ngettext("%(num)d category", "%(num)d categories", len(categories))
            + " · "
            + ngettext("%(num)d criterion", "%(num)d criteria", sum(criteria.values()))
        )
    else:
        phase.missing.append(_("No categories yet."))
    for title in without_criteria:
        phase.missing.append(_("%(category)s has no criteria.", category=quoted(title)))
    for role, absent in (
        (Role.COMMITTEE, _("No nominating committee yet.")),
        (Role.JUDGE, _("No judges yet.")),
    ):
        if people.get(role):
            phase.done.append(_people(role, people[role]))
        else:
            phase.missing.append(absent)
    phase.complete = not phase.missing
    slug = program.slug
    phase.actions = [
        Action(_("Add a category"), url_for("programs.category_new", slug=slug)),
        Action(_("People"), url_for("programs.people", slug=slug)),
        Action(_("Edit"), url_for("programs.edit", slug=slug)),
        Action(_("Copy to another year"), url_for("programs.copy", slug=slug)),
    ]
    return phase


def _people(role: Role, count: int) -> str:
    if role == Role.COMMITTEE:
        return ngettext(
            "%(num)d nominating committee member", "%(num)d nominating committee members", count
        )
    return ngettext("%(num)d judge", "%(num)d judges", count)


def register_phases(app: Flask) -> None:
    register_phase(app, "setup", order=10, describe=_setup)
