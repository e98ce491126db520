"""The organizer's organization pages: names per language, BIN and aliases."""

import pytest

from awards.accounts.identity import bin_check_digit
from awards.accounts.models import Organization, OrganizationAlias
from awards.extensions import db
from tests import factories

BASE = "/programs/test-awards/organizations"


@pytest.fixture
def judges_organization(program):
    return next(r.user for r in program.roles if r.role == "judge").organization


def test_list_shows_the_programs_organizations_only(client, auth, program, judges_organization):
    factories.organization("Stranger LLP")
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "University" in page and "Chamber" in page and "Stranger" not in page


def test_organizer_sets_the_names_in_every_language(client, auth, judges_organization):
    auth.login("organizer@x.kz")
    url = f"{BASE}/{judges_organization.id}"
    assert 'value="University"' in client.get(url).get_data(as_text=True)
    response = client.post(
        url,
        data={"name_kk": "«Қазмырыш» ЖШС", "name_ru": "ТОО «Казцинк»", "name_en": "Kazzinc LLP",
              "bin": ""},
    )  # fmt: skip
    assert response.status_code == 302
    organization = db.session.get(Organization, judges_organization.id)
    assert organization.name == {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}


def test_a_name_made_only_of_a_legal_form_is_shown_beside_the_form(
    client, auth, judges_organization
):
    auth.login("organizer@x.kz")
    page = client.post(f"{BASE}/{judges_organization.id}", data={"name_ru": "ТОО", "bin": ""})
    assert page.status_code == 200
    assert "besides the legal form" in page.get_data(as_text=True)
    assert db.session.get(Organization, judges_organization.id).name["ru"] == "University"


def test_organizer_adds_and_removes_an_alias(client, auth, judges_organization):
    auth.login("organizer@x.kz")
    url = f"{BASE}/{judges_organization.id}"
    assert client.post(f"{url}/aliases", data={"name": "ВКТУ"}).status_code == 302
    alias = db.session.query(OrganizationAlias).one()
    assert alias.organization_id == judges_organization.id
    assert "ВКТУ" in client.get(url).get_data(as_text=True)
    page = client.post(f"{url}/aliases", data={"name": "вкту."}).get_data(as_text=True)
    assert "already goes by this name" in page
    assert client.post(f"{url}/aliases/{alias.id}/remove").status_code == 302
    assert db.session.query(OrganizationAlias).count() == 0


def test_an_organization_outside_the_program_is_not_found(client, auth, program):
    stranger = factories.organization("Stranger LLP")
    db.session.commit()
    auth.login("organizer@x.kz")
    assert client.get(f"{BASE}/{stranger.id}").status_code == 404
    assert client.post(f"{BASE}/{stranger.id}/aliases", data={"name": "X"}).status_code == 404


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_see_organizations(client, auth, judges_organization, email):
    auth.login(email)
    assert client.get(f"{BASE}/").status_code == 403
    assert client.get(f"{BASE}/{judges_organization.id}").status_code == 403
    response = client.post(f"{BASE}/{judges_organization.id}/aliases", data={"name": "ВКТУ"})
    assert response.status_code == 403
    assert db.session.query(OrganizationAlias).count() == 0


def test_a_wrong_check_digit_and_a_missing_name_show_in_one_round(
    client, auth, judges_organization
):
    auth.login("organizer@x.kz")
    bin = "99014000021" + str((bin_check_digit("99014000021") + 1) % 10)
    page = client.post(
        f"{BASE}/{judges_organization.id}",
        data={"name_kk": "", "name_ru": "", "name_en": "", "bin": bin},
    ).get_data(as_text=True)
    assert 'id="bin-error"' in page and "check digit" in page
    assert "Enter the organization" in page
    assert db.session.get(Organization, judges_organization.id).bin is None
