"""An organization's names per language, BIN and aliases; finding one by its identity."""

import pytest

from awards.accounts import organizations
from awards.accounts.identity import bin_check_digit
from awards.accounts.models import OrganizationAlias
from awards.errors import DomainError
from awards.extensions import db
from tests import factories

BIN = "99014000021" + str(bin_check_digit("99014000021"))


@pytest.fixture
def kazzinc(app):
    organization = factories.organization("ТОО «Казцинк»")
    db.session.commit()
    return organization


@pytest.fixture
def actor(app):
    return factories.user("organizer@x.kz")


def test_update_sets_every_language_and_the_bin(kazzinc, actor):
    names = {"kk": " «Қазмырыш» ЖШС ", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}
    organizations.update_organization(organization=kazzinc, names=names, bin=BIN, actor=actor)
    assert kazzinc.name == {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}
    assert kazzinc.bin == BIN
    assert organizations.find_organization(names=["Қазмырыш"]) == kazzinc
    assert organizations.find_organization(names=["Другое"], bin=BIN) == kazzinc


@pytest.mark.parametrize(
    ("names", "bin", "field"),
    [
        ({}, None, "name"),
        ({"ru": "ТОО"}, None, "name"),
        ({"ru": "ТОО «Казцинк»"}, "123456789012", "bin"),
    ],
)
def test_update_refuses_what_cannot_be_an_identity(kazzinc, actor, names, bin, field):
    with pytest.raises(DomainError) as error:
        organizations.update_organization(organization=kazzinc, names=names, bin=bin, actor=actor)
    assert error.value.field == field


def test_update_refuses_a_bin_another_organization_has(kazzinc, actor):
    factories.organization("Ульба", bin=BIN)
    with pytest.raises(DomainError, match="already has this BIN"):
        organizations.update_organization(
            organization=kazzinc, names={"ru": "Казцинк"}, bin=BIN, actor=actor
        )


def test_alias_is_stored_with_its_skeleton_and_found(kazzinc, actor):
    alias = organizations.add_organization_alias(
        organization=kazzinc, name="  «Қазмырыш» ЖШС ", actor=actor
    )
    assert (alias.name, alias.skeleton, alias.created_by_id) == (
        "«Қазмырыш» ЖШС",
        "kaзmыpыш",
        actor.id,
    )
    assert organizations.find_organization(names=["Казмырыш АҚ"]) == kazzinc
    organizations.remove_organization_alias(alias=alias, actor=actor)
    db.session.commit()
    assert db.session.query(OrganizationAlias).count() == 0
    assert organizations.find_organization(names=["Қазмырыш"]) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ТОО", "letters or digits besides the legal form"),
        ("Казцинк, ТОО.", "already goes by this name"),
        ("Ульба АО", "Ульба already goes by this name"),
    ],
)
def test_alias_refused(kazzinc, actor, name, message):
    factories.organization("Ульба")
    with pytest.raises(DomainError, match=message):
        organizations.add_organization_alias(organization=kazzinc, name=name, actor=actor)


def test_the_same_alias_twice_is_refused(kazzinc, actor):
    organizations.add_organization_alias(organization=kazzinc, name="Kazzinc", actor=actor)
    with pytest.raises(DomainError, match="already goes by this name"):
        organizations.add_organization_alias(organization=kazzinc, name="KAZZINC LLP", actor=actor)


@pytest.mark.parametrize(
    ("typed", "cleaned"), [("", None), ("  ", None), (BIN, BIN), (f"{BIN[:6]} {BIN[6:]}", BIN)]
)
def test_clean_bin_keeps_a_valid_bin_without_its_spaces(app, typed, cleaned):
    assert organizations.clean_bin(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("12345", "12 digits"), (BIN + "0", "12 digits"), ("99014000021a", "12 digits"),
        ("٩٩٠١٤٠٠٠٠٢١٠", "12 digits"),  # Arabic-Indic digits are digits, but not a BIN's
        (BIN[:11] + str((int(BIN[11]) + 1) % 10), "check digit"),
    ],
)  # fmt: skip
def test_clean_bin_refuses_what_is_not_a_bin(app, typed, words):
    with pytest.raises(DomainError) as error:
        organizations.clean_bin(typed, field="organization_bin")
    assert words in error.value.message and error.value.field == "organization_bin"


def test_update_names_a_bad_bin_and_a_missing_name_at_once(kazzinc, actor):
    with pytest.raises(DomainError) as error:
        organizations.update_organization(
            organization=kazzinc, names={"ru": "ТОО"}, bin=BIN[:11] + "x", actor=actor
        )
    assert set(error.value.fields) == {"bin", "name"}
