"""Collecting every broken rule of a request so a service refuses once, naming each field."""

import pytest

from awards.errors import DomainError, FieldErrors


def _refuse(message, field=None):
    raise DomainError(message, field=field)


def test_nothing_found_raises_nothing_and_returns_the_rules_results(app):
    problems = FieldErrors()
    assert problems.run(lambda value: value * 2, 21) == 42
    problems.raise_any()
    assert not problems


def test_one_problem_is_raised_as_it_was(app):
    problems = FieldErrors()
    assert problems.run(_refuse, "Enter a year.", "year") is None
    with pytest.raises(DomainError) as error:
        problems.raise_any()
    assert (error.value.message, error.value.field, error.value.fields) == (
        "Enter a year.", "year", {}
    )  # fmt: skip


def test_several_problems_are_raised_once_each_beside_its_field(app):
    problems = FieldErrors()
    problems.run(_refuse, "Bad slug.", "slug")
    problems.run(_refuse, "Bad year.", "year")
    problems.run(_refuse, "Second word on the slug.", "slug")
    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(DomainError) as error,
    ):
        problems.raise_any()
    # The first message about a field is the one shown beside it.
    assert error.value.fields == {"slug": "Bad slug.", "year": "Bad year."}
    assert error.value.message == "Correct the fields marked below."


def test_a_problem_without_a_field_heads_the_form(app):
    problems = FieldErrors()
    problems.run(_refuse, "Nominations are closed.")
    problems.run(_refuse, "Bad year.", "year")
    with pytest.raises(DomainError) as error:
        problems.raise_any()
    assert error.value.message == "Nominations are closed."
    assert error.value.fields == {"year": "Bad year."}
