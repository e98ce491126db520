"""The reveal of the panel's scores: the policy × the judge's own scorecard × the window ×
conflicts, the letters that stand for jurors, and the judge's page."""

import time_machine

from awards.extensions import db
from awards.judging import conflicts, scoring
from awards.judging.panel import juror_letters, letter, panel_scorecards
from awards.judging.permissions import can_see_panel_scores, reveal_policy
from awards.programs.models import RevealScores
from tests.judging.fixtures import AFTER_JUDGING, JUDGING

BASE = "/programs/test-awards"


def reveal(jury, policy):
    jury["program"].categories[0].reveal_scores = policy
    db.session.commit()


def score(jury, email, entry, points, *, submit=True):
    judge = jury["judges"][email]
    card = scoring.find_scorecard(judge, entry)
    return scoring.save_scorecard(
        nomination=entry, actor=judge, points={c.id: points for c in entry.category.criteria},
        submit=submit, now=JUDGING, version=card.version if card else None,
    )  # fmt: skip


def test_default_policy_is_never(jury):
    assert reveal_policy(jury["program"].categories[0]) == RevealScores.NEVER


def test_never_hides_even_after_submitting_and_closing(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    score(jury, "judge@x.kz", entry, 8)
    assert not can_see_panel_scores(judge, entry, now=JUDGING)
    assert not can_see_panel_scores(judge, entry, now=AFTER_JUDGING)


def test_after_own_needs_the_judges_own_submitted_scorecard(jury):
    reveal(jury, RevealScores.AFTER_OWN)
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    assert not can_see_panel_scores(judge, entry, now=JUDGING)  # none yet
    score(jury, "judge@x.kz", entry, 8, submit=False)
    assert not can_see_panel_scores(judge, entry, now=JUDGING)  # a draft
    score(jury, "judge@x.kz", entry, 8)
    assert can_see_panel_scores(judge, entry, now=JUDGING)
    # Per entry: another entry's scorecard reveals nothing.
    assert not can_see_panel_scores(judge, jury["entries"]["Polyana Nominee"], now=JUDGING)


def test_after_close_waits_for_the_window_to_close(jury):
    reveal(jury, RevealScores.AFTER_CLOSE)
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    score(jury, "judge@x.kz", entry, 8)
    assert not can_see_panel_scores(judge, entry, now=JUDGING)  # submitted, still open
    assert can_see_panel_scores(judge, entry, now=AFTER_JUDGING)
    # Closing reveals to a juror who did not score as well.
    assert can_see_panel_scores(jury["judges"]["judge2@x.kz"], entry, now=AFTER_JUDGING)


def test_after_close_with_no_closing_date_never_reveals(jury):
    reveal(jury, RevealScores.AFTER_CLOSE)
    jury["program"].judging_close_at = None
    entry = jury["entries"]["Ulba Nominee"]
    assert not can_see_panel_scores(jury["judges"]["judge@x.kz"], entry, now=AFTER_JUDGING)


def test_never_to_a_conflicted_juror(jury):
    reveal(jury, RevealScores.AFTER_CLOSE)
    entry = jury["entries"]["Ulba Nominee"]
    judge2, judge3 = jury["judges"]["judge2@x.kz"], jury["judges"]["judge3@x.kz"]
    conflicts.declare_conflict(nomination=entry, actor=judge2, reason="Работал там")
    conflicts.record_conflict(
        nomination=entry, judge=judge3, actor=jury["organizer"], reason="Родственник"
    )
    assert not can_see_panel_scores(judge2, entry, now=AFTER_JUDGING)
    assert not can_see_panel_scores(judge3, entry, now=AFTER_JUDGING)
    assert can_see_panel_scores(jury["judges"]["judge@x.kz"], entry, now=AFTER_JUDGING)


def test_never_to_an_automatically_conflicted_juror(jury):
    reveal(jury, RevealScores.AFTER_CLOSE)
    judge2 = jury["judges"]["judge2@x.kz"]
    entry = jury["entries"]["Ulba Nominee"]
    entry.submitting_organization_id = judge2.organization_id  # judge2's college nominated it
    assert not can_see_panel_scores(judge2, entry, now=AFTER_JUDGING)


def test_not_to_the_organizer_or_committee_as_jurors(jury):
    reveal(jury, RevealScores.AFTER_CLOSE)
    entry = jury["entries"]["Ulba Nominee"]
    assert not can_see_panel_scores(jury["organizer"], entry, now=AFTER_JUDGING)
    assert not can_see_panel_scores(jury["committee"], entry, now=AFTER_JUDGING)


def test_letters_are_stable_distinct_and_differ_between_entries(jury):
    entries = list(jury["entries"].values())
    letters = {entry.id: juror_letters(entry) for entry in entries}
    for entry in entries:
        assert sorted(letters[entry.id].values()) == ["A", "B", "C"]
        assert set(letters[entry.id]) == {judge.id for judge in jury["judges"].values()}
        assert juror_letters(entry) == letters[entry.id]  # the same on the next visit
    # Drawn per entry from a hash: not the same juror "A" everywhere (this data, checked once).
    firsts = {next(j for j, a in letters[e.id].items() if a == "A") for e in entries}
    assert len(firsts) > 1


def test_letters_beyond_z():
    assert [letter(n) for n in (0, 25, 26, 27, 52)] == ["A", "Z", "AA", "AB", "BA"]


def test_panel_shows_submitted_cards_of_unconflicted_jurors_only(jury):
    entry = jury["entries"]["Ulba Nominee"]
    judge, judge2 = jury["judges"]["judge@x.kz"], jury["judges"]["judge2@x.kz"]
    score(jury, "judge@x.kz", entry, 8)
    score(jury, "judge2@x.kz", entry, 4)
    score(jury, "judge3@x.kz", entry, 6, submit=False)  # a draft: never shown
    letters = juror_letters(entry)
    panel = panel_scorecards(entry, judge)
    assert [(c.letter, c.mine, c.total) for c in panel] == sorted(
        [(letters[judge.id], True, 80.0), (letters[judge2.id], False, 40.0)]
    )
    conflicts.record_conflict(nomination=entry, judge=judge2, actor=jury["organizer"], reason="X")
    assert [c.mine for c in panel_scorecards(entry, judge)] == [True]


@time_machine.travel(JUDGING, tick=False)
def test_judge_page_reveals_after_submitting(client, auth, jury):
    reveal(jury, RevealScores.AFTER_OWN)
    entry = jury["entries"]["Ulba Nominee"]
    score(jury, "judge2@x.kz", entry, 4)
    db.session.commit()
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert 'id="panel-scores"' not in page
    score(jury, "judge@x.kz", entry, 8)
    db.session.commit()
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    letters = juror_letters(entry)
    assert 'id="panel-scores"' in page
    assert f"Juror {letters[jury['judges']['judge2@x.kz'].id]}" in page
    assert "judge2@x.kz" not in page and "Test User" not in page.split('id="panel-scores"')[1]
    assert "80.00" in page and "40.00" in page
