"""Numbers, dates, times and quoted names in the reader's language (awards/formats.py)."""

from datetime import date, datetime, time

import pytest
from flask_babel import force_locale

from awards import formats

MOMENT = datetime(2026, 12, 7, 14, 30)


@pytest.fixture
def speaking(app):
    """Runs the body of a test in one language, inside a request like a page does."""

    def in_language(language, function, *args, **kwargs):
        with app.test_request_context(), force_locale(language):
            return function(*args, **kwargs)

    return in_language


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "59,00"), ("ru", "59,00"), ("en", "59.00")],
)
def test_number_with_fixed_digits_uses_the_readers_decimal_sign(speaking, language, expected):
    assert speaking(language, formats.number, 59, 2) == expected


def test_number_without_digits_keeps_what_it_has(speaking):
    assert speaking("ru", formats.number, 4.5) == "4,5"
    assert speaking("kk", formats.number, 0.71) == "0,71"
    assert speaking("en", formats.number, 0.71) == "0.71"
    assert speaking("ru", formats.number, 10) == "10"
    assert speaking("ru", formats.number, None) == ""


def test_percent_in_each_language(speaking):
    assert speaking("en", formats.percent, 0.25) == "25%"
    assert speaking("kk", formats.percent, 0.25) == "25%"
    assert speaking("ru", formats.percent, 0.25) == "25\xa0%"


def test_plain_number_is_what_a_judge_would_type_back(speaking):
    assert speaking("ru", formats.plain_number, 4.5) == "4,5"
    assert speaking("kk", formats.plain_number, 10.0) == "10"
    assert speaking("en", formats.plain_number, 0.25) == "0.25"
    assert speaking("ru", formats.plain_number, 1234.5) == "1234,5"  # no grouping in a field


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_short_dates_are_day_first_with_four_digit_years(speaking, language):
    assert speaking(language, formats.day, MOMENT) == "07.12.2026"
    assert speaking(language, formats.day, date(2026, 1, 2)) == "02.01.2026"
    assert speaking(language, formats.moment, MOMENT) == "07.12.2026, 14:30"


def test_long_dates_write_the_month_out(speaking):
    assert speaking("en", formats.day, MOMENT, "long") == "7 December 2026"
    assert speaking("ru", formats.day, MOMENT, "long") == "7 декабря 2026 г."
    assert speaking("kk", formats.day, MOMENT, "long") == "2026 жылғы 7 желтоқсан"
    assert speaking("en", formats.moment, MOMENT, "long") == "7 December 2026, 14:30"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_times_are_on_a_24_hour_clock(speaking, language):
    assert speaking(language, formats.clock, time(18, 5)) == "18:05"
    assert speaking(language, formats.clock, datetime(2026, 1, 1, 6, 37)) == "06:37"


def test_stored_utc_times_are_shown_in_the_programs_zone(speaking):
    stored = datetime(2026, 12, 7, 9, 30)  # UTC; Almaty is five hours ahead
    assert speaking("en", formats.local_moment, stored, "Asia/Almaty") == "07.12.2026, 14:30"


def test_quoted_adds_the_languages_marks(speaking):
    assert speaking("ru", formats.quoted, "Лучший меценат года") == "«Лучший меценат года»"
    assert speaking("kk", formats.quoted, "Үздік меценат") == "«Үздік меценат»"
    assert speaking("en", formats.quoted, "Best Patron") == "“Best Patron”"
    assert formats.quoted("Best Patron", "ru") == "«Best Patron»"


@pytest.mark.parametrize(
    "name", ["ТОО «Казцинк»", "«Қазмырыш» ЖШС", "“Kazzinc” LLP", 'ТОО "Казцинк"', "«Казцинк»"]
)
def test_quoted_adds_no_second_pair_to_a_name_with_its_own(speaking, name):
    assert speaking("ru", formats.quoted, name) == name
