"""Lists of nominations: the organizer's inbox, the committee's dashboard, duplicates. Read only."""

from sqlalchemy import func, select

from awards.extensions import db
from awards.nominations.identity import find_duplicates, identity_keys
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import NomineeKind, Program

S = NominationState
INBOX_STATES = (S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN, S.MERGED)


def _submitted_in(program: Program):
    return select(Nomination).where(
        Nomination.program_id == program.id, Nomination.submitted_at.is_not(None)
    )


def inbox_entries(program: Program, *, category_id: int | None = None,
                  state: str | None = None) -> list[Nomination]:  # fmt: skip
    """Every entry the committees have submitted, oldest first, optionally filtered."""
    query = _submitted_in(program).order_by(Nomination.submitted_at, Nomination.id)
    if category_id:
        query = query.where(Nomination.category_id == category_id)
    if state:
        query = query.where(Nomination.state == state)
    return list(db.session.scalars(query))


def state_counts(program: Program, *, category_id: int | None = None) -> dict[str, int]:
    """How many submitted entries are in each state (every state present, zeros included)."""
    query = (
        select(Nomination.state, func.count())
        .where(Nomination.program_id == program.id, Nomination.submitted_at.is_not(None))
        .group_by(Nomination.state)
    )
    if category_id:
        query = query.where(Nomination.category_id == category_id)
    counts = dict.fromkeys(INBOX_STATES, 0)
    counts.update(dict(db.session.execute(query).tuples().all()))
    return counts


def committee_entries(organization_id: int, program: Program) -> list[Nomination]:
    """The organization's entries in the program, newest first, merged-away ones included."""
    query = (
        select(Nomination)
        .where(
            Nomination.program_id == program.id,
            Nomination.submitting_organization_id == organization_id,
        )
        .order_by(Nomination.created_at.desc(), Nomination.id.desc())
    )
    return list(db.session.scalars(query))


def nominee_keys(nomination: Nomination) -> set[str]:
    if nomination.nominee_kind == NomineeKind.PERSON:
        names = [nomination.person_name]
    elif nomination.nominee_kind == NomineeKind.TEAM:
        names = [nomination.team_name]
    else:
        names = list(nomination.org_name.values())
    return identity_keys(bin=nomination.bin, names=names)


def duplicates_in(program: Program) -> dict[int, list[Nomination]]:
    """For each live submitted entry, the other live entries about the same nominee in its
    category (same BIN, or the same name once quotes, case and legal forms are ignored)."""
    live = [
        entry
        for entry in db.session.scalars(_submitted_in(program))
        if entry.state not in (S.WITHDRAWN, S.MERGED)
    ]
    by_id = {entry.id: entry for entry in live}
    found = find_duplicates((entry.id, entry.category_id, nominee_keys(entry)) for entry in live)
    return {
        entry_id: [by_id[other] for other in sorted(others)] for entry_id, others in found.items()
    }
