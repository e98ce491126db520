"""Numbers, dates, times and quoted names as the reader's language writes them, through Babel:
every page, form message, flash message and email formats them here."""

from datetime import date, datetime, time
from decimal import Decimal

from babel.numbers import get_decimal_symbol
from flask_babel import format_date, format_decimal, format_percent, format_time, get_locale

from awards.i18n import current_language, to_local

# Babel's own short patterns write a two-digit year in Kazakh ("07.12.26"), and US dates with a
# 12-hour clock in English ("12/7/26, 6:37 AM"). Here every language writes the day first, four
# digits of year and a 24-hour clock, as English is written in Kazakhstan.
SHORT_DATE = "dd.MM.yyyy"
# The month written out as official documents write it (the same patterns as the certificates'
# in awards/printing/dates.py; CLDR's Kazakh is "2026 ж. 7 желтоқсан").
LONG_DATE = {"kk": "y 'жылғы' d MMMM", "ru": "d MMMM y 'г.'", "en": "d MMMM y"}
TIME = "HH:mm"
# Opening and closing quotation marks of each language.
QUOTES = {"kk": ("«", "»"), "ru": ("«", "»"), "en": ("“", "”")}
QUOTE_MARKS = '«»“”„"'


def number(value, digits: int | None = None) -> str:
    """A number with the reader's decimal sign ("4,5" in kk and ru); with ``digits``, exactly
    that many decimals ("59,00"). None is an empty string."""
    if value is None:
        return ""
    if digits is None:
        return format_decimal(value)
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")


def percent(fraction) -> str:
    """A fraction as a whole percentage in the reader's language (0.25: "25 %" in ru)."""
    if fraction is None:
        return ""
    return format_percent(fraction)


def plain_number(value) -> str:
    """A number as typed back into a form field: no grouping, the reader's decimal sign, no
    trailing zeros ("4,5", "10")."""
    if value is None:
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", get_decimal_symbol(get_locale()))


def day(value: date | datetime | None, format: str = "short") -> str:
    """A date: "07.12.2026" (short), or the month written out (long)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if format == "short":
        return format_date(value, SHORT_DATE, rebase=False)
    return format_date(value, LONG_DATE.get(current_language(), "long"), rebase=False)


def clock(value: time | datetime | None) -> str:
    """A time of day on a 24-hour clock: "14:30"."""
    if value is None:
        return ""
    if isinstance(value, time):
        value = datetime.combine(date(2000, 1, 1), value)
    return format_time(value, TIME, rebase=False)


def moment(value: datetime | None, format: str = "short") -> str:
    """A wall-clock date and time: "07.12.2026, 14:30" (short) or with the month written out."""
    if value is None:
        return ""
    return f"{day(value, format)}, {clock(value)}"


def local_moment(value: datetime | None, timezone: str = "Asia/Almaty", format="short") -> str:
    """A stored UTC time as wall-clock time in the program's zone (not the reader's)."""
    return moment(to_local(value, timezone), format)


def quoted(name: str | None, language: str | None = None) -> str:
    """A name in the language's quotation marks («Үздік мектеп», “Best school”), unless it
    carries quotation marks of its own (ТОО «Казцинк»): never a second pair around it."""
    name = (name or "").strip()
    if not name or any(mark in name for mark in QUOTE_MARKS):
        return name
    opening, closing = QUOTES.get(language or current_language(), QUOTES["ru"])
    return f"{opening}{name}{closing}"
