"""The demo moved, through the services, to a moment a browser test needs (in an app context)."""

from datetime import timedelta

from sqlalchemy import select

from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import Scorecard
from awards.judging.scoring import reopen_scorecard
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs


def open_judging_now(program, organizer) -> None:
    """Nominations closed two days ago, judging open since yesterday and for a week."""
    now = utcnow()
    programs.update_program(
        program=program, actor=organizer,
        nominations_open_at=now - timedelta(days=3),
        nominations_close_at=now - timedelta(days=2),
        judging_open_at=now - timedelta(days=1),
        judging_close_at=now + timedelta(days=7),
    )  # fmt: skip


def reopen_first_scorecard(judge_email: str) -> int:
    """Judging open again (since yesterday, for a week) and the judge's first submitted
    scorecard reopened by the organizer, so the judge has a scorecard form to fill in.

    Returns the id of that scorecard's nomination; the caller commits.
    """
    program = programs.get_program_by_slug(DEMO_SLUG)
    organizer = find_user_by_email("organizer@demo.kz")
    open_judging_now(program, organizer)
    judge = find_user_by_email(judge_email)
    scorecard = db.session.scalars(
        select(Scorecard).where(Scorecard.judge_id == judge.id).order_by(Scorecard.nomination_id)
    ).first()
    reopen_scorecard(scorecard=scorecard, actor=organizer, reason="Please look at it again")
    return scorecard.nomination_id
