"""Conflicts of interest: detecting the automatic ones, declaring and recording the rest, and
showing the organizer the possible ones.

A judge conflicts with a nomination when they declared it, an organizer recorded it, or their
own organization is one of the organizations that nominated it or the organization the entry
is about (the nominee, or a nominated person's workplace): the organization an organizer
confirmed, the same BIN, or a name with the same skeleton as one of the organization's names
or aliases (awards.accounts.identity). Names a letter or two apart are only possible conflicts.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.identity import name_skeleton, near_misses
from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.formats import quoted
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, ConflictSource
from awards.nominations.inbox import entry_organization_keys
from awards.nominations.models import Nomination
from awards.programs.models import NomineeKind


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


def possible_conflicts(judges: list[User], nominations: list[Nomination]) -> list[PossibleConflict]:
    """Judge and entry pairs whose names are near misses (awards.accounts.identity) and that
    are not yet a conflict of any kind. Shown to the organizer; never enforced by themselves."""
    organizations = _by_skeleton(
        (judge, name)
        for judge in judges
        if judge.organization is not None
        for name in judge.organization.known_names
    )
    entries = _by_skeleton((n, name) for n in nominations for name in _entry_names(n))
    stored = set(
        db.session.execute(
            select(Conflict.judge_id, Conflict.nomination_id).where(
                Conflict.nomination_id.in_([n.id for n in nominations])
            )
        ).tuples()
    )
    found: dict[tuple[int, int], PossibleConflict] = {}
    for organization_skeleton, entry_skeleton in near_misses(organizations, entries):
        for judge, organization_name in organizations[organization_skeleton]:
            for nomination, entry_name in entries[entry_skeleton]:
                pair = (judge.id, nomination.id)
                if pair in found or pair in stored or is_automatic_conflict(judge, nomination):
                    continue
                found[pair] = PossibleConflict(judge, nomination, organization_name, entry_name)
    return [found[pair] for pair in sorted(found, key=lambda p: (p[1], p[0]))]
