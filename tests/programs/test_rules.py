"""The program, category and criterion rules as plain functions, and the services applying them."""

from datetime import datetime

import pytest

from awards.errors import DomainError
from awards.programs import rules, services
from tests import factories


@pytest.mark.parametrize(
    ("rule", "value", "field"),
    [
        (rules.check_year, 1999, "year"), (rules.check_year, 2101, "year"),
        (rules.check_year, 2025.0, "year"), (rules.check_timezone, "Mars/Olympus", "timezone"),
        (rules.check_timezone, "../../etc/passwd", "timezone"),
        (rules.check_judges_per_nomination, 0, "judges_per_nomination"),
        (rules.check_judges_per_nomination, 51, "judges_per_nomination"),
        (rules.check_max_laureates, -1, "max_laureates"),
        (rules.check_max_laureates, 1001, "max_laureates"),
        (rules.check_slug, "a" * 81, "slug"),
    ],
)  # fmt: skip
def test_a_setting_out_of_its_range_is_refused(app, rule, value, field):
    with pytest.raises(DomainError) as error:
        rule(value)
    assert error.value.field == field


@pytest.mark.parametrize(
    ("weight", "max_points", "step", "field"),
    [(0.001, 10, 1, "weight"), (1001, 10, 1, "weight"), (True, 10, 1, "weight"),
     (1, 0, 1, "max_points"), (1, 1001, 1, "max_points"), (1, 10.5, 0.5, "max_points"),
     (1, 10, 0.001, "step"), (1, 10, 11, "step")],
)  # fmt: skip
def test_rubric_numbers_out_of_range_are_refused(app, weight, max_points, step, field):
    with pytest.raises(DomainError) as error:
        rules.check_rubric_numbers(weight, max_points, step)
    assert error.value.field == field


def test_rubric_numbers_at_the_edges_are_accepted(app):
    rules.check_rubric_numbers(0.01, 1000, 0.01)
    rules.check_rubric_numbers(1000, 1, 1)


def test_texts_longer_than_the_limit_are_refused(app):
    assert rules.check_texts({"kk": "а" * 300, "ru": "б"}, field="title")["kk"] == "а" * 300
    with pytest.raises(DomainError, match="at most 300 characters") as error:
        rules.check_texts({"kk": "а", "ru": "б", "en": "c" * 301}, field="title")
    assert error.value.field == "title"


def test_the_services_apply_the_rules_the_forms_used_to_keep_alone(app):
    organizer = factories.user("org@x.kz")
    program = services.create_program(
        actor=organizer, slug="p", year=2025, title={"kk": "Байқау", "ru": "Конкурс"}
    )
    with pytest.raises(DomainError) as error:
        services.update_program(program=program, actor=organizer, judges_per_nomination=51)
    assert error.value.field == "judges_per_nomination"
    with pytest.raises(DomainError) as error:
        services.update_program(program=program, actor=organizer, timezone="Nowhere/Land")
    assert error.value.field == "timezone"
    with pytest.raises(DomainError) as error:
        services.add_category(
            program=program, actor=organizer, slug="c", title={"kk": "К", "ru": "К"},
            max_laureates=5000,
        )  # fmt: skip
    assert error.value.field == "max_laureates"


def test_every_wrong_rubric_number_is_named_at_once(app):
    with pytest.raises(DomainError) as error:
        rules.check_rubric_numbers(0, 0, 0)
    assert set(error.value.fields) == {"weight", "max_points", "step"}


def test_both_windows_closing_before_they_open_are_named_at_once(app):
    late, early = datetime(2026, 5, 1), datetime(2026, 4, 1)
    with pytest.raises(DomainError) as error:
        rules.check_windows({
            "nominations_open_at": late, "nominations_close_at": early,
            "judging_open_at": late, "judging_close_at": early,
        })  # fmt: skip
    assert set(error.value.fields) == {"nominations_close_at", "judging_close_at"}


def test_a_category_with_a_taken_slug_and_no_kazakh_title_is_refused_once_for_both(app):
    program = factories.program_with_people()
    with pytest.raises(DomainError) as error:
        services.check_category(
            program=program, slug="best-patron", title={"ru": "Лучший"}, max_laureates=-1
        )
    assert set(error.value.fields) == {"slug", "title", "max_laureates"}
