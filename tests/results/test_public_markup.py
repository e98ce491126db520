"""The public results page carries schema.org data: the ceremony as an Event in the program's
time zone, and each laureate with its award, in the reader's language, escaped for HTML."""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

from awards.extensions import db
from awards.results import services
from awards.results.public_markup import LaureateMark, results_markup

BASE = "/programs/test-awards/results"


def _markup(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_markup_of_the_2025_ceremony():
    almaty = timezone(timedelta(hours=5))
    document = results_markup(
        title="Жылдың үздік әлеуметтік серіктесі 2025",
        url="https://awards.example.kz/results/vko-2025",
        organizer="ШҚО білім басқармасы",
        language="kk",
        starts_at=datetime(2025, 12, 19, 15, 0, tzinfo=almaty),
        venue="Өскемен",
        laureates=[
            LaureateMark(name="«Казцинк» ЖШС", kind="organization", award="Үздік меценат"),
            LaureateMark(name="Иванов Иван", kind="person", award="Үздік тәлімгер"),
        ],
    )
    event, company, person = document["@graph"]
    assert document["@context"] == "https://schema.org"
    assert event["@type"] == "Event" and event["startDate"] == "2025-12-19T15:00:00+05:00"
    assert event["location"]["name"] == "Өскемен"
    assert event["organizer"] == {"@type": "Organization", "name": "ШҚО білім басқармасы"}
    assert (company["@type"], company["award"]) == ("Organization", "Үздік меценат")
    assert person["@type"] == "Person"
    assert company["subjectOf"] == {"@id": event["@id"]}


def test_markup_without_date_or_place_leaves_them_out():
    document = results_markup(
        title="T", url="https://x.kz/r", organizer="", language="en", starts_at=None, venue="",
        laureates=[],
    )  # fmt: skip
    assert document["@graph"] == [
        {"@type": "Event", "@id": "https://x.kz/r#ceremony", "name": "T", "url": "https://x.kz/r",
         "inLanguage": "en", "eventStatus": "https://schema.org/EventScheduled",
         "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}
    ]  # fmt: skip


def test_public_page_carries_the_event_and_laureates_in_the_readers_language(client, auth, scored):
    program = scored["program"]
    category = program.categories[0]
    program.ceremony_at = datetime(2025, 12, 19, 10, 0)  # naive UTC: 15:00 in Almaty
    program.timezone = "Asia/Almaty"
    program.venue = {"kk": "Өскемен", "ru": "Усть-Каменогорск", "en": "Ust-Kamenogorsk"}
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    kazzinc.org_name = {"kk": "</script><script>alert(1)</script>", "ru": "Казцинк"}
    db.session.commit()
    auth.login("organizer@x.kz")
    client.post(f"{BASE}/{category.id}", data={"laureates": [str(kazzinc.id)], "reason": ""})
    assert services.current_snapshot(category) is not None
    client.post(f"{BASE}/publish")
    auth.logout()

    html = client.get("/results/test-awards", headers={"Accept-Language": "ru"}).get_data(True)
    event, laureate = _markup(html)["@graph"]
    assert event["startDate"] == "2025-12-19T15:00:00+05:00"
    assert event["location"]["name"] == "Усть-Каменогорск"
    assert event["url"].endswith("/results/test-awards")
    assert laureate["name"] == "Казцинк"
    assert laureate["award"].startswith(category.title["ru"])

    html = client.get("/results/test-awards", headers={"Accept-Language": "kk"}).get_data(True)
    assert "<script>alert" not in html  # the name is in the JSON, escaped, not markup
    assert _markup(html)["@graph"][1]["name"] == "</script><script>alert(1)</script>"
    assert (
        _markup(html)["@graph"][0]["startDate"]
        == datetime(2025, 12, 19, 10, 0, tzinfo=UTC)
        .astimezone(timezone(timedelta(hours=5)))
        .isoformat()
    )
