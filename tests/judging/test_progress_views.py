"""The organizer's judging progress pages: totals, the judges' table (search, category, behind,
sort, pages), one judge's missing scorecards, and reminders that reach everyone behind."""

import html
import re

import pytest
import time_machine

from awards.extensions import db
from awards.jobs.models import Job
from awards.judging import assignments
from awards.judging.models import JudgeReminder
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories
from tests.judging.fixtures import JUDGING, accepted_nomination
from tests.judging.progress_example import build_example
from tests.smtp import new_mail, sent_ids

BASE = "/programs/test-awards/jury/progress"


@pytest.fixture
def example(program, auth):
    built = build_example(program)
    auth.login("organizer@x.kz")
    return built


def _page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _judges(page) -> list[str]:
    return re.findall(r'<tr data-judge="([^"]+)"', page)


def _counts(page, row_id) -> dict[str, str]:
    row = re.search(rf'<tr id="{row_id}".*?</tr>', page, re.S).group(0)
    counts = re.findall(r'data-count="([a-z-]+)">(?:<a [^>]*>)?([^<]+)', row)
    return dict(counts)


def _missing_of(page, email) -> str:
    row = re.search(rf'<tr data-judge="{email}">.*?</tr>', page, re.S).group(0)
    return re.search(r'data-count="missing">([^<]+)', row).group(1)


def test_totals_per_category_and_for_the_program(client, example):
    category_a, category_b = example["categories"]
    page = _page(client, BASE)
    assert _counts(page, f"progress-{category_a.id}") == {
        "assigned": "5", "submitted": "4", "drafts": "1", "not-started": "0", "done": "80%",
        "judges-behind": "1",
    }  # fmt: skip
    assert _counts(page, f"progress-{category_b.id}") == {
        "assigned": "5", "submitted": "2", "drafts": "1", "not-started": "2", "done": "40%",
        "judges-behind": "2",
    }  # fmt: skip
    assert _counts(page, "progress-total") == {
        "assigned": "10", "submitted": "6", "drafts": "2", "not-started": "2", "done": "60%",
        "judges-behind": "2",
    }  # fmt: skip


def test_judges_table_of_the_example(client, example):
    page = _page(client, BASE)
    assert _judges(page) == ["boris@x.kz", "aigul@x.kz", "sergey@x.kz"]
    assert '<span class="submitted-count">2</span> / 4' in page  # Айгуль
    assert (_missing_of(page, "aigul@x.kz"), _missing_of(page, "sergey@x.kz")) == ("2", "2")
    # Boris has nothing missing: no reminder button on his row.
    boris = re.search(r'<tr data-judge="boris@x.kz">.*?</tr>', page, re.S).group(0)
    assert "Send a reminder" not in boris and "Send a reminder" in page


def test_judges_filtered_searched_and_sorted_through_the_address(client, example):
    _category_a, category_b = example["categories"]
    assert _judges(_page(client, f"{BASE}?behind=1")) == ["aigul@x.kz", "sergey@x.kz"]
    assert _judges(_page(client, f"{BASE}?q=%D0%B0%D0%B9%D0%B3%D1%83%D0%BB%D1%8C")) == [
        "aigul@x.kz"  # айгуль, in small letters
    ]
    page = _page(client, f"{BASE}?category={category_b.id}&sort=-missing")
    assert _judges(page) == ["sergey@x.kz", "aigul@x.kz", "boris@x.kz"]
    assert (_missing_of(page, "sergey@x.kz"), _missing_of(page, "aigul@x.kz")) == ("2", "1")
    assert f'<option value="{category_b.id}" selected>' in page
    # The column heads keep the filters and turn the order around.
    assert html.escape(f"?category={category_b.id}&sort=missing") in page
    assert _judges(_page(client, f"{BASE}?sort=done")) == [
        "sergey@x.kz", "aigul@x.kz", "boris@x.kz",
    ]  # fmt: skip


def test_unknown_filters_are_ignored(client, example):
    page = _page(client, f"{BASE}?category=999999&sort=salary&page=x&behind=yes")
    assert _judges(page) == ["boris@x.kz", "aigul@x.kz", "sergey@x.kz"]


def test_no_judge_matches(client, example):
    page = _page(client, f"{BASE}?q=nobody")
    assert _judges(page) == [] and "No judge matches these filters." in page


@time_machine.travel(JUDGING, tick=False)
def test_remind_one_judge_returns_to_the_page_as_filtered(client, auth, example, outbox):
    auth.login("organizer@x.kz")  # again, at the travelled time
    judge = example["judges"]["sergey"]
    before = sent_ids(outbox)
    where = f"{BASE}?behind=1&sort=-missing&q=%D0%A1%D0%B5%D1%80"
    response = client.post(f"{BASE}/remind/{judge.id}", data={"next": where})
    assert response.status_code == 302 and response.location == where
    (message,) = new_mail(outbox, before)
    assert message["To"] == "sergey@x.kz"
    assert "B1 Nominee" in message.get_content() and "B2 Nominee" in message.get_content()
    reminder = db.session.query(JudgeReminder).one()
    assert (reminder.judge_id, reminder.missing) == (judge.id, 2)
    row = re.search(r'<tr data-judge="sergey@x.kz">.*?</tr>', _page(client, where), re.S)
    assert "10.04.2026" in row.group(0)  # last reminded, in the program's time zone


def test_remind_goes_back_only_to_a_page_of_this_site(client, example):
    judge = example["judges"]["aigul"]
    response = client.post(f"{BASE}/remind/{judge.id}", data={"next": "//evil.example/x"})
    assert response.location == BASE


def test_remind_refuses_who_is_not_a_judge_of_the_program(client, example):
    former, organizer = example["judges"]["dana"], example["organizer"]
    assert client.post(f"{BASE}/remind/{former.id}").status_code == 404
    assert client.post(f"{BASE}/remind/{organizer.id}").status_code == 404
    assert client.get(f"{BASE}/judges/{former.id}").status_code == 404


def test_remind_all_from_a_search_reaches_judges_the_page_does_not_show(client, example, outbox):
    before = sent_ids(outbox)
    where = f"{BASE}?q=boris"  # shows only Boris, who has nothing missing
    assert _judges(_page(client, where)) == ["boris@x.kz"]
    response = client.post(f"{BASE}/remind-all", data={"next": where})
    job = db.session.query(Job).one()
    assert response.location == f"/jobs/{job.id}"
    assert sorted(m["To"] for m in new_mail(outbox, before)) == ["aigul@x.kz", "sergey@x.kz"]


def test_remind_all_with_nobody_behind_returns_to_the_page_as_filtered(client, example):
    db.session.query(JudgeReminder).delete()
    for role in example["program"].roles:
        if role.role == Role.JUDGE and role.user.email in ("aigul@x.kz", "sergey@x.kz"):
            db.session.delete(role)
    db.session.commit()
    response = client.post(f"{BASE}/remind-all", data={"next": f"{BASE}?q=boris"})
    assert response.location == f"{BASE}?q=boris"
    assert db.session.query(Job).count() == 0


def test_a_judges_missing_scorecards_with_links_and_the_remind_button(client, example):
    judge, entries = example["judges"]["aigul"], example["entries"]
    category_a, category_b = example["categories"]
    page = _page(client, f"{BASE}/judges/{judge.id}")
    assert re.findall(r'<tr data-entry="(\d+)" data-status="(\w+)"', page) == [
        (str(entries["A3"].id), "draft"), (str(entries["B1"].id), "not_started"),
    ]  # fmt: skip
    assert f'href="/nominations/{entries["A3"].id}"' in page
    assert f'href="/programs/test-awards/jury/nominations/{entries["B1"].id}/history"' in page
    assert 'id="remind-judge"' in page
    counts = re.findall(r'<tr data-category="(\d+)">.*?data-count="assigned">(\d+)', page, re.S)
    assert counts == [(str(category_a.id), "3"), (str(category_b.id), "1")]
    only_b = _page(client, f"{BASE}/judges/{judge.id}?category={category_b.id}")
    assert re.findall(r'<tr data-entry="(\d+)"', only_b) == [str(entries["B1"].id)]


def test_a_judge_with_nothing_missing_has_no_remind_button(client, example):
    page = _page(client, f"{BASE}/judges/{example['judges']['boris'].id}")
    assert "Nothing is missing" in page and 'id="remind-judge"' not in page


def _crowd(program, organizer, entry, count):
    """``count`` more judges, each assigned ``entry`` and not started."""
    for number in range(count):
        judge = factories.user(f"crowd{number:02d}@x.kz", name=f"Crowd {number:02d}")
        programs.grant_role(program=program, user=judge, role=Role.JUDGE, actor=organizer)
        assignments.assign_judge(nomination=entry, judge=judge, actor=organizer)
    db.session.commit()


def test_judges_a_page_at_a_time_and_remind_all_reaches_the_second_page(client, example, outbox):
    program, organizer = example["program"], example["organizer"]
    committee = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
    extra = accepted_nomination(program, committee, "Crowded Nominee")
    _crowd(program, organizer, extra, 50)  # 53 judges with assignments: 50 on page 1, 3 on 2
    first = _page(client, BASE)
    assert len(_judges(first)) == 50 and "sergey@x.kz" not in _judges(first)
    assert "1–50 of 53" in first and 'rel="next"' in first
    assert _judges(first)[:2] == ["boris@x.kz", "crowd00@x.kz"]  # by name: Latin first
    second = _page(client, f"{BASE}?page=2")
    assert _judges(second) == ["crowd49@x.kz", "aigul@x.kz", "sergey@x.kz"]
    assert "51–53 of 53" in second
    before = sent_ids(outbox)
    client.post(f"{BASE}/remind-all", data={"next": BASE})
    reminded = {m["To"] for m in new_mail(outbox, before)}
    assert "sergey@x.kz" in reminded and len(reminded) == 52  # everyone but Boris
