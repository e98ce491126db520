"""The practice entry beside the other pieces of issue 15: qualifying rounds never vote on it,
it stays in play for the scored round, and the jury's meeting never discusses it."""

import time_machine

from awards.judging import round_services, rounds, scoring
from awards.judging.conflicts import has_conflict
from awards.judging.practice import add_practice_entry
from awards.results import meeting
from tests.judging.fixtures import JUDGING


def submit(entry, judge, value):
    points = {c.id: str(value) for c in entry.category.criteria}
    return scoring.save_scorecard(
        nomination=entry, actor=judge, points=points, submit=True, now=JUDGING
    )


@time_machine.travel(JUDGING, tick=False)
def test_a_qualifying_round_leaves_the_practice_entry_to_the_final(jury):
    category, organizer = jury["program"].categories[0], jury["organizer"]
    judges = list(jury["judges"].values())
    judging_round = round_services.add_round(
        category=category, actor=organizer, name="qualifying",
        juror_ids=[judge.id for judge in judges],
    )  # fmt: skip
    example = add_practice_entry(category=category, actor=organizer, now=JUDGING)
    assert example not in rounds.round_entries(judging_round)
    for entry in rounds.round_entries(judging_round):
        for judge in judges:
            if not has_conflict(judge, entry):
                round_services.cast_vote(
                    judging_round=judging_round, nomination=entry, actor=judge,
                    verdict="advance", now=JUDGING,
                )  # fmt: skip
    round_services.decide_round(judging_round=judging_round, actor=organizer, now=JUDGING)
    assert example.id not in judging_round.content["advanced"]
    assert len(judging_round.content["advanced"]) == len(jury["entries"])
    # No outcome names the practice entry, yet every judge scores it first, then the rest.
    judge, entry = jury["judges"]["judge@x.kz"], jury["entries"]["Ulba Nominee"]
    assert rounds.is_in_play(example) and example not in rounds.out_of_play_ids(category.program)
    assert submit(example, judge, 5).is_submitted
    assert submit(entry, judge, 7).is_submitted


@time_machine.travel(JUDGING, tick=False)
def test_the_practice_entry_is_never_flagged_for_the_meeting(jury):
    program, organizer = jury["program"], jury["organizer"]
    example = add_practice_entry(category=program.categories[0], actor=organizer, now=JUDGING)
    for judge, value in zip(jury["judges"].values(), (0, 10, 10), strict=True):
        submit(example, judge, value)  # a spread of 100 points
    assert example.id not in meeting.program_totals(program)
    assert example.id not in {row.nomination_id for row in meeting.flagged_in_program(program)}
