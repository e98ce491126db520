"""Organization use cases: finding one by its identity, its names and BIN, its aliases.

Flushes, never commits.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.accounts.identity import bin_is_valid, identity_keys, name_skeleton
from awards.accounts.models import Organization, OrganizationAlias, User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import clean_texts, single_line

NAME_MAX = 300


def find_organization(*, names: dict | list, bin: str | None = None) -> Organization | None:
    """The organization with this BIN, else the first one (oldest) with a name or alias of the
    same skeleton as one of ``names``."""
    if bin:
        found = db.session.scalar(select(Organization).where(Organization.bin == bin))
        if found is not None:
            return found
    wanted = identity_keys(bin=None, names=names.values() if isinstance(names, dict) else names)
    if not wanted:
        return None
    query = select(Organization).options(selectinload(Organization.aliases))
    for organization in db.session.scalars(query.order_by(Organization.id)):
        if wanted & organization.identity_keys:
            return organization
    return None


def _check_names(names: dict) -> dict:
    names = clean_texts(names)
    if not names:
        raise DomainError(_("Enter the organization's name."), field="name")
    if any(len(text) > NAME_MAX for text in names.values()):
        raise DomainError(_("Use at most %(n)d characters.", n=NAME_MAX), field="name")
    if not any(name_skeleton(text) for text in names.values()):
        raise DomainError(_("A name needs letters or digits besides the legal form."), field="name")
    return names


def _check_bin(organization: Organization, bin: str | None) -> str | None:
    bin = "".join((bin or "").split()) or None
    if bin is None:
        return None
    if not bin_is_valid(bin):
        raise DomainError(_("This is not a valid BIN: check its 12 digits."), field="bin")
    other = db.session.scalar(select(Organization).where(Organization.bin == bin))
    if other is not None and other.id != organization.id:
        raise DomainError(
            _("%(organization)s already has this BIN.", organization=other.display_name),
            field="bin",
        )
    return bin


def update_organization(
    *, organization: Organization, names: dict, bin: str | None, actor: User
) -> Organization:
    """Set the organization's name in each language and its BIN.

    Side effects: the organization changes for every program it takes part in; flushes.
    """
    organization.bin = _check_bin(organization, bin)
    organization.name = _check_names(names)
    db.session.flush()
    return organization


def add_organization_alias(
    *, organization: Organization, name: str, actor: User
) -> OrganizationAlias:
    """Another name the organization goes by; entries with a name of the same skeleton are
    then about it (conflicts of interest, duplicates, the inbox's suggestions).

    Refused when the name has no skeleton, is already one of its names, or belongs to
    another organization. Side effects: adds the alias; flushes.
    """
    name = single_line(name)
    skeleton = name_skeleton(name)
    if not skeleton:
        raise DomainError(_("A name needs letters or digits besides the legal form."), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("Use at most %(n)d characters.", n=NAME_MAX), field="name")
    owner = find_organization(names=[name])
    if owner is not None and owner.id == organization.id:
        raise DomainError(_("The organization already goes by this name."), field="name")
    if owner is not None:
        raise DomainError(
            _("%(organization)s already goes by this name.", organization=owner.display_name),
            field="name",
        )
    alias = OrganizationAlias(
        organization=organization, name=name, skeleton=skeleton, created_by_id=actor.id
    )
    db.session.add(alias)
    db.session.flush()
    return alias


def remove_organization_alias(*, alias: OrganizationAlias, actor: User) -> None:
    """Side effects: the alias is deleted; entries confirmed to be about the organization stay
    so; flushes."""
    alias.organization.aliases.remove(alias)
    db.session.flush()
