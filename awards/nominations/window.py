"""Opening and closing nominations as explicit actions: each moves the window's dates to now and
is written to the audit log. Flushes, never commits."""

from datetime import datetime, timedelta

from flask_babel import gettext as _

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Program
from awards.programs.phases import window_state


def _window(program: Program) -> dict:
    return {
        "nominations_open_at": program.nominations_open_at,
        "nominations_close_at": program.nominations_close_at,
    }


def _log(program: Program, *, actor: User, action: str, old: dict, now: datetime) -> None:
    as_text = {key: value.isoformat() if value else None for key, value in old.items()}
    new = {key: value.isoformat() if value else None for key, value in _window(program).items()}
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id), action=action,
        old=as_text, new=new, now=now,
    )  # fmt: skip


def open_nominations(*, program: Program, actor: User, now: datetime | None = None) -> Program:
    """Open nominations now, until the organizer closes them (or a closing date set later).

    Side effects: nominations_open_at = now; a closing date already past is cleared; logged.
    """
    now = now or utcnow()
    state = window_state(program.nominations_open_at, program.nominations_close_at, now)
    if state == "open":
        raise DomainError(_("Nominations are already open."))
    old = _window(program)
    program.nominations_open_at = now
    if program.nominations_close_at is not None and program.nominations_close_at <= now:
        program.nominations_close_at = None
    _log(program, actor=actor, action="nominations-opened", old=old, now=now)
    db.session.flush()
    return program


def close_nominations(*, program: Program, actor: User, now: datetime | None = None) -> Program:
    """Close nominations now: committees can no longer submit or change entries.

    Side effects: nominations_close_at = now; logged.
    """
    now = now or utcnow()
    state = window_state(program.nominations_open_at, program.nominations_close_at, now)
    if state != "open":
        raise DomainError(_("Nominations are not open."))
    old = _window(program)
    program.nominations_close_at = now
    if program.nominations_open_at == now:  # opened this very instant: the window keeps its order
        program.nominations_open_at = now - timedelta(seconds=1)
    _log(program, actor=actor, action="nominations-closed", old=old, now=now)
    db.session.flush()
    return program
