"""Conflicts of interest: detecting the automatic ones, declaring and recording the rest.

A judge conflicts with a nomination when they declared it, an organizer recorded it, or their
own organization is the nominee (same BIN or the same name once quotes, case and legal forms
are ignored) or one of the organizations that nominated it.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, ConflictSource
from awards.nominations.identity import identity_keys
from awards.nominations.inbox import nominee_keys
from awards.nominations.models import Nomination
from awards.programs.models import NomineeKind


def _organization_keys(judge: User) -> set[str]:
    organization = judge.organization
    if organization is None:
        return set()
    return identity_keys(bin=organization.bin, names=organization.name.values())


def is_automatic_conflict(judge: User, nomination: Nomination) -> bool:
    """The judge's organization nominated this entry, or is (or employs) the nominee."""
    if judge.organization_id is None:
        return False
    # The ids of nomination.supporting_organizations, without loading the organizations.
    supporters = {nomination.submitting_organization_id}
    supporters.update(entry.submitting_organization_id for entry in nomination.merged_from)
    return judge.organization_id in supporters or _is_nominee(_organization_keys(judge), nomination)


def _is_nominee(keys: set[str], nomination: Nomination) -> bool:
    """The organization with these identity keys is the nominee or a nominated person's employer."""
    if nomination.nominee_kind == NomineeKind.PERSON:
        return bool(keys & identity_keys(bin=None, names=[nomination.person_workplace]))
    return bool(keys & nominee_keys(nomination))


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
    is_automatic_conflict for all of them in two queries, however many they are."""
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
