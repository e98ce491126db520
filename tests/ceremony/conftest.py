"""Ceremony fixtures: the factory program's organizer, and running-order points made through
the real services."""

from datetime import time

import pytest

from awards.ceremony import services
from awards.extensions import db


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
