"""Confirming which organization an entry is about: the inbox's suggestion, the one POST, the
entry's history, and conflicts that follow the organization whatever name was typed."""

import pytest

from awards.accounts import organizations
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import conflicts
from awards.nominations import history, linking, services
from awards.nominations.models import Nomination
from tests import factories
from tests.judging.fixtures import accepted_nomination, open_judging

KAZZINC = {"ru": "ТОО «Казцинк»", "kk": "ТОО «Казцинк»"}


@pytest.fixture
def setup(program):
    """Judging open; judge@x.kz works at Kazzinc (known by its Russian name only); two entries."""
    open_judging(program)
    users = {role.user.email: role.user for role in program.roles}
    judge = users["judge@x.kz"]
    judge.organization = factories.organization("ТОО «Казцинк»")
    committee = users["committee@x.kz"]
    entries = {
        "typed": accepted_nomination(program, committee, "Kaz\u200bzinc LLP"),
        "kazakh": accepted_nomination(program, committee, "«Қазмырыш» ЖШС"),
        "latin": accepted_nomination(program, committee, "ТОО «Kазцинк»"),
    }
    db.session.commit()
    return {**users, **entries, "kazzinc": judge.organization, "program": program}


def test_a_name_in_another_language_is_not_kazzinc_until_an_alias_says_so(setup):
    judge, kazakh = setup["judge@x.kz"], setup["kazakh"]
    assert not conflicts.is_automatic_conflict(judge, kazakh)
    with pytest.raises(DomainError):
        linking.confirm_organization(
            nomination=kazakh, organization=setup["kazzinc"], actor=setup["organizer@x.kz"]
        )
    organizations.add_organization_alias(
        organization=setup["kazzinc"], name="«Қазмырыш» ЖШС", actor=setup["organizer@x.kz"]
    )
    assert conflicts.is_automatic_conflict(judge, kazakh)


def test_a_confirmed_entry_conflicts_whatever_its_name(setup):
    organizer, judge, kazakh = setup["organizer@x.kz"], setup["judge@x.kz"], setup["kazakh"]
    alias = organizations.add_organization_alias(
        organization=setup["kazzinc"], name="Қазмырыш", actor=organizer
    )
    linking.confirm_organization(nomination=kazakh, organization=setup["kazzinc"], actor=organizer)
    organizations.remove_organization_alias(alias=alias, actor=organizer)
    db.session.commit()
    assert kazakh.nominee_organization_id == setup["kazzinc"].id
    assert conflicts.is_automatic_conflict(judge, kazakh)
    assert kazakh.id in conflicts.conflicted_ids(judge, [kazakh])
    last = history.history_lines(kazakh)[-1]
    assert last.note == "Confirmed: this entry is about ТОО «Казцинк»."
    assert last.from_state == last.to_state == "accepted"


def test_a_confirmed_persons_workplace_conflicts(setup):
    program, committee = setup["program"], setup["committee@x.kz"]
    category = program.categories[0]
    category.nominee_kind = "person"
    person = Nomination(
        program=program, category=category, nominee_kind="person", person_name="Айдана",
        person_workplace="Казцинк", submitting_organization=committee.organization,
    )  # fmt: skip
    db.session.add(person)
    db.session.flush()
    assert conflicts.is_automatic_conflict(setup["judge@x.kz"], person)
    person.person_workplace = "рудник «Тишинский»"
    assert not conflicts.is_automatic_conflict(setup["judge@x.kz"], person)
    person.nominee_organization = setup["kazzinc"]
    db.session.flush()
    assert conflicts.is_automatic_conflict(setup["judge@x.kz"], person)


def test_inbox_suggests_the_organization_and_one_post_confirms_it(setup, client, auth):
    typed, kazzinc = setup["typed"], setup["kazzinc"]
    organizations.update_organization(
        organization=kazzinc, names={**KAZZINC, "en": "Kazzinc LLP"}, bin=None,
        actor=setup["organizer@x.kz"],
    )  # fmt: skip
    db.session.commit()
    auth.login("organizer@x.kz")
    inbox = client.get(f"/programs/{setup['program'].slug}/inbox").get_data(as_text=True)
    assert inbox.count(f'data-suggestion="{kazzinc.id}"') == 2  # the typed and the Latin K
    assert "This looks like Kazzinc LLP" in inbox
    response = client.post(
        f"/nominations/{typed.id}/organization", data={"organization": str(kazzinc.id)}
    )
    assert response.status_code == 302
    assert db.session.get(Nomination, typed.id).nominee_organization_id == kazzinc.id
    detail = client.get(f"/nominations/{typed.id}").get_data(as_text=True)
    assert "Confirmed: this entry is about Kazzinc LLP." in detail
    assert 'id="organization-match"' in detail
    inbox = client.get(f"/programs/{setup['program'].slug}/inbox").get_data(as_text=True)
    assert f'data-organization="{kazzinc.id}"' in inbox
    client.post(f"/nominations/{typed.id}/organization/remove")
    assert db.session.get(Nomination, typed.id).nominee_organization_id is None


def test_confirming_an_organization_that_does_not_match_is_refused(setup, client, auth):
    other = factories.organization("Second University")
    setup["judge@x.kz"].organization = other
    db.session.commit()
    auth.login("organizer@x.kz")
    typed = setup["typed"]
    client.post(f"/nominations/{typed.id}/organization", data={"organization": str(other.id)})
    assert db.session.get(Nomination, typed.id).nominee_organization_id is None


def test_only_organizers_confirm(setup, client, auth):
    typed, kazzinc = setup["typed"], setup["kazzinc"]
    for email in ("committee@x.kz", "judge@x.kz"):
        auth.login(email)
        response = client.post(
            f"/nominations/{typed.id}/organization", data={"organization": str(kazzinc.id)}
        )
        assert response.status_code in (403, 404)
        auth.logout()
    assert db.session.get(Nomination, typed.id).nominee_organization_id is None


def test_an_organization_outside_the_program_cannot_be_confirmed(setup, client, auth):
    stranger = factories.organization("Kazzinc")
    db.session.commit()
    auth.login("organizer@x.kz")
    response = client.post(
        f"/nominations/{setup['typed'].id}/organization", data={"organization": str(stranger.id)}
    )
    assert response.status_code == 404


def test_a_merge_keeps_the_confirmed_organization(setup):
    organizer, typed, latin = setup["organizer@x.kz"], setup["typed"], setup["latin"]
    linking.confirm_organization(nomination=latin, organization=setup["kazzinc"], actor=organizer)
    services.merge_nominations(keep=typed, merge=latin, actor=organizer)
    db.session.commit()
    assert typed.nominee_organization_id == setup["kazzinc"].id
