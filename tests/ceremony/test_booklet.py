"""The program booklet built from a real program and checked the way a print shop would."""

import io
import re
from datetime import date, time

import pytest
from PIL import Image
from pypdf import PdfReader

from awards.ceremony import booklet, services
from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from awards.results import services as results
from tests.ceremony.conftest import add_point
from tests.certificates import print_shop
from tests.certificates.samples import KAZAKH_LETTERS_NAME

THEMES = ["classic", "modern"]
PLAIN = (str, int, float, bool, type(None), date, time)


def assert_plain(value, where="booklet"):
    if isinstance(value, dict):
        for key, item in value.items():
            assert_plain(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_plain(item, f"{where}[{index}]")
    else:
        assert isinstance(value, PLAIN), f"{where} is a {type(value).__name__}"


def prepare(ceremony):
    """The scored program with Kazzinc confirmed: a running order awarding its category, a
    partner whose name has every Kazakh letter."""
    program = ceremony["program"]
    add_point(program, "10:00", "Форумның ашылуы", "Открытие форума")
    add_point(program, "10:30", "Жылдың үздік меценатын марапаттау", "Награждение мецената",
              category=program.categories[0],
              presenter={"kk": "Облыс әкімі", "ru": "Аким области"})  # fmt: skip
    services.add_partner(program=program, actor=None, name=KAZAKH_LETTERS_NAME)
    db.session.commit()
    return program


def publish(ceremony):
    results.publish_results(program=ceremony["program"], actor=ceremony["organizer"])
    db.session.commit()


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_numbers_at_the_foot(pdf: bytes, page: int) -> tuple[str, str]:
    """The text at the foot of ``page``, in its left and in its right half."""
    sheet = PdfReader(io.BytesIO(pdf)).pages[page - 1].mediabox
    width, height = float(sheet.width), float(sheet.height)
    foot = 20 * 72 / 25.4
    halves = [(0, height - foot, width / 2, foot), (width / 2, height - foot, width / 2, foot)]
    return tuple(print_shop.text_in(pdf, page, half).strip() for half in halves)


def assert_numbered_after_the_cover(pdf: bytes) -> None:
    """No number on the cover; every page after it numbered on its outer edge (a left-hand,
    even page on the left, a right-hand one on the right), but for the blank pages that make
    the page count a multiple of four, which are empty."""
    count = pages(pdf)
    assert count % 4 == 0, count
    assert not re.search(r"(?m)^\W*1\W*$", print_shop.text(pdf, page=1))
    numbered = count
    while not print_shop.text(pdf, page=numbered).strip():
        numbered -= 1
    assert count - numbered < 3, "at most the notes page and two blank ones are added"
    for number in range(2, numbered + 1):
        left, right = page_numbers_at_the_foot(pdf, number)
        outer, inner = (left, right) if number % 2 == 0 else (right, left)
        assert re.fullmatch(rf"\W*{number}\W*", outer), (number, outer)
        assert not re.search(r"\d", inner), (number, inner)


def test_values_are_plain_with_the_ceremony_day_in_its_time_zone(ceremony):
    program = prepare(ceremony)
    values = booklet.booklet_values(program)
    assert_plain(values)
    assert values["date"] == date(2026, 5, 20)
    assert values["venue"] == {"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск"}
    assert values["running_order"][1] == {
        "time": time(10, 30),
        "item": {"kk": "Жылдың үздік меценатын марапаттау", "ru": "Награждение мецената"},
        "presenter": {"kk": "Облыс әкімі", "ru": "Аким области"},
    }
    assert values["running_order"][0]["presenter"] is None
    assert values["partners"] == [{code: KAZAKH_LETTERS_NAME[code] for code in ("kk", "ru")}]
    assert values["logo"] is None


def test_laureates_appear_only_once_results_are_published(ceremony):
    program = prepare(ceremony)
    (before,) = booklet.booklet_values(program)["categories"]
    assert before["laureates"] == []
    assert [n["ru"] for n in before["nominees"]] == [
        "Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee",
    ]  # fmt: skip
    publish(ceremony)
    (after,) = booklet.booklet_values(program)["categories"]
    assert after["laureates"] == [{"kk": "Kazzinc Nominee", "ru": "Kazzinc Nominee"}]
    assert [n["ru"] for n in after["nominees"]] == ["Ulba Nominee", "Polyana Nominee"]


def test_laureates_print_as_frozen_not_as_renamed_later(ceremony):
    program = prepare(ceremony)
    publish(ceremony)
    ceremony["entries"]["Kazzinc Nominee"].org_name = {"kk": "Өзгерген", "ru": "Переименован"}
    db.session.commit()
    (category,) = booklet.booklet_values(program)["categories"]
    assert category["laureates"] == [{"kk": "Kazzinc Nominee", "ru": "Kazzinc Nominee"}]


def test_categories_follow_the_stage_order(ceremony):
    program = prepare(ceremony)
    youth = programs.add_category(
        program=program, actor=ceremony["organizer"], slug="youth",
        title={"kk": "Жас маман", "ru": "Молодой специалист"},
    )  # fmt: skip
    add_point(program, "10:15", "Жас маманды марапаттау", "Награждение", category=youth)
    db.session.commit()
    titles = [c["title"]["ru"] for c in booklet.booklet_values(program)["categories"]]
    assert titles == ["Молодой специалист", program.categories[0].title["ru"]]


def test_a_program_without_ceremony_details_is_not_ready(program):
    with pytest.raises(DomainError):
        booklet.booklet_values(program)


def test_unknown_design_is_refused(ceremony):
    with pytest.raises(DomainError) as raised:
        booklet.booklet_pdf(ceremony["program"], theme="../classic")
    assert raised.value.field == "theme"


def test_logo_prints_from_a_data_uri(ceremony):
    program = prepare(ceremony)
    picture = io.BytesIO()
    Image.new("RGB", (120, 120), "#1f4e79").save(picture, "PNG")
    picture.seek(0)
    programs.set_program_logo(program=program, actor=ceremony["organizer"], stream=picture)
    db.session.commit()
    assert booklet.booklet_values(program)["logo"].startswith("data:image/png;base64,iVBOR")
    cover = PdfReader(io.BytesIO(booklet.booklet_pdf(program, theme="modern"))).pages[0]
    assert len(cover.images) == 1


@pytest.mark.parametrize("theme", THEMES)
def test_booklet_passes_the_print_shop_before_and_after_publication(ceremony, theme):
    program = prepare(ceremony)
    draft = booklet.booklet_pdf(program, theme=theme)
    fonts = print_shop.fonts(draft)
    assert fonts and all(font["embedded"] for font in fonts)
    text = print_shop.flat(print_shop.text(draft))
    for expected in (
        "Форумның ашылуы", "Открытие форума", "10:30", "Облыс әкімі", "Аким области",
        "Жылдың үздік меценаты", "Лучший меценат года", "Kazzinc Nominee", "Ulba Nominee",
        "Polyana Nominee", KAZAKH_LETTERS_NAME["kk"], KAZAKH_LETTERS_NAME["ru"],
        "2026 жылғы 20 мамыр", "20 мая 2026 г.",
    ):  # fmt: skip
        assert expected in text, expected
    assert "ЛАУРЕАТ" not in text
    assert_numbered_after_the_cover(draft)

    publish(ceremony)
    final = print_shop.flat(print_shop.text(booklet.booklet_pdf(program, theme=theme)))
    laureates, nominees = final.index("ЛАУРЕАТЫ"), final.index("НОМИНАНТЫ")
    assert laureates < final.index("Kazzinc Nominee") < nominees < final.index("Ulba Nominee")
    assert final.count("Kazzinc Nominee") == 1


@pytest.mark.parametrize("theme", THEMES)
def test_booklet_with_forty_points_keeps_every_point_and_numbers_every_page(ceremony, theme):
    program = ceremony["program"]
    for number in range(40):
        long = " — баяндама және шеберлік сыныбы, сұрақтар мен жауаптар" * (number % 4 == 0)
        add_point(
            program, f"{9 + number // 6:02d}:{number % 6 * 10:02d}", f"Бөлім {number + 1}{long}",
            f"Часть {number + 1}", presenter={"kk": "Жүргізуші", "ru": "Ведущий"},
        )  # fmt: skip
    db.session.commit()
    pdf = booklet.booklet_pdf(program, theme=theme)
    text = print_shop.flat(print_shop.text(pdf))
    assert all(f"Часть {number} " in text for number in range(1, 41))
    assert "15:30" in text and "Kazzinc Nominee" in text
    assert pages(pdf) >= 4
    assert_numbered_after_the_cover(pdf)
    # The table's header is repeated on every page the running order runs onto.
    assert text.count("ВЫСТУПАЮЩИЙ") >= 2


@pytest.mark.parametrize("theme", THEMES)
def test_booklet_without_running_order_goes_from_cover_to_categories(ceremony, theme):
    pdf = booklet.booklet_pdf(ceremony["program"], theme=theme)
    text = print_shop.flat(print_shop.text(pdf))
    assert "Рәсім барысы" not in text and "Kazzinc Nominee" in text
    # The cover, the categories, a page for notes and a blank back: one folded sheet.
    assert pages(pdf) == 4
    assert "Жазбаларға арналған бет Для заметок" in print_shop.flat(print_shop.text(pdf, page=3))
    assert_numbered_after_the_cover(pdf)


def longest(text: str, limit: int = 300) -> str:
    """``text`` repeated up to ``limit`` characters, the most the program form takes."""
    return (f"{text} " * limit)[:limit].strip()


@pytest.mark.parametrize("theme", THEMES)
def test_longest_texts_keep_the_cover_on_one_page_and_long_names_on_the_page(ceremony, theme):
    program = ceremony["program"]
    programs.update_program(
        program=program, actor=ceremony["organizer"],
        title={"kk": longest("Жұмысшы мамандықтары жылының марапаттары"),
               "ru": longest("Награды Года рабочих профессий")},
        organizing_body={"kk": longest("Облыстың білім басқармасы"),
                         "ru": longest("Управление образования области")},
        venue={"kk": longest("Өскемен қ., облыстық филармония"),
               "ru": longest("г. Усть-Каменогорск, областная филармония")},
    )  # fmt: skip
    unbroken = "ШығысҚазақстанОблыстықФилармониясыныңӨтеҰзынАтауыБосОрынсызЖазылған"
    ceremony["entries"]["Ulba Nominee"].org_name = {"kk": unbroken, "ru": unbroken}
    db.session.commit()
    pdf = booklet.booklet_pdf(program, theme=theme)
    assert pages(pdf) == 4
    cover, categories = (print_shop.flat(print_shop.text(pdf, page=n)) for n in (1, 2))
    assert "2026 жылғы 20 мамыр" in cover and "Номинациялар" in categories
    assert unbroken in categories.replace(" ", "")
