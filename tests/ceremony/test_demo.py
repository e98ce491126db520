"""The demo's 2025 ceremony: its running order, its partners and its booklet."""

from awards.ceremony import booklet, services
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
