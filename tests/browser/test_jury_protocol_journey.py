"""Issue 15 end to end, in Chromium: a qualifying round by three jurors, a scored final with a
practice entry, a disagreement discussed, the chair's split vote with a dissent, and the
protocol's PDF whose QR code opens its verification page."""

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from awards import create_app
from awards.accounts.services import find_user_by_email
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging import assignments, practice, round_services, scoring
from awards.nominations import services as nominations
from awards.nominations.models import Nomination
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from tests.browser.demo_states import open_judging_now
from tests.certificates import print_shop

PROGRAM = f"/programs/{DEMO_SLUG}"
ENTRIES = ("Altai Welders LLP", "Irtysh Bakers Guild", "Ulba Lathe Workshop", "Oskemen Tilers")
JURORS = ("judge2@demo.kz", "judge3@demo.kz", "judge4@demo.kz")
# Each juror's verdict per entry: the first advances unanimously, the second on a split vote,
# the third is rejected, the fourth ties (one for, one against, one abstains).
VERDICTS = {
    "judge2@demo.kz": ("advance", "advance", "reject", "advance"),
    "judge3@demo.kz": ("advance", "advance", "reject", "reject"),
    "judge4@demo.kz": ("advance", "reject", "reject", "abstain"),
}
# The other two jurors' points (out of 10), prepared through the services: the practice entry,
# then the three entries that advance. judge2, in the browser, gives the tied entry 2: a
# spread of 80 points, flagged for discussion.
PREPARED_POINTS = {"judge3@demo.kz": (6, 9, 5, 9), "judge4@demo.kz": (4, 7, 6, 10)}


@dataclass
class Journey:
    server: str
    database_url: str
    category_id: int
    round_id: int
    entries: list[int]  # ids, in the order of ENTRIES
    practice: int  # the category's practice entry
    judges: dict[str, int]  # email -> user id


def _app(database_url):
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url})


@pytest.fixture
def journey(live_server, database_url):
    """Judging open now; a fresh category (one criterion out of 10, up to 3 laureates) with four
    entries, the three jurors assigned, its practice entry, and a qualifying round (majority
    1/2) whose jury they are."""
    app = _app(database_url)
    with app.app_context():
        program = programs.get_program_by_slug(DEMO_SLUG)
        organizer = find_user_by_email("organizer@demo.kz")
        committee = find_user_by_email("committee@demo.kz")
        open_judging_now(program, organizer)
        category = programs.add_category(
            program=program, actor=organizer, slug="young-masters", max_laureates=3,
            title={"kk": "Жас шеберлер", "ru": "Молодые мастера", "en": "Young Masters"},
        )  # fmt: skip
        programs.add_criterion(
            category=category, actor=organizer, name={"kk": "Шеберлік", "ru": "Мастерство",
                                                      "en": "Craft"},
            weight=1, max_points=10,
        )  # fmt: skip
        ids, when = [], utcnow() - timedelta(days=2, hours=12)  # nominations were open then
        for name in ENTRIES:
            entry = nominations.create_nomination(
                program=program, category=category, actor=committee, now=when,
                org_name={"kk": name, "ru": name}, justification="Young craftsmen trained",
                contact_name="E", contact_email="committee@demo.kz",
            )  # fmt: skip
            nominations.submit_nomination(nomination=entry, actor=committee, now=when)
            nominations.accept_nomination(nomination=entry, actor=organizer, now=when)
            ids.append(entry.id)
        judges = {email: find_user_by_email(email) for email in JURORS}
        for judge in judges.values():
            assignments.assign_to_category(
                category=category, judge=judge, actor=organizer, notify=False
            )
        example = practice.add_practice_entry(category=category, actor=organizer)
        judging_round = round_services.add_round(
            category=category, actor=organizer, name="qualifying", majority=0.5,
            title={"kk": "Іріктеу кезеңі", "ru": "Отборочный тур", "en": "Qualifying round"},
            juror_ids=[judge.id for judge in judges.values()],
        )  # fmt: skip
        db.session.commit()
        found = Journey(
            server=live_server, database_url=database_url, category_id=category.id,
            round_id=judging_round.id, entries=ids, practice=example.id,
            judges={email: judge.id for email, judge in judges.items()},
        )  # fmt: skip
        db.engine.dispose()
    return found


def _score_prepared(journey: Journey) -> None:
    """judge3 and judge4 score the practice entry, then the entries that advanced."""
    app = _app(journey.database_url)
    with app.app_context():
        advanced = [journey.entries[i] for i in (0, 1, 3)]
        for email, points in PREPARED_POINTS.items():
            judge = find_user_by_email(email)
            category = db.session.get(Nomination, advanced[0]).category
            [criterion] = category.criteria
            example = practice.practice_entry(category)
            for entry, value in zip([example, *(db.session.get(Nomination, n) for n in advanced)],
                                    points, strict=True):  # fmt: skip
                scoring.save_scorecard(
                    nomination=entry, actor=judge, points={criterion.id: value}, submit=True
                )
        db.session.commit()
        db.engine.dispose()


def as_user(page, login, email, language=None):
    page.context.clear_cookies()
    login(email)
    if language:
        page.click(f".lang-switch button[value={language}]")
        expect(page.locator("html")).to_have_attribute("lang", language)


def submit_scorecard(page, points: str):
    page.fill("input.points", points)
    page.click("#submit-scorecard")
    expect(page.locator("#confirm-dialog")).to_be_visible()
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=confirm]")
    expect(page.locator(".flash-success")).to_be_visible()


def vote_in_round(page, journey: Journey, email: str):
    page.goto(f"{journey.server}{PROGRAM}/judging/")
    page.click("#voting-rounds a")
    expect(page.locator("section[data-entry]")).to_have_count(len(ENTRIES))
    for number, (entry, verdict) in enumerate(zip(journey.entries, VERDICTS[email], strict=True)):
        card = page.locator(f"#entry-{entry}")
        card.locator(f"input[type=radio][value={verdict}]").check()
        card.locator("textarea").fill(f"{email.split('@')[0]}: {verdict}")
        card.locator("button[type=submit]").click()
        expect(page.locator(".flash-success")).to_be_visible()
        expect(page.locator("#progress")).to_have_attribute("value", str(number + 1))


def test_round_practice_discussion_split_vote_and_verified_protocol(page, login, journey):
    server, entries = journey.server, journey.entries
    unanimous, split, rejected, tied = entries

    # 1. The qualifying round: each juror votes on every entry, in their own language.
    for email in JURORS:
        as_user(page, login, email)
        vote_in_round(page, journey, email)
        if email == "judge2@demo.kz":
            page.screenshot(path="test-results/jury-round-vote-kk.png", full_page=True)

    as_user(page, login, "organizer@demo.kz", "ru")
    page.goto(f"{server}{PROGRAM}/jury/categories/{journey.category_id}/rounds")
    page.click(f"a[href$='/jury/rounds/{journey.round_id}']")
    results = {unanimous: "advances", split: "advances", rejected: "rejected", tied: "tie"}
    for entry, result in results.items():
        expect(page.locator(f"#tally tr[data-entry='{entry}']")).to_have_attribute(
            "data-result", result
        )
    page.click("#decide")  # a tie left undecided is refused beside it
    page.click("#confirm-dialog button[value=confirm]")
    expect(page.locator(f"#tie_{tied}-error")).to_be_visible()
    page.select_option(f"#tie_{tied}", "advance")
    page.fill(f"#reason_{tied}", "Единственная мастерская плиточников в регионе")
    page.screenshot(path="test-results/jury-round-decide-ru.png", full_page=True)
    page.click("#decide")
    page.click("#confirm-dialog button[value=confirm]")
    expect(page.locator("#decided")).to_be_visible()
    expect(page.locator(f"#tally tr[data-entry='{rejected}'] .badge.warn")).to_be_visible()
    expect(page.locator(f"#tally tr[data-entry='{tied}']")).to_contain_text(
        "Единственная мастерская плиточников"
    )

    # 2. The scored final: the practice entry first, then the three entries that advanced.
    _score_prepared(journey)
    as_user(page, login, "judge2@demo.kz")
    page.goto(f"{server}{PROGRAM}/judging/")
    expect(page.locator(f"#queue a[href$='/judging/{unanimous}']")).to_be_visible()
    links = page.locator("#queue tbody tr a").evaluate_all(
        "links => links.map(link => link.getAttribute('href').split('/').pop())"
    )
    ours = [int(n) for n in links if n.isdigit() and int(n) in {journey.practice, *entries}]
    # The practice entry first; the entry the round rejected is gone from the final.
    assert ours[0] == journey.practice and sorted(ours[1:]) == [unanimous, split, tied]
    page.click(f"#queue a[href$='/judging/{unanimous}']")
    expect(page.locator("#practice-first")).to_be_visible()  # refused until the practice
    expect(page.locator("input.points")).to_have_count(0)
    page.screenshot(path="test-results/jury-practice-first-kk.png", full_page=True)
    page.click("#practice-first + p a")
    expect(page.locator("#practice-note")).to_be_visible()
    submit_scorecard(page, "5")
    page.goto(f"{server}{PROGRAM}/judging/{journey.practice}")
    expect(page.locator("#calibration table")).to_be_visible()  # the others' median
    page.screenshot(path="test-results/jury-practice-calibration-kk.png", full_page=True)
    for entry, points in ((unanimous, "8"), (split, "6"), (tied, "2")):
        page.goto(f"{server}{PROGRAM}/judging/{entry}")
        submit_scorecard(page, points)

    # 3. The disagreement on the tied entry: on the organizer's list, discussed by a juror.
    as_user(page, login, "organizer@demo.kz", "ru")
    page.goto(f"{server}{PROGRAM}/results/discussion")
    flagged = page.locator(f"#flagged tr[data-entry='{tied}']")
    expect(flagged.locator(".badge.warn").first).to_be_visible()
    for entry in (unanimous, split):
        expect(page.locator(f"#flagged tr[data-entry='{entry}']")).to_have_count(0)
    page.screenshot(path="test-results/jury-for-discussion-ru.png", full_page=True)

    as_user(page, login, "judge2@demo.kz")
    page.goto(f"{server}{PROGRAM}/judging/{tied}")
    page.fill("#discussion textarea", "Жұмыстары әлі шикі: мен 2 балл қойдым.")
    page.click("#post-message")
    expect(page.locator("#messages li")).to_have_count(1)

    as_user(page, login, "organizer@demo.kz", "ru")
    page.goto(f"{server}{PROGRAM}/results/discussion")
    expect(page.locator(f"#flagged tr[data-entry='{tied}'] td.num a")).to_have_text("1")
    page.click(f"#flagged tr[data-entry='{tied}'] td a >> nth=0")
    expect(page.locator("#messages li")).to_contain_text("мен 2 балл қойдым")

    # 4. The chair records the decision: judge2 votes against the tied entry and says why.
    as_user(page, login, "judge1@demo.kz", "ru")
    page.goto(f"{server}{PROGRAM}/results/{journey.category_id}")
    expect(page.locator("#ranking input[name=laureates]:checked")).to_have_count(3)
    page.click("#votes summary")
    page.check("#record_votes")
    dissenter = journey.judges["judge2@demo.kz"]
    page.select_option(f"select[name=vote-{tied}-{dissenter}]", "against")
    dissent = "Плиточники пока не показали законченных работ; я против."
    page.fill(f"textarea[name=dissent-{dissenter}]", dissent)
    page.screenshot(path="test-results/jury-chair-vote-ru.png", full_page=True)
    page.click("#confirm-laureates")
    expect(page.locator("#laureates li")).to_have_count(3)
    expect(page.locator(f"#laureates li[data-nomination='{tied}'] .badge.warn")).to_be_visible()
    expect(page.locator(f"#laureates li[data-nomination='{unanimous}'] .badge.ok")).to_be_visible()
    expect(page.locator("#dissents blockquote")).to_contain_text(dissent)

    # 5. The chair produces the protocol, downloads its PDF and follows its QR code.
    page.goto(f"{server}{PROGRAM}/protocol")
    page.click("#produce button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    current = page.locator("#versions tbody tr").first
    serial = current.locator("td").nth(1).inner_text().strip()
    with page.expect_download() as download:
        current.locator("a[href$='.pdf']").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    printed = print_shop.flat(print_shop.text(pdf))
    # The new category in both languages, and the dissent in the juror's own words.
    assert "Молодые мастера" in printed and "Жас шеберлер" in printed
    assert dissent in printed
    [url] = print_shop.decoded_qr_codes(pdf, 1)
    page.context.clear_cookies()
    page.goto(server + urlsplit(url).path)
    page.click(".lang-switch button[value=en]")
    expect(page.locator("#serial")).to_have_text(serial)
    expect(page.locator("#state")).to_have_class(re.compile(r"\bok\b"))
    expect(page.locator("#state")).to_have_text("Current version")
    expect(page.locator("#sha256")).to_have_text(hashlib.sha256(pdf).hexdigest())
    page.screenshot(path="test-results/jury-protocol-verified.png", full_page=True)
