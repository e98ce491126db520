import io

from flask_login import AnonymousUserMixin

from awards.nominations import documents, permissions, services
from tests import factories
from tests.nominations.conftest import PDF, make_nomination


def test_colleagues_share_entries_and_others_do_not_see_them(program, people):
    draft = make_nomination(program, people["committee@x.kz"])
    assert permissions.can_view_nomination(people["colleague@x.kz"], draft)
    assert permissions.can_edit_nomination(people["colleague@x.kz"], draft)
    for email in ("rival@x.kz", "judge@x.kz", "organizer@x.kz"):
        assert not permissions.can_view_nomination(people[email], draft), email
    assert not permissions.can_view_nomination(AnonymousUserMixin(), draft)


def test_organizer_sees_submitted_entries_and_reviews_but_does_not_edit(program, people):
    organizer = people["organizer@x.kz"]
    entry = make_nomination(program, people["committee@x.kz"], submit=True)
    assert permissions.can_view_nomination(organizer, entry)
    assert permissions.can_review_nomination(organizer, entry)
    assert permissions.can_view_audit_log(organizer, entry)
    assert not permissions.can_edit_nomination(organizer, entry)
    assert not permissions.can_review_nomination(people["committee@x.kz"], entry)
    assert not permissions.can_view_audit_log(people["committee@x.kz"], entry)


def test_submitted_entry_is_read_only_for_the_committee_until_returned(program, people):
    member, organizer = people["committee@x.kz"], people["organizer@x.kz"]
    entry = make_nomination(program, member, submit=True)
    assert not permissions.can_edit_nomination(member, entry)
    assert permissions.can_withdraw_nomination(member, entry)
    services.return_nomination(nomination=entry, actor=organizer, comment="Исправьте")
    assert permissions.can_edit_nomination(member, entry)
    assert permissions.can_submit_nomination(member, entry)


def test_member_who_left_the_organization_loses_access(program, people):
    member = people["committee@x.kz"]
    entry = make_nomination(program, member)
    member.organization = factories.organization("New Employer")
    assert not permissions.can_view_nomination(member, entry)


def test_committee_role_is_needed_not_just_the_organization(program, people):
    entry = make_nomination(program, people["committee@x.kz"])
    same_org_no_role = factories.user(
        "boss@x.kz", organization=people["committee@x.kz"].organization
    )
    assert not permissions.can_view_nomination(same_org_no_role, entry)
    assert not permissions.can_create_nomination(same_org_no_role, program)


def test_document_follows_its_entry(program, people):
    member = people["committee@x.kz"]
    entry = make_nomination(program, member)
    document = documents.add_document(
        nomination=entry, actor=member, stream=io.BytesIO(PDF), filename="a.pdf"
    )
    services.submit_nomination(nomination=entry, actor=member)
    assert permissions.can_download_document(people["organizer@x.kz"], document)
    assert not permissions.can_download_document(people["rival@x.kz"], document)
