"""Archive fixtures: a program with every kind of record, and another installation to move it to."""

from datetime import datetime

import pytest

from awards import create_app
from awards.extensions import db
from awards.judging import assignments, conflicts, scoring
from awards.nominations import services as nominations
from awards.programs import services as programs
from awards.results import services as results
from tests.judging.fixtures import JUDGING, SUBMITTED, accepted_nomination

DECIDED = datetime(2026, 5, 5)
# Points per nominee for each of the three judges on (Impact 0–10 ×2, Reach 0–5 in halves ×1).
POINTS = {
    "Kazzinc Nominee": ((9, 4.5), (10, 5), (9, 4)),
    "Ulba Nominee": ((7, 3), (8, 3.5), (7, 3)),
    "Polyana Nominee": ((6, 2), (8, 3), (7, 2.5)),
}


def submitted_entry(program, committee, name):
    entry = nominations.create_nomination(
        program=program, category=program.categories[0], actor=committee, now=SUBMITTED,
        org_name={"ru": name, "kk": name}, justification="Вклад.", contact_name="Контакт",
        contact_phone="+7 700 000 00 00",
    )  # fmt: skip
    nominations.submit_nomination(nomination=entry, actor=committee, now=SUBMITTED)
    return entry


def _entries_in_every_state(jury):
    """A duplicate merged into a later entry, a rejected entry, both with their history."""
    program, committee, organizer = jury["program"], jury["committee"], jury["organizer"]
    duplicate = submitted_entry(program, committee, "Ulba Duplicate")
    keep = accepted_nomination(program, committee, "ТОО «Ульба» =1+1")
    nominations.merge_nominations(keep=keep, merge=duplicate, actor=organizer, now=SUBMITTED)
    rejected = submitted_entry(program, committee, "Too Late LLP")
    nominations.reject_nomination(
        nomination=rejected, actor=organizer, reason="Не подходит", now=SUBMITTED
    )
    return keep


@pytest.fixture
def archived(jury):
    """The jury fixture with a two-criterion rubric, every scorecard submitted, a merged and a
    rejected entry, a conflict, a draft scorecard, Kazzinc confirmed as laureate, published."""
    program, organizer, judges = jury["program"], jury["organizer"], jury["judges"]
    category = program.categories[0]
    impact = category.criteria[0]
    reach = programs.add_criterion(
        category=category, actor=organizer, name={"kk": "Қамту", "ru": "Охват"}, weight=1,
        max_points=5, step=0.5,
    )  # fmt: skip
    for name, cards in POINTS.items():
        for judge, (first, second) in zip(judges.values(), cards, strict=True):
            scoring.save_scorecard(
                nomination=jury["entries"][name], actor=judge, now=JUDGING, submit=True,
                points={impact.id: str(first), reach.id: str(second)},
                comments={impact.id: "Хорошо"}, overall_comment="Сильная заявка",
            )  # fmt: skip
    keep = _entries_in_every_state(jury)
    conflicts.record_conflict(
        nomination=keep, judge=judges["judge@x.kz"], actor=organizer, reason="Бывший работодатель"
    )
    assignments.assign_judge(nomination=keep, judge=judges["judge2@x.kz"], actor=organizer)
    scoring.save_scorecard(
        nomination=keep, actor=judges["judge2@x.kz"], now=JUDGING, points={impact.id: "5"}
    )
    kazzinc = jury["entries"]["Kazzinc Nominee"]
    results.confirm_laureates(category=category, actor=organizer, chosen=[kazzinc.id], now=DECIDED)
    results.publish_results(program=program, actor=organizer, now=DECIDED)
    db.session.commit()
    return jury


@pytest.fixture
def elsewhere(tmp_path, database_url):
    """Another installation with its own empty database (enter its ``app_context()``)."""
    other = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": tmp_path / "elsewhere-outbox",
            "UPLOAD_FOLDER": tmp_path / "elsewhere-uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    with other.app_context():
        db.create_all()
    yield other
    with other.app_context():
        db.engine.dispose()
