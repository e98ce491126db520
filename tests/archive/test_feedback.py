"""Whether a scorecard's comments may be shared and the feedback letters' releases travel in
the archive (optional keys: an older archive imports with nothing shared and nothing
released)."""

from sqlalchemy import select

from awards.archive.writing import program_archive
from awards.extensions import db
from awards.judging.models import Scorecard
from awards.results.models import FeedbackRelease
from tests.archive.conftest import DECIDED, bring


def _shared(program) -> set[tuple[str, str]]:
    cards = db.session.scalars(
        select(Scorecard).join(Scorecard.nomination).where(Scorecard.comments_shareable)
    )
    return {(c.judge.email, c.nomination.org_name["ru"]) for c in cards
            if c.nomination.program_id == program.id}  # fmt: skip


def test_shareable_comments_and_releases_come_back(archived, elsewhere):
    program, organizer = archived["program"], archived["organizer"]
    kazzinc = archived["entries"]["Kazzinc Nominee"]
    card = db.session.scalars(select(Scorecard).filter_by(nomination_id=kazzinc.id)).first()
    card.comments_shareable = True
    db.session.add(FeedbackRelease(program_id=program.id, nomination_id=kazzinc.id,
                                   released_at=DECIDED, released_by_id=organizer.id))  # fmt: skip
    db.session.commit()
    shared = _shared(program)
    assert len(shared) == 1
    document = program_archive(program)
    (written,) = document["feedback_releases"]
    assert (written["nomination"], written["released_by"]) == (kazzinc.id, organizer.email)
    with elsewhere.app_context():
        copy_ = bring(document).program
        assert _shared(copy_) == shared
        (release,) = db.session.scalars(select(FeedbackRelease)).all()
        assert release.program_id == copy_.id and release.released_at == DECIDED
        assert release.nomination.org_name["ru"] == kazzinc.org_name["ru"]
        assert release.released_by.email == organizer.email


def test_an_archive_from_before_feedback_shares_and_releases_nothing(archived, elsewhere):
    db.session.scalars(select(Scorecard)).first().comments_shareable = True
    db.session.commit()
    document = program_archive(archived["program"])
    del document["feedback_releases"]
    for card in document["scorecards"]:
        del card["comments_shareable"]
    with elsewhere.app_context():
        bring(document)
        assert not db.session.scalars(select(Scorecard).where(Scorecard.comments_shareable)).all()
        assert not db.session.scalars(select(FeedbackRelease)).all()
