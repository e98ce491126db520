"""Opening and closing judging as explicit actions: each moves the window's dates to now, is
written to the audit log, and opening tells every judge with nominations to score. Flushes,
never commits."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import exists, select

from awards.accounts.models import User
from awards.audit.models import AuditEntry, SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.assignments import program_judges
from awards.judging.models import Scorecard, ScorecardState
from awards.judging.progress import judge_queue
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination
from awards.programs.models import Program
from awards.programs.phases import window_state


def _window(program: Program) -> dict:
    return {
        key: value.isoformat() if value else None
        for key, value in (
            ("judging_open_at", program.judging_open_at),
            ("judging_close_at", program.judging_close_at),
        )
    }


def reopened_scorecards(program: Program) -> list[Scorecard]:
    """Scorecards an organizer reopened that their judge has not submitted again."""
    # The program's id first: the audit log's index starts with it (without it, SQLite read
    # the whole log once per draft scorecard: 33 s for the large demo's program page).
    reopened = exists().where(
        AuditEntry.program_id == program.id,
        AuditEntry.subject_kind == SubjectKind.SCORECARD,
        AuditEntry.subject_id == Scorecard.id,
        AuditEntry.action == "reopened",
    )
    query = (
        select(Scorecard)
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .where(Nomination.program_id == program.id, Scorecard.state == ScorecardState.DRAFT)
        .where(reopened)
        .order_by(Scorecard.id)
    )
    return list(db.session.scalars(query))


def _tell_judges(program: Program) -> int:
    """Email each judge with nominations still to score that judging is open; how many."""
    told = 0
    for judge in program_judges(program):
        waiting = sum(item.status != "submitted" for item in judge_queue(judge, program))
        if not waiting:
            continue
        queue_email(
            db.session(), to=judge.email, locale=judge.locale, template="judging/opened",
            program=program, judge=judge, waiting=waiting,
            link=external_url("judging.queue", slug=program.slug),
        )  # fmt: skip
        told += 1
    return told


def open_judging(*, program: Program, actor: User, now: datetime | None = None) -> int:
    """Open judging now, until the organizer closes it (or a closing date set later).

    Side effects: judging_open_at = now; a closing date already past is cleared; logged; every
    judge with nominations to score is emailed. Returns how many judges were told.
    """
    now = now or utcnow()
    if window_state(program.judging_open_at, program.judging_close_at, now) == "open":
        raise DomainError(_("Judging is already open."))
    old = _window(program)
    program.judging_open_at = now
    if program.judging_close_at is not None and program.judging_close_at <= now:
        program.judging_close_at = None
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="judging-opened", old=old, new=_window(program), now=now,
    )  # fmt: skip
    db.session.flush()
    return _tell_judges(program)


def close_judging(*, program: Program, actor: User, now: datetime | None = None) -> Program:
    """Close judging now: scorecards can no longer be changed.

    Refused while a reopened scorecard waits for its judge. Side effects: judging_close_at =
    now; logged.
    """
    now = now or utcnow()
    if window_state(program.judging_open_at, program.judging_close_at, now) != "open":
        raise DomainError(_("Judging is not open."))
    reopened = reopened_scorecards(program)
    if reopened:
        raise DomainError(
            ngettext(
                "%(num)d reopened scorecard has not been submitted again: judging can close"
                " once its judge submits it.",
                "%(num)d reopened scorecards have not been submitted again: judging can close"
                " once their judges submit them.",
                len(reopened),
            )
        )
    old = _window(program)
    program.judging_close_at = now
    if program.judging_open_at == now:  # opened this very instant: the window keeps its order
        program.judging_open_at = now - timedelta(seconds=1)
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="judging-closed", old=old, new=_window(program), now=now,
    )  # fmt: skip
    db.session.flush()
    return program
