"""Conflicts of interest: detecting the automatic ones, declaring and recording the rest, and
showing the organizer the possible ones.

A judge conflicts with a nomination when they declared it, an organizer recorded it, or their
own organization is one of the organizations that nominated it or the organization the entry
is about (the nominee, or a nominated person's workplace): the organization an organizer
confirmed, the same BIN, or a name with the same skeleton as one of the organization's names
or aliases (awards.accounts.identity). Names a letter or two apart are only possible conflicts.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from types import SimpleNamespace

from flask_babel import gettext as _
from sqlalchemy import String, cast, select
from sqlalchemy.orm import selectinload

from awards.accounts.identity import identity_keys, name_skeleton, near_misses, organization_key
from awards.accounts.models import Organization, OrganizationAlias, User
from awards.errors import DomainError
from awards.extensions import db
from awards.formats import quoted
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, ConflictSource
from awards.nominations.inbox import entry_organization_keys
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import NomineeKind, Program, ProgramRole, Role


def _organization_keys(judge: User) -> set[str]:
    organization = judge.organization
    return set() if organization is None else organization.identity_keys


def is_automatic_conflict(judge: User, nomination: Nomination) -> bool:
    """The judge's organization nominated this entry, or is the organization it is about."""
    if judge.organization_id is None:
        return False
    # The ids of nomination.supporting_organizations, without loading the organizations.
    supporters = {nomination.submitting_organization_id}
    supporters.update(entry.submitting_organization_id for entry in nomination.merged_from)
    return judge.organization_id in supporters or _is_nominee(_organization_keys(judge), nomination)


def automatic_conflicts(
    pairs: Iterable[tuple[int, int]], judges: Mapping[int, User], entries: Mapping[int, Nomination]
) -> set[tuple[int, int]]:
    """The (judge id, entry id) pairs for which is_automatic_conflict holds, each judge's and
    each entry's organization keys worked out once (a national category's results check
    thousands of pairs between a few dozen judges and a few hundred entries)."""
    judge_keys = {
        judge_id: (judge.organization_id, _organization_keys(judge))
        for judge_id, judge in judges.items()
        if judge.organization_id is not None
    }
    entry_keys: dict[int, tuple[set[int | None], set[str]]] = {}
    found = set()
    for judge_id, entry_id in pairs:
        if judge_id not in judge_keys:
            continue
        if entry_id not in entry_keys:
            entry = entries[entry_id]
            supporters = {entry.submitting_organization_id}
            supporters.update(merged.submitting_organization_id for merged in entry.merged_from)
            entry_keys[entry_id] = (supporters, entry_organization_keys(entry))
        organization_id, keys = judge_keys[judge_id]
        supporters, about = entry_keys[entry_id]
        if organization_id in supporters or keys & about:
            found.add((judge_id, entry_id))
    return found


def _is_nominee(keys: set[str], nomination: Nomination) -> bool:
    """The organization with these identity keys is the nominee or a nominated person's employer."""
    return bool(keys & entry_organization_keys(nomination))


def stored_conflict(judge: User, nomination: Nomination) -> Conflict | None:
    return db.session.scalar(
        select(Conflict).filter_by(judge_id=judge.id, nomination_id=nomination.id)
    )


def has_conflict(judge: User, nomination: Nomination) -> bool:
    return (
        is_automatic_conflict(judge, nomination) or stored_conflict(judge, nomination) is not None
    )


def conflicted_ids(judge: User, nominations: list[Nomination]) -> set[int]:
    """The ids among ``nominations`` that ``judge`` may not see: stored conflicts and
    is_automatic_conflict for all of them in four queries at most (the two below, the judge's
    organization and its aliases), however many they are: skeletons are compared in Python."""
    ids = [nomination.id for nomination in nominations]
    stored = set(
        db.session.scalars(
            select(Conflict.nomination_id).where(
                Conflict.judge_id == judge.id, Conflict.nomination_id.in_(ids)
            )
        )
    )
    organization_id = judge.organization_id
    if organization_id is None:
        return stored
    # An entry merged into another makes its nominating organization a supporter of that one.
    merged_in = db.session.scalars(
        select(Nomination.merged_into_id).where(
            Nomination.merged_into_id.in_(ids),
            Nomination.submitting_organization_id == organization_id,
        )
    )
    keys = _organization_keys(judge)
    automatic = {
        n.id
        for n in nominations
        if n.submitting_organization_id == organization_id or _is_nominee(keys, n)
    }
    return stored | set(merged_in) | automatic


def conflicted_pairs(judges: list[User], nominations: list[Nomination]) -> set[tuple[int, int]]:
    """(nomination id, judge id) for every pair has_conflict holds for, in four statements
    whatever their number: the judges are indexed by their organization's id and identity
    keys, and each entry's supporters and keys are looked up there."""
    ids, judge_ids = [n.id for n in nominations], [judge.id for judge in judges]
    pairs = set(
        db.session.execute(
            select(Conflict.nomination_id, Conflict.judge_id).where(
                Conflict.nomination_id.in_(ids), Conflict.judge_id.in_(judge_ids)
            )
        ).tuples()
    )
    organizations = db.session.scalars(
        select(Organization)
        .where(Organization.id.in_({judge.organization_id for judge in judges}))
        .options(selectinload(Organization.aliases))
    )
    keys = {organization.id: organization.identity_keys for organization in organizations}
    by_organization, by_key = defaultdict(set), defaultdict(set)
    for judge in judges:
        if judge.organization_id is not None:
            by_organization[judge.organization_id].add(judge.id)
            for key in keys[judge.organization_id]:
                by_key[key].add(judge.id)
    supporters = defaultdict(set)
    for into, organization_id in db.session.execute(
        select(Nomination.merged_into_id, Nomination.submitting_organization_id).where(
            Nomination.merged_into_id.in_(ids)
        )
    ):
        supporters[into].add(organization_id)
    for nomination in nominations:
        found = set()
        for organization_id in {nomination.submitting_organization_id, *supporters[nomination.id]}:
            found |= by_organization.get(organization_id, set())
        for key in entry_organization_keys(nomination):
            found |= by_key.get(key, set())
        pairs.update((nomination.id, judge_id) for judge_id in found)
    return pairs


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say briefly why there is a conflict of interest."), field="reason")
    return reason


def _add_conflict(*, nomination, judge, source, reason, actor, now) -> Conflict:
    existing = stored_conflict(judge, nomination)
    if existing is not None:
        return existing
    conflict = Conflict(
        nomination=nomination, judge=judge, source=source, reason=_check_reason(reason),
        created_by_id=actor.id, created_at=now or utcnow(),
    )  # fmt: skip
    db.session.add(conflict)
    # The judge no longer scores this entry; a scorecard already written stays in the history
    # but no longer counts, because results only count unconflicted, assigned scorecards.
    assignment = db.session.scalar(
        select(Assignment).filter_by(judge_id=judge.id, nomination_id=nomination.id)
    )
    if assignment is not None:
        db.session.delete(assignment)
    db.session.flush()
    return conflict


def declare_conflict(
    *, nomination: Nomination, actor: User, reason: str, now: datetime | None = None
) -> Conflict:
    """The judge declares a conflict on an entry they were given; allowed at any time.

    Side effects: stores the conflict, removes the judge's assignment to the entry; flushes.
    """
    return _add_conflict(
        nomination=nomination, judge=actor, source=ConflictSource.DECLARED, reason=reason,
        actor=actor, now=now,
    )  # fmt: skip


def record_conflict(
    *, nomination: Nomination, judge: User, actor: User, reason: str, now: datetime | None = None
) -> Conflict:
    """An organizer records a conflict they learned of.

    Side effects: stores the conflict, removes the judge's assignment to the entry; flushes.
    """
    return _add_conflict(
        nomination=nomination, judge=judge, source=ConflictSource.RECORDED, reason=reason,
        actor=actor, now=now,
    )  # fmt: skip


@dataclass(frozen=True)
class PossibleConflict:
    """A judge whose organization goes by a name a letter or two from the entry's."""

    judge: User
    nomination: Nomination
    organization_name: str
    entry_name: str

    @property
    def reason(self) -> str:
        return _(
            "Possible conflict: %(entry)s looks like %(organization)s.",
            entry=quoted(self.entry_name), organization=quoted(self.organization_name),
        )  # fmt: skip


def _entry_names(nomination: Nomination) -> list[str]:
    if nomination.nominee_kind == NomineeKind.PERSON:
        return [nomination.person_workplace]
    if nomination.nominee_kind == NomineeKind.TEAM:
        return [nomination.team_name]
    return list(nomination.org_name.values())


def _by_skeleton(pairs) -> dict[str, list[tuple]]:
    """(owner, name) pairs grouped by the name's skeleton; names without one left out."""
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for owner, name in pairs:
        if skeleton := name_skeleton(name):
            grouped[skeleton].append((owner, name))
    return grouped


@dataclass(frozen=True)
class _Judge:
    """What the near-miss search needs of a judge: their organization, its keys and names."""

    id: int
    organization_id: int
    keys: frozenset[str]
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    """What it needs of an entry: a Nomination or a row of its nominee columns, and the ids of
    the organizations that nominated it (merged entries included; None: read from the
    Nomination when a near miss needs them)."""

    source: object
    supporters: frozenset[int] | None = None

    @property
    def id(self) -> int:
        return self.source.id


def _supporters(entry: _Entry) -> set[int]:
    if entry.supporters is not None:
        return set(entry.supporters)
    nomination = entry.source
    return {nomination.submitting_organization_id,
            *(merged.submitting_organization_id for merged in nomination.merged_from)}  # fmt: skip


def _is_automatic(judge: _Judge, entry: _Entry) -> bool:
    if judge.organization_id in _supporters(entry):
        return True
    return bool(judge.keys & entry_organization_keys(entry.source))


def _near_pairs(judges: list[_Judge], entries: list[_Entry], stored: set) -> list[tuple]:
    """(judge, entry, organization name, entry name) for each pair whose names are near misses,
    neither stored as a conflict nor an automatic one, in entry then judge order. Only the
    pairs found are checked for an automatic conflict."""
    organizations = _by_skeleton((judge, name) for judge in judges for name in judge.names)
    names = _by_skeleton((entry, name) for entry in entries for name in _entry_names(entry.source))
    found: dict[tuple[int, int], tuple] = {}
    for organization_skeleton, entry_skeleton in near_misses(organizations, names):
        for judge, organization_name in organizations[organization_skeleton]:
            for entry, entry_name in names[entry_skeleton]:
                pair = (judge.id, entry.id)
                if pair in found or pair in stored or _is_automatic(judge, entry):
                    continue
                found[pair] = (judge, entry, organization_name, entry_name)
    return [found[pair] for pair in sorted(found, key=lambda p: (p[1], p[0]))]


def possible_conflicts(judges: list[User], nominations: list[Nomination]) -> list[PossibleConflict]:
    """Judge and entry pairs whose names are near misses (awards.accounts.identity) and that
    are not yet a conflict of any kind. Shown to the organizer; never enforced by themselves."""
    by_judge = {judge.id: judge for judge in judges}
    by_entry = {nomination.id: nomination for nomination in nominations}
    judge_sides = [
        _Judge(judge.id, judge.organization_id, frozenset(_organization_keys(judge)),
               tuple(judge.organization.known_names))
        for judge in judges
        if judge.organization is not None
    ]  # fmt: skip
    entry_sides = [_Entry(nomination) for nomination in nominations]
    stored = set(
        db.session.execute(
            select(Conflict.judge_id, Conflict.nomination_id).where(
                Conflict.nomination_id.in_(list(by_entry))
            )
        ).tuples()
    )
    return [
        PossibleConflict(by_judge[judge.id], by_entry[entry.id], organization_name, entry_name)
        for judge, entry, organization_name, entry_name in _near_pairs(
            judge_sides, entry_sides, stored
        )
    ]


@dataclass(frozen=True)
class PossiblePair:
    """A possible conflict by ids, as the jury pages count and page them."""

    judge_id: int
    nomination_id: int
    category_id: int
    organization_name: str
    entry_name: str


def _judge_sides_in(program: Program) -> list[_Judge]:
    """The program's judges who belong to an organization, from its columns and aliases only."""
    rows = db.session.execute(
        select(User.id, Organization.id, Organization.name, Organization.bin)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .join(Organization, Organization.id == User.organization_id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE)
    ).all()
    aliases = defaultdict(list)
    for organization_id, name in db.session.execute(
        select(OrganizationAlias.organization_id, OrganizationAlias.name).where(
            OrganizationAlias.organization_id.in_({row[1] for row in rows})
        )
    ):
        aliases[organization_id].append(name)
    sides = []
    for judge_id, organization_id, name, bin_ in rows:
        names = [*name.values(), *aliases[organization_id]]
        keys = identity_keys(bin=bin_, names=names) | {organization_key(organization_id)}
        sides.append(_Judge(judge_id, organization_id, frozenset(keys), tuple(names)))
    return sides


@lru_cache(maxsize=16384)
def _named(kind: str, org_name: str, workplace: str, team_name: str) -> tuple[str, ...]:
    """_entry_names from the columns as stored (org_name as its JSON text), remembered: the
    jury pages read the same few thousand entries on every visit."""
    names = json.loads(org_name) if kind == NomineeKind.ORGANIZATION and org_name else {}
    row = SimpleNamespace(nominee_kind=kind, org_name=names or {}, person_workplace=workplace,
                          team_name=team_name)  # fmt: skip
    return tuple(_entry_names(row))


def _entry_rows_in(program: Program, category_id: int | None):
    """The accepted entries' ids, categories and the names near misses are looked for in."""
    query = select(
        Nomination.id, Nomination.category_id, Nomination.nominee_kind,
        cast(Nomination.org_name, String), Nomination.person_workplace,
        Nomination.team_name,
    ).where(
        Nomination.program_id == program.id, Nomination.state == NominationState.ACCEPTED
    )  # fmt: skip
    if category_id is not None:
        query = query.where(Nomination.category_id == category_id)
    return [(id_, category, _named(*names)) for id_, category, *names in db.session.execute(query)]


def _nominee_rows(ids: set[int]) -> dict[int, object]:
    """The columns an automatic conflict is decided on, for these entries only."""
    rows = db.session.execute(
        select(
            Nomination.id, Nomination.nominee_kind, Nomination.org_name, Nomination.bin,
            Nomination.person_workplace, Nomination.team_name,
            Nomination.nominee_organization_id, Nomination.submitting_organization_id,
        ).where(Nomination.id.in_(ids))
    )  # fmt: skip
    return {row.id: row for row in rows}


def possible_conflicts_in(
    program: Program, *, category_id: int | None = None
) -> list[PossiblePair]:
    """possible_conflicts for every judge of the program and its accepted entries (of one
    category), in six statements whatever their number: the entries' names first, then the
    columns deciding automatic conflicts only for the pairs whose names are near misses."""
    entries = _entry_rows_in(program, category_id)
    judges = _judge_sides_in(program)
    stored = set(
        db.session.execute(
            select(Conflict.judge_id, Conflict.nomination_id)
            .join(Nomination, Nomination.id == Conflict.nomination_id)
            .where(Nomination.program_id == program.id)
        ).tuples()
    )
    organizations = _by_skeleton((judge, name) for judge in judges for name in judge.names)
    names = _by_skeleton((id_, name) for id_, _category, named in entries for name in named)
    misses = near_misses(organizations, names)
    ids = {id_ for _organization, skeleton in misses for id_, _name in names[skeleton]}
    rows = _nominee_rows(ids)
    merged = defaultdict(set)
    for into, organization_id in db.session.execute(
        select(Nomination.merged_into_id, Nomination.submitting_organization_id).where(
            Nomination.merged_into_id.in_(ids)
        )
    ):
        merged[into].add(organization_id)
    sides = [
        _Entry(row, frozenset({row.submitting_organization_id, *merged[row.id]}))
        for row in rows.values()
    ]
    category_of = {id_: category for id_, category, _named in entries}
    return [
        PossiblePair(judge.id, entry.id, category_of[entry.id], organization_name, entry_name)
        for judge, entry, organization_name, entry_name in _near_pairs(judges, sides, stored)
    ]
