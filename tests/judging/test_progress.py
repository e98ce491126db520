"""Judging progress counted in SQL: the worked example of tests/judging/progress_example.py."""

import pytest

from awards.extensions import db
from awards.judging import progress, scoring
from awards.judging.progress import Totals
from tests.judging.fixtures import JUDGING
from tests.judging.progress_example import build_example


@pytest.fixture
def example(program):
    return build_example(program)


def _rows(example, **filters):
    tallies = progress.jury_tallies(example["program"])
    rows = progress.judge_rows(example["program"], tallies, **filters)
    return [(row.judge.email, row.assigned, row.submitted, row.missing) for row in rows]


def test_category_totals_of_the_example(example):
    category_a, category_b = example["categories"]
    totals = progress.category_totals(progress.jury_tallies(example["program"]))
    assert totals == {
        category_a.id: Totals(assigned=5, submitted=4, drafts=1, judges_behind=1),
        category_b.id: Totals(assigned=5, submitted=2, drafts=1, judges_behind=2),
    }
    assert (totals[category_a.id].not_started, totals[category_a.id].done) == (0, 0.8)
    assert (totals[category_b.id].not_started, totals[category_b.id].done) == (2, 0.4)


def test_program_totals_count_a_judge_behind_in_two_categories_once(example):
    totals = progress.program_totals(progress.jury_tallies(example["program"]))
    assert totals == Totals(assigned=10, submitted=6, drafts=2, judges_behind=2)
    assert (totals.missing, totals.not_started, totals.done) == (4, 2, 0.6)


def test_done_is_rounded_down_so_only_a_finished_count_shows_100_percent():
    assert Totals(assigned=3, submitted=2).done == 0.66
    assert Totals(assigned=200, submitted=199).done == 0.99
    assert Totals().done is None


def test_judge_rows_of_the_example_by_name(example):
    # Latin before Cyrillic; the judge without assignments and the former judge are absent.
    assert _rows(example) == [
        ("boris@x.kz", 4, 4, 0), ("aigul@x.kz", 4, 2, 2), ("sergey@x.kz", 2, 0, 2),
    ]  # fmt: skip


def test_judge_rows_in_one_category(example):
    _category_a, category_b = example["categories"]
    assert _rows(example, category_id=category_b.id) == [
        ("boris@x.kz", 2, 2, 0), ("aigul@x.kz", 1, 0, 1), ("sergey@x.kz", 2, 0, 2),
    ]  # fmt: skip


def test_judge_rows_behind_and_sorted(example):
    assert _rows(example, behind=True) == [("aigul@x.kz", 4, 2, 2), ("sergey@x.kz", 2, 0, 2)]
    by_missing = _rows(example, sort="missing", descending=True)
    assert [email for email, *_ in by_missing] == ["aigul@x.kz", "sergey@x.kz", "boris@x.kz"]
    by_done = _rows(example, sort="done")
    assert [email for email, *_ in by_done] == ["sergey@x.kz", "aigul@x.kz", "boris@x.kz"]
    by_done = _rows(example, sort="done", descending=True)
    assert [email for email, *_ in by_done] == ["boris@x.kz", "aigul@x.kz", "sergey@x.kz"]


@pytest.mark.parametrize(
    ("search", "found"),
    [("айгуль", ["aigul@x.kz"]), ("САПАРОВА", ["aigul@x.kz"]), ("kim", ["boris@x.kz"]),
     ("sergey@", ["sergey@x.kz"]), ("X.KZ", ["boris@x.kz", "aigul@x.kz", "sergey@x.kz"]),
     ("nobody", [])],
)  # fmt: skip
def test_judge_rows_searched_by_name_or_email_in_any_case(example, search, found):
    assert [email for email, *_ in _rows(example, search=search)] == found


def test_missing_entries_of_a_judge_in_category_order(example):
    program, judges = example["program"], example["judges"]
    rows = db.session.execute(progress.missing_entries_query(program, judges["aigul"])).all()
    assert [(n.nominee_name, state) for n, state in rows] == [
        ("A3 Nominee", "draft"), ("B1 Nominee", None),
    ]  # fmt: skip
    _category_a, category_b = example["categories"]
    query = progress.missing_entries_query(program, judges["sergey"], category_id=category_b.id)
    assert [n.nominee_name for n, _state in db.session.execute(query)] == [
        "B1 Nominee", "B2 Nominee",
    ]  # fmt: skip
    assert db.session.execute(progress.missing_entries_query(program, judges["boris"])).all() == []


def test_a_judges_own_totals_per_category(example):
    category_a, category_b = example["categories"]
    mine = progress.jury_tallies(example["program"], judge=example["judges"]["aigul"])
    assert progress.category_totals(mine) == {
        category_a.id: Totals(assigned=3, submitted=2, drafts=1, judges_behind=1),
        category_b.id: Totals(assigned=1, submitted=0, drafts=0, judges_behind=1),
    }


def test_anyone_behind_ignores_a_former_judge(example):
    program, judges = example["program"], example["judges"]
    assert progress.anyone_behind(program)
    # Only Dana, whose role was taken away, would still be behind.
    for who in ("aigul", "sergey"):
        for entry, state in db.session.execute(
            progress.missing_entries_query(program, judges[who])
        ).all():
            scoring.write_scorecard(
                nomination=entry, judge=judges[who], actor=judges[who],
                points={c.id: 5 for c in entry.category.criteria}, submit=True,
                version=None if state is None else _version(entry, judges[who]), now=JUDGING,
            )  # fmt: skip
    db.session.commit()
    assert not progress.anyone_behind(program)
    assert progress.program_totals(progress.jury_tallies(program)).judges_behind == 0


def _version(entry, judge):
    return scoring.find_scorecard(judge, entry).version
