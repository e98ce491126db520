"""Protocol fixtures: the certificates' ceremony (Kazzinc confirmed by a jury of three) with a
chair, the meeting entered, one juror absent, and the chair's record of the vote."""

from datetime import datetime

import pytest

from awards.extensions import db
from awards.programs import services as programs
from awards.programs.models import Role
from awards.protocols import services as protocols
from awards.results.models import DecisionVote, DissentingOpinion
from awards.results.services import current_snapshot

MEETING_AT = datetime(2026, 5, 12, 15, 0)
PLACE = {
    "kk": "Өскемен қ., облыстық білім басқармасы, мәжіліс залы",
    "ru": "г. Усть-Каменогорск, управление образования, конференц-зал",
}
DISSENT = "Ульбинский завод сделал для колледжей не меньше."


def record_votes(program, judges: dict) -> None:
    """judge@x.kz (the chair) for Kazzinc, judge3@x.kz against, with a dissent; judge2@x.kz
    was absent."""
    snapshot = current_snapshot(program.categories[0])
    laureate = snapshot.laureates[0].nomination_id
    for email, vote in (("judge@x.kz", "for"), ("judge3@x.kz", "against")):
        snapshot.votes.append(
            DecisionVote(nomination_id=laureate, judge_id=judges[email].id, vote=vote)
        )
    snapshot.dissents.append(DissentingOpinion(judge_id=judges["judge3@x.kz"].id, text=DISSENT))
    db.session.flush()


@pytest.fixture
def met(ceremony):
    """The ceremony with judge@x.kz as the jury's chair, the meeting held with judge2@x.kz
    absent, and the vote recorded."""
    program, judges = ceremony["program"], ceremony["judges"]
    programs.grant_role(
        program=program, user=judges["judge@x.kz"], role=Role.CHAIR, actor=ceremony["organizer"]
    )
    protocols.save_meeting(
        program=program, actor=ceremony["organizer"], held_at=MEETING_AT, place=PLACE,
        absent_ids=[judges["judge2@x.kz"].id],
    )  # fmt: skip
    record_votes(program, judges)
    db.session.commit()
    return ceremony
