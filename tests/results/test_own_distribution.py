"""A judge's own distribution of totals against the panel's, once all theirs are submitted."""

import time_machine

from awards.extensions import db
from awards.judging import conflicts, scoring
from awards.results import aggregation as agg
from awards.results.own_distribution import own_distributions, split_totals, spread
from tests.judging.fixtures import JUDGING

BASE = "/programs/test-awards"
# The factory's one criterion: weight 2, 0–10 points, so a total is 10 × the points.
POINTS = {
    "judge@x.kz": {"Kazzinc Nominee": 9, "Ulba Nominee": 7, "Polyana Nominee": 5},
    "judge2@x.kz": {"Kazzinc Nominee": 8, "Ulba Nominee": 6, "Polyana Nominee": 4},
    "judge3@x.kz": {"Kazzinc Nominee": 10, "Ulba Nominee": 6, "Polyana Nominee": 2},
}


def score(jury, email, *names):
    judge = jury["judges"][email]
    for name in names:
        entry = jury["entries"][name]
        points = {c.id: str(POINTS[email][name]) for c in entry.category.criteria}
        scoring.save_scorecard(nomination=entry, actor=judge, points=points, submit=True)


def as_tuple(s):
    return None if s is None else (s.count, s.low, s.median, s.high)


def test_spread_is_the_lowest_median_and_highest():
    assert as_tuple(spread([50.0, 90.0, 70.0, 60.0])) == (4, 50.0, 65.0, 90.0)
    assert spread([]) is None


def test_split_totals_keeps_the_panel_to_the_judges_entries():
    rubric = [agg.Criterion("c", 1, 10)]
    cards = [agg.Scorecard(1, "a", {"c": 9}), agg.Scorecard(2, "a", {"c": 5}),
             agg.Scorecard(2, "b", {"c": 1})]  # fmt: skip
    assert split_totals(1, cards, rubric) == ([90.0], [50.0])


@time_machine.travel(JUDGING, tick=False)
def test_shown_only_once_every_scorecard_of_the_category_is_submitted(jury):
    program, judge = jury["program"], jury["judges"]["judge@x.kz"]
    score(jury, "judge2@x.kz", *jury["entries"])
    score(jury, "judge3@x.kz", *jury["entries"])
    score(jury, "judge@x.kz", "Kazzinc Nominee", "Ulba Nominee")
    assert own_distributions(judge, program) == []
    score(jury, "judge@x.kz", "Polyana Nominee")
    (shown,) = own_distributions(judge, program)
    assert as_tuple(shown.mine) == (3, 50.0, 70.0, 90.0)
    assert as_tuple(shown.panel) == (6, 20.0, 60.0, 100.0)
    assert shown.entries == 3


@time_machine.travel(JUDGING, tick=False)
def test_an_entry_the_judge_is_in_conflict_with_is_left_out(jury):
    program, judge = jury["program"], jury["judges"]["judge@x.kz"]
    conflicts.declare_conflict(
        nomination=jury["entries"]["Polyana Nominee"], actor=judge, reason="Бывший работодатель"
    )
    score(jury, "judge2@x.kz", *jury["entries"])
    score(jury, "judge3@x.kz", *jury["entries"])
    score(jury, "judge@x.kz", "Kazzinc Nominee", "Ulba Nominee")
    (shown,) = own_distributions(judge, program)
    assert as_tuple(shown.mine) == (2, 70.0, 80.0, 90.0)
    assert as_tuple(shown.panel) == (4, 60.0, 70.0, 100.0)  # Polyana's 40 and 20 left out


@time_machine.travel(JUDGING, tick=False)
def test_too_few_other_scorecards_are_not_shown(jury):
    program, judge = jury["program"], jury["judges"]["judge@x.kz"]
    score(jury, "judge2@x.kz", "Kazzinc Nominee", "Ulba Nominee")
    score(jury, "judge@x.kz", *jury["entries"])
    (shown,) = own_distributions(judge, program)
    assert shown.panel is None  # two scorecards would give them back


@time_machine.travel(JUDGING, tick=False)
def test_the_judges_page_in_russian_and_no_one_elses(client, auth, jury):
    score(jury, "judge2@x.kz", *jury["entries"])
    score(jury, "judge3@x.kz", *jury["entries"])
    score(jury, "judge@x.kz", *jury["entries"])
    db.session.commit()
    auth.login("judge@x.kz")
    client.post("/language", data={"locale": "ru", "next": "/"})
    queue = client.get(f"{BASE}/judging/").get_data(as_text=True)
    assert 'id="my-totals-link"' in queue
    page = client.get(f"{BASE}/results/my-totals").get_data(as_text=True)
    assert "Ваши итоги" in page and "<svg" in page
    assert ">20,0</td>" in page and ">60,0</td>" in page and ">100,0</td>" in page
    assert ">40,0</td>" not in page and ">80,0</td>" not in page  # nobody's own scorecard
    auth.logout()
    auth.login("committee@x.kz")
    assert client.get(f"{BASE}/results/my-totals").status_code == 403
