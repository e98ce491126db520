"""The public results page as schema.org data, so search engines can show the ceremony and the
awards it gave: an ``Event`` for the ceremony, and each laureate as an ``Organization`` or a
``Person`` whose ``award`` names the category. ``results_markup`` is pure (texts already in the
reader's language in, the JSON-LD document out); ``program_markup`` gathers them for a program."""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from awards.extensions import db
from awards.i18n import localized
from awards.nominations.models import Nomination
from awards.programs.models import NomineeKind, Program


@dataclass(frozen=True)
class LaureateMark:
    name: str
    kind: str  # a NomineeKind
    award: str


def _place(venue: str, country: str) -> dict:
    return {"@type": "Place", "name": venue, "address": {"@type": "PostalAddress",
            "addressCountry": country}}  # fmt: skip


def results_markup(
    *,
    title: str,
    url: str,
    organizer: str,
    language: str,
    starts_at: datetime | None,
    venue: str,
    laureates: list[LaureateMark],
    country: str = "KZ",
) -> dict:
    """``starts_at`` is aware (in the program's time zone): schema.org wants the offset."""
    event = {"@type": "Event", "@id": url + "#ceremony", "name": title, "url": url,
             "inLanguage": language, "eventStatus": "https://schema.org/EventScheduled",
             "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}  # fmt: skip
    if starts_at is not None:
        event["startDate"] = starts_at.isoformat()
    if venue:
        event["location"] = _place(venue, country)
    if organizer:
        event["organizer"] = {"@type": "Organization", "name": organizer}
    people = [
        {
            "@type": "Person" if mark.kind == NomineeKind.PERSON else "Organization",
            "name": mark.name,
            "award": mark.award,
            "subjectOf": {"@id": event["@id"]},
        }
        for mark in laureates
    ]
    return {"@context": "https://schema.org", "@graph": [event, *people]}


def program_markup(program: Program, laureates: list, *, url: str, language: str) -> dict:
    """``laureates`` as ``services.published_laureates`` gives them; one query for their kinds."""
    ids = [item["nomination_id"] for _category, items in laureates for item in items]
    kinds = dict(
        db.session.execute(
            select(Nomination.id, Nomination.nominee_kind).where(Nomination.id.in_(ids))
        ).all()
    )
    title = localized(program.title, language)
    edition = title if str(program.year) in title else f"{title}, {program.year}"
    marks = [
        LaureateMark(
            name=localized(item["nominee"], language),
            kind=kinds.get(item["nomination_id"], NomineeKind.ORGANIZATION),
            award=f"{localized(category.title, language)} — {edition}",
        )
        for category, items in laureates
        for item in items
    ]
    starts_at = None
    if program.ceremony_at is not None:
        starts_at = program.ceremony_at.replace(tzinfo=UTC).astimezone(ZoneInfo(program.timezone))
    return results_markup(
        title=title,
        url=url,
        organizer=localized(program.organizing_body, language),
        language=language,
        starts_at=starts_at,
        venue=localized(program.venue, language),
        laureates=marks,
    )
