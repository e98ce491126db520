"""The archive carries the jury's deliberation: reveal settings, the flag threshold and the
discussions, and an archive written before them imports with the defaults."""

import pytest
from sqlalchemy import select

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.extensions import db
from awards.judging import discussion
from awards.judging.models import DiscussionMessage
from awards.programs.services import get_program_by_slug
from awards.results import meeting
from tests.archive.conftest import bring
from tests.judging.fixtures import JUDGING


@pytest.fixture
def deliberated(archived):
    program, organizer = archived["program"], archived["organizer"]
    discussion.set_reveal_scores(
        category=program.categories[0], policy="after-own", actor=organizer
    )
    meeting.set_disagreement_threshold(program=program, threshold=25, actor=organizer)
    ulba = archived["entries"]["Ulba Nominee"]
    judge2 = archived["judges"]["judge2@x.kz"]
    discussion.post_message(nomination=ulba, actor=judge2, text="Баллы расходятся.\nОбсудим.",
                            now=JUDGING)  # fmt: skip
    discussion.post_message(nomination=ulba, actor=organizer, text="Хорошо.", now=JUDGING)
    db.session.commit()
    return archived


def messages() -> list[tuple]:
    rows = db.session.scalars(select(DiscussionMessage).order_by(DiscussionMessage.id))
    return [(m.nomination.nominee_name, m.author.email, m.text, m.created_at) for m in rows]


def test_deliberation_makes_the_round_trip(deliberated, elsewhere):
    document = program_archive(deliberated["program"])
    before = messages()
    assert len(before) == 2
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        assert copy_.categories[0].reveal_scores == "after-own"
        assert copy_.disagreement_threshold == 25
        assert messages() == before
        again = program_archive(copy_)
    assert again["deliberation"]["messages"][0]["text"] == "Баллы расходятся.\nОбсудим."
    assert again["deliberation"]["reveal_scores"] == document["deliberation"]["reveal_scores"]


def test_an_archive_without_the_section_takes_the_defaults(deliberated, elsewhere):
    document = program_archive(deliberated["program"])
    del document["deliberation"]
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        assert copy_.categories[0].reveal_scores == "never"
        assert copy_.disagreement_threshold == 30
        assert messages() == []


def test_a_message_about_an_unknown_entry_is_refused_by_its_path(deliberated, elsewhere):
    document = program_archive(deliberated["program"])
    document["deliberation"]["messages"][0]["nomination"] = 999_999
    document["deliberation"]["reveal_scores"][0]["policy"] = "sometimes"
    with elsewhere.app_context(), pytest.raises(ArchiveError) as refused:
        bring(document)
    assert "$.deliberation.reveal_scores[0].policy" in str(refused.value.args)
    document["deliberation"]["reveal_scores"][0]["policy"] = "never"
    with elsewhere.app_context(), pytest.raises(ArchiveError) as refused:
        bring(document)
    assert "$.deliberation.messages[0].nomination" in str(refused.value.args)
