from datetime import time

import pytest
from sqlalchemy.exc import IntegrityError

from awards.ceremony import services
from awards.ceremony.models import CeremonyPartner, RunningOrderItem
from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from tests import factories
from tests.ceremony.conftest import add_point


def titles(program) -> list[str]:
    return [item.title["ru"] for item in services.running_order(program)]


def add_categories(program, organizer, *slugs):
    return [
        programs.add_category(
            program=program, actor=organizer, slug=slug, title={"kk": slug, "ru": slug}
        )
        for slug in slugs
    ]


def test_a_new_point_takes_its_place_by_start_time(program, running_order):
    add_point(program, "10:15", "Сөз", "Выступление")
    add_point(program, "09:30", "Тіркеу", "Регистрация")
    add_point(program, "11:00", "Концерт", "Концерт")
    assert titles(program) == [
        "Регистрация", "Открытие", "Выступление", "Награждение", "Закрытие", "Концерт",
    ]  # fmt: skip
    positions = [item.position for item in services.running_order(program)]
    assert positions == list(range(6))


def test_point_keeps_texts_presenter_category_and_drops_seconds(program, organizer):
    category = program.categories[0]
    item = services.add_running_order_item(
        program=program, actor=organizer, starts_at=time(10, 30, 45),
        title={"kk": " Марапаттау\n", "ru": "Награждение", "en": ""},
        presenter={"kk": "Облыс әкімі", "ru": "Аким области"}, category_id=category.id,
    )  # fmt: skip
    db.session.commit()
    stored = db.session.get(RunningOrderItem, item.id)
    assert stored.starts_at == time(10, 30)
    assert stored.title == {"kk": "Марапаттау", "ru": "Награждение"}
    assert stored.presenter == {"kk": "Облыс әкімі", "ru": "Аким области"}
    assert stored.category_id == category.id


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": {"kk": "Ашылуы", "ru": " "}}, "title"),
        ({"presenter": {"ru": "Ведущий"}}, "presenter"),
        ({"starts_at": None}, "starts_at"),
        ({"starts_at": "10:30"}, "starts_at"),
    ],
)
def test_point_refuses_missing_language_or_time(program, organizer, fields, field):
    values = {"starts_at": time(10), "title": {"kk": "Ашылуы", "ru": "Открытие"}, **fields}
    with pytest.raises(DomainError) as raised:
        services.add_running_order_item(program=program, actor=organizer, **values)
    assert raised.value.field == field
    assert services.running_order(program) == []


def test_point_refuses_a_category_of_another_program(program, organizer):
    other = programs.create_program(
        actor=organizer, slug="other-awards", year=2025, title={"kk": "Басқа", "ru": "Другой"}
    )
    (foreign,) = add_categories(other, organizer, "foreign")
    with pytest.raises(DomainError) as raised:
        add_point(program, "10:00", "Ашылуы", "Открытие", category=foreign)
    assert raised.value.field == "category"


def test_update_keeps_the_place_even_when_the_time_changes(program, organizer, running_order):
    opening = running_order[0]
    services.update_running_order_item(
        item=opening, actor=organizer, starts_at=time(12, 0),
        title={"kk": "Салтанатты ашылуы", "ru": "Торжественное открытие"}, presenter=None,
    )  # fmt: skip
    assert titles(program)[0] == "Торжественное открытие"
    assert services.out_of_time_order(services.running_order(program)) == {running_order[1].id}


def test_delete_closes_the_gap(program, organizer, running_order):
    services.delete_running_order_item(item=running_order[1], actor=organizer)
    items = services.running_order(program)
    assert [(i.title["ru"], i.position) for i in items] == [("Открытие", 0), ("Закрытие", 1)]


def test_move_swaps_with_the_neighbour_and_stops_at_the_ends(program, organizer, running_order):
    opening, award, closing = running_order
    services.move_running_order_item(item=closing, actor=organizer, direction="up")
    assert titles(program) == ["Открытие", "Закрытие", "Награждение"]
    services.move_running_order_item(item=opening, actor=organizer, direction="up")
    services.move_running_order_item(item=award, actor=organizer, direction="down")
    assert titles(program) == ["Открытие", "Закрытие", "Награждение"]
    services.move_running_order_item(item=opening, actor=organizer, direction="down")
    assert titles(program) == ["Закрытие", "Открытие", "Награждение"]
    with pytest.raises(DomainError):
        services.move_running_order_item(item=opening, actor=organizer, direction="sideways")


def test_texts_longer_than_the_booklet_takes_are_refused(program, organizer):
    with pytest.raises(DomainError, match="at most 300 characters") as error:
        add_point(program, "10:00", "Ашылуы", "О" * 301)
    assert error.value.field == "title"
    with pytest.raises(DomainError, match="at most 300 characters"):
        services.add_partner(program=program, actor=organizer, name={"kk": "Ү" * 301, "ru": "У"})


def test_a_point_placed_at_a_position_keeps_it_whatever_its_time(program, running_order):
    late = add_point(program, "09:00", "Қонақ", "Гость")  # by time: first
    assert services.running_order(program)[0] == late
    services.delete_running_order_item(item=late, actor=None)
    services.add_running_order_item(
        program=program, actor=None, starts_at=time(9), title={"kk": "Қонақ", "ru": "Гость"},
        position=3,
    )  # fmt: skip
    assert [i.starts_at.hour for i in services.running_order(program)] == [10, 10, 11, 9]


def test_running_order_has_a_limit(program):
    for number in range(services.MAX_ITEMS):
        add_point(program, f"{10 + number // 60:02d}:{number % 60:02d}", "Бөлім", "Часть")
    with pytest.raises(DomainError):
        add_point(program, "23:00", "Тағы", "Ещё")
    assert len(services.running_order(program)) == services.MAX_ITEMS


def test_schema_refuses_a_negative_position(program):
    db.session.add(
        RunningOrderItem(program_id=program.id, position=-1, starts_at=time(10), title={})
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_stage_order_follows_first_appearance_then_position(program, organizer):
    patron = program.categories[0]
    partner, youth, masters = add_categories(program, organizer, "partner", "youth", "masters")
    add_point(program, "10:00", "Ашылуы", "Открытие")
    add_point(program, "10:30", "Серіктес", "Партнёр", category=partner)
    add_point(program, "11:00", "Меценат", "Меценат", category=patron)
    add_point(program, "11:30", "Серіктес тағы", "Партнёр ещё раз", category=partner)
    assert services.stage_order(program) == [partner, patron, youth, masters]


def test_stage_order_without_running_order_is_the_program_order(program, organizer):
    added = add_categories(program, organizer, "second", "third")
    assert services.stage_order(program) == [program.categories[0], *added]


def test_deleting_the_category_keeps_the_point(program, organizer):
    (extra,) = add_categories(program, organizer, "extra")
    item = add_point(program, "10:00", "Марапаттау", "Награждение", category=extra)
    db.session.commit()
    db.session.delete(extra)
    db.session.commit()
    assert db.session.get(RunningOrderItem, item.id).category_id is None


def test_partners_add_rename_move_delete(program, organizer):
    names = [{"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»"}, {"kk": "Vosca", "ru": "Vosca"}]
    kazzinc, vosca = (services.add_partner(program=program, actor=organizer, name=n) for n in names)
    services.move_partner(partner=vosca, actor=organizer, direction="up")
    services.update_partner(partner=kazzinc, actor=organizer, name={**names[0], "en": "Kazzinc"})
    listed = services.ceremony_partners(program)
    assert [(p.name.get("en"), p.position) for p in listed] == [(None, 0), ("Kazzinc", 1)]
    services.delete_partner(partner=vosca, actor=organizer)
    assert [p.position for p in services.ceremony_partners(program)] == [0]
    with pytest.raises(DomainError) as raised:
        services.add_partner(program=program, actor=organizer, name={"ru": "Только по-русски"})
    assert raised.value.field == "name"


def test_running_order_and_partners_belong_to_one_program(program, organizer, running_order):
    other = programs.create_program(
        actor=factories.user("second@x.kz", is_admin=True), slug="other-awards", year=2026,
        title={"kk": "Басқа", "ru": "Другой"},
    )  # fmt: skip
    services.add_partner(program=program, actor=organizer, name={"kk": "Vosca", "ru": "Vosca"})
    assert services.running_order(other) == [] and services.ceremony_partners(other) == []
    assert db.session.query(CeremonyPartner).count() == 1


def test_a_break_keeps_its_minutes_and_awards_no_category(program, organizer):
    pause = services.add_running_order_item(
        program=program, actor=organizer, starts_at=time(11, 0), break_minutes=15,
        title={"kk": "Үзіліс", "ru": "Перерыв"},
    )  # fmt: skip
    assert pause.break_minutes == 15
    with pytest.raises(DomainError) as error:
        services.update_running_order_item(
            item=pause, actor=organizer, starts_at=time(11, 0), break_minutes=15,
            title={"kk": "Үзіліс", "ru": "Перерыв"}, category_id=program.categories[0].id,
        )  # fmt: skip
    assert error.value.field == "break_minutes"


@pytest.mark.parametrize("minutes", [0, -5, services.MAX_BREAK_MINUTES + 1, True, "10"])
def test_a_break_refuses_minutes_out_of_bounds(program, organizer, minutes):
    with pytest.raises(DomainError) as error:
        services.add_running_order_item(
            program=program, actor=organizer, starts_at=time(11, 0), break_minutes=minutes,
            title={"kk": "Үзіліс", "ru": "Перерыв"},
        )  # fmt: skip
    assert error.value.field == "break_minutes"


def test_schema_refuses_a_break_of_no_minutes(program):
    pause = RunningOrderItem(
        program_id=program.id, starts_at=time(11, 0), title={"ru": "Перерыв"}, break_minutes=0
    )
    db.session.add(pause)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_copied_program_keeps_its_breaks(program, organizer):
    services.add_running_order_item(
        program=program, actor=organizer, starts_at=time(11, 0), break_minutes=20,
        title={"kk": "Үзіліс", "ru": "Перерыв"},
    )  # fmt: skip
    copy = programs.copy_program(
        source=program, actor=organizer, slug="test-awards-2026", year=2026,
        title={"kk": "Жаңа", "ru": "Новый"},
    )  # fmt: skip
    assert [item.break_minutes for item in services.running_order(copy)] == [20]
