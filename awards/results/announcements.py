"""Telling people that the results are published: each nominating committee member how their
organization's entries fared, and each laureate, at the entry's contact address, that it won;
every message in its reader's language. Queues emails, sent once the transaction commits."""

from sqlalchemy import exists, select

from awards.accounts.models import User
from awards.audit.models import AuditEntry, SubjectKind
from awards.extensions import db
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Program, ProgramRole, Role


def published_before(program: Program) -> bool:
    """Whether the program's results were made public once already (and taken down since)."""
    return db.session.scalar(
        select(
            exists().where(
                AuditEntry.program_id == program.id,
                AuditEntry.subject_kind == SubjectKind.PROGRAM,
                AuditEntry.action == "published",
            )
        )
    )


def _accepted(program: Program) -> list[Nomination]:
    query = (
        select(Nomination)
        .where(Nomination.program_id == program.id, Nomination.state == NominationState.ACCEPTED)
        .where(Nomination.is_practice.is_(False))
        .order_by(Nomination.category_id, Nomination.id)
    )
    return list(db.session.scalars(query))


def _committee(program: Program) -> list[User]:
    query = (
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(
            ProgramRole.program_id == program.id,
            ProgramRole.role == Role.COMMITTEE,
            User.activated_at.is_not(None),
            User.organization_id.is_not(None),
        )
        .order_by(User.id)
    )
    return list(db.session.scalars(query))


def announce_results(program: Program, *, laureates: set[int]) -> int:
    """Queue the messages, ``laureates`` being the ids of the laureate entries; returns how
    many."""
    entries = _accepted(program)
    sent: set[str] = set()
    for user in _committee(program):
        theirs = [
            (entry, entry.id in laureates)
            for entry in entries
            if user.organization_id in {org.id for org in entry.supporting_organizations}
        ]
        if not theirs:
            continue
        queue_email(
            db.session(), to=user.email, locale=user.locale, template="results/published",
            program=program, user=user, entries=theirs,
            link=external_url("results.ours", slug=program.slug),
        )  # fmt: skip
        sent.add(user.email.lower())
    for entry in entries:
        contact = (entry.contact_email or "").strip()
        if entry.id not in laureates or not contact or contact.lower() in sent:
            continue
        queue_email(
            db.session(), to=contact, locale=entry.created_by.locale if entry.created_by else "kk",
            template="results/laureate", program=program, entry=entry,
            link=external_url("results.public", slug=program.slug),
        )  # fmt: skip
        sent.add(contact.lower())
    return len(sent)
