"""A nomination's scorecard history in words: criteria by name, points before and after, and
whoever wrote a line named once."""

import re

import time_machine

from awards.extensions import db
from awards.judging import scoring
from awards.judging.history import PointsChange, points_changes
from tests.judging.fixtures import JUDGING

NAMES = {1: "Impact", 2: "Reach"}


def test_points_changes_name_each_criterion_that_changed_in_rubric_order(app):
    old = {"points": {"2": 3.0, "1": 5.0}}
    new = {"points": {"1": 7.0, "2": 3.0}}
    assert points_changes(old, new, NAMES) == [PointsChange("Impact", 5.0, 7.0)]


def test_points_changes_from_nothing_and_of_a_removed_criterion(app):
    new = {"points": {"9": 1.0, "2": 4.5}}
    assert points_changes({}, new, NAMES) == [
        PointsChange("Reach", None, 4.5), PointsChange("a removed criterion", None, 1.0),
    ]  # fmt: skip
    assert points_changes(new, {"points": {"9": 1.0}}, NAMES) == [PointsChange("Reach", 4.5, None)]


def events_of(page: str) -> list[str]:
    """The history's lines as text, tags dropped and spaces squeezed."""
    section = page[page.index('id="events"') :]
    section = section[: section.index("</section>")]
    items = re.findall(r"<li>(.*?)</li>", section, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def history_lines(client, entry) -> list[str]:
    page = client.get(f"/programs/test-awards/jury/nominations/{entry.id}/history")
    return events_of(page.get_data(as_text=True))


@time_machine.travel(JUDGING, tick=False)
def test_history_page_names_criteria_points_and_each_author_once(client, auth, jury):
    entry, judge, organizer = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"], \
        jury["organizer"]  # fmt: skip
    judge.name, organizer.name = "Айдана Сейтова", "Организатор"
    (criterion,) = entry.category.criteria
    card = scoring.save_scorecard(nomination=entry, actor=judge, points={criterion.id: "5"})
    card = scoring.save_scorecard(
        nomination=entry, actor=judge, points={criterion.id: "7"}, version=card.version,
        submit=True,
    )  # fmt: skip
    scoring.reopen_scorecard(scorecard=card, actor=organizer, reason="Пересмотреть")
    db.session.commit()
    auth.login("organizer@x.kz")
    lines = history_lines(client, entry)
    assert len(lines) == 3
    assert lines[0].endswith("Айдана Сейтова · draft started Points: Impact: 5")
    assert lines[1].endswith("Айдана Сейтова · submitted Points: Impact: 5 → 7")
    assert lines[2].endswith(
        "Организатор · reopened, back to draft · scorecard of Айдана Сейтова · Пересмотреть"
    )
    assert all(line.count("Айдана Сейтова") == 1 for line in lines)
    assert "{" not in " ".join(lines)


@time_machine.travel(JUDGING, tick=False)
def test_history_page_names_criteria_in_the_readers_language(client, auth, jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    jury["organizer"].locale = "ru"
    (criterion,) = entry.category.criteria
    card = scoring.save_scorecard(nomination=entry, actor=judge, points={criterion.id: "5"})
    scoring.save_scorecard(
        nomination=entry, actor=judge, points={criterion.id: "7"}, version=card.version
    )
    db.session.commit()
    auth.login("organizer@x.kz")
    assert history_lines(client, entry)[1].endswith("Вклад: 5 → 7")
