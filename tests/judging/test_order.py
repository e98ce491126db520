"""Each judge's own stable shuffled order of the entries (order bias)."""

import hashlib

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from awards.extensions import db
from awards.judging import ballots, scoring
from awards.judging.order import judge_order, order_key
from awards.judging.progress import judge_queue, next_to_score
from tests.judging.fixtures import JUDGING

ENTRIES = list(range(101, 121))  # twenty entries with fixed ids: the test is deterministic


def test_the_order_is_the_sha256_of_program_judge_and_entry():
    assert order_key(7, 3, 101) == hashlib.sha256(b"7:3:101").hexdigest()


def test_two_judges_read_twenty_entries_in_different_orders():
    first, second = judge_order(7, 1, ENTRIES), judge_order(7, 2, ENTRIES)
    assert first != second
    assert first != ENTRIES and second != ENTRIES  # neither is the order of the ids
    assert judge_order(8, 1, ENTRIES) != first  # nor the same judge's order in another program


def test_the_order_is_stable_whatever_order_the_entries_come_in():
    assert judge_order(7, 1, ENTRIES) == judge_order(7, 1, list(reversed(ENTRIES)))


def test_the_order_sorts_rows_by_the_entry_id_they_carry():
    rows = [{"id": n} for n in ENTRIES]
    ordered = judge_order(7, 1, rows, lambda row: row["id"])
    assert [row["id"] for row in ordered] == judge_order(7, 1, ENTRIES)


@given(
    program=st.integers(1, 10**6),
    judge=st.integers(1, 10**6),
    entries=st.lists(st.integers(1, 10**9), unique=True, max_size=60),
)
def test_the_order_is_a_permutation(program, judge, entries):
    ordered = judge_order(program, judge, entries)
    assert sorted(ordered) == sorted(entries)
    assert judge_order(program, judge, ordered) == ordered


@time_machine.travel(JUDGING, tick=False)
def test_each_judges_queue_is_in_their_own_order(jury):
    program = jury["program"]
    for judge in jury["judges"].values():
        queue = [item.nomination.id for item in judge_queue(judge, program)]
        assert queue == judge_order(program.id, judge.id, queue)
        assert queue == [item.nomination.id for item in judge_queue(judge, program)]


@time_machine.travel(JUDGING, tick=False)
def test_next_entry_follows_the_judges_order_and_skips_submitted_ones(jury):
    program, judge = jury["program"], jury["judges"]["judge@x.kz"]
    items = judge_queue(judge, program)
    first, second, third = (item.nomination for item in items)
    assert next_to_score(items, first.id) == second
    points = {c.id: "5" for c in first.category.criteria}
    scoring.save_scorecard(nomination=second, actor=judge, points=points, submit=True)
    items = judge_queue(judge, program)
    assert next_to_score(items, first.id) == third
    assert next_to_score(items, third.id) == first  # from the start again


@time_machine.travel(JUDGING, tick=False)
def test_the_blank_paper_ballot_follows_the_judges_order_and_names_the_levels(client, auth, jury):
    program, judge = jury["program"], jury["judges"]["judge2@x.kz"]
    criterion = program.categories[0].criteria[0]
    criterion.levels = [
        {"low": 0, "high": 4, "label": {"kk": "Әлсіз", "ru": "Слабо"}},
        {"low": 5, "high": 10, "label": {"kk": "Жақсы", "ru": "Хорошо", "en": "Good"}},
    ]
    db.session.commit()
    auth.login("organizer@x.kz")
    client.post("/language", data={"locale": "ru", "next": "/"})
    response = client.get(f"/programs/test-awards/jury/judges/{judge.id}/ballot.csv")
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == "judge_email;category;nominee;criterion;points;levels"
    nominees = [line.split(";")[2] for line in lines[1:]]
    order = [item.nomination.nominee_name for item in judge_queue(judge, program)]
    assert nominees == order
    assert lines[1].endswith(";;0–4: Слабо · 5–10: Хорошо")
    # Filled in and imported back as it is.
    filled = "\r\n".join([lines[0], *(line.replace(";;", ";7;", 1) for line in lines[1:])])
    check = ballots.import_ballots(
        program=program, content=filled.encode(), actor=jury["organizer"], now=JUDGING
    )
    assert not check.invalid and len(check.valid) == 3
