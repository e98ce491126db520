"""An entry's history in the audit log: changes written as data with the states before and
after, read back in the reader's language."""

import pytest
from flask_babel import force_locale

from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.nominations import history, linking, services
from awards.nominations.models import NominationState
from tests import factories
from tests.nominations.conftest import make_nomination

S = NominationState


@pytest.mark.parametrize(
    ("from_state", "to_state", "action"),
    [
        (None, S.DRAFT, "created"), (S.DRAFT, S.SUBMITTED, "submitted"),
        (S.RETURNED, S.SUBMITTED, "resubmitted"), (S.SUBMITTED, S.MERGED, "merged"),
        (S.ACCEPTED, S.ACCEPTED, "noted"),
    ],
)  # fmt: skip
def test_action_for_names_a_change_by_its_states(from_state, to_state, action):
    assert history.action_for(from_state, to_state) == action


def test_each_transition_is_logged_with_the_states_before_and_after(program, people):
    member, organizer = people["committee@x.kz"], people["organizer@x.kz"]
    nomination = make_nomination(program, member, submit=True)
    services.reject_nomination(nomination=nomination, actor=organizer, reason="Не по профилю")
    entries = history.entry_history(nomination)
    assert [(e.action, e.old, e.new, e.actor) for e in entries] == [
        ("created", {}, {"state": "draft"}, member),
        ("submitted", {"state": "draft"}, {"state": "submitted"}, member),
        ("rejected", {"state": "submitted"}, {"state": "rejected"}, organizer),
    ]  # fmt: skip
    subject = ("nomination", nomination.id)
    assert {(e.program_id, e.subject) for e in entries} == {(program.id, subject)}
    assert entries[-1].reason == "Не по профилю"


def test_a_merge_is_read_in_the_readers_language(program, people):
    keep = make_nomination(program, people["committee@x.kz"], submit=True)
    merge = make_nomination(program, people["rival@x.kz"], submit=True, name="«Казцинк» ТОО")
    services.merge_nominations(keep=keep, merge=merge, actor=people["organizer@x.kz"])
    merged, kept = history.entry_history(merge)[-1], history.entry_history(keep)[-1]
    assert (merged.action, merged.new) == ("merged", {"state": "merged", "merged_into": keep.id})
    assert (kept.action, kept.new) == ("merge_received", {"state": "submitted", "merged": merge.id})
    assert history.note(merged) == f"Merged into entry #{keep.id}."
    with force_locale("kk"):
        assert history.note(merged) == f"№{keep.id} өтінімге біріктірілді."
        assert history.note(kept) == f"№{merge.id} өтінім осы өтінімге біріктірілді."


def test_an_organization_link_keeps_the_names_it_had(program, people):
    organizer = people["organizer@x.kz"]
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    services.accept_nomination(nomination=nomination, actor=organizer)
    kazzinc = factories.organization("ТОО «Казцинк»")
    linking.confirm_organization(nomination=nomination, organization=kazzinc, actor=organizer)
    linking.unlink_organization(nomination=nomination, actor=organizer)
    kazzinc.name = {"kk": "Қазмырыш", "ru": "Казцинк"}
    confirmed, unlinked = history.entry_history(nomination)[-2:]
    assert (confirmed.old["state"], confirmed.new["state"]) == ("accepted", "accepted")
    assert history.note(confirmed) == "Confirmed: this entry is about ТОО «Казцинк»."
    assert history.note(unlinked) == "No longer confirmed as being about ТОО «Казцинк»."
    with force_locale("kk"):
        assert history.note(confirmed) == "Расталды: өтінім ТОО «Казцинк» ұйымына қатысты."


def test_organizer_comments_are_the_latest_return_or_rejection_reasons(program, people):
    member, organizer = people["committee@x.kz"], people["organizer@x.kz"]
    returned = make_nomination(program, member, submit=True)
    services.return_nomination(nomination=returned, actor=organizer, comment="Добавьте БИН")
    services.resubmit_nomination(nomination=returned, actor=member)
    services.return_nomination(nomination=returned, actor=organizer, comment="Ещё письмо")
    quiet = make_nomination(program, member, submit=True, name="Ульба")
    assert history.organizer_comments([returned, quiet]) == {returned.id: "Ещё письмо"}
    assert history.organizer_comment(quiet) is None
    assert history.organizer_comments([]) == {}


def test_a_line_written_before_the_log_knew_its_kind_reads_as_its_reason(program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    db.session.add(AuditEntry(
        program_id=program.id, subject_kind="nomination", subject_id=nomination.id,
        action="noted", old={"state": "submitted"}, new={"state": "submitted"},
        reason="Заявка № 3 присоединена к этой.",
    ))  # fmt: skip
    line = history.history_lines(nomination)[-1]
    assert (line.from_state, line.to_state, line.note) == (
        "submitted", "submitted", "Заявка № 3 присоединена к этой.",
    )  # fmt: skip
