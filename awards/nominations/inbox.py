"""Lists of nominations: the organizer's inbox, the committee's dashboard, duplicates, and the
organizations entries look like. Read only."""

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import selectinload

from awards.accounts.identity import identity_keys, organization_key, person_skeleton
from awards.accounts.models import Organization, User
from awards.extensions import db
from awards.nominations.identity import find_duplicates
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import NomineeKind, Program, ProgramRole

S = NominationState
INBOX_STATES = (S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN, S.MERGED)


def _submitted_in(program: Program):
    return select(Nomination).where(
        Nomination.program_id == program.id,
        Nomination.submitted_at.is_not(None),
        Nomination.is_practice.is_(False),
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


def waiting_entries(program: Program, *, ids: list[int]) -> list[Nomination]:
    """Those of the entries ``ids`` that are the program's and waiting for review."""
    if not ids:
        return []
    query = _submitted_in(program).where(Nomination.state == S.SUBMITTED, Nomination.id.in_(ids))
    return list(db.session.scalars(query.order_by(Nomination.id)))


def state_counts(program: Program, *, category_id: int | None = None) -> dict[str, int]:
    """How many submitted entries are in each state (every state present, zeros included)."""
    query = (
        select(Nomination.state, func.count())
        .where(Nomination.program_id == program.id, Nomination.submitted_at.is_not(None))
        .where(Nomination.is_practice.is_(False))
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
            Nomination.is_practice.is_(False),
        )
        .order_by(Nomination.created_at.desc(), Nomination.id.desc())
    )
    return list(db.session.scalars(query))


def entry_organization_keys(nomination: Nomination) -> set[str]:
    """The identity keys of the organization an entry is about: the nominee, a nominated
    person's workplace, or a team's name; and the organization an organizer confirmed."""
    if nomination.nominee_kind == NomineeKind.PERSON:
        bin_, names = None, (nomination.person_workplace,)
    elif nomination.nominee_kind == NomineeKind.TEAM:
        bin_, names = None, (nomination.team_name,)
    else:
        bin_, names = nomination.bin, tuple((nomination.org_name or {}).values())
    return set(_organization_keys(bin_, names, nomination.nominee_organization_id))


# Memoized, as the skeletons are: the inbox asks for the keys of every entry of a program on
# each of its pages, and most entries have not changed since the last time.
@lru_cache(maxsize=16384)
def _organization_keys(bin_: str | None, names: tuple, organization_id: int | None) -> frozenset:
    keys = identity_keys(bin=bin_, names=names)
    if organization_id is not None:
        keys.add(organization_key(organization_id))
    return frozenset(keys)


def nominee_keys(nomination: Nomination) -> set[str]:
    """The keys under which entries about the same nominee meet: for a person their name
    (colleagues are not duplicates), otherwise the organization's keys."""
    if nomination.nominee_kind != NomineeKind.PERSON:
        return entry_organization_keys(nomination)
    skeleton = person_skeleton(nomination.person_name)
    keys = {f"person:{skeleton}"} if skeleton else set()
    return keys | identity_keys(bin=nomination.bin, names=[])


# What the inbox's filters, sort, duplicates and suggestions read of every entry: no documents,
# no justification, no history; one statement for the whole program. Not even the time it was
# submitted: the rows come in that order.
_ROW_COLUMNS = (
    Nomination.id, Nomination.category_id, Nomination.state,
    Nomination.nominee_kind, Nomination.bin, Nomination.org_name, Nomination.person_names,
    Nomination.person_name, Nomination.person_workplace, Nomination.team_name,
    Nomination.nominee_organization_id, Nomination.submitting_organization_id,
)  # fmt: skip


def submitted_rows(program: Program) -> list[Row]:
    """Every submitted entry of the program as a row of _ROW_COLUMNS, oldest first. A row has
    the attributes entry_organization_keys and nominee_keys read."""
    query = select(*_ROW_COLUMNS).where(
        Nomination.program_id == program.id, Nomination.submitted_at.is_not(None),
        Nomination.is_practice.is_(False),  # a practice entry is no one's duplicate
    )  # fmt: skip
    return list(db.session.execute(query.order_by(Nomination.submitted_at, Nomination.id)))


def duplicate_ids(rows) -> dict[int, list[int]]:
    """For each live entry of ``rows``, the ids of the other live ones about the same nominee
    in its category: the same BIN, the same confirmed organization, or names with one skeleton
    (awards.accounts.identity)."""
    live = [row for row in rows if row.state not in (S.WITHDRAWN, S.MERGED)]
    found = find_duplicates((row.id, row.category_id, nominee_keys(row)) for row in live)
    return {entry_id: sorted(others) for entry_id, others in found.items()}


def duplicates_in(program: Program) -> dict[int, list[Nomination]]:
    """duplicate_ids over the program's submitted entries, as entries: two statements."""
    found = duplicate_ids(submitted_rows(program))
    wanted = {other for others in found.values() for other in others}
    if not wanted:
        return {}
    by_id = {entry.id: entry for entry in
             db.session.scalars(select(Nomination).where(Nomination.id.in_(wanted)))}  # fmt: skip
    return {entry_id: [by_id[other] for other in others] for entry_id, others in found.items()}


def _taking_part(program: Program):
    """The organizations of the program's people, of its committees and of its confirmed
    nominees."""
    members = (
        select(User.organization_id)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(ProgramRole.program_id == program.id)
    )
    entries = select(Nomination.submitting_organization_id, Nomination.nominee_organization_id)
    entries = entries.where(Nomination.program_id == program.id).subquery()
    return select(Organization).where(
        or_(
            Organization.id.in_(members),
            Organization.id.in_(select(entries.c.submitting_organization_id)),
            Organization.id.in_(select(entries.c.nominee_organization_id)),
        )
    )


def program_organizations(program: Program) -> list[Organization]:
    """The organizations taking part in the program, with their aliases, in two queries."""
    query = _taking_part(program).options(selectinload(Organization.aliases))
    return list(db.session.scalars(query.order_by(Organization.id)))


def takes_part(program: Program, organization: Organization) -> bool:
    query = _taking_part(program).where(Organization.id == organization.id)
    return db.session.scalar(query.with_only_columns(Organization.id)) is not None


def organization_suggestions(
    program: Program, entries, *, organizations: Iterable[Organization] | None = None
) -> dict[int, list[Organization]]:
    """For each entry about an organization (or a person's workplace) not yet confirmed, the
    program's organizations it looks like: a shared BIN or name skeleton. ``entries`` are
    entries or submitted_rows; ``organizations`` the program's, when already loaded."""
    if organizations is None:
        organizations = program_organizations(program)
    by_key: dict[str, list[Organization]] = defaultdict(list)
    for organization in organizations:
        for key in organization.identity_keys:
            by_key[key].append(organization)
    found = {}
    for entry in entries:
        if entry.nominee_kind == NomineeKind.TEAM or entry.nominee_organization_id is not None:
            continue
        matches = {org.id: org for key in entry_organization_keys(entry) for org in by_key[key]}
        if matches:
            found[entry.id] = [matches[org_id] for org_id in sorted(matches)]
    return found
