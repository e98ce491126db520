"""Qualifying rounds travel in the archive: the rounds, their jurors, votes and frozen
outcomes come back, the outcome rehashed with the new installation's ids."""

import copy

import pytest
from sqlalchemy import select

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.extensions import db
from awards.judging import rounds
from awards.judging.models import JudgingRound
from awards.judging.round_services import digest
from awards.programs.services import get_program_by_slug
from tests.archive.conftest import bring
from tests.judging.test_rounds import _decided


def _summary(program) -> list[tuple]:
    """Each round as names, not ids (ids differ between installations)."""
    found = []
    for category in program.categories:
        for item in rounds.category_rounds(category):
            board = rounds.round_board(item)
            names = {entry.id: entry.nominee_name for entry in board.entries}
            votes = sorted(
                (names[v.nomination_id], v.judge.email, v.verdict, v.comment)
                for v in rounds.votes_of(item)
            )
            outcomes = sorted(
                (names[o.nomination_id], o.advanced, o.tie_reason)
                for o in rounds.outcomes_of(item).values()
            )
            found.append((
                category.slug, item.position, item.name, item.title, item.majority, item.opens_at,
                item.closes_at, item.decided_at, item.decided_by.email,
                sorted(judge.email for judge in board.jury), votes, outcomes,
            ))  # fmt: skip
    return found


def test_rounds_votes_and_outcomes_round_trip(jury, elsewhere):
    _decided(jury)
    program = jury["program"]
    document, before = program_archive(program), _summary(program)
    assert [item["name"] for item in document["rounds"]] == ["qualifying"]
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        assert _summary(copy_) == before
        item = db.session.scalar(select(JudgingRound))
        assert item.sha256 == digest(item.content)
        assert item.content["advanced"] == [
            n.id for n in rounds.entries_in_play(copy_.categories[0])
        ]
        assert {e.nominee_name for e in rounds.entries_in_play(copy_.categories[0])} == {
            "Kazzinc Nominee", "Ulba Nominee",
        }  # fmt: skip
        again = program_archive(copy_)
    assert [v["verdict"] for v in again["rounds"][0]["votes"]] == [
        v["verdict"] for v in document["rounds"][0]["votes"]
    ]


def test_an_edited_frozen_outcome_is_refused(jury, elsewhere):
    _decided(jury)
    document = copy.deepcopy(program_archive(jury["program"]))
    document["rounds"][0]["content"]["advanced"].append(999)
    with elsewhere.app_context(), pytest.raises(ArchiveError, match="rounds"):
        bring(document)


def test_an_archive_without_rounds_still_imports(jury, elsewhere):
    document = program_archive(jury["program"])
    del document["rounds"]
    with elsewhere.app_context():
        bring(document)
        assert db.session.scalar(select(JudgingRound)) is None
