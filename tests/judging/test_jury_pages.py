"""The organizer's jury pages: the summary per category, a category's judges and entries
(searched, filtered, paged), one judge's and one entry's page, and forms that return to the
page that sent them."""

import re
from datetime import datetime

import pytest
from sqlalchemy import select

from awards.accounts.identity import bin_check_digit
from awards.extensions import db
from awards.judging import assignments, conflicts, matrix
from awards.judging.models import Assignment
from awards.nominations.models import Nomination, NominationState
from awards.programs import services as programs
from tests.judging.fixtures import accepted_nomination, add_judge

BASE = "/programs/test-awards/jury"
DELTA_BIN = "12345678901" + str(bin_check_digit("12345678901"))


def _assignment(entry, judge):
    return db.session.scalar(
        select(Assignment).filter_by(nomination_id=entry.id, judge_id=judge.id)
    )


@pytest.fixture
def matrix_example(jury):
    """Five entries in the first category, three judges needed for each:
    Kazzinc 3 judges; Ulba 2 (judge3 taken off); Polyana 2 (judge2 recorded a conflict);
    Delta 0 (with a BIN); Промтехмантаж 0, a possible conflict of near@x.kz's organization.
    A second category with nothing in it."""
    program, organizer = jury["program"], jury["organizer"]
    entries, judges = jury["entries"], jury["judges"]
    assert program.judges_per_nomination == 3
    assignments.unassign(
        assignment=_assignment(entries["Ulba Nominee"], judges["judge3@x.kz"]), actor=organizer
    )
    conflicts.record_conflict(
        nomination=entries["Polyana Nominee"], judge=judges["judge2@x.kz"], actor=organizer,
        reason="Former employer",
    )  # fmt: skip
    committee = jury["committee"]
    delta = accepted_nomination(program, committee, "Delta Nominee", bin=DELTA_BIN)
    near_judge = add_judge(program, "near@x.kz", "ТОО «Промтехмонтаж»")
    near_entry = accepted_nomination(program, committee, "Промтехмантаж ЖШС")
    empty = programs.add_category(
        program=program, actor=organizer, slug="empty",
        title={"kk": "Бос", "ru": "Пусто", "en": "Empty"},
    )  # fmt: skip
    db.session.commit()
    return {**jury, "delta": delta, "near_judge": near_judge, "near_entry": near_entry,
            "empty": empty, "category": program.categories[0]}  # fmt: skip


def _cell(page: str, row: str, css_class: str) -> str:
    """The text of the cell of ``css_class`` in the row whose opening tag contains ``row``."""
    found = re.search(rf'<tr {row}>.*?class="{css_class}">(.*?)</td>', page, re.S)
    assert found, (row, css_class)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _listed(page: str, table: str) -> list[str]:
    """The data-entry or data-judge values of the rows of the table with this id."""
    body = re.search(rf'<table class="table stack" id="{table}">(.*?)</table>', page, re.S)
    return re.findall(r'<tr data-(?:entry|judge)="([^"]+)"', body.group(1)) if body else []


def test_summary_counts_the_worked_example(matrix_example):
    program = matrix_example["program"]
    found = conflicts.possible_conflicts_in(program)
    first, empty = matrix.category_summaries(program, found, matrix.assignment_counts(program))
    assert first.category == matrix_example["category"]
    assert (first.entries, first.judges, first.assignments) == (5, 3, 7)
    assert first.per_judge == (2, 2, 3)  # judge 3 entries, judge2 and judge3 2 each
    assert first.per_entry == (0, 3)
    assert (first.gaps, first.conflicts, first.possible) == (4, 1, 1)
    assert (empty.entries, empty.judges, empty.assignments, empty.gaps) == (0, 0, 0, 0)
    assert (empty.per_judge, empty.per_entry, empty.conflicts, empty.possible) == (None, None, 0, 0)


def test_summary_page_shows_the_numbers_and_links_each_category(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    category = matrix_example["category"]
    page = client.get(f"{BASE}/").get_data(as_text=True)
    row = f'data-category="{category.id}"'
    assert [_cell(page, row, name) for name in ("entries", "judges", "assignments", "gaps",
                                                "conflicts", "possible")] == [
        "5", "3", "7", "4", "1", "1"
    ]  # fmt: skip
    assert _cell(page, row, "per-judge") == "2 · 2 · 3"
    assert _cell(page, row, "per-entry") == "0–3 / 3"
    assert f'href="{BASE}/categories/{category.id}"' in page
    assert f"{BASE}/categories/{category.id}?flag=gap" in page
    assert "4 judges in the jury" in page
    assert "<select" not in page  # the forms' long lists are on the category pages only


def test_summary_lists_the_jury_with_their_counts(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/").get_data(as_text=True)
    # By name (all "Test User" here), then in the order they joined.
    assert _listed(page, "judges") == ["judge@x.kz", "judge2@x.kz", "judge3@x.kz", "near@x.kz"]
    assert _cell(page, 'data-judge="judge2@x.kz"', "assigned") == "2"
    assert _cell(page, 'data-judge="judge2@x.kz"', "conflicts") == "1"
    searched = client.get(f"{BASE}/?q=JUDGE3").get_data(as_text=True)
    assert _listed(searched, "judges") == ["judge3@x.kz"]


def test_category_page_lists_entries_and_judges(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    category, entries = matrix_example["category"], matrix_example["entries"]
    page = client.get(f"{BASE}/categories/{category.id}").get_data(as_text=True)
    assert len(_listed(page, "entries")) == 5
    assert sorted(_listed(page, "judges")) == ["judge2@x.kz", "judge3@x.kz", "judge@x.kz"]
    ulba = f'data-entry="{entries["Ulba Nominee"].id}"'
    assert _cell(page, ulba, "judge-count") == "2 of 3"
    assert _cell(page, 'data-judge="judge2@x.kz"', "conflicts") == "1"
    assert f'data-nomination="{matrix_example["near_entry"].id}"' in page  # possible, listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("flag=gap", ["Ulba Nominee", "Polyana Nominee", "Delta Nominee", "Промтехмантаж ЖШС"]),
        ("flag=conflict", ["Polyana Nominee"]),
        ("flag=possible", ["Промтехмантаж ЖШС"]),
        ("q=ulba", ["Ulba Nominee"]),
        ("q=промтехмантаж", ["Промтехмантаж ЖШС"]),
        (f"q={DELTA_BIN[:6]}", ["Delta Nominee"]),
        ("q=nominee&flag=gap", ["Ulba Nominee", "Polyana Nominee", "Delta Nominee"]),
        ("flag=nonsense", ["Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee", "Delta Nominee",
                           "Промтехмантаж ЖШС"]),
    ],
)  # fmt: skip
def test_category_entries_are_searched_and_filtered(client, auth, matrix_example, query, expected):
    auth.login("organizer@x.kz")
    category = matrix_example["category"]
    by_name = {**matrix_example["entries"], "Delta Nominee": matrix_example["delta"],
               "Промтехмантаж ЖШС": matrix_example["near_entry"]}  # fmt: skip
    page = client.get(f"{BASE}/categories/{category.id}?{query}").get_data(as_text=True)
    assert _listed(page, "entries") == [str(by_name[name].id) for name in expected]


def test_searching_a_judge_narrows_the_judges(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    category = matrix_example["category"]
    page = client.get(f"{BASE}/categories/{category.id}?q=judge2@x.kz").get_data(as_text=True)
    assert _listed(page, "judges") == ["judge2@x.kz"]
    assert _listed(page, "entries") == []
    assert "No entry of this category matches." in page


def _many_entries(program, committee, count):
    """``count`` accepted entries more in the first category, written directly (fast)."""
    now = datetime(2026, 3, 10)
    for number in range(count):
        db.session.add(
            Nomination(
                program=program, category=program.categories[0], state=NominationState.ACCEPTED,
                nominee_kind="organization", org_name={"ru": f"Entry {number:03}"},
                submitting_organization_id=committee.organization_id, submitted_at=now,
                accepted_at=now,
            )
        )  # fmt: skip
    db.session.commit()


def test_entries_come_a_page_at_a_time(client, auth, jury):
    _many_entries(jury["program"], jury["committee"], 52)
    auth.login("organizer@x.kz")
    category = jury["program"].categories[0]
    first = client.get(f"{BASE}/categories/{category.id}").get_data(as_text=True)
    second = client.get(f"{BASE}/categories/{category.id}?page=2").get_data(as_text=True)
    assert len(_listed(first, "entries")) == 50
    assert len(_listed(second, "entries")) == 5  # 55 in all
    assert not set(_listed(first, "entries")) & set(_listed(second, "entries"))
    assert "51–55 of 55" in second


def test_assigning_from_page_two_assigns_the_whole_category_and_returns_there(client, auth, jury):
    program = jury["program"]
    _many_entries(program, jury["committee"], 52)
    judge = add_judge(program, "new@x.kz", "New Institute")
    db.session.commit()
    auth.login("organizer@x.kz")
    category = program.categories[0]
    here = f"{BASE}/categories/{category.id}?flag=gap&page=2"
    response = client.post(
        f"{BASE}/categories/{category.id}/assign-all",
        data={f"c{category.id}-judge": str(judge.id), "next": here},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == here
    assert len(assignments.assignments_in(category)) == 3 * 3 + 55  # every entry, not a page


def test_forms_return_to_the_filtered_page_and_never_elsewhere(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    category, judge = matrix_example["category"], matrix_example["judges"]["judge3@x.kz"]
    delta = matrix_example["delta"]
    here = f"{BASE}/categories/{category.id}?q=delta"
    response = client.post(
        f"{BASE}/categories/{category.id}/assign",
        data={f"n{category.id}-nomination": str(delta.id), f"n{category.id}-judge": str(judge.id),
              "next": here},
    )  # fmt: skip
    assert response.headers["Location"] == here
    assert _assignment(delta, judge) is not None
    assignment = _assignment(delta, judge)
    response = client.post(
        f"{BASE}/assignments/{assignment.id}/remove", data={"next": "https://evil.example/"}
    )
    assert response.headers["Location"] == f"{BASE}/"
    assert _assignment(delta, judge) is None
    response = client.post(
        f"{BASE}/categories/{category.id}/conflicts",
        data={f"x{category.id}-nomination": str(delta.id), f"x{category.id}-judge": str(judge.id),
              f"x{category.id}-reason": "", "next": here},
    )  # fmt: skip
    assert response.headers["Location"] == here  # refused: back where it was, with the message


def test_judge_page_lists_assignments_and_conflicts_and_unassigns(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    judge = matrix_example["judges"]["judge2@x.kz"]
    entries = matrix_example["entries"]
    page = client.get(f"{BASE}/judges/{judge.id}").get_data(as_text=True)
    assert _listed(page, "assignments") == [
        str(entries["Kazzinc Nominee"].id),
        str(entries["Ulba Nominee"].id),
    ]
    assert _listed(page, "conflicts") == [str(entries["Polyana Nominee"].id)]
    assert "Former employer" in page and "recorded by an organizer" in page
    here = f"{BASE}/judges/{judge.id}"
    assignment = _assignment(entries["Ulba Nominee"], judge)
    response = client.post(f"{BASE}/assignments/{assignment.id}/remove", data={"next": here})
    assert response.headers["Location"] == here
    page = client.get(here).get_data(as_text=True)
    assert _listed(page, "assignments") == [str(entries["Kazzinc Nominee"].id)]


def test_judge_page_is_only_for_the_programs_judges(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    organizer = matrix_example["organizer"]
    assert client.get(f"{BASE}/judges/{organizer.id}").status_code == 404


def test_entry_page_lists_its_judges_conflicts_and_history_link(client, auth, matrix_example):
    auth.login("organizer@x.kz")
    polyana = matrix_example["entries"]["Polyana Nominee"]
    page = client.get(f"{BASE}/nominations/{polyana.id}").get_data(as_text=True)
    assert sorted(_listed(page, "judges")) == ["judge3@x.kz", "judge@x.kz"]
    assert "Former employer" in page
    assert f"{BASE}/nominations/{polyana.id}/history" in page
    assert "2 of 3" in page
    other = client.get(f"{BASE}/nominations/999999")
    assert other.status_code == 404
