import re
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

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


def _catalog(language: str):
    path = Path(__file__).parent.parent / "awards" / "translations" / language / "LC_MESSAGES"
    with open(path / "messages.po", "rb") as file:
        return read_po(file, locale=language)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalog = _catalog(language)
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        forms = catalog.num_plurals if message.pluralizable else 1
        if len(strings) < forms or not all(s and s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_translations_keep_the_placeholders_of_their_message(language):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    wrong = []
    for message in _catalog(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(placeholder.findall(ids[-1])) | set(placeholder.findall(ids[0]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            # Kazakh's singular and Russian's "one" may leave the count to the noun's form.
            if not set(placeholder.findall(string)) <= expected:
                wrong.append((message.id, string))
    assert wrong == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_translation_puts_quotation_marks_around_a_name(language):
    """Names come already quoted (awards.formats.quoted adds no second pair to ТОО «Казцинк»);
    a translation putting «» around one would double them."""
    around_a_name = re.compile(r"[«“\"„]%\((program|nominee|category|entry|organization)\)s")
    wrong = []
    for message in _catalog(language):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wrong += [string for string in strings if string and around_a_name.search(string)]
    assert wrong == []
