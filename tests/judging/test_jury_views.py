"""The jury's possible conflicts: names a letter or two apart, shown on the category's jury
page and recorded in one click, never enforced by themselves."""

import pytest

from awards.extensions import db
from awards.judging import assignments, conflicts
from awards.judging.models import Conflict
from awards.nominations.queries import accepted_nominations
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories
from tests.judging.fixtures import accepted_nomination, add_judge

BASE = "/programs/test-awards/jury"


@pytest.fixture
def near(jury):
    """A judge of «Промтехмонтаж» beside an entry about «Промтехмантаж» (one letter off)."""
    program = jury["program"]
    judge = add_judge(program, "near@x.kz", "ТОО «Промтехмонтаж»")
    entry = accepted_nomination(program, jury["committee"], "Промтехмантаж ЖШС")
    db.session.commit()
    return {**jury, "judge": judge, "entry": entry}


def test_possible_conflict_is_shown_beside_judge_and_entry(client, auth, near):
    auth.login("organizer@x.kz")
    category = near["program"].categories[0]
    page = client.get(f"{BASE}/categories/{category.id}").get_data(as_text=True)
    assert f'data-judge="{near["judge"].id}" data-nomination="{near["entry"].id}"' in page
    assert "possible conflict" in page
    assert "(ТОО «Промтехмонтаж»)" in page and "(Промтехмантаж ЖШС)" in page
    assert page.count("data-nomination=") == 1  # nothing else in this jury looks alike


def test_a_possible_conflict_is_not_enforced(near):
    assert not conflicts.has_conflict(near["judge"], near["entry"])
    assignments.assign_judge(nomination=near["entry"], judge=near["judge"], actor=near["organizer"])


def test_one_click_records_it_with_the_reason(client, auth, near):
    judge, entry = near["judge"], near["entry"]
    assignments.assign_judge(nomination=entry, judge=judge, actor=near["organizer"])
    db.session.commit()
    auth.login("organizer@x.kz")
    category = near["program"].categories[0]
    response = client.post(
        f"{BASE}/categories/{category.id}/possible-conflicts",
        data={"judge": str(judge.id), "nomination": str(entry.id)},
    )
    assert response.status_code == 302
    conflict = db.session.query(Conflict).one()
    assert (conflict.judge_id, conflict.nomination_id) == (judge.id, entry.id)
    assert conflict.reason == (
        "Possible conflict: “Промтехмантаж ЖШС” looks like ТОО «Промтехмонтаж»."
    )
    assert conflicts.has_conflict(judge, entry)
    page = client.get(f"{BASE}/categories/{category.id}").get_data(as_text=True)
    assert "data-nomination=" not in page  # recorded: no longer only possible


def test_a_pair_that_is_no_near_miss_is_not_recorded(client, auth, near):
    auth.login("organizer@x.kz")
    category = near["program"].categories[0]
    other = near["entries"]["Ulba Nominee"]
    client.post(
        f"{BASE}/categories/{category.id}/possible-conflicts",
        data={"judge": str(near["judge"].id), "nomination": str(other.id)},
    )
    assert db.session.query(Conflict).count() == 0


@pytest.mark.parametrize(
    ("organization", "entry", "shown"),
    [
        ("ТОО «Промтехмонтаж»", "ТОО «Промтехмонтаж»", False),  # the same: an automatic conflict
        ("Казцинк", "Казцин", True),  # 6 letters, one edit
        ("Казцн", "Казцнк", False),  # under 6 letters only equality counts
        ("Ульбинский металлургический завод", "Ульбинскй металургический завод", True),
        ("Ульбинский металлургический завод", "Ульба", False),
    ],
)
def test_which_names_are_near_misses(near, organization, entry, shown):
    judge = add_judge(near["program"], "other@x.kz", organization)
    nomination = accepted_nomination(near["program"], near["committee"], entry)
    found = conflicts.possible_conflicts([judge], [nomination])
    assert bool(found) is shown


def test_the_programs_possible_conflicts_are_those_of_each_pair(near):
    """possible_conflicts_in (columns, for the pages) finds what possible_conflicts (objects)
    finds, and neither shows a pair that is already an automatic conflict: a judge of the
    committee's own organization beside an entry it nominated whose name is one letter off."""
    program, committee = near["program"], near["committee"]
    colleague = factories.user("colleague@x.kz", organization=committee.organization)
    programs.grant_role(program=program, user=colleague, role=Role.JUDGE, actor=near["organizer"])
    accepted_nomination(program, committee, "Chambers")  # nominated by «Chamber» itself
    db.session.commit()
    judges = assignments.program_judges(program)
    entries = accepted_nominations(program.categories[0])
    by_objects = [
        (found.judge.id, found.nomination.id, found.organization_name, found.entry_name)
        for found in conflicts.possible_conflicts(judges, entries)
    ]
    by_columns = [
        (pair.judge_id, pair.nomination_id, pair.organization_name, pair.entry_name)
        for pair in conflicts.possible_conflicts_in(program)
    ]
    expected = (near["judge"].id, near["entry"].id, "ТОО «Промтехмонтаж»", "Промтехмантаж ЖШС")
    assert by_columns == by_objects == [expected]
