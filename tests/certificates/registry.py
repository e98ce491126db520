"""Certificate fixtures (a pytest plugin of tests/conftest.py): a program with one confirmed
laureate, ready for certificates, built on the results fixtures."""

from datetime import datetime

import pytest

from awards.extensions import db
from awards.programs import services as programs
from awards.results import services as results

# Registered as a fixture of this plugin, so that tests outside tests/results can use it.
from tests.results.conftest import scored  # noqa: F401

VENUE = {"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск", "en": "Ust-Kamenogorsk"}
ORGANIZER = {
    "kk": "Шығыс Қазақстан облысының білім басқармасы",
    "ru": "Управление образования Восточно-Казахстанской области",
}


def confirm_kazzinc(jury):
    """Ceremony details filled in and Kazzinc confirmed as the category's laureate."""
    program = jury["program"]
    programs.update_program(
        program=program, actor=jury["organizer"], organizing_body=ORGANIZER, venue=VENUE,
        ceremony_at=datetime(2026, 5, 20, 10, 0),
    )  # fmt: skip
    results.confirm_laureates(
        category=program.categories[0], actor=jury["organizer"],
        chosen=[jury["entries"]["Kazzinc Nominee"].id],
    )  # fmt: skip
    db.session.commit()
    return program


@pytest.fixture
def ceremony(request):
    """The scored program with Kazzinc confirmed; the fixture dict of the results tests."""
    scored_jury = request.getfixturevalue("scored")
    confirm_kazzinc(scored_jury)
    return scored_jury
