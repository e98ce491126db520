"""Attacks found in review: merges that lose supporters, withdrawals that drop others' entries."""

import pytest

from awards.errors import DomainError
from awards.extensions import db
from awards.nominations import services
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories
from tests.nominations.conftest import make_nomination


def test_chained_merges_keep_every_supporting_organization(program, people):
    third_org = factories.organization("Third College")
    third = factories.user("third@x.kz", organization=third_org)
    programs.grant_role(
        program=program, user=third, role=Role.COMMITTEE, actor=people["organizer@x.kz"]
    )
    db.session.commit()
    x = make_nomination(program, people["committee@x.kz"], submit=True)
    y = make_nomination(program, people["rival@x.kz"], submit=True, name="Казцинк")
    w = make_nomination(program, third, submit=True, name="«Казцинк»")
    organizer = people["organizer@x.kz"]
    services.merge_nominations(keep=x, merge=y, actor=organizer)
    services.merge_nominations(keep=w, merge=x, actor=organizer)
    db.session.commit()
    names = sorted(org.display_name for org in w.supporting_organizations)
    assert names == ["Chamber", "Rival College", "Third College"]
    assert y.merged_into == w


def test_kept_entry_cannot_be_withdrawn_once_others_are_merged_into_it(
    client, auth, program, people
):
    keep = make_nomination(program, people["committee@x.kz"], submit=True)
    other = make_nomination(program, people["rival@x.kz"], submit=True, name="Казцинк")
    services.merge_nominations(keep=keep, merge=other, actor=people["organizer@x.kz"])
    db.session.commit()
    with pytest.raises(DomainError):
        services.withdraw_nomination(nomination=keep, actor=people["committee@x.kz"])
    auth.login("committee@x.kz")
    assert client.post(f"/nominations/{keep.id}/withdraw").status_code in (403, 404)
    assert db.session.get(type(keep), keep.id).state == "submitted"


def test_line_breaks_in_names_are_flattened(program, people):
    entry = make_nomination(program, people["committee@x.kz"], name="Acme\rBcc: victim@example.com")
    assert entry.org_name["ru"] == "Acme Bcc: victim@example.com"
