"""Producing the protocol: what it prints, versions made only by a changed decision, and the
SHA-256 of the bytes kept."""

import hashlib

import pytest

from awards.errors import DomainError
from awards.extensions import db
from awards.operations.demo import load_demo
from awards.protocols import services as protocols
from awards.protocols.values import protocol_content
from awards.results import services as results
from awards.results.ranking import category_results, how_sure
from tests.certificates import print_checks, print_shop
from tests.protocols.conftest import DISSENT, MEETING_AT, PLACE


def issue(met, theme="classic"):
    protocol, new = protocols.issue_protocol(
        program=met["program"], actor=met["organizer"], theme=theme
    )
    db.session.commit()
    return protocol, new


def test_the_content_lists_the_jury_present_and_absent_the_chair_first(met):
    content = protocol_content(met["program"])
    jurors = [(j["name"], j["chair"], j["present"]) for j in content["jurors"]]
    names = {email: judge.name for email, judge in met["judges"].items()}
    assert jurors[0] == (names["judge@x.kz"], True, True)
    assert (names["judge2@x.kz"], False, False) in jurors
    assert (names["judge3@x.kz"], False, True) in jurors
    assert content["meeting"] == {"date": "2026-05-12", "time": "15:00", "place": PLACE}


def test_the_content_carries_the_frozen_ranking_the_votes_and_the_dissent(met):
    (category,) = protocol_content(met["program"])["categories"]
    assert category["decided"] and category["method"] == "mean"
    assert category["scorecards"] == 9
    assert [row["nominee"]["ru"] for row in category["rows"]][0] == "Kazzinc Nominee"
    assert [row["laureate"] for row in category["rows"]] == [True, False, False]
    assert [row["scorecards"] for row in category["rows"]] == [3, 3, 3]
    (laureate,) = category["laureates"]
    assert laureate["count"] == {"for": 1, "against": 1, "abstain": 0, "recused": 0}
    assert laureate["names"] == {"against": [met["judges"]["judge3@x.kz"].name]}
    assert category["dissents"] == [{"juror": met["judges"]["judge3@x.kz"].name, "text": DISSENT}]


def test_the_robustness_figures_are_those_of_the_frozen_scorecards(met):
    (category,) = protocol_content(met["program"])["categories"]
    sure = how_sure(category_results(met["program"].categories[0]))
    by_name = {row["nominee"]["ru"]: row for row in category["rows"]}
    for name, entry in met["entries"].items():
        assert by_name[name]["p_first"] == f"{sure.p_first[entry.id] * 100:.0f}\u00a0%"
    assert category["too_close"] is sure.too_close


def test_the_first_protocol_is_version_1_kept_with_the_sha256_of_its_bytes(met):
    protocol, new = issue(met)
    assert new and protocol.version == 1 and protocol.serial == "TA-2025-P01"
    content = protocols.protocol_pdf(protocol)
    assert content.startswith(b"%PDF-")
    assert protocol.sha256 == hashlib.sha256(content).hexdigest()
    snapshot = results.current_snapshot(met["program"].categories[0])
    assert protocol.snapshots == [{"category": "best-patron", "snapshot_id": snapshot.id,
                                   "version": 1, "sha256": snapshot.sha256}]  # fmt: skip


def test_asking_again_when_no_decision_changed_returns_the_current_version(met):
    first, _ = issue(met)
    again, new = issue(met, theme="modern")
    assert not new and again.id == first.id
    assert len(protocols.program_protocols(met["program"])) == 1


def test_a_later_decision_makes_version_2_and_version_1_stays_as_it_was(met):
    first, _ = issue(met)
    first_bytes = protocols.protocol_pdf(first)
    category, organizer = met["program"].categories[0], met["organizer"]
    results.unfreeze_results(category=category, actor=organizer, reason="Пересмотр")
    results.confirm_laureates(
        category=category, actor=organizer, reason="Вклад в WorldSkills",
        chosen=[met["entries"]["Ulba Nominee"].id],
    )  # fmt: skip
    db.session.commit()
    second, new = issue(met)
    assert new and second.version == 2 and second.serial == "TA-2025-P02"
    assert second.token != first.token and second.sha256 != first.sha256
    assert protocols.protocol_pdf(first) == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert [p.version for p in protocols.program_protocols(met["program"])] == [2, 1]


def test_a_corrected_meeting_makes_a_new_version(met):
    issue(met)
    protocols.save_meeting(
        program=met["program"], actor=met["organizer"], held_at=MEETING_AT, place=PLACE,
        absent_ids=[],
    )  # fmt: skip
    second, new = issue(met)
    assert new and second.version == 2


def test_a_protocol_needs_the_meeting_and_a_decision(ceremony, scored):
    program = ceremony["program"]
    with pytest.raises(DomainError, match="meeting"):
        protocols.issue_protocol(program=program, actor=ceremony["organizer"])
    results.unfreeze_results(
        category=program.categories[0], actor=ceremony["organizer"], reason="Пересмотр"
    )
    protocols.save_meeting(program=program, actor=ceremony["organizer"], held_at=MEETING_AT,
                           place=PLACE, absent_ids=[])  # fmt: skip
    with pytest.raises(DomainError, match="at least one category"):
        protocols.issue_protocol(program=program, actor=ceremony["organizer"])


def test_the_meeting_refuses_an_absent_juror_from_outside_the_jury_and_no_place(met):
    program, organizer = met["program"], met["organizer"]
    with pytest.raises(DomainError) as refused:
        protocols.save_meeting(program=program, actor=organizer, held_at=MEETING_AT,
                               place=PLACE, absent_ids=[met["committee"].id])  # fmt: skip
    assert refused.value.field == "absent"
    with pytest.raises(DomainError) as refused:
        protocols.save_meeting(program=program, actor=organizer, held_at=MEETING_AT,
                               place={"kk": " ", "ru": ""}, absent_ids=[])  # fmt: skip
    assert refused.value.field == "place"


def test_an_unknown_design_is_refused(met):
    with pytest.raises(DomainError) as refused:
        protocols.issue_protocol(program=met["program"], actor=met["organizer"], theme="../x")
    assert refused.value.field == "theme"


def test_the_demo_jury_met_and_its_protocol_can_be_produced(app):
    program = load_demo(password="demo-awards-2025")
    protocol, new = protocols.issue_protocol(program=program, actor=None, theme="classic")
    content = protocols.protocol_pdf(protocol)
    assert new and protocol.serial == "WP-2025-P01"
    assert print_checks.page_count(content) == 3
    text = print_shop.flat(print_shop.text(content))
    assert "Қазылар алқасының 4 мүшесінің 4 мүшесі қатысты." in text
    assert "ТОО «Казцинк»" in text and "Лучший социальный партнёр" in text
