"""A criterion's levels: the rule, the criterion form, and the judge's page in kk/ru/en."""

import pytest
import time_machine

from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.levels import check_levels, level_for
from tests.judging.fixtures import JUDGING

DEMO = "/programs/test-awards"


def level(low, high, kk="Әлсіз", ru="Слабо", en="Weak"):
    return {"low": low, "high": high, "label": {"kk": kk, "ru": ru, "en": en}}


THREE = [
    level(0, 3),
    level(4, 6, "Орташа", "Достойно", "Sound"),
    level(7, 10, "Үздік", "Выдающийся", "Outstanding"),
]


def refusal(levels, max_points=10) -> str:
    with pytest.raises(DomainError) as caught:
        check_levels(levels, max_points)
    assert caught.value.field == "level_rows"
    return caught.value.message


def test_three_ordered_levels_are_kept_with_whole_numbers_as_such():
    cleaned = check_levels([{**THREE[0], "high": 3.0}, *THREE[1:]], 10)
    assert [(lv["low"], lv["high"]) for lv in cleaned] == [(0, 3), (4, 6), (7, 10)]
    assert isinstance(cleaned[0]["high"], int)
    assert cleaned[2]["label"] == {"kk": "Үздік", "ru": "Выдающийся", "en": "Outstanding"}


def test_no_levels_is_allowed():
    assert check_levels([], 10) == [] and check_levels(None, 10) == []


def test_english_is_optional_and_blank_texts_are_dropped():
    (cleaned,) = check_levels([level(0, 10, en="  ")], 10)
    assert cleaned["label"] == {"kk": "Әлсіз", "ru": "Слабо"}


def test_a_level_past_the_maximum_is_refused():
    assert "from 0 to 5" in refusal(THREE, max_points=5)  # 7–10 with a maximum of 5


def test_a_level_whose_lowest_points_exceed_its_highest_is_refused():
    assert refusal([level(3, 0)]).startswith("Level 1:")


def test_overlapping_levels_are_refused():
    message = refusal([level(0, 4), level(4, 6)])
    assert message.startswith("Level 2 must start above 4")


def test_levels_out_of_order_are_refused():
    assert refusal([level(4, 6), level(0, 3)]).startswith("Level 2 must start above 6")


def test_a_level_without_its_russian_text_is_refused():
    message = refusal([level(0, 3), level(4, 10, ru="")])
    assert message == "Level 2: fill in the Kazakh and Russian versions of its description."


def test_a_level_without_points_is_refused():
    assert "lowest and highest points" in refusal([{"low": None, "high": 3, "label": {}}])


def test_level_for_finds_the_range_the_points_fall_in():
    assert level_for(THREE, 5)["label"]["en"] == "Sound"
    assert level_for(THREE, 10)["label"]["en"] == "Outstanding"
    assert level_for(THREE, 3.5) is None  # between two levels
    assert level_for(THREE, None) is None


def test_a_higher_maximum_in_the_same_save_makes_room_for_the_levels(program):
    criterion = program.categories[0].criteria[0]
    organizer = program.roles[0].user
    with pytest.raises(DomainError):
        programs.update_criterion(
            criterion=criterion, actor=organizer, name=criterion.name, max_points=5, levels=THREE
        )
    programs.update_criterion(
        criterion=criterion, actor=organizer, name=criterion.name, max_points=10, levels=THREE
    )
    assert criterion.levels[1]["label"]["ru"] == "Достойно"


def _form(**rows):
    """The criterion form as a browser sends it: every level row, the blank ones empty."""
    data = {"name_kk": "Сапа", "name_ru": "Качество", "weight": "1", "max_points": "10",
            "step": "1"}  # fmt: skip
    for index in range(5):
        data.update(
            {f"level_rows-{index}-{name}": "" for name in ("low", "high", "kk", "ru", "en")}
        )
    for key, value in rows.items():
        index, name = key.split("_", 1)
        data[f"level_rows-{index[1:]}-{name}"] = value
    return data


def test_organizer_writes_levels_in_the_criterion_form(client, auth, program):
    auth.login("organizer@x.kz")
    category = program.categories[0]
    response = client.post(
        f"{DEMO}/categories/{category.id}/criteria/new",
        data=_form(r0_low="0", r0_high="4,5", r0_kk="Әлсіз", r0_ru="Слабо",
                   r2_low="5", r2_high="10", r2_kk="Жақсы", r2_ru="Хорошо", r2_en="Good"),
    )  # fmt: skip
    assert response.status_code == 302
    criterion = category.criteria[-1]
    assert criterion.levels == [
        {"low": 0, "high": 4.5, "label": {"kk": "Әлсіз", "ru": "Слабо"}},
        {"low": 5, "high": 10, "label": {"kk": "Жақсы", "ru": "Хорошо", "en": "Good"}},
    ]
    edit = client.get(f"{DEMO}/categories/{category.id}/criteria/{criterion.id}/edit")
    page = edit.get_data(as_text=True)
    assert 'value="4.5"' in page and 'value="Хорошо"' in page
    shown = client.get(f"{DEMO}/categories/{category.id}").get_data(as_text=True)
    assert "Good" in shown and "Слабо" in shown  # the reader's English, else Russian


def test_overlapping_levels_are_shown_beside_the_levels_in_kazakh_and_kept(client, auth, program):
    auth.login("organizer@x.kz")
    client.post("/language", data={"locale": "kk", "next": "/"})
    category = program.categories[0]
    page = client.post(
        f"{DEMO}/categories/{category.id}/criteria/new",
        data=_form(r0_low="0", r0_high="6", r0_kk="Әлсіз", r0_ru="Слабо",
                   r1_low="5", r1_high="10", r1_kk="Жақсы", r1_ru="Хорошо"),
    ).get_data(as_text=True)  # fmt: skip
    assert '<p class="error" role="alert">2-деңгей' in page
    assert 'value="Хорошо"' in page  # what was typed, kept
    assert len(category.criteria) == 1


@time_machine.travel(JUDGING, tick=False)
@pytest.mark.parametrize(
    ("locale", "texts"),
    [("kk", ("Әлсіз", "Орташа", "Үздік")), ("ru", ("Слабо", "Достойно", "Выдающийся")),
     ("en", ("Weak", "Sound", "Outstanding"))],
)  # fmt: skip
def test_judge_reads_the_levels_beside_the_points_in_their_language(
    client, auth, jury, locale, texts
):
    criterion = jury["program"].categories[0].criteria[0]
    criterion.levels = THREE
    db.session.commit()
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    client.post("/language", data={"locale": locale, "next": "/"})
    page = client.get(f"{DEMO}/judging/{entry.id}").get_data(as_text=True)
    for text in texts:
        assert text in page
    assert f'data-levels="levels-{criterion.id}"' in page and "js/levels.js" in page
    # Points typed (and refused elsewhere) still mark their level without scripts.
    data = {f"points_{criterion.id}": "5", "action": "save", "version": ""}
    page = client.post(f"{DEMO}/judging/{entry.id}", data=data, follow_redirects=True)
    assert '<li data-low="4" data-high="6" class="current">' in page.get_data(as_text=True)


def test_a_copied_program_keeps_the_levels(program):
    criterion = program.categories[0].criteria[0]
    criterion.levels = THREE
    copied = programs.copy_program(
        source=program, actor=program.roles[0].user, slug="test-awards-2026",
        title={"kk": "Байқау 2026", "ru": "Конкурс 2026"}, year=2026,
    )  # fmt: skip
    assert copied.categories[0].criteria[0].levels == THREE
