"""The practice entry: scored first by every judge of the category, compared with the other
judges' median once submitted, and never counted anywhere."""

import pytest
import time_machine
from sqlalchemy import delete, select

from awards.certificates.recipients import recipients_of
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import assignments, ballots, scoring
from awards.judging.models import Assignment, Scorecard
from awards.judging.practice import (
    add_practice_entry,
    calibration,
    calibration_rows,
    practice_tallies,
)
from awards.judging.progress import judge_queue, jury_tallies, program_totals
from awards.nominations.inbox import inbox_entries
from awards.nominations.models import Nomination
from awards.nominations.queries import accepted_nominations
from awards.results import services as results
from awards.results.exports import TABLES, results_document
from tests.judging.fixtures import JUDGING, add_judge

BASE = "/programs/test-awards"


def points(entry, value) -> dict:
    return {c.id: str(value) for c in entry.category.criteria}


def submit(entry, judge, value):
    return scoring.save_scorecard(
        nomination=entry, actor=judge, points=points(entry, value), submit=True, now=JUDGING
    )


@pytest.fixture
def practice(jury):
    entry = add_practice_entry(
        category=jury["program"].categories[0], actor=jury["organizer"], now=JUDGING
    )
    db.session.commit()
    return entry


def test_every_judge_of_the_category_gets_the_practice_entry_first(jury, practice):
    for judge in jury["judges"].values():
        queue = judge_queue(judge, jury["program"])
        assert queue[0].nomination == practice and len(queue) == 4


def test_a_judge_assigned_later_gets_the_practice_entry_too(jury, practice):
    late = add_judge(jury["program"], "late@x.kz", "Late College")
    assignments.assign_judge(
        nomination=jury["entries"]["Ulba Nominee"], judge=late, actor=jury["organizer"]
    )
    queue = [item.nomination for item in judge_queue(late, jury["program"])]
    assert queue == [practice, jury["entries"]["Ulba Nominee"]]


def test_a_second_practice_entry_is_refused(jury, practice):
    with pytest.raises(DomainError):
        add_practice_entry(category=practice.category, actor=jury["organizer"])


def test_the_service_refuses_real_entries_until_the_practice_is_submitted(jury, practice):
    judge, entry = jury["judges"]["judge@x.kz"], jury["entries"]["Ulba Nominee"]
    with pytest.raises(DomainError) as refused:
        submit(entry, judge, 7)
    assert refused.value.message.startswith("Score the practice entry of this category first.")
    # A draft of the practice does not open the others; submitting it does.
    scoring.save_scorecard(
        nomination=practice, actor=judge, points=points(practice, 5), now=JUDGING
    )
    with pytest.raises(DomainError):
        scoring.save_scorecard(nomination=entry, actor=judge, points={}, now=JUDGING)
    card = scoring.find_scorecard(judge, practice)
    scoring.save_scorecard(
        nomination=practice, actor=judge, points=points(practice, 5), submit=True,
        version=card.version, now=JUDGING,
    )  # fmt: skip
    assert submit(entry, judge, 7).is_submitted


@time_machine.travel(JUDGING, tick=False)
def test_the_scoring_page_sends_the_judge_to_the_practice_entry_in_russian(
    client, auth, jury, practice
):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    client.post("/language", data={"locale": "ru", "next": "/"})
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert 'id="practice-first"' in page and "Сначала оцените тренировочную заявку" in page
    assert f"/judging/{practice.id}" in page and 'name="action"' not in page
    data = {**{f"points_{c.id}": "7" for c in entry.category.criteria}, "action": "submit"}
    page = client.post(f"{BASE}/judging/{entry.id}", data=data).get_data(as_text=True)
    assert "Сначала оцените тренировочную заявку" in page
    assert db.session.scalar(select(Scorecard).filter_by(nomination_id=entry.id)) is None


def test_paper_ballots_are_saved_in_any_order(jury, practice):
    entry, program = jury["entries"]["Ulba Nominee"], jury["program"]
    criterion = entry.category.criteria[0]
    content = (
        "judge_email,category,nominee,criterion,points\n"
        f"judge@x.kz,best-patron,Ulba Nominee,{criterion.name['ru']},7\n"
    ).encode()
    check = ballots.import_ballots(program=program, content=content, actor=jury["organizer"],
                                   now=JUDGING)  # fmt: skip
    assert not check.invalid
    assert scoring.find_scorecard(jury["judges"]["judge@x.kz"], entry).is_submitted


def test_calibration_shows_the_median_of_the_other_judges_only_after_submitting(jury, practice):
    judges = list(jury["judges"].values())
    assert calibration(judges[0], practice) is None  # not submitted yet
    submit(practice, judges[0], 9)
    (row,) = calibration(judges[0], practice)
    assert (row.mine, row.others_median, row.others) == (9, None, 0)
    submit(practice, judges[1], 4)
    submit(practice, judges[2], 7)
    (row,) = calibration(judges[0], practice)
    assert (row.mine, row.others_median, row.others) == (9, 5.5, 2)


def test_calibration_rows_take_the_median_per_criterion():
    rows = calibration_rows([1, 2], {1: 8, 2: 3}, [{1: 4, 2: 2}, {1: 6}, {1: 10, 2: 5}])
    assert [(r.mine, r.others_median, r.others) for r in rows] == [(8, 6, 3), (3, 3.5, 2)]


@time_machine.travel(JUDGING, tick=False)
def test_the_judge_sees_the_comparison_on_the_practice_page_in_kazakh(client, auth, jury, practice):
    judges = list(jury["judges"].values())
    submit(practice, judges[1], 4)
    submit(practice, judges[2], 6)
    submit(practice, judges[0], 8)
    db.session.commit()
    auth.login("judge@x.kz")
    client.post("/language", data={"locale": "kk", "next": "/"})
    page = client.get(f"{BASE}/judging/{practice.id}").get_data(as_text=True)
    assert 'id="calibration"' in page and 'id="practice-note"' in page
    assert ">5</td>" in page  # the median of 4 and 6; neither judge's own points
    assert ">4</td>" not in page and ">6</td>" not in page


def _observed(client, program) -> dict:
    """What results, exports, the public page and certificates show of the program."""
    observed = {"document": results_document(program)}
    for table in TABLES:
        response = client.get(f"{BASE}/results/export/{table}.csv")
        assert response.status_code == 200
        observed[table] = response.get_data()
    observed["public"] = client.get("/results/test-awards").get_data(as_text=True)
    for kind in ("laureate", "participant", "judge_thanks"):
        observed[kind] = [(r.key, r.names) for r in recipients_of(program, kind)]
    observed["inbox"] = [n.id for n in inbox_entries(program)]
    observed["accepted"] = [n.id for n in accepted_nominations(program.categories[0])]
    observed["totals"] = program_totals(jury_tallies(program))
    return observed


@time_machine.travel(JUDGING, tick=False)
def test_results_exports_public_page_and_certificates_are_the_same_without_the_practice(
    client, auth, jury, practice
):
    program, organizer = jury["program"], jury["organizer"]
    # A judge who scored only the practice entry earns no letter of thanks.
    only_practice = add_judge(program, "practice.only@x.kz", "Practice College")
    assignments.assign_practice_entry(entry=practice, judges=[only_practice], actor=organizer)
    submit(practice, only_practice, 0)
    for judge, value in zip(jury["judges"].values(), (10, 0, 3), strict=True):
        submit(practice, judge, value)  # points far from anyone's on the real entries
        for n, entry in enumerate(jury["entries"].values()):
            submit(entry, judge, 9 - n)
    kazzinc = jury["entries"]["Kazzinc Nominee"]
    results.confirm_laureates(category=practice.category, actor=organizer, chosen=[kazzinc.id])
    results.publish_results(program=program, actor=organizer, notify=False)
    db.session.commit()
    auth.login("organizer@x.kz")
    with_practice = _observed(client, program)
    assert "Пример" not in str(with_practice) and "Example" not in str(with_practice)
    db.session.execute(delete(Scorecard).where(Scorecard.nomination_id == practice.id))
    db.session.execute(delete(Assignment).where(Assignment.nomination_id == practice.id))
    db.session.execute(delete(Nomination).where(Nomination.id == practice.id))
    db.session.commit()
    assert _observed(client, program) == with_practice


@time_machine.travel(JUDGING, tick=False)
def test_the_progress_page_counts_the_practice_apart(client, auth, jury, practice):
    submit(practice, jury["judges"]["judge@x.kz"], 5)
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/jury/progress").get_data(as_text=True)
    assert 'id="practice-progress"' in page and "1 of 3 judges have submitted it" in page
    assert practice_tallies(jury["program"]) == {practice.category_id: (1, 3)}
    totals = program_totals(jury_tallies(jury["program"]))
    assert (totals.assigned, totals.submitted) == (9, 0)  # three judges × three real entries
