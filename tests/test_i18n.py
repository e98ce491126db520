from datetime import datetime

from awards.i18n import clean_texts, localized, to_local, to_utc


def test_localized_prefers_requested_language():
    assert localized({"kk": "Байқау", "ru": "Конкурс"}, "kk") == "Байқау"


def test_localized_falls_back_to_russian_then_kazakh():
    assert localized({"kk": "Байқау", "ru": "Конкурс"}, "en") == "Конкурс"
    assert localized({"kk": "Байқау"}, "en") == "Байқау"
    assert localized({}, "en") == ""


def test_clean_texts_drops_blank_and_unknown_languages():
    assert clean_texts({"kk": " Байқау ", "ru": "  ", "de": "Preis"}) == {"kk": "Байқау"}


def test_almaty_times_round_trip_through_utc():
    local = datetime(2025, 12, 19, 10, 0)
    stored = to_utc(local, "Asia/Almaty")
    assert stored == datetime(2025, 12, 19, 5, 0)
    assert to_local(stored, "Asia/Almaty") == local
