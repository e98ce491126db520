"""The ceremony as a calendar invitation (.ics, RFC 5545) built with the icalendar library:
the time in the program's time zone (with its VTIMEZONE, so a phone set to another zone shows
the right hour), the venue, and the link the invitation is answered at. Pure."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

DEFAULT_LENGTH = timedelta(hours=3)
PRODUCT = "-//awards//ceremony//KK-RU-EN"


def ceremony_invitation(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    timezone: str,
    location: str,
    description: str,
    url: str,
    stamp: datetime,
    length: timedelta = DEFAULT_LENGTH,
) -> bytes:
    """``starts_at`` and ``stamp`` are naive UTC, as stored; the event is written in the
    program's ``timezone``. ``uid`` stays the same for one invitation, so a calendar that got it
    before updates the event instead of adding a second one."""
    zone = ZoneInfo(timezone)
    start = starts_at.replace(tzinfo=UTC).astimezone(zone)
    event = Event.new(
        uid=uid,
        summary=title,
        start=start,
        end=start + length,
        location=location or None,
        description=description or None,
        url=url,
        stamp=stamp.replace(tzinfo=UTC),
    )
    calendar = Calendar.new(
        prodid=PRODUCT, method="PUBLISH", uid=f"calendar-{uid}", subcomponents=[event]
    )
    calendar.add_missing_timezones()
    return calendar.to_ical()
