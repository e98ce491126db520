"""Organization use cases: finding one by its identity, its names and BIN, its aliases.

Flushes, never commits.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.accounts.identity import bin_is_valid, identity_keys, name_skeleton
from awards.accounts.models import Organization, OrganizationAlias, User
from awards.errors import DomainError, FieldErrors
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


def clean_bin(value: str | None, *, field: str = "bin") -> str | None:
    """A BIN/IIN as typed, spaces removed, or None when empty; refused beside ``field`` unless
    it is twelve digits ending in their check digit (identity.bin_is_valid). The one check of a
    BIN every form, service and import uses."""
    value = "".join((value or "").split())
    if not value:
        return None
    if len(value) != 12 or not (value.isascii() and value.isdigit()):
        raise DomainError(_("A BIN has 12 digits."), field=field)
    if not bin_is_valid(value):
        raise DomainError(
            _("This is not a valid BIN: it has 12 digits and the last one is a check digit."),
            field=field,
        )
    return value


def check_names(names: dict | None, *, field: str = "name") -> dict:
    """An organization's names per language, cleaned: at least one, each with letters or
    digits besides its legal form."""
    names = clean_texts(names)
    if not names:
        raise DomainError(_("Enter the organization's name."), field=field)
    if any(len(text) > NAME_MAX for text in names.values()):
        raise DomainError(_("Use at most %(n)d characters.", n=NAME_MAX), field=field)
    if not any(name_skeleton(text) for text in names.values()):
        raise DomainError(_("A name needs letters or digits besides the legal form."), field=field)
    return names


def check_bin_free(organization: Organization | None, bin: str | None, *, field: str = "bin"):
    """Refuse a BIN another organization already has."""
    if bin is None:
        return
    other = db.session.scalar(select(Organization).where(Organization.bin == bin))
    if other is not None and (organization is None or other.id != organization.id):
        raise DomainError(
            _("%(organization)s already has this BIN.", organization=other.display_name),
            field=field,
        )


def organization_named(
    *, names: dict | None, bin: str | None, field: str = "organization"
) -> tuple[Organization | None, dict, str | None]:
    """What a form's organization name (per language) and BIN point to: the organization
    found by its identity (or None), the names and the BIN cleaned. Every problem is named at
    once: a BIN that is not valid, a name without letters, a BIN given alone that no
    organization has yet, a name whose organization has another BIN. Writes nothing."""
    problems = FieldErrors()
    bin = problems.run(clean_bin, bin)
    names = clean_texts(names)
    if names:
        problems.run(check_names, names, field=field)
    found = None
    if not problems and (names or bin):
        found = find_organization(names=names, bin=bin)
        if found is None and not names:
            problems.add(
                DomainError(_("No organization has this BIN yet: enter its name too."), field=field)
            )
        elif found is not None and bin and found.bin and found.bin != bin:
            message = _(
                "%(organization)s goes by this name and has another BIN: check the BIN or the "
                "name.",
                organization=found.display_name,
            )
            problems.add(DomainError(message, field="bin"))
        elif found is not None and bin and names:
            named = find_organization(names=names)
            if named is not None and named.id != found.id:
                message = _(
                    "This BIN is %(organization)s's, not the named organization's: check the "
                    "BIN or the name.",
                    organization=found.display_name,
                )
                problems.add(DomainError(message, field="bin"))
    problems.raise_any()
    return found, names, bin


def check_organization(
    *, organization: Organization | None, names: dict | None, bin: str | None
) -> tuple[dict, str | None]:
    """The names and BIN cleaned, or every problem with them at once; writes nothing."""
    problems = FieldErrors()
    bin = problems.run(clean_bin, bin)
    problems.run(check_bin_free, organization, bin)
    names = problems.run(check_names, names)
    problems.raise_any()
    return names, bin


def update_organization(
    *, organization: Organization, names: dict, bin: str | None, actor: User
) -> Organization:
    """Set the organization's name in each language and its BIN; every problem is named at
    once.

    Side effects: the organization changes for every program it takes part in; flushes.
    """
    organization.name, organization.bin = check_organization(
        organization=organization, names=names, bin=bin
    )
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
