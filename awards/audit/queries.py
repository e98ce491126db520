"""Reading the audit log: a record's history, oldest first, and a program's log, newest first."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.programs.models import Program


def history(*, program: Program, kind: str, ids: Iterable[int]) -> list[AuditEntry]:
    """Every entry about the records of ``kind`` with these ids, oldest first, with their
    actors loaded."""
    ids = list(ids)
    if not ids:
        return []
    query = (
        select(AuditEntry)
        .where(
            AuditEntry.program_id == program.id,
            AuditEntry.subject_kind == kind,
            AuditEntry.subject_id.in_(ids),
        )
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(db.session.scalars(query))


def program_log(
    *, program: Program, kinds: Iterable[str], actions: Iterable[str]
) -> list[AuditEntry]:
    """The program's entries of these kinds of subject and these actions, newest first."""
    query = (
        select(AuditEntry)
        .where(
            AuditEntry.program_id == program.id,
            AuditEntry.subject_kind.in_(list(kinds)),
            AuditEntry.action.in_(list(actions)),
        )
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    return list(db.session.scalars(query))
