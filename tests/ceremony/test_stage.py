"""The stage papers built from a real program and checked the way a print shop would: the
presenter's script, the cue cards, the envelopes and the hand-out sheet."""

import re
from datetime import datetime

import pytest
from flask_babel import force_locale

from awards.ceremony import services, stage
from awards.certificates import issuing, registry
from awards.errors import DomainError
from awards.extensions import db
from awards.operations.demo_texts import CATEGORIES, KAZZINC, SOCIAL_PARTNERS
from awards.printing.errors import PrintingError
from awards.printing.stage import FIT_STEPS, stage_context, stressed
from awards.printing.themes import load_theme
from awards.programs import services as programs
from awards.results import services as results
from tests.ceremony.conftest import add_point
from tests.ceremony.test_booklet import assert_plain, pages
from tests.certificates import print_shop
from tests.certificates.registry import ORGANIZER, VENUE, confirm_kazzinc

THEMES = ["classic", "modern"]
PATRON = CATEGORIES[0]["title"]
UKTMP = SOCIAL_PARTNERS[0]
GOVERNOR = {"kk": "Нұрымбет Сақтағанов", "ru": "Нурымбет Сактаганов"}
STRESS = {"kk": "Сақтаған+ов", "ru": "Сактаг+анов"}
KAZZINC_SAYS = {"kk": "Қазмырыш", "ru": "Казц+инк"}
REPRESENTATIVE = {
    "name": {"kk": "Айгүл Серікқызы Жұмабаева", "ru": "Айгуль Сериковна Жумабаева"},
    "position": {"kk": "Кадр бөлімінің басшысы", "ru": "Начальник отдела кадров"},
}


def pdfinfo(pdf: bytes) -> tuple[int, tuple[float, float]]:
    """pdfinfo's page count and the first page's size in millimetres."""
    tool = print_shop._tool("pdfinfo")
    output = print_shop._with_file(pdf, lambda path: print_shop._run(tool, str(path)))
    count = int(re.search(r"^Pages:\s+(\d+)", output, re.M).group(1))
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", output, re.M).groups()
    return count, (float(width) * 25.4 / 72, float(height) * 25.4 / 72)


def rename(entry, names: dict) -> None:
    entry.org_name = dict(names)
    db.session.flush()


def forum(scored, *, laureates=("Kazzinc Nominee",)):
    """The scored program as the 2025 forum: the category is "Best Patron", Kazzinc and the
    titanium-magnesium plant are among its nominees (with pronunciation notes), the region
    head presents its award; ``laureates`` are confirmed (none: the results are not frozen)."""
    program = scored["program"]
    category = program.categories[0]
    category.title, category.description = dict(PATRON), dict(CATEGORIES[0]["description"])
    rename(scored["entries"]["Kazzinc Nominee"], KAZZINC)
    rename(scored["entries"]["Ulba Nominee"], UKTMP)
    scored["entries"]["Kazzinc Nominee"].pronunciation = dict(KAZZINC_SAYS)
    add_point(program, "10:00", "Форумның ашылуы", "Открытие форума")
    item = add_point(
        program, "10:30", "Жылдың үздік меценатын марапаттау", "Награждение лучшего мецената",
        category=category, presenter=GOVERNOR,
    )  # fmt: skip
    item.presenter_pronunciation = dict(STRESS)
    services.add_partner(program=program, actor=None, name=SOCIAL_PARTNERS[-1])
    db.session.commit()
    programs.update_program(
        program=program, actor=scored["organizer"], organizing_body=ORGANIZER, venue=VENUE,
        ceremony_at=datetime(2026, 5, 20, 10, 0),
    )  # fmt: skip
    if laureates:
        category.max_laureates = max(category.max_laureates, len(laureates))
        results.confirm_laureates(
            category=category, actor=scored["organizer"], reason="Two laureates",
            chosen=[scored["entries"][name].id for name in laureates],
        )  # fmt: skip
        db.session.commit()
    return program


def test_stressed_marks_the_vowel_after_a_plus():
    assert stressed("Сактаг+анов") == "Сактага\u0301нов"
    assert stressed("Казц+инк") == "Казци\u0301нк"
    assert stressed("C++ Club") == "C++ Club"


def test_values_are_plain_with_names_notes_and_the_award_presenter(scored):
    program = forum(scored)
    values = stage.stage_values(program)
    assert_plain(values, "stage")
    opening, awarding = values["points"]
    assert opening["category"] is None and awarding["category"] == 0
    assert awarding["presenter"] == {"text": GOVERNOR, "note": STRESS}
    (category,) = values["categories"]
    assert category["frozen"] and category["title"] == {"kk": PATRON["kk"], "ru": PATRON["ru"]}
    names = [nominee["text"]["ru"] for nominee in category["nominees"]]
    assert names == [KAZZINC["ru"], UKTMP["ru"], "Polyana Nominee"]
    assert category["nominees"][0]["note"] == KAZZINC_SAYS
    assert category["laureates"] == [{
        "name": {"text": {"kk": KAZZINC["kk"], "ru": KAZZINC["ru"]}, "note": KAZZINC_SAYS},
        "representative": None,
    }]  # fmt: skip


def test_representatives_come_from_the_argument(scored):
    program = forum(scored)
    kazzinc = scored["entries"]["Kazzinc Nominee"].id
    values = stage.stage_values(program, representatives={kazzinc: REPRESENTATIVE})
    (laureate,) = values["categories"][0]["laureates"]
    assert laureate["representative"] == {
        "text": REPRESENTATIVE["name"], "note": None, "position": REPRESENTATIVE["position"],
    }  # fmt: skip


def test_before_the_results_are_frozen_no_laureate_is_named(scored):
    program = forum(scored, laureates=())
    (category,) = stage.stage_values(program)["categories"]
    assert not category["frozen"] and category["laureates"] == []
    text = print_shop.flat(print_shop.text(stage.stage_paper_pdf(program, "script")))
    assert "Итоги ещё не утверждены" in text and "Қорытынды әлі бекітілген жоқ" in text
    assert "Лауреатом в номинации" not in text


def test_categories_the_running_order_does_not_name_are_awarded_after_it(scored):
    program = scored["program"]
    confirm_kazzinc(scored)
    add_point(program, "10:00", "Ашылуы", "Открытие")
    db.session.commit()
    points = stage.stage_values(program)["points"]
    assert [point["category"] for point in points] == [None, 0]
    assert points[1]["time"] is None and points[1]["title"]["ru"] == "Лучший меценат года"


@pytest.mark.parametrize("theme", THEMES)
def test_script_embeds_its_fonts_and_reads_every_name_with_its_note(scored, theme):
    program = forum(scored)
    kazzinc = scored["entries"]["Kazzinc Nominee"].id
    values = stage.stage_values(program, representatives={kazzinc: REPRESENTATIVE})
    pdf = stage.render_stage_paper(theme, "script", values)
    fonts = print_shop.fonts(pdf)
    assert fonts and all(font["embedded"] for font in fonts)
    text = print_shop.flat(print_shop.text(pdf))
    for expected in (
        "ЖҮРГІЗУШІНІҢ СЦЕНАРИЙІ", "СЦЕНАРИЙ ВЕДУЩЕГО",
        "Қайырлы күн, құрметті қонақтар, қадірлі достар!",
        "Добрый день, уважаемые гости, дорогие друзья!",
        "«Жылдың үздік меценаты» номинациясы бойынша марапаттауға көшеміз.",
        "Переходим к награждению в номинации «Лучший меценат года».",
        PATRON["ru"], KAZZINC["kk"], KAZZINC["ru"], UKTMP["kk"], UKTMP["ru"],
        "Сактаганов [Сактага\u0301нов]", "Сақтағанов [Сақтағано\u0301в]",
        "ТОО «Казцинк» [Казци\u0301нк]", "«Қазмырыш» ЖШС [Қазмырыш]",
        "Для вручения награды на сцену приглашается:", "Прошу вскрыть конверт!",
        "Лауреатом в номинации «Лучший меценат года» становится:",
        "«Жылдың үздік меценаты» номинациясының лауреаты:",
        REPRESENTATIVE["name"]["kk"], REPRESENTATIVE["position"]["ru"],
        "Для получения награды на сцену приглашается:",
        SOCIAL_PARTNERS[-1]["kk"], SOCIAL_PARTNERS[-1]["ru"], "До новых встреч!",
        "Келесі кездесулерге дейін!",
    ):  # fmt: skip
        assert print_shop.flat(expected) in text, expected


def test_without_a_representative_the_laureates_organization_is_invited(scored):
    program = forum(scored)
    text = print_shop.flat(print_shop.text(stage.stage_paper_pdf(program, "script")))
    assert "Приглашаем на сцену представителя организации-лауреата!" in text
    assert "Сахнаға лауреат ұйымның өкілін шақырамыз!" in text


@pytest.mark.parametrize("theme", THEMES)
def test_one_a6_page_per_cue_card(scored, theme):
    program = forum(scored, laureates=("Kazzinc Nominee", "Ulba Nominee"))
    values = stage.stage_values(program)
    pdf = stage.render_stage_paper(theme, "cue_cards", values)
    cards = stage_context("cue_cards", values, load_theme(theme))["moments"]
    # Opening, the first point, the category, its envelope, the partners, the closing.
    assert [card["kind"] for card in cards if card["part"] == 1] == [
        "opening", "point", "category", "envelope", "partners", "closing",
    ]  # fmt: skip
    count, size = pdfinfo(pdf)
    assert count == len(cards) and size == pytest.approx((105, 148), abs=0.5)
    assert all(font["embedded"] for font in print_shop.fonts(pdf))
    first_envelope = next(card["number"] for card in cards if card["kind"] == "envelope")
    envelope = print_shop.flat(print_shop.text(pdf, page=first_envelope))
    assert "Конверттi ашуыңызды сұраймыз!".replace("i", "і") in envelope


def test_a_long_list_goes_on_over_more_cards_each_one_page(scored):
    program = forum(scored)
    values = stage.stage_values(program)
    names = [{"text": {"kk": p["kk"], "ru": p["ru"]}, "note": None} for p in SOCIAL_PARTNERS]
    values["categories"][0]["nominees"] = names
    values["categories"][0]["laureates"] = [
        {"name": name, "representative": {"text": REPRESENTATIVE["name"], "note": None,
                                          "position": REPRESENTATIVE["position"]}}
        for name in names
    ]  # fmt: skip
    cards = stage_context("cue_cards", values, load_theme("classic"))["moments"]
    envelope = [card for card in cards if card["kind"] == "envelope"]
    assert len(envelope) > 2 and [card["part"] for card in envelope] == list(
        range(1, len(envelope) + 1)
    )
    pdf = stage.render_stage_paper("classic", "cue_cards", values)
    # Each fitting step packs the cards tighter: the PDF has as many pages as one step's cards.
    counts = {
        len(stage_context("cue_cards", values, load_theme("classic"), fit)["moments"])
        for fit in range(FIT_STEPS)
    }
    assert pdfinfo(pdf)[0] in counts
    text = print_shop.flat(print_shop.text(pdf))
    for partner in SOCIAL_PARTNERS:
        assert text.count(print_shop.flat(partner["ru"])) >= 2, partner["ru"]


@pytest.mark.parametrize("theme", THEMES)
def test_two_a5_pages_per_envelope_sealed_outside_laureates_inside(scored, theme):
    program = forum(scored)
    pdf = stage.stage_paper_pdf(program, "envelopes", theme=theme)
    count, size = pdfinfo(pdf)
    assert count == 2 and size == pytest.approx((148, 210), abs=0.5)
    outside, inside = (print_shop.flat(print_shop.text(pdf, page=n)) for n in (1, 2))
    assert "Вскрыть только на сцене" in outside and PATRON["kk"] in outside
    assert KAZZINC["ru"] not in outside
    assert KAZZINC["ru"] in inside and "Казци\u0301нк" in inside


def test_sixteen_laureates_fit_inside_one_envelope(scored):
    program = forum(scored)
    values = stage.stage_values(program)
    values["categories"][0]["laureates"] = [
        {"name": {"text": {"kk": p["kk"], "ru": p["ru"]}, "note": None}, "representative": None}
        for p in SOCIAL_PARTNERS
    ]
    pdf = stage.render_stage_paper("modern", "envelopes", values)
    assert pages(pdf) == 2
    inside = print_shop.flat(print_shop.text(pdf, page=2))
    assert all(print_shop.flat(p["ru"]) in inside for p in SOCIAL_PARTNERS)


def test_a_card_too_long_for_its_page_is_refused(scored):
    program = forum(scored)
    values = stage.stage_values(program)
    values["categories"][0]["description"] = {"kk": "сөз " * 600, "ru": "слово " * 600}
    with pytest.raises(PrintingError):
        stage.render_stage_paper("classic", "cue_cards", values)


@pytest.mark.parametrize("theme", THEMES)
def test_handout_lists_certificates_in_the_combined_pdfs_order(scored, theme):
    program = forum(scored, laureates=("Kazzinc Nominee", "Ulba Nominee"))
    issued = issuing.issue_laureate_certificates(program=program, actor=scored["organizer"])
    db.session.commit()
    assert len(issued) == 2
    combined = registry.valid_program_certificates(program, "laureate")
    pdf = stage.stage_paper_pdf(program, "handout", theme=theme)
    assert all(font["embedded"] for font in print_shop.fonts(pdf))
    text = print_shop.flat(print_shop.text(pdf))
    serials = [c.serial for c in combined]
    assert [text.index(serial) for serial in serials] == sorted(
        text.index(serial) for serial in serials
    )
    assert KAZZINC["ru"] in text and UKTMP["ru"] in text


def test_unknown_paper_or_unready_program_is_refused(scored):
    with pytest.raises(DomainError):
        stage.stage_paper_pdf(scored["program"], "speech")
    with pytest.raises(DomainError):
        stage.stage_paper_pdf(scored["program"], "script")


def test_file_names_carry_the_programs_short_name(scored):
    program = scored["program"]
    assert stage.stage_paper_file_name(program, "cue_cards") == f"{program.slug}-cue-cards.pdf"
    with force_locale("ru"):
        name = stage.stage_paper_file_name(program, "script")
    assert name == f"{program.slug}-сценарий-ведущего.pdf"
