"""Feedback letters from the database: gathered as the results count the scorecards, printed
in the committee's language, released once by an organizer with an email per committee
member, and downloaded by the nominating committee only once released."""

from datetime import datetime

import pytest
from sqlalchemy import select

from awards.extensions import db
from awards.judging import conflicts, scoring
from awards.results import letters
from awards.results import services as results
from awards.results.models import FeedbackRelease
from tests.certificates import print_shop
from tests.judging.fixtures import JUDGING

DECIDED = datetime(2026, 5, 5, 9, 0)
RELEASED = datetime(2026, 5, 6, 9, 0)
BASE = "/programs/test-awards"
NAMES = {
    "judge@x.kz": "Айгерим Садыкова",
    "judge2@x.kz": "Борис Ким",
    "judge3@x.kz": "Данияр Омаров",
}
# (points, criterion comment, overall comment, shareable) per judge, for Kazzinc.
KAZZINC = {
    "judge@x.kz": (9, "Сильная команда", "Достойная заявка", True),
    "judge2@x.kz": (10, "Слабые документы", "Не делиться", False),
    "judge3@x.kz": (8, "Конфликтный отзыв", "Тайна", True),  # recorded conflict below
}


def _score(entry, judge, value, comment="", overall="", shareable=False, submit=True):
    criterion = entry.category.criteria[0]
    scoring.save_scorecard(
        nomination=entry, actor=judge, now=JUDGING, submit=submit,
        points={criterion.id: str(value)}, comments={criterion.id: comment},
        overall_comment=overall, comments_shareable=shareable,
    )  # fmt: skip


@pytest.fixture
def published(jury):
    """Kazzinc scored by three jurors (one shares, one does not, one is in conflict), Ulba by
    two (one only a draft, shared); results confirmed and published."""
    program, organizer, judges = jury["program"], jury["organizer"], jury["judges"]
    for email, judge in judges.items():
        judge.name = NAMES[email]
    kazzinc, ulba = jury["entries"]["Kazzinc Nominee"], jury["entries"]["Ulba Nominee"]
    for email, (value, comment, overall, shareable) in KAZZINC.items():
        _score(kazzinc, judges[email], value, comment, overall, shareable)
    conflicts.record_conflict(
        nomination=kazzinc, judge=judges["judge3@x.kz"], actor=organizer, reason="Бывший работник"
    )
    _score(ulba, judges["judge@x.kz"], 6, "Хороший охват", "", True)
    _score(ulba, judges["judge2@x.kz"], 2, "Черновой отзыв", "", True, submit=False)
    category = program.categories[0]
    results.confirm_laureates(category=category, actor=organizer, chosen=[kazzinc.id], now=DECIDED)
    results.publish_results(program=program, actor=organizer, now=DECIDED, notify=False)
    db.session.commit()
    return jury


def test_the_letters_count_what_the_results_count(published):
    kazzinc = published["entries"]["Kazzinc Nominee"]
    ulba = published["entries"]["Ulba Nominee"]
    found = letters.category_letters(kazzinc.category)
    rows = {row.nomination.id: row for row in results_rows(kazzinc.category)}
    for entry in (kazzinc, ulba):
        assert {line.criterion: line.percentage for line in found[entry.id].criteria} == (
            rows[entry.id].percentages
        )
    # Kazzinc: 90 % and 100 % (the conflicted 80 % left out); Ulba 60 %: average 77.5 %.
    (line,) = found[kazzinc.id].criteria
    assert (line.percentage, line.average, found[kazzinc.id].scorecards) == (95.0, 77.5, 2)
    assert [(c.juror, c.text) for c in found[kazzinc.id].comments] == [
        ("A", "Сильная команда"),
        ("A", "Достойная заявка"),
    ]
    assert [c.text for c in found[ulba.id].comments] == ["Хороший охват"]  # not the draft's
    assert found[published["entries"]["Polyana Nominee"].id].criteria == ()


def results_rows(category):
    from awards.results.ranking import category_results

    return category_results(category).rows


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["Отзыв жюри", "Член жюри A", "Средний по номинации"]),
    ("kk", ["Қазылар алқасының пікірі", "Қазы A", "Номинация бойынша орташа"]),
])  # fmt: skip
def test_the_letter_prints_in_the_committees_language(published, language, words):
    kazzinc = published["entries"]["Kazzinc Nominee"]
    organization = published["committee"].organization
    for theme in ("classic", "modern"):
        values = letters.letter_values(
            kazzinc, letters.category_letters(kazzinc.category)[kazzinc.id],
            organization=organization, language=language, today=RELEASED,
        )  # fmt: skip
        pdf = letters.render_letter(values, theme=theme)
        fonts = print_shop.fonts(pdf)
        assert fonts and all(font["embedded"] for font in fonts), fonts
        flat = print_shop.flat(print_shop.text(pdf, raw=False))
        for word in [*words, "Сильная команда", "Достойная заявка", "95,0 %", "77,5 %"]:
            assert word.lower() in flat.lower(), (word, flat)  # the title is in capitals
        for hidden in ("Слабые документы", "Не делиться", "Конфликтный отзыв", "Тайна",
                       *NAMES.values(), "judge", "@x.kz"):  # fmt: skip
            assert hidden not in flat


def test_releasing_emails_each_committee_member_once(published, client, auth, outbox):
    program = published["program"]
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/results/feedback").get_data(as_text=True)
    assert "Released: 0 of 3." in page and 'id="release-feedback"' in page
    response = client.post(f"{BASE}/results/feedback/release")
    assert response.status_code == 302
    released = db.session.scalars(select(FeedbackRelease)).all()
    assert len(released) == 3 and all(r.released_by.email == "organizer@x.kz" for r in released)
    (mail,) = [m for m in outbox() if m["To"] == "committee@x.kz" and m.is_multipart()]
    attachments = list(mail.iter_attachments())
    assert len(attachments) == 3
    assert all(a.get_content_type() == "application/pdf" for a in attachments)
    # Released once: a second release finds nothing left and sends nothing.
    before = len(outbox())
    client.post(f"{BASE}/results/feedback/release")
    assert len(outbox()) == before
    assert "Every letter has been released already." in client.get(
        f"{BASE}/results/feedback"
    ).get_data(as_text=True)
    assert letters.released_entries(program).keys() == {e.id for e in published["entries"].values()}


def test_only_the_nominating_committee_downloads_a_released_letter(published, client, auth):
    kazzinc = published["entries"]["Kazzinc Nominee"]
    url = f"{BASE}/results/ours/{kazzinc.id}/feedback.pdf"
    auth.login("committee@x.kz")
    assert client.get(url).status_code == 403  # not released yet
    assert "not released yet" in client.get(f"{BASE}/results/ours").get_data(as_text=True)
    letters.release_feedback(program=published["program"], actor=published["organizer"],
                             now=RELEASED)  # fmt: skip
    db.session.commit()
    page = client.get(f"{BASE}/results/ours").get_data(as_text=True)
    assert f"/results/ours/{kazzinc.id}/feedback.pdf" in page
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = print_shop.flat(print_shop.text(response.data, raw=False))
    assert "Сильная команда" in text and "Тайна" not in text
    auth.logout()
    for email in ("organizer@x.kz", "judge@x.kz"):
        auth.login(email)
        assert client.get(url).status_code in (403, 404)
        auth.logout()
    auth.login("judge@x.kz")
    assert client.get(f"{BASE}/results/feedback").status_code in (403, 404)


def test_no_release_before_the_results_are_published(jury):
    from awards.errors import DomainError

    with pytest.raises(DomainError):
        letters.release_feedback(program=jury["program"], actor=jury["organizer"])
