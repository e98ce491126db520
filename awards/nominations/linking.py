"""Which organization an entry is about, once an organizer confirmed it. Flushes, never commits."""

from datetime import datetime

from flask_babel import gettext as _

from awards.accounts.identity import organization_key
from awards.accounts.models import Organization, User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.history import log_change, organization_record
from awards.nominations.inbox import entry_organization_keys
from awards.nominations.models import Nomination
from awards.programs.models import NomineeKind


def _typed_keys(nomination: Nomination) -> set[str]:
    """The entry's keys from what its committee typed, without a confirmation made before."""
    keys = entry_organization_keys(nomination)
    if nomination.nominee_organization_id is not None:
        keys.discard(organization_key(nomination.nominee_organization_id))
    return keys


def confirm_organization(*, nomination: Nomination, organization: Organization, actor: User,
                         now: datetime | None = None) -> Nomination:  # fmt: skip
    """Record that the entry is about ``organization``: the nominee, or the nominated person's
    workplace. From then on its judges conflict with the entry whatever name was typed.

    Refused for teams, and unless one of the organization's names, aliases or its BIN matches
    the entry (an organizer adds the name as an alias first). Side effects: the entry's
    nominee_organization is set; an event in its history; flushes.
    """
    if nomination.nominee_kind == NomineeKind.TEAM:
        raise DomainError(_("Only an organization or a person's workplace can be confirmed."))
    if not _typed_keys(nomination) & organization.identity_keys:
        raise DomainError(
            _(
                "%(organization)s does not go by this name. Add the name to its other names first.",
                organization=organization.display_name,
            )
        )
    before = nomination.nominee_organization
    nomination.nominee_organization = organization
    db.session.flush()
    log_change(
        nomination, actor=actor, action="organization_confirmed", from_state=nomination.state,
        now=now or utcnow(), new={"organization": organization_record(organization)},
        old={"organization": organization_record(before)} if before is not None else None,
    )  # fmt: skip
    return nomination


def unlink_organization(*, nomination: Nomination, actor: User,
                        now: datetime | None = None) -> Nomination:  # fmt: skip
    """Undo a confirmation; conflicts go back to the names and BIN the entry gives.

    Side effects: nominee_organization cleared; an event in the entry's history; flushes.
    """
    organization = nomination.nominee_organization
    if organization is None:
        return nomination
    nomination.nominee_organization = None
    db.session.flush()
    log_change(
        nomination, actor=actor, action="organization_unlinked", from_state=nomination.state,
        now=now or utcnow(), old={"organization": organization_record(organization)},
    )  # fmt: skip
    return nomination
