"""Nomination use cases: drafts and every change of state. Flushes, never commits.

Each transition is one function; each writes an entry of the audit log and, where the
committee should hear of it, queues an email in each recipient's language. ``now`` defaults to the
present; the demo passes times inside its (past) nomination window.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.mail import external_url, queue_email
from awards.nominations.fields import clean_field
from awards.nominations.history import action_for, log_change
from awards.nominations.models import Nomination
from awards.nominations.models import NominationState as S
from awards.programs.models import Category, NomineeKind, Program, ProgramRole, Role

NOMINEE_FIELDS = {
    NomineeKind.ORGANIZATION: ("org_name", "bin", "city", "website"),
    NomineeKind.PERSON: ("person_name", "person_position", "person_workplace"),
    NomineeKind.TEAM: ("team_name", "team_members"),
}
COMMON_FIELDS = ("justification", "achievements", "contact_name", "contact_phone", "contact_email")


def nominations_are_open(program: Program, now: datetime) -> bool:
    """Within the program's nomination window; an unset end leaves that side open."""
    opens, closes = program.nominations_open_at, program.nominations_close_at
    return (opens is None or opens <= now) and (closes is None or now < closes)


def check_nominations_open(program: Program, now: datetime) -> None:
    """Refuse committee changes outside the nomination window."""
    if program.nominations_open_at is not None and now < program.nominations_open_at:
        raise DomainError(_("Nominations are not open yet."))
    if not nominations_are_open(program, now):
        raise DomainError(
            _("The deadline for nominations has passed; entries can no longer be changed.")
        )


def _clean_fields(kind: str, fields: dict) -> dict:
    allowed = set(NOMINEE_FIELDS[kind]) | set(COMMON_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown nomination fields for {kind}: {sorted(unknown)}")
    return {name: clean_field(name, value) for name, value in fields.items()}


PERSON_NAME_ORDER = ("ru", "kk", "en")


def _assign(nomination: Nomination, fields: dict) -> None:
    """Set the cleaned fields; a person's names per language also give the one name
    (person_name) that duplicates, ballots and exports read."""
    for name, value in fields.items():
        if name == "person_name":
            names = value if isinstance(value, dict) else {}
            nomination.person_names = names
            if names:
                value = next(names[code] for code in PERSON_NAME_ORDER if names.get(code))
        setattr(nomination, name, value)


def _check_category(program: Program, category: Category, kind: str | None = None) -> None:
    if category is None or category.program_id != program.id:
        raise DomainError(_("Choose a category of this program."), field="category")
    if kind is not None and category.nominee_kind != kind:
        raise DomainError(
            _("This category is for another kind of nominee; start a new entry there."),
            field="category",
        )


def _record(nomination: Nomination, *, actor: User | None, to_state: str, now: datetime,
            reason: str = "", **new) -> None:  # fmt: skip
    """Move the entry to ``to_state`` and log the change (with what ``new`` names)."""
    from_state = nomination.state or None
    nomination.state = to_state
    nomination.updated_at = now
    db.session.flush()
    log_change(
        nomination, actor=actor, action=action_for(from_state, to_state), from_state=from_state,
        now=now, reason=reason, new=new,
    )  # fmt: skip


def create_nomination(
    *, program: Program, category: Category, actor: User, now: datetime | None = None, **fields
) -> Nomination:
    """A new draft on behalf of the actor's organization.

    Side effects: adds the nomination and its first event (→ draft); flushes.
    """
    now = now or utcnow()
    check_nominations_open(program, now)
    _check_category(program, category)
    if actor.organization_id is None:
        raise DomainError(_("Your account belongs to no organization; ask the organizer."))
    nomination = Nomination(
        program=program, category=category, nominee_kind=category.nominee_kind, state=None,
        submitting_organization_id=actor.organization_id, created_by=actor, created_at=now,
    )  # fmt: skip
    _assign(nomination, _clean_fields(category.nominee_kind, fields))
    db.session.add(nomination)
    _record(nomination, actor=actor, to_state=S.DRAFT, now=now)
    db.session.flush()
    return nomination


def update_nomination(
    *, nomination: Nomination, actor: User, now: datetime | None = None,
    category: Category | None = None, **fields,
) -> Nomination:  # fmt: skip
    """Change a draft or a returned entry. Side effects: flushes."""
    now = now or utcnow()
    check_nominations_open(nomination.program, now)
    if nomination.state not in (S.DRAFT, S.RETURNED):
        raise DomainError(_("This entry has been submitted and can no longer be changed."))
    if category is not None and category.id != nomination.category_id:
        _check_category(nomination.program, category, nomination.nominee_kind)
        nomination.category = category
    _assign(nomination, _clean_fields(nomination.nominee_kind, fields))
    nomination.updated_at = now
    db.session.flush()
    return nomination


def missing_items(nomination: Nomination) -> list[str]:
    """What must still be filled in before the entry can be submitted, in the reader's words."""
    missing = []
    kind = nomination.nominee_kind
    if kind == NomineeKind.ORGANIZATION and not (
        nomination.org_name.get("kk") or nomination.org_name.get("ru")
    ):
        missing.append(_("the organization's legal name in Kazakh or Russian"))
    if kind == NomineeKind.PERSON:
        names = nomination.person_name_texts
        for value, label in (
            (names.get("kk") or names.get("ru"), _("the nominee's full name in Kazakh or Russian")),
            (nomination.person_position, _("the nominee's position")),
            (nomination.person_workplace, _("the nominee's workplace")),
        ):
            if not value:
                missing.append(label)
    if kind == NomineeKind.TEAM:
        if not nomination.team_name:
            missing.append(_("the team's name"))
        if not nomination.team_members:
            missing.append(_("the team's members"))
    if not nomination.justification:
        missing.append(_("the justification"))
    if not nomination.contact_name:
        missing.append(_("the contact person's name"))
    if not (nomination.contact_phone or nomination.contact_email):
        missing.append(_("the contact person's phone number or email"))
    return missing


def _check_complete(nomination: Nomination) -> None:
    missing = missing_items(nomination)
    if missing:
        raise DomainError(_("Before submitting, fill in: %(items)s.", items="; ".join(missing)))


def _committee_recipients(nomination: Nomination) -> list[User]:
    organization_ids = [org.id for org in nomination.supporting_organizations]
    query = (
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(
            ProgramRole.program_id == nomination.program_id,
            ProgramRole.role == Role.COMMITTEE,
            User.organization_id.in_(organization_ids),
            User.activated_at.is_not(None),
        )
        .order_by(User.id)
    )
    return list(db.session.scalars(query))


def _notify_committee(nomination: Nomination, template: str, reason: str = "") -> None:
    link = external_url("nominations.detail", nomination_id=nomination.id)
    for user in _committee_recipients(nomination):
        queue_email(
            db.session(), to=user.email, locale=user.locale, template=f"nominations/{template}",
            nomination=nomination, program=nomination.program, user=user, link=link, reason=reason,
        )  # fmt: skip


def submit_nomination(*, nomination: Nomination, actor: User, now: datetime | None = None):
    """Send a complete draft to the organizers.

    Side effects: state → submitted, submitted_at set, event written, committee emailed.
    """
    now = now or utcnow()
    check_nominations_open(nomination.program, now)
    if nomination.state != S.DRAFT:
        raise DomainError(_("Only a draft can be submitted."))
    _check_complete(nomination)
    nomination.submitted_at = now
    _record(nomination, actor=actor, to_state=S.SUBMITTED, now=now)
    db.session.flush()
    _notify_committee(nomination, "submitted")
    return nomination


def resubmit_nomination(*, nomination: Nomination, actor: User, now: datetime | None = None):
    """Send a corrected entry back after it was returned for changes.

    Side effects: state → submitted, submitted_at renewed (returned_at kept), event written,
    committee emailed.
    """
    now = now or utcnow()
    check_nominations_open(nomination.program, now)
    if nomination.state != S.RETURNED:
        raise DomainError(_("Only an entry returned for changes can be resubmitted."))
    _check_complete(nomination)
    nomination.submitted_at = now
    _record(nomination, actor=actor, to_state=S.SUBMITTED, now=now)
    db.session.flush()
    _notify_committee(nomination, "submitted")
    return nomination


def _check_reason(reason: str, field: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Explain the reason to the committee."), field=field)
    return reason


def _check_submitted(nomination: Nomination) -> None:
    if nomination.state != S.SUBMITTED:
        raise DomainError(_("Only a submitted entry can be reviewed; this one is not waiting."))


def return_nomination(*, nomination: Nomination, actor: User, comment: str,
                      now: datetime | None = None):  # fmt: skip
    """Send a submitted entry back to its committee for changes, with the organizer's comment.

    Side effects: state → returned, returned_at set, event with the comment, committee emailed.
    """
    now = now or utcnow()
    comment = _check_reason(comment, "comment")
    _check_submitted(nomination)
    nomination.returned_at = now
    _record(nomination, actor=actor, to_state=S.RETURNED, now=now, reason=comment)
    db.session.flush()
    _notify_committee(nomination, "returned", reason=comment)
    return nomination


def accept_nomination(*, nomination: Nomination, actor: User, now: datetime | None = None):
    """Declare a submitted entry eligible.

    Side effects: state → accepted, accepted_at set, event written, committee emailed.
    """
    now = now or utcnow()
    _check_submitted(nomination)
    nomination.accepted_at = now
    _record(nomination, actor=actor, to_state=S.ACCEPTED, now=now)
    db.session.flush()
    _notify_committee(nomination, "accepted")
    return nomination


REVIEW_ACTIONS = ("accept", "return", "reject")


def review_nominations(*, nominations: list[Nomination], action: str, actor: User,
                       comment: str = "", now: datetime | None = None) -> int:  # fmt: skip
    """Accept, return (with ``comment``) or reject (with ``comment`` as the reason) several
    submitted entries at once: every one of them, or, when one cannot be, none.

    Returns how many. Side effects: those of accept_nomination, return_nomination or
    reject_nomination, for each entry.
    """
    if not nominations:
        raise DomainError(_("Tick at least one entry."), field="entries")
    if action not in REVIEW_ACTIONS:
        raise DomainError(_("Choose one of the listed actions."), field="action")
    if action != "accept":
        comment = _check_reason(comment, "comment")
    for nomination in nominations:
        try:
            if action == "accept":
                accept_nomination(nomination=nomination, actor=actor, now=now)
            elif action == "return":
                return_nomination(nomination=nomination, actor=actor, comment=comment, now=now)
            else:
                reject_nomination(nomination=nomination, actor=actor, reason=comment, now=now)
        except DomainError as error:
            message = _("Entry #%(id)d: %(message)s", id=nomination.id, message=error.message)
            raise DomainError(message, field="entries") from error
    return len(nominations)


def reject_nomination(*, nomination: Nomination, actor: User, reason: str,
                      now: datetime | None = None):  # fmt: skip
    """Declare a submitted entry ineligible, with the reason.

    Side effects: state → rejected, rejected_at set, event with the reason, committee emailed.
    """
    now = now or utcnow()
    reason = _check_reason(reason, "reason")
    _check_submitted(nomination)
    nomination.rejected_at = now
    _record(nomination, actor=actor, to_state=S.REJECTED, now=now, reason=reason)
    db.session.flush()
    _notify_committee(nomination, "rejected", reason=reason)
    return nomination


def withdraw_nomination(*, nomination: Nomination, actor: User, now: datetime | None = None):
    """The committee takes its entry back while nominations are open.

    Side effects: state → withdrawn, withdrawn_at set, event written. No email.
    """
    now = now or utcnow()
    check_nominations_open(nomination.program, now)
    if nomination.state not in (S.DRAFT, S.SUBMITTED, S.RETURNED):
        raise DomainError(_("This entry has already been decided and cannot be withdrawn."))
    if nomination.merged_from:
        raise DomainError(
            _("Other committees' entries were merged into this one; it can no longer be withdrawn.")
        )
    nomination.withdrawn_at = now
    _record(nomination, actor=actor, to_state=S.WITHDRAWN, now=now)
    db.session.flush()
    return nomination


def merge_nominations(*, keep: Nomination, merge: Nomination, actor: User,
                      now: datetime | None = None) -> Nomination:  # fmt: skip
    """Fold a duplicate entry into another about the same nominee in the same category.

    The kept entry lists the merged entry's committee among its supporters; that committee
    can read the kept entry. Side effects: ``merge`` → merged (merged_at, merged_into set),
    an event on each entry; the committees whose entries moved (``merge``'s and those merged
    into it before) are emailed, each in their language, which entry theirs now belongs to.
    """
    now = now or utcnow()
    live = (S.SUBMITTED, S.ACCEPTED)
    if keep.id == merge.id or keep.category_id != merge.category_id:
        raise DomainError(_("Only two entries in the same category can be merged."), field="other")
    if keep.state not in live or merge.state not in live:
        raise DomainError(_("Only submitted or accepted entries can be merged."), field="other")
    informed = _committee_recipients(merge)  # before its earlier merges move to ``keep``
    # Entries already merged into ``merge`` move to ``keep``: merges stay one level deep, so
    # every supporting committee keeps its access and its judges their conflict.
    for earlier in list(merge.merged_from):
        earlier.merged_into = keep
    merge.merged_into = keep
    merge.merged_at = now
    # The organization confirmed for either entry stays confirmed: its judges keep their conflict.
    if keep.nominee_organization_id is None:
        keep.nominee_organization_id = merge.nominee_organization_id
    _record(merge, actor=actor, to_state=S.MERGED, now=now, merged_into=keep.id)
    log_change(
        keep, actor=actor, action="merge_received", from_state=keep.state, now=now,
        new={"merged": merge.id},
    )  # fmt: skip
    link = external_url("nominations.detail", nomination_id=keep.id)
    for user in informed:
        queue_email(
            db.session(), to=user.email, locale=user.locale, template="nominations/merged",
            merged=merge, keep=keep, program=keep.program, user=user, link=link,
        )  # fmt: skip
    return keep
