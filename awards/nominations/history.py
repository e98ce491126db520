"""An entry's history in the audit log: each change written as data, read back in words."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from awards.accounts.models import Organization, User
from awards.audit import queries as audit_queries
from awards.audit.models import AuditEntry, SubjectKind
from awards.audit.services import record
from awards.i18n import localized
from awards.nominations.models import Nomination
from awards.nominations.models import NominationState as S
from awards.programs.models import Program

# Logged before the log knew kinds of change: a note that left the state as it was.
NOTED = "noted"


def action_for(from_state: str | None, to_state: str) -> str:
    """The action a change of state is logged as (what an archive or an old row names by its
    states alone)."""
    if from_state is None:
        return "created"
    if from_state == to_state:
        return NOTED
    if from_state == S.RETURNED and to_state == S.SUBMITTED:
        return "resubmitted"
    return to_state


def organization_record(organization: Organization) -> dict:
    """An organization as the log keeps it: its names then, whatever they become later."""
    return {"id": organization.id, "name": dict(organization.name)}


def log_change(
    nomination: Nomination, *, actor: User | None, action: str, from_state: str | None,
    now: datetime, to_state: str | None = None, reason: str = "", old: dict | None = None,
    new: dict | None = None,
) -> AuditEntry:  # fmt: skip
    """Write one change of ``nomination`` from ``from_state`` to ``to_state`` (default: the
    state it is in now) to the audit log, with what else ``old`` and ``new`` name. Every entry
    about a nomination carries the state before (``old["state"]``, absent when it was created)
    and after (``new["state"]``).

    Side effects: adds the entry; flushes.
    """
    before = {"state": from_state} if from_state else {}
    after = {"state": to_state or nomination.state}
    return record(
        actor=actor, program=nomination.program,
        subject=(SubjectKind.NOMINATION, nomination.id), action=action,
        old={**before, **(old or {})}, new={**after, **(new or {})}, reason=reason, now=now,
    )  # fmt: skip


def entry_history(nomination: Nomination) -> list[AuditEntry]:
    """The entry's log, oldest first."""
    return audit_queries.history(
        program=nomination.program, kind=SubjectKind.NOMINATION, ids=[nomination.id]
    )


def entries_by_nomination(
    program: Program, nominations: Iterable[Nomination]
) -> dict[int, list[AuditEntry]]:
    """Each of these entries' logs, oldest first, by the entry's id; one query for them all."""
    by_nomination: dict[int, list[AuditEntry]] = {}
    entries = audit_queries.history(
        program=program, kind=SubjectKind.NOMINATION, ids=[n.id for n in nominations]
    )
    for entry in entries:
        by_nomination.setdefault(entry.subject_id, []).append(entry)
    return by_nomination


def note(entry: AuditEntry) -> str:
    """What a line of the history says besides the states, in the reader's language: what a
    merge or an organization link named, else the reason given."""
    old, new = entry.old, entry.new
    if entry.action == "merged" and new.get("merged_into"):
        return _("Merged into entry #%(id)d.", id=new["merged_into"])
    if entry.action == "merge_received" and new.get("merged"):
        return _("Entry #%(id)d was merged into this one.", id=new["merged"])
    if entry.action == "organization_confirmed" and new.get("organization"):
        name = localized(new["organization"].get("name"))
        return _("Confirmed: this entry is about %(organization)s.", organization=name)
    if entry.action == "organization_unlinked" and old.get("organization"):
        name = localized(old["organization"].get("name"))
        return _("No longer confirmed as being about %(organization)s.", organization=name)
    return entry.reason


@dataclass(frozen=True)
class HistoryLine:
    """One line of an entry's history as the nomination page shows it."""

    at: datetime
    actor: User | None
    from_state: str | None
    to_state: str
    note: str


def line(entry: AuditEntry) -> HistoryLine:
    return HistoryLine(
        at=entry.at, actor=entry.actor, from_state=entry.old.get("state"),
        to_state=entry.new["state"], note=note(entry),
    )  # fmt: skip


def history_lines(nomination: Nomination) -> list[HistoryLine]:
    """The entry's history in words, oldest first."""
    return [line(entry) for entry in entry_history(nomination)]


def organizer_comments(nominations: Iterable[Nomination]) -> dict[int, str]:
    """For each of these entries of one program that has one, the latest reason an organizer
    gave while returning or rejecting it; one query for them all."""
    nominations = list(nominations)
    if not nominations:
        return {}
    comments = {}
    logs = entries_by_nomination(nominations[0].program, nominations)
    for nomination_id, entries in logs.items():
        for entry in entries:
            if entry.new.get("state") in (S.RETURNED, S.REJECTED) and entry.reason:
                comments[nomination_id] = entry.reason
    return comments


def organizer_comment(nomination: Nomination) -> str | None:
    """The latest reason the organizer gave when returning or rejecting the entry."""
    return organizer_comments([nomination]).get(nomination.id)
