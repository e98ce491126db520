"""Writing to the audit log: one function every domain calls. Flushes, never commits."""

from datetime import datetime

from awards.accounts.models import User
from awards.audit.models import AuditEntry, SubjectKind
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Program


def record(
    *, actor: User | None, program: Program, subject: tuple[str, int], action: str,
    old: dict | None = None, new: dict | None = None, reason: str | None = None,
    now: datetime | None = None,
) -> AuditEntry:  # fmt: skip
    """Log that ``actor`` (None: the system) did ``action`` to ``subject``, a (kind, id) pair of
    a record of ``program``, at ``now``; ``old`` and ``new`` are the values before and after,
    as JSON objects, ``reason`` the words the actor gave.

    Side effects: adds the entry; flushes.
    """
    kind, subject_id = subject
    if kind not in set(SubjectKind) or subject_id is None:
        # A caller's mistake, not a user's: a subject is logged once it has its id.
        raise ValueError(f"not a loggable subject: {subject!r}")
    entry = AuditEntry(
        program_id=program.id, subject_kind=kind, subject_id=subject_id, action=action,
        actor_id=actor.id if actor is not None else None, at=now or utcnow(),
        old=dict(old or {}), new=dict(new or {}), reason=reason or "",
    )  # fmt: skip
    db.session.add(entry)
    db.session.flush()
    return entry
