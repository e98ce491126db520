"""Themes and their theme.toml; the printed wording in certificates/wording.toml, which a
theme's own [wording] may change."""

import re

import pytest

from awards.printing.documents import render_certificates, render_program
from awards.printing.themes import THEMES_DIR, available_themes, load_theme
from tests.certificates import print_shop, samples


def squeezed(value: str) -> str:
    """Letter-spaced capitals come out of pdftotext as "П О Ч..."; compare without spaces."""
    return re.sub(r"\s+", "", value).casefold()


def test_available_themes_have_titles_in_three_languages():
    themes = {theme.name: theme for theme in available_themes()}

    assert set(themes) >= {"classic", "modern"}
    for theme in themes.values():
        assert set(theme.title) == {"kk", "ru", "en"}
        assert theme.font_families


def test_the_wording_is_read_from_wording_toml():
    theme = load_theme("classic")

    assert theme.wording["laureate"]["kk"] == {
        "title": "Құрмет грамотасы",
        "after_citation": "марапатталады",
    }
    assert theme.wording["judge_thanks"]["ru"]["after_recipient"] == (
        "Выражаем Вам искреннюю благодарность"
    )
    assert [theme.wording["seal_mark"][code] for code in ("kk", "ru", "en")] == [
        "М.О.", "М.П.", "L.S.",
    ]  # fmt: skip
    assert theme.wording["program"]["running_order"]["kk"] == "Рәсім барысы"
    assert (THEMES_DIR / "wording.toml").is_file()


def test_a_theme_changes_a_phrase_in_its_theme_toml(themes_folder):
    root = themes_folder(
        "diploma",
        toml='\n[wording.laureate.ru]\ntitle = "Почётный диплом"\n'
        '\n[wording.program.partners]\nru = "Друзья форума"\n',
    )
    theme = load_theme("diploma", root)

    certificate = squeezed(print_shop.text(render_certificates(theme, [samples.certificate()])))
    booklet = squeezed(print_shop.text(render_program(theme, samples.program())))

    assert squeezed("Почётный диплом") in certificate
    assert squeezed("Почётная грамота") not in certificate
    assert squeezed("Құрмет грамотасы") in certificate  # the rest as shared
    assert squeezed("награждается") in certificate
    assert squeezed("Друзья форума") in booklet and squeezed("Серіктестер") in booklet


def test_a_theme_printing_english_needs_every_english_phrase(themes_folder):
    root = themes_folder("english")
    wording = (root / "wording.toml").read_text(encoding="utf-8")
    (root / "wording.toml").write_text(wording.replace('en = "L.S."\n', ""), encoding="utf-8")

    with pytest.raises(ValueError, match="theme 'english'.*seal_mark has no text for en"):
        load_theme("english", root)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '\n[wording.laureate.ru]\nbefor_recipient = "награждается"\n',
            "laureate.ru.befor_recipient",
        ),
        ('\n[wording.diploma.ru]\ntitle = "Диплом"\n', "unknown keys diploma"),
        ('\n[wording.program.sponsors]\nru = "Спонсоры"\n', "program.sponsors"),
        ('\n[wording.laureate.kk]\ntitle = ""\n', "no laureate.kk title"),
        ("\n[wording.seal_mark]\nkk = 1\n", "seal_mark has no text for kk"),
    ],
)
def test_a_misspelt_or_missing_phrase_stops_the_theme_from_loading(themes_folder, toml, message):
    root = themes_folder("misspelt", toml=toml)

    with pytest.raises(ValueError, match=message):
        load_theme("misspelt", root)


@pytest.mark.parametrize("size", ["A4 sideways", "A4; } body { display: none", "210mm", "1in 2in"])
def test_a_page_size_not_like_a_paper_stops_the_theme_from_loading(themes_folder, size):
    root = themes_folder("odd-paper")
    meta = (root / "odd-paper" / "theme.toml").read_text(encoding="utf-8")
    (root / "odd-paper" / "theme.toml").write_text(
        meta.replace('page_size = "A4 landscape"', f'page_size = "{size}"'), encoding="utf-8"
    )

    with pytest.raises(ValueError, match="theme 'odd-paper': page size"):
        load_theme("odd-paper", root)


def test_an_edited_theme_toml_is_read_again(themes_folder):
    root = themes_folder("edited")
    assert load_theme("edited", root).title["en"] == "Classic"
    meta = root / "edited" / "theme.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('en = "Classic"', 'en = "Edited"'))

    assert load_theme("edited", root).title["en"] == "Edited"
