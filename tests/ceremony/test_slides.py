"""The hall screen's slides from plain values (awards/ceremony/slides.py): no app, no database."""

from datetime import date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from awards.ceremony.slides import NAMES_PER_SLIDE, Category, Point, build_slides, clamp, lines

LABELS = {
    "nominees": {"kk": "Үміткерлер", "ru": "Номинанты"},
    "laureates": {"kk": "Лауреаттар", "ru": "Лауреаты"},
    "partners": {"kk": "Серіктестеріміз", "ru": "Наши партнёры"},
    "break": {"kk": "Үзіліс", "ru": "Перерыв"},
}
PROGRAM = {
    "title": {"kk": "Форум марапаттары", "ru": "Награды форума"},
    "organizing_body": {"kk": "Білім басқармасы", "ru": "Управление образования"},
    "venue": {"kk": "Өскемен", "ru": "Усть-Каменогорск"},
}
KAZZINC = {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»"}
VK = {"kk": "VK Development Group", "ru": "VK Development Group"}


def name(number: int) -> dict:
    return {"kk": f"Үміткер {number}", "ru": f"Номинант {number}"}


def patron(laureates=None) -> Category:
    return Category(
        slug="best-patron", title={"kk": "Жылдың үздік меценаты", "ru": "Лучший меценат года"},
        nominees=[KAZZINC, VK], laureates=laureates,
    )  # fmt: skip


def point(at: str, ru: str, **fields) -> Point:
    return Point(starts_at=time.fromisoformat(at), title={"kk": ru + " (kk)", "ru": ru}, **fields)


def slides_of(points, *, unnamed=(), partners=(), day=None):
    return build_slides(program=PROGRAM, points=list(points), unnamed=list(unnamed),
                        partners=list(partners), labels=LABELS, day=day)  # fmt: skip


def test_the_reveal_follows_the_nominees_of_its_category():
    slides = slides_of(
        [
            point("10:00", "Открытие"),
            point("11:10", "Награждение", category=patron(laureates=[KAZZINC]),
                  presenter={"kk": "Облыс әкімі", "ru": "Аким области"}),
            point("12:10", "Закрытие"),
        ],
        partners=[KAZZINC, VK],
    )  # fmt: skip
    assert [slide.kind for slide in slides] == [
        "title", "point", "category", "nominees", "reveal", "point", "partners",
    ]  # fmt: skip
    title, opening, category, nominees, reveal, closing, partners = slides
    assert title.texts == [
        "Білім басқармасы", "Управление образования", "Форум марапаттары", "Награды форума",
        "Өскемен", "Усть-Каменогорск",
    ]  # fmt: skip
    assert opening.label == ("10:00",)
    assert category.title == ("Жылдың үздік меценаты", "Лучший меценат года")
    assert category.subtitle == ("Облыс әкімі", "Аким области")
    # The nominees include the coming laureate, unmarked; a Latin name shows once.
    assert nominees.names == (("«Қазмырыш» ЖШС", "ТОО «Казцинк»"), ("VK Development Group",))
    assert nominees.label == ("Үміткерлер", "Номинанты")
    assert reveal.names == (("«Қазмырыш» ЖШС", "ТОО «Казцинк»"),)
    assert reveal.label == ("Лауреаттар", "Лауреаты")
    assert partners.label == ("Серіктестеріміз", "Наши партнёры")


def test_a_category_without_frozen_results_has_no_reveal_slide():
    slides = slides_of([point("11:10", "Награждение", category=patron(laureates=None))])
    assert [slide.kind for slide in slides] == ["title", "category", "nominees"]


def test_a_break_counts_down_to_the_next_point():
    slides = slides_of(
        [point("10:30", "Доклады"), point("11:00", "Кофе-брейк", break_minutes=10),
         point("11:15", "Награждение")],
        day=date(2025, 12, 19),
    )  # fmt: skip
    pause = slides[2]
    assert pause.kind == "break"
    assert pause.label == ("Үзіліс", "Перерыв")
    assert (pause.until, pause.ends_at) == ("11:15", datetime(2025, 12, 19, 11, 15))


def test_a_last_break_lasts_its_minutes_and_without_a_day_has_no_countdown():
    slides = slides_of([point("11:50", "Кофе-брейк", break_minutes=20)])
    assert (slides[-1].until, slides[-1].ends_at) == ("12:10", None)


def test_long_lists_run_over_numbered_slides():
    many = [name(number) for number in range(1, 2 * NAMES_PER_SLIDE + 2)]
    category = Category("partner", {"kk": "Серіктес", "ru": "Партнёр"}, many, many[:2])
    slides = slides_of([point("11:20", "Награждение", category=category)])
    nominees = [slide for slide in slides if slide.kind == "nominees"]
    assert [(slide.part, slide.parts) for slide in nominees] == [(1, 3), (2, 3), (3, 3)]
    assert [len(slide.names) for slide in nominees] == [NAMES_PER_SLIDE, NAMES_PER_SLIDE, 1]
    assert [slide.kind for slide in slides].count("reveal") == 1


def test_categories_the_running_order_does_not_name_follow_it_once_each():
    other = Category("other", {"kk": "Басқа", "ru": "Другая"}, [name(1)], [name(1)])
    slides = slides_of(
        [point("11:10", "Награждение", category=patron([VK])),
         point("11:20", "Снова", category=patron([VK]))],
        unnamed=[other, patron([VK])],
    )  # fmt: skip
    categories = [slide.category for slide in slides if slide.kind == "category"]
    assert categories == ["best-patron", "other"]
    assert slides[4].kind == "point"  # the second point of the same category is a plain point


def test_lines_put_kazakh_first_and_skip_what_repeats():
    assert lines({"ru": "Открытие", "kk": "Ашылуы", "en": "Opening"}) == ("Ашылуы", "Открытие")
    assert lines({"kk": "Vosca", "ru": "Vosca"}) == ("Vosca",)
    assert lines(None) == ()


@given(st.integers(min_value=-50, max_value=50), st.integers(min_value=1, max_value=30))
def test_a_clamped_position_is_a_slide(position, count):
    assert 0 <= clamp(position, count) <= count - 1
    if 0 <= position < count:
        assert clamp(position, count) == position
