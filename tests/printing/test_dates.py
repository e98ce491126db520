"""Dates written out the way official documents in Kazakhstan write them."""

from datetime import date

import pytest

from awards.printing.dates import format_long_date


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "2025 жылғы 19 желтоқсан"),
        ("ru", "19 декабря 2025 г."),
        ("en", "19 December 2025"),
    ],
)
def test_format_long_date_ceremony_day(language, expected):
    assert format_long_date(date(2025, 12, 19), language) == expected


def test_format_long_date_russian_month_is_genitive_kazakh_nominative():
    assert format_long_date(date(2026, 3, 1), "ru") == "1 марта 2026 г."
    assert format_long_date(date(2026, 3, 1), "kk") == "2026 жылғы 1 наурыз"


def test_format_long_date_unknown_language_raises():
    with pytest.raises(ValueError, match="de"):
        format_long_date(date(2025, 12, 19), "de")
