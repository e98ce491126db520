from datetime import datetime

import pytest
import time_machine
from sqlalchemy.exc import IntegrityError

from awards.errors import DomainError
from awards.extensions import db
from awards.nominations import history, services
from awards.nominations.models import Nomination, NominationState
from awards.programs import services as programs
from tests.nominations.conftest import (
    AFTER,
    INSIDE,
    WINDOW,
    make_nomination,
    organization_fields,
    valid_bin,
)

S = NominationState


def transitions(nomination):
    return [(e.from_state, e.to_state, e.note) for e in history.history_lines(nomination)]


def test_create_nomination_is_a_draft_of_the_actors_organization(program, people):
    member = people["committee@x.kz"]
    nomination = make_nomination(program, member)
    assert nomination.state == S.DRAFT
    assert nomination.submitting_organization == member.organization
    assert nomination.nominee_kind == "organization"
    assert transitions(nomination) == [(None, S.DRAFT, "")]
    assert history.history_lines(nomination)[0].actor == member


def test_create_nomination_keeps_lists_and_drops_blank_lines(program, people):
    nomination = make_nomination(
        program, people["committee@x.kz"], achievements="Первое\n\n  Второе  \n"
    )
    assert nomination.achievements == ["Первое", "Второе"]
    assert nomination.org_name == {"ru": "ТОО «Казцинк»"}


def test_create_nomination_accepts_valid_bin(program, people):
    nomination = make_nomination(program, people["committee@x.kz"], bin=f" {valid_bin()} ")
    assert nomination.bin == valid_bin()


@pytest.mark.parametrize("bin", ["12345678901", "123456789012", "abcdefghijkl"])
def test_create_nomination_refuses_wrong_bin(program, people, bin):
    with pytest.raises(DomainError) as error:
        make_nomination(program, people["committee@x.kz"], bin=bin)
    assert error.value.field == "bin"


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "kazzinc.kz", "ftp://kazzinc.kz", "https://", "http://a b.kz"],
)
def test_create_nomination_refuses_website_other_than_http(program, people, website):
    with pytest.raises(DomainError) as error:
        make_nomination(program, people["committee@x.kz"], website=website)
    assert error.value.field == "website"


def test_create_nomination_refuses_too_long_justification(program, people):
    with pytest.raises(DomainError) as error:
        make_nomination(program, people["committee@x.kz"], justification="а" * 5001)
    assert error.value.field == "justification"


def test_submit_refuses_incomplete_entry_and_lists_what_is_missing(program, people):
    nomination = make_nomination(program, people["committee@x.kz"], justification="",
                                 contact_name="")  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.submit_nomination(nomination=nomination, actor=people["committee@x.kz"])
    assert "justification" in error.value.message
    assert "contact person" in error.value.message
    assert nomination.state == S.DRAFT


def test_submit_emails_each_colleague_in_their_language(program, people, outbox):
    people["colleague@x.kz"].locale = "ru"
    make_nomination(program, people["committee@x.kz"], submit=True)
    messages = outbox()
    assert sorted(m["To"] for m in messages) == ["colleague@x.kz", "committee@x.kz"]
    english = next(m for m in messages if m["To"] == "committee@x.kz")
    assert english["Subject"] == "Entry received: ТОО «Казцинк»"
    assert "https://awards.example.kz/nominations/" in english.get_content()


def test_full_lifecycle_writes_every_transition(program, people, outbox):
    member, organizer = people["committee@x.kz"], people["organizer@x.kz"]
    nomination = make_nomination(program, member, submit=True)
    assert nomination.submitted_at is not None
    services.return_nomination(nomination=nomination, actor=organizer, comment="Добавьте БИН")
    assert nomination.state == S.RETURNED and nomination.returned_at is not None
    assert history.organizer_comment(nomination) == "Добавьте БИН"
    services.update_nomination(nomination=nomination, actor=member, bin=valid_bin())
    services.resubmit_nomination(nomination=nomination, actor=member)
    services.accept_nomination(nomination=nomination, actor=organizer)
    db.session.commit()
    assert nomination.state == S.ACCEPTED and nomination.accepted_at is not None
    assert [(f, t) for f, t, _ in transitions(nomination)] == [
        (None, S.DRAFT), (S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED), (S.SUBMITTED, S.ACCEPTED),
    ]  # fmt: skip
    returned = [m for m in outbox() if m["Subject"].startswith("Changes requested")]
    assert len(returned) == 2 and "Добавьте БИН" in returned[0].get_content()
    assert sum(m["Subject"].startswith("Entry accepted") for m in outbox()) == 2


def test_reject_needs_a_reason_and_records_it(program, people, outbox):
    organizer = people["organizer@x.kz"]
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    with pytest.raises(DomainError) as error:
        services.reject_nomination(nomination=nomination, actor=organizer, reason="  ")
    assert error.value.field == "reason"
    services.reject_nomination(nomination=nomination, actor=organizer, reason="Не по профилю")
    db.session.commit()
    assert nomination.state == S.REJECTED
    assert transitions(nomination)[-1] == (S.SUBMITTED, S.REJECTED, "Не по профилю")
    assert any("Не по профилю" in m.get_content() for m in outbox())


def test_return_needs_a_comment(program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    with pytest.raises(DomainError) as error:
        services.return_nomination(
            nomination=nomination, actor=people["organizer@x.kz"], comment=""
        )
    assert error.value.field == "comment"


def test_review_refuses_a_draft(program, people):
    nomination = make_nomination(program, people["committee@x.kz"])
    with pytest.raises(DomainError):
        services.accept_nomination(nomination=nomination, actor=people["organizer@x.kz"])


def test_submitted_entry_cannot_be_edited(program, people):
    member = people["committee@x.kz"]
    nomination = make_nomination(program, member, submit=True)
    with pytest.raises(DomainError):
        services.update_nomination(nomination=nomination, actor=member, city="Алматы")


def test_withdraw_then_nothing_more(program, people):
    member = people["committee@x.kz"]
    nomination = make_nomination(program, member, submit=True)
    services.withdraw_nomination(nomination=nomination, actor=member)
    assert nomination.state == S.WITHDRAWN and nomination.withdrawn_at is not None
    with pytest.raises(DomainError):
        services.withdraw_nomination(nomination=nomination, actor=member)


def test_category_of_another_kind_is_refused(program, people):
    organizer, member = people["organizer@x.kz"], people["committee@x.kz"]
    people_category = programs.add_category(
        program=program, actor=organizer, slug="best-mentor", nominee_kind="person",
        title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    nomination = make_nomination(program, member)
    with pytest.raises(DomainError) as error:
        services.update_nomination(nomination=nomination, actor=member, category=people_category)
    assert error.value.field == "category"


def test_person_nomination_needs_person_fields(program, people):
    organizer, member = people["organizer@x.kz"], people["committee@x.kz"]
    category = programs.add_category(
        program=program, actor=organizer, slug="best-mentor", nominee_kind="person",
        title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    nomination = services.create_nomination(
        program=program, category=category, actor=member, person_name="Асель Нурланова",
        justification="Наставник 20 студентов", contact_name="Айдана", contact_email="a@x.kz",
    )  # fmt: skip
    assert services.missing_items(nomination) == [
        "the nominee's position",
        "the nominee's workplace",
    ]
    with pytest.raises(TypeError):
        services.update_nomination(nomination=nomination, actor=member, bin=valid_bin())


def set_window(program):
    programs.update_program(program=program, actor=program.roles[0].user, **WINDOW)
    db.session.commit()


def test_after_the_deadline_edit_and_submit_are_refused_and_nothing_changes(program, people):
    member = people["committee@x.kz"]
    set_window(program)
    with time_machine.travel(INSIDE, tick=False):
        nomination = make_nomination(program, member)
    with time_machine.travel(AFTER, tick=False):
        with pytest.raises(DomainError) as error:
            services.update_nomination(nomination=nomination, actor=member, city="Алматы")
        assert "deadline" in error.value.message
        db.session.rollback()
        with pytest.raises(DomainError):
            services.submit_nomination(nomination=nomination, actor=member)
        db.session.rollback()
        with pytest.raises(DomainError):
            services.withdraw_nomination(nomination=nomination, actor=member)
        db.session.rollback()
        with pytest.raises(DomainError):
            make_nomination(program, member, name="Другое")
        db.session.rollback()
    fresh = db.session.get(Nomination, nomination.id)
    assert (fresh.state, fresh.city, len(history.history_lines(fresh))) == (S.DRAFT, "Өскемен", 1)
    assert db.session.query(Nomination).count() == 1


def test_before_the_window_opens_nothing_can_be_created(program, people):
    set_window(program)
    with time_machine.travel(datetime(2026, 2, 1), tick=False), pytest.raises(DomainError) as error:
        make_nomination(program, people["committee@x.kz"])
    assert "not open yet" in error.value.message


def test_now_argument_places_the_transition_in_the_window(program, people):
    member = people["committee@x.kz"]
    set_window(program)
    nomination = services.create_nomination(
        program=program, category=program.categories[0], actor=member, now=INSIDE,
        **organization_fields(),
    )  # fmt: skip
    services.submit_nomination(nomination=nomination, actor=member, now=INSIDE)
    assert nomination.submitted_at == INSIDE
    assert [e.at for e in history.history_lines(nomination)] == [INSIDE, INSIDE]


def test_organizer_can_review_after_the_deadline(program, people):
    member = people["committee@x.kz"]
    set_window(program)
    with time_machine.travel(INSIDE, tick=False):
        nomination = make_nomination(program, member, submit=True)
    with time_machine.travel(AFTER, tick=False):
        services.accept_nomination(nomination=nomination, actor=people["organizer@x.kz"])
    assert nomination.state == S.ACCEPTED


def test_merge_keeps_both_committees(program, people):
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="«Казцинк» ТОО")
    services.merge_nominations(keep=first, merge=second, actor=people["organizer@x.kz"])
    db.session.commit()
    assert second.state == S.MERGED and second.merged_into == first
    assert [o.display_name for o in first.supporting_organizations] == ["Chamber", "Rival College"]


def test_merge_refuses_entries_of_different_categories(program, people):
    organizer = people["organizer@x.kz"]
    other = programs.add_category(program=program, actor=organizer, slug="other",
                                  title={"kk": "Басқа", "ru": "Другая"})  # fmt: skip
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = services.create_nomination(
        program=program, category=other, actor=people["rival@x.kz"], **organization_fields()
    )
    with pytest.raises(DomainError):
        services.merge_nominations(keep=first, merge=second, actor=organizer)


@pytest.mark.parametrize(("state", "timestamp"), [
    ("accepted", None), ("submitted", None), ("rejected", None), ("draft", "submitted_at"),
    ("withdrawn", None), ("merged", None),
])  # fmt: skip
def test_schema_ties_each_state_to_its_timestamp(program, people, state, timestamp):
    nomination = make_nomination(program, people["committee@x.kz"])
    nomination.state = state
    if timestamp:
        setattr(nomination, timestamp, datetime(2026, 3, 1))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_after_a_merge_both_committees_hear_the_decision(program, people, outbox):
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="Казцинк")
    organizer = people["organizer@x.kz"]
    services.merge_nominations(keep=first, merge=second, actor=organizer)
    services.accept_nomination(nomination=first, actor=organizer)
    db.session.commit()
    accepted = [m["To"] for m in outbox() if m["Subject"].startswith("Entry accepted")]
    assert sorted(accepted) == ["colleague@x.kz", "committee@x.kz", "rival@x.kz"]
    assert [e.note for e in history.history_lines(second)][-1] == f"Merged into entry #{first.id}."


def test_a_committee_that_sent_both_duplicates_is_listed_once(program, people):
    committee = people["committee@x.kz"]
    first = make_nomination(program, committee, submit=True)
    second = make_nomination(program, committee, submit=True, name="ТОО Казцинк")
    third = make_nomination(program, people["rival@x.kz"], submit=True, name="Казцинк")
    organizer = people["organizer@x.kz"]
    services.merge_nominations(keep=first, merge=second, actor=organizer)
    services.merge_nominations(keep=first, merge=third, actor=organizer)
    db.session.commit()
    assert [o.display_name for o in first.supporting_organizations] == ["Chamber", "Rival College"]


def test_the_merged_entrys_committee_is_told_in_its_language(program, people, outbox):
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="Казцинк")
    people["rival@x.kz"].locale = "ru"
    services.merge_nominations(keep=first, merge=second, actor=people["organizer@x.kz"])
    db.session.commit()
    (message,) = [m for m in outbox() if m["Subject"].startswith("Заявка объединена")]
    assert message["To"] == "rival@x.kz"
    assert message["Subject"] == "Заявка объединена: Казцинк"
    # The kept entry's own committee (English) is not told its entry was merged.
    assert not [m for m in outbox() if m["Subject"].startswith("Entry merged")]
    body = message.get_content()
    assert f"№{second.id}" in body and f"№{first.id}" in body
    assert f"/nominations/{first.id}" in body
