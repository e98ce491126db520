"""Ceremony fixtures: the factory program's organizer, and running-order points made through
the real services."""

from datetime import time

import pytest

from awards.ceremony import services
from awards.extensions import db
from tests.results.conftest import scored  # noqa: F401  (a fixture for the guests tests)


def organizer_of(program):
    return next(role.user for role in program.roles if role.role == "organizer")


def add_point(program, at: str, kk: str, ru: str, *, category=None, presenter=None):
    """A running-order point at ``at`` ("10:30"), awarding ``category`` if given."""
    return services.add_running_order_item(
        program=program, actor=organizer_of(program), starts_at=time.fromisoformat(at),
        title={"kk": kk, "ru": ru}, presenter=presenter,
        category_id=category.id if category else None,
    )  # fmt: skip


@pytest.fixture
def organizer(program):
    return organizer_of(program)


@pytest.fixture
def running_order(program):
    """Opening, the award of the factory's category, closing; committed."""
    points = [
        add_point(program, "10:00", "Ашылуы", "Открытие"),
        add_point(program, "10:30", "Марапаттау", "Награждение", category=program.categories[0]),
        add_point(program, "11:00", "Жабылуы", "Закрытие"),
    ]
    db.session.commit()
    return points


@pytest.fixture
def laureates(scored):  # noqa: F811  (the results fixture, imported above)
    """The results fixture's category frozen with Kazzinc and Ulba as laureates, and the
    ceremony on 19 December 2025 at 15:00 in Almaty; committed."""
    from datetime import datetime

    from awards.results import services as results

    program = scored["program"]
    program.ceremony_at = datetime(2025, 12, 19, 10, 0)  # naive UTC
    program.timezone = "Asia/Almaty"
    program.venue = {"kk": "Өскемен, Дружба халықтар үйі", "ru": "Усть-Каменогорск, Дом дружбы"}
    category = program.categories[0]
    category.max_laureates = 2
    chosen = [scored["entries"][name].id for name in ("Kazzinc Nominee", "Ulba Nominee")]
    results.confirm_laureates(
        category=category, actor=organizer_of(program), chosen=chosen, reason="Тең ұпай"
    )
    db.session.commit()
    return scored
