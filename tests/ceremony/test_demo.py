"""The demo's 2025 ceremony: its running order, its partners and its booklet."""

from awards.ceremony import booklet, services, stage
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs.services import get_program_by_slug
from tests.certificates import print_shop


def test_demo_ceremony_awards_both_categories_in_its_running_order(app):
    app.test_cli_runner().invoke(args=["demo"])
    program = get_program_by_slug(DEMO_SLUG)
    items = services.running_order(program)
    assert [item.starts_at.strftime("%H:%M") for item in items] == sorted(
        item.starts_at.strftime("%H:%M") for item in items
    )
    assert services.out_of_time_order(items) == set()
    awarded = [item.category.slug for item in items if item.category]
    assert awarded == ["best-patron", "best-social-partner"]
    assert [c.slug for c in services.stage_order(program)] == awarded
    assert all(item.title.get("kk") and item.title.get("ru") for item in items)
    assert "Vosca" in [partner.name["ru"] for partner in services.ceremony_partners(program)]

    text = print_shop.flat(print_shop.text(booklet.booklet_pdf(program, theme="classic")))
    for expected in (
        "Открытие форума по итогам Года рабочих профессий",
        "Аким области Нурымбет Сактаганов",
        "Лучший социальный партнёр",
        "Катон-Карагайский государственный национальный природный парк",
        "ЛАУРЕАТЫ",
        "ТОО «Согринская ТЭЦ»",
    ):
        assert expected in text, expected


def test_demo_script_reads_the_governor_and_the_latin_names_with_their_notes(app):
    app.test_cli_runner().invoke(args=["demo"])
    program = get_program_by_slug(DEMO_SLUG)
    text = print_shop.flat(print_shop.text(stage.stage_paper_pdf(program, "script")))
    for expected in (
        "Аким области Нурымбет Сактаганов [Нурымбе\u0301т Сактага\u0301нов]",
        "Облыс әкімі Нұрымбет Сақтағанов [Нұрымбет Сақтағано\u0301в]",
        "VK Development Group [Ви-Ке\u0301й Деве\u0301лопмент Гру\u0301п]",
        "Ресторан казахской кухни Qurt & Wine [Ку\u0301рт энд Ва\u0301йн]",
        "Лауреатами в номинации «Лучший социальный партнёр» становятся:",
    ):
        assert expected in text, expected
    cards = stage.stage_paper_pdf(program, "cue_cards", theme="modern")
    assert print_shop.fonts(cards) and all(f["embedded"] for f in print_shop.fonts(cards))
