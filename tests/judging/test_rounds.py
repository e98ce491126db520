"""Qualifying rounds: the majority rule, voting, deciding (ties with a reason, the frozen
outcome), and the scored round restricted to the entries that advanced."""

import hashlib
import json
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.errors import DomainError
from awards.extensions import db
from awards.judging import conflicts, permissions, rounds, scoring
from awards.judging import round_services as services
from awards.judging.progress import judge_queue
from awards.judging.qualifying import ADVANCES, REJECTED, TIE, VoteTally, outcome
from awards.results.ranking import category_results
from tests.judging.fixtures import JUDGING

ROUND_OPENS, ROUND_CLOSES = datetime(2026, 4, 2), datetime(2026, 4, 8)
VOTING, DECIDING = datetime(2026, 4, 3), datetime(2026, 4, 9)


@pytest.mark.parametrize(
    ("advance", "reject", "abstain", "majority", "expected"),
    [
        (3, 0, 0, 0.5, ADVANCES),
        (2, 1, 0, 0.5, ADVANCES),  # 2 of 3: more than half
        (1, 1, 1, 0.5, TIE),  # the abstention is not counted: 1 of 2 is exactly half
        (2, 2, 0, 0.5, TIE),
        (1, 2, 0, 0.5, REJECTED),
        (0, 0, 3, 0.5, TIE),  # nobody voted either way
        (2, 1, 0, 2 / 3, TIE),  # exactly two thirds
        (3, 1, 0, 2 / 3, ADVANCES),
        (3, 1, 0, 0.75, TIE),
        (4, 1, 2, 0.75, ADVANCES),
    ],
)
def test_majority_rule(advance, reject, abstain, majority, expected):
    assert outcome(VoteTally(advance, reject, abstain), majority) == expected


@given(
    st.integers(0, 20), st.integers(0, 20), st.integers(0, 20),
    st.sampled_from(services.MAJORITIES),
)  # fmt: skip
def test_abstentions_and_missing_votes_never_change_the_outcome(advance, reject, more, majority):
    plain = outcome(VoteTally(advance, reject), majority)
    assert outcome(VoteTally(advance, reject, abstain=more, not_voted=more), majority) == plain


def _round(jury, **kwargs):
    kwargs.setdefault("juror_ids", [judge.id for judge in jury["judges"].values()])
    kwargs.setdefault("opens_at", ROUND_OPENS)
    kwargs.setdefault("closes_at", ROUND_CLOSES)
    return services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying",
        title={"en": "Qualifying", "ru": "Отборочный тур", "kk": "Іріктеу кезеңі"}, **kwargs,
    )  # fmt: skip


def _vote(judging_round, entry, judge, verdict, comment="", now=VOTING):
    return services.cast_vote(
        judging_round=judging_round, nomination=entry, actor=judge, verdict=verdict,
        comment=comment, now=now,
    )  # fmt: skip


def _voted(jury):
    """Kazzinc: all advance. Ulba: split 2-1, advances. Polyana: 1-1 and an abstention, a tie."""
    judging_round = _round(jury)
    entries, judges = jury["entries"], list(jury["judges"].values())
    for judge in judges:
        _vote(judging_round, entries["Kazzinc Nominee"], judge, "advance")
    for judge, verdict in zip(judges, ["advance", "reject", "advance"], strict=True):
        _vote(judging_round, entries["Ulba Nominee"], judge, verdict, comment="Сильная заявка")
    for judge, verdict in zip(judges, ["advance", "reject", "abstain"], strict=True):
        _vote(judging_round, entries["Polyana Nominee"], judge, verdict)
    return judging_round


def test_round_tally_and_progress(jury):
    judging_round = _voted(jury)
    judges = list(jury["judges"].values())
    services.cast_vote(
        judging_round=judging_round, nomination=jury["entries"]["Ulba Nominee"], actor=judges[1],
        verdict="abstain", now=VOTING,
    )  # fmt: skip  # a juror changes their mind: still one vote
    board = rounds.round_board(judging_round)
    polyana = jury["entries"]["Polyana Nominee"].id
    assert board.tallies[polyana] == VoteTally(advance=1, reject=1, abstain=1)
    assert board.tallies[jury["entries"]["Ulba Nominee"].id] == VoteTally(2, 0, 1)
    assert board.voted(judges[0].id) == (3, 3)
    assert board.waiting == {}


def test_decide_needs_every_tie_decided_with_a_reason(jury):
    judging_round = _voted(jury)
    polyana = jury["entries"]["Polyana Nominee"]
    with pytest.raises(DomainError) as refused:
        services.decide_round(judging_round=judging_round, actor=jury["organizer"], now=DECIDING)
    assert refused.value.field == f"tie_{polyana.id}"
    with pytest.raises(DomainError) as refused:
        services.decide_round(
            judging_round=judging_round, actor=jury["organizer"], now=DECIDING,
            ties={polyana.id: (False, "  ")},
        )  # fmt: skip
    assert refused.value.field == f"reason_{polyana.id}"
    assert judging_round.decided_at is None


def _decided(jury):
    judging_round = _voted(jury)
    polyana = jury["entries"]["Polyana Nominee"]
    services.decide_round(
        judging_round=judging_round, actor=jury["organizer"], now=DECIDING,
        ties={polyana.id: (False, "Не соответствует условиям номинации")},
    )  # fmt: skip
    db.session.commit()
    return judging_round


def test_decided_round_is_frozen_with_its_digest(jury):
    judging_round = _decided(jury)
    entries = jury["entries"]
    content = judging_round.content
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert judging_round.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    assert content["advanced"] == [entries["Kazzinc Nominee"].id, entries["Ulba Nominee"].id]
    assert content["majority"] == "1/2"
    by_id = {entry["nomination_id"]: entry for entry in content["entries"]}
    polyana = by_id[entries["Polyana Nominee"].id]
    assert (polyana["result"], polyana["advanced"]) == (TIE, False)
    assert polyana["tie_reason"] == "Не соответствует условиям номинации"
    ulba = by_id[entries["Ulba Nominee"].id]
    assert (ulba["advance"], ulba["reject"], ulba["result"]) == (2, 1, ADVANCES)
    assert [vote["verdict"] for vote in ulba["votes"]] == ["advance", "reject", "advance"]
    outcomes = rounds.outcomes_of(judging_round)
    assert outcomes[entries["Polyana Nominee"].id].advanced is False
    with pytest.raises(DomainError):
        _vote(judging_round, entries["Ulba Nominee"], jury["judges"]["judge@x.kz"], "reject")
    with pytest.raises(DomainError):
        services.decide_round(judging_round=judging_round, actor=jury["organizer"])
    with pytest.raises(DomainError):
        services.remove_round(judging_round=judging_round, actor=jury["organizer"])


def test_scored_round_waits_for_the_qualifying_decision(jury):
    _voted(jury)
    entry, judge = jury["entries"]["Kazzinc Nominee"], jury["judges"]["judge@x.kz"]
    with pytest.raises(DomainError, match="qualifying round is decided"):
        scoring.save_scorecard(nomination=entry, actor=judge, points={}, now=JUDGING)
    assert judge_queue(judge, jury["program"]) == []
    assert category_results(jury["program"].categories[0]).rows == []
    assert not permissions.can_judge_nomination(judge, entry)


def test_entry_not_advanced_is_neither_scored_nor_ranked(jury):
    _decided(jury)
    entries, judges = jury["entries"], list(jury["judges"].values())
    polyana = entries["Polyana Nominee"]
    with pytest.raises(DomainError, match="did not advance"):
        scoring.save_scorecard(nomination=polyana, actor=judges[0], points={}, now=JUDGING)
    assert not permissions.can_judge_nomination(judges[0], polyana)
    queue = [item.nomination.id for item in judge_queue(judges[0], jury["program"])]
    assert queue == [entries["Kazzinc Nominee"].id, entries["Ulba Nominee"].id]
    criterion = polyana.category.criteria[0]
    for judge in judges:
        for name in ("Kazzinc Nominee", "Ulba Nominee"):
            scoring.save_scorecard(
                nomination=entries[name], actor=judge, points={criterion.id: "7"}, submit=True,
                now=JUDGING,
            )  # fmt: skip
    ranked = [row.nomination.id for row in category_results(polyana.category).rows]
    assert sorted(ranked) == [entries["Kazzinc Nominee"].id, entries["Ulba Nominee"].id]
    assert rounds.out_of_play_ids(jury["program"]) == {polyana.id}


def test_category_without_rounds_keeps_every_accepted_entry(jury):
    category = jury["program"].categories[0]
    assert rounds.entries_in_play(category) == sorted(jury["entries"].values(), key=lambda e: e.id)
    assert rounds.out_of_play_ids(jury["program"]) == set()
    assert rounds.waiting_round(category) is None


def test_conflicted_juror_never_sees_nor_votes_on_the_entry(jury):
    judging_round = _round(jury)
    ulba, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge2@x.kz"]
    conflicts.record_conflict(nomination=ulba, judge=judge, actor=jury["organizer"],
                              reason="Работал там")  # fmt: skip
    assert ulba not in rounds.juror_entries(judging_round, judge)
    with pytest.raises(DomainError, match="cannot vote"):
        _vote(judging_round, ulba, judge, "advance")
    board = rounds.round_board(judging_round)
    assert board.tallies[ulba.id].not_voted == 2  # the conflicted juror is not waited for
    assert board.voted(judge.id) == (0, 2)


def test_votes_only_inside_the_window_and_on_the_jury(jury, program):
    judging_round = _round(jury, juror_ids=[jury["judges"]["judge@x.kz"].id])
    entry = jury["entries"]["Kazzinc Nominee"]
    with pytest.raises(DomainError, match="not opened"):
        _vote(
            judging_round, entry, jury["judges"]["judge@x.kz"], "advance", now=datetime(2026, 4, 1)
        )
    with pytest.raises(DomainError, match="closed"):
        _vote(judging_round, entry, jury["judges"]["judge@x.kz"], "advance", now=ROUND_CLOSES)
    with pytest.raises(DomainError, match="cannot vote"):
        _vote(judging_round, entry, jury["judges"]["judge2@x.kz"], "advance")
    assert not permissions.can_vote_in_round(jury["judges"]["judge2@x.kz"], judging_round)
    assert permissions.can_vote_in_round(jury["judges"]["judge@x.kz"], judging_round)
    assert not permissions.can_decide_round(jury["judges"]["judge@x.kz"], judging_round)
    assert permissions.can_decide_round(jury["organizer"], judging_round)


def test_a_round_cannot_be_added_once_scoring_started(jury):
    entry, judge = jury["entries"]["Kazzinc Nominee"], jury["judges"]["judge@x.kz"]
    scoring.save_scorecard(nomination=entry, actor=judge, points={}, now=JUDGING)
    with pytest.raises(DomainError, match="Scoring has started"):
        _round(jury)


def test_round_settings_are_checked(jury):
    with pytest.raises(DomainError) as refused:
        services.add_round(
            category=jury["program"].categories[0], actor=jury["organizer"], name="Тур 1",
            majority=0.4, opens_at=ROUND_CLOSES, closes_at=ROUND_OPENS,
        )  # fmt: skip
    assert set(refused.value.fields) == {"name", "majority", "closes_at"}
    _round(jury)
    with pytest.raises(DomainError, match="already has a round"):
        _round(jury)


def test_second_round_takes_only_the_entries_the_first_advanced(jury):
    first = _decided(jury)
    second = services.add_round(
        category=first.category, actor=jury["organizer"], name="semi-final",
        juror_ids=[jury["judges"]["judge@x.kz"].id],
    )  # fmt: skip
    entries = jury["entries"]
    assert rounds.round_entries(second) == [entries["Kazzinc Nominee"], entries["Ulba Nominee"]]
    assert rounds.waiting_round(first.category) == second
    assert rounds.entries_in_play(first.category) == []
