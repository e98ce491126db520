"""The feedback letters' releases in the archive (an optional section): which entries' letters
were released to their nominating committee, when and by whom. Whether a scorecard's comments
may be shared travels on the scorecard itself (an optional key, see writing.py)."""

from sqlalchemy import select

from awards.archive.records import parse_time, record, time_text
from awards.extensions import db
from awards.nominations.models import Nomination
from awards.programs.models import Program
from awards.results.models import FeedbackRelease


def feedback_section(program: Program, people) -> dict:
    query = select(FeedbackRelease).where(FeedbackRelease.program_id == program.id)
    return {
        "feedback_releases": [
            {
                "nomination": release.nomination_id,
                "released_at": time_text(release.released_at),
                "released_by": people.user(release.released_by),
            }
            for release in db.session.scalars(query.order_by(FeedbackRelease.id))
        ]
    }


def import_feedback(
    document: dict, *, program: Program, nominations: dict[int, Nomination], users: dict
) -> None:
    """Side effects: adds each release record; flushes."""
    for i, data in enumerate(document.get("feedback_releases", [])):
        with record(f"$.feedback_releases[{i}]"):
            by = data["released_by"]
            db.session.add(
                FeedbackRelease(
                    program_id=program.id, nomination_id=nominations[data["nomination"]].id,
                    released_at=parse_time(data["released_at"]),
                    released_by_id=users[by].id if by is not None and by in users else None,
                )
            )  # fmt: skip
            db.session.flush()
