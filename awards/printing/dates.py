"""Dates as official documents write them here: «2025 жылғы 19 желтоқсан», «19 декабря 2025 г.»."""

from datetime import date

from babel.dates import format_date

# CLDR's long forms are close but not the official ones ("2025 ж. 19 желтоқсан",
# "December 19, 2025"), so the patterns are explicit.
LONG_DATE_PATTERNS = {
    "kk": "y 'жылғы' d MMMM",
    "ru": "d MMMM y 'г.'",
    "en": "d MMMM y",
}


def format_long_date(value: date, language: str) -> str:
    """``value`` written out in ``language`` (kk, ru or en) the way a certificate prints it."""
    try:
        pattern = LONG_DATE_PATTERNS[language]
    except KeyError:
        raise ValueError(f"no date format for language {language!r}") from None
    return format_date(value, pattern, locale=language)
