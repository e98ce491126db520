"""Every page of the demo, walked by each of its people in each language, writes its numbers,
dates and times as Babel does for that language: a decimal comma and four-digit years in kk and
ru, day-first dates and a 24-hour clock in en (awards/formats.py)."""

import re
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from awards.accounts.models import User
from awards.extensions import db
from awards.jobs.models import Job
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_ACCOUNTS, DEMO_SLUG
from awards.programs.models import Program
from awards.results.ranking import category_results

PASSWORD = "demo password 2025"
# Files, not pages (PDFs, archives, spreadsheets, pictures, JSON, certificate previews that
# print their own kk and ru dates): never fetched by the walk.
NOT_PAGES = {
    "static", "main.healthz", "ceremony.booklet_download", "certificates.archive",
    "certificates.combined", "certificates.download", "certificates.setup.preview_file",
    "certificates.setup.preview_page", "certificates.setup.sample_pdf", "jobs.result",
    "jobs.status", "judging.document", "nominations.download", "programs.logo",
    "results_export.table", "results_export.workbook",
}  # fmt: skip
SAME_KIND = 2  # pages of one kind (one endpoint) visited per person: enough to see each shape

# A decimal number written with a point: not part of a longer dotted run (a date, a version,
# an address, a file name) and not inside a word.
DOT_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
TWO_DIGIT_YEAR = re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{2}(?![\w.])")
SLASH_DATE = re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}/\d{2,4}(?![\w/])")
TWELVE_HOUR = re.compile(r"\d\s?(?:AM|PM|am|pm)\b")
URL_OR_EMAIL = re.compile(r"\S+://\S+|\S+@\S+")


class VisibleText(HTMLParser):
    """The text a reader sees (with the values shown in text fields) and the page's links."""

    def __init__(self):
        super().__init__()
        self.texts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if (
            tag == "input"
            and attrs.get("type", "text") in ("text", "number")
            and attrs.get("value")
        ):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def wrong_formats(text: str, language: str) -> list[str]:
    text = URL_OR_EMAIL.sub(" ", text)
    found = TWO_DIGIT_YEAR.findall(text) + SLASH_DATE.findall(text) + TWELVE_HOUR.findall(text)
    if language in ("kk", "ru"):
        found += DOT_DECIMAL.findall(text)
    return found


def walk(client, app, start="/"):
    """{url: visible text} of the pages reachable from ``start`` by GET links."""
    adapter = app.url_map.bind("localhost")
    seen, kinds, pages, queue = set(), Counter(), {}, [start]
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen:
            continue
        seen.add(url)
        try:
            endpoint, _ = adapter.match(path, method="GET")
        except RequestRedirect as redirect:  # a missing trailing slash
            queue.append(urlsplit(redirect.new_url).path)
            continue
        except (NotFound, MethodNotAllowed):
            continue
        if endpoint in NOT_PAGES or kinds[endpoint] >= SAME_KIND:
            continue
        kinds[endpoint] += 1
        response = client.get(url)
        if response.status_code in (301, 302, 303) and response.location:
            kinds[endpoint] -= 1  # a redirect is no page: where it leads is
            queue.append(urljoin(url, response.location))
            continue
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = VisibleText()
        parser.feed(response.get_data(as_text=True))
        pages[url] = "\n".join(parser.texts)
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.netloc in ("", "localhost") and parts.path not in ("/logout",):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


@pytest.fixture
def demo(app):
    """The demo, with a finished background job too (its page shows when it ran and until when
    its file is kept)."""
    program = load_demo(password=PASSWORD)
    organizer = db.session.scalar(select(User).filter_by(email="organizer@demo.kz"))
    db.session.add(Job(kind="ballots", program=program, actor=organizer, state="done", done=1,
                       total=1, finished_at=datetime(2026, 4, 1, 5, 0), result_file="jobs/x.csv",
                       result_name="refused-rows.csv"))  # fmt: skip
    db.session.commit()
    return program


def speak(language: str) -> None:
    for user in db.session.scalars(select(User)):
        user.locale = language
    db.session.commit()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_writes_numbers_and_dates_as_its_language_does(app, client, demo, language):
    speak(language)
    wrong, walked, urls = {}, Counter(), set()
    for email, _role in DEMO_ACCOUNTS:
        client.post("/login", data={"email": email, "password": PASSWORD})
        pages = walk(client, app)
        walked[email] = len(pages)
        urls |= {re.sub(r"/\d+(?=/|$)", "/#", url.split("?")[0]) for url in pages}
        for url, text in pages.items():
            if found := wrong_formats(text, language):
                wrong[f"{email} {url}"] = found
        client.post("/logout")
    assert wrong == {}
    assert min(walked.values()) >= 3, walked  # each person saw their pages, not a login form
    slug = f"/programs/{DEMO_SLUG}"
    seen = {"/jobs/#", f"{slug}/results/#", f"{slug}/judging/#", f"{slug}/ceremony"}
    assert seen <= urls, sorted(urls)  # the pages that show numbers, dates and times were walked


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_results_and_dates_read_as_babel_writes_them(app, client, demo, language):
    """The walk forbids wrong shapes; here the right ones are there: a category's scores and
    the program's dates as Babel writes them for the language."""
    speak(language)
    program = db.session.scalar(select(Program))
    category = program.categories[0]
    scores = [row.score for row in category_results(category).rows if row.score is not None]
    client.post("/login", data={"email": "organizer@demo.kz", "password": PASSWORD})
    page = client.get(f"/programs/{program.slug}/results/{category.id}").get_data(as_text=True)
    for score in scores:
        assert format_decimal(score, format="#,##0.00", locale=language) in page
    detail = client.get(f"/programs/{program.slug}").get_data(as_text=True)
    opens = program.nominations_open_at
    assert format_date(opens, "dd.MM.yyyy", locale=language) in detail


def test_the_check_sees_what_issue_13_reported():
    assert wrong_formats("59.00 · W = 0.71 · 01.12.26", "ru") == ["01.12.26", "59.00", "0.71"]
    assert wrong_formats("12/7/26, 6:37 AM", "en") == ["12/7/26", "7 AM"]
    assert wrong_formats("07.12.2026, 14:30 · 59,00 · v1.2.3 · 10.0.0.1", "kk") == []
    assert wrong_formats("https://awards.kz/v/1.5 · a.b@x.kz · BIN 123456789012", "ru") == []
