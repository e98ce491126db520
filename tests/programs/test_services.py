from datetime import datetime

import pytest
from sqlalchemy.exc import IntegrityError

from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services
from awards.programs.models import Criterion, ProgramRole, Role
from tests import factories


@pytest.fixture
def organizer(app):
    return factories.user("org@x.kz", is_admin=True)


def make_program(organizer, slug="prize-2025", **fields):
    return services.create_program(
        actor=organizer, slug=slug, year=2025, title={"kk": "Байқау", "ru": "Конкурс"}, **fields
    )


def test_create_program_makes_creator_organizer(organizer):
    program = make_program(organizer)
    assert [(r.user, r.role) for r in program.roles] == [(organizer, Role.ORGANIZER)]


def test_create_program_requires_kazakh_and_russian_titles(organizer):
    with pytest.raises(DomainError) as error:
        services.create_program(actor=organizer, slug="p", year=2025, title={"ru": "Только"})
    assert error.value.field == "title"


@pytest.mark.parametrize("slug", ["Has Space", "кириллица", "-dash", "a--b", ""])
def test_create_program_refuses_bad_slug(organizer, slug):
    with pytest.raises(DomainError):
        make_program(organizer, slug=slug)


def test_create_program_refuses_taken_slug(organizer):
    make_program(organizer)
    with pytest.raises(DomainError):
        make_program(organizer)


def test_update_program_refuses_window_closing_before_it_opens(organizer):
    program = make_program(organizer)
    with pytest.raises(DomainError) as error:
        services.update_program(
            program=program, actor=organizer,
            nominations_open_at=datetime(2025, 11, 1), nominations_close_at=datetime(2025, 10, 1),
        )  # fmt: skip
    assert error.value.field == "nominations_close_at"


def test_schema_refuses_window_closing_before_it_opens(organizer):
    program = make_program(organizer)
    program.judging_open_at, program.judging_close_at = datetime(2025, 2, 1), datetime(2025, 1, 1)
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_categories_and_criteria_keep_their_order(organizer):
    program = make_program(organizer)
    first = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    second = services.add_category(
        program=program, actor=organizer, slug="b", title={"kk": "Б", "ru": "Б"}
    )
    assert program.categories == [first, second]
    for name in ("one", "two"):
        services.add_criterion(category=first, actor=organizer, name={"kk": name, "ru": name})
    assert [c.name["kk"] for c in first.criteria] == ["one", "two"]


def test_category_slug_unique_within_program(organizer):
    program = make_program(organizer)
    services.add_category(program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"})
    with pytest.raises(DomainError):
        services.add_category(
            program=program, actor=organizer, slug="a", title={"kk": "Б", "ru": "Б"}
        )


@pytest.mark.parametrize(
    ("weight", "max_points", "step", "field"),
    [(0, 10, 1, "weight"), (-1, 10, 1, "weight"), (1, 0, 1, "max_points"), (1, 10, 0, "step"),
     (1, 10, 11, "step")],
)  # fmt: skip
def test_criterion_numbers_checked(organizer, weight, max_points, step, field):
    program = make_program(organizer)
    category = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    with pytest.raises(DomainError) as error:
        services.add_criterion(
            category=category, actor=organizer, name={"kk": "x", "ru": "x"},
            weight=weight, max_points=max_points, step=step,
        )  # fmt: skip
    assert error.value.field == field


def test_schema_refuses_zero_weight(organizer):
    program = make_program(organizer)
    category = services.add_category(
        program=program, actor=organizer, slug="a", title={"kk": "А", "ru": "А"}
    )
    db.session.add(Criterion(category=category, name={"kk": "x"}, weight=0))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_copy_program_clones_categories_and_criteria_only(organizer):
    program = factories.program_with_people()
    copy = services.copy_program(
        source=program, actor=organizer, slug="test-awards-2026", year=2026,
        title={"kk": "Жаңа", "ru": "Новый"},
    )  # fmt: skip
    assert [c.slug for c in copy.categories] == [c.slug for c in program.categories]
    assert copy.categories[0].criteria[0].name == program.categories[0].criteria[0].name
    assert copy.categories[0].criteria[0].weight == 2
    assert [r.user for r in copy.roles] == [organizer]
    assert copy.year == 2026


def test_invite_member_creates_pending_user_and_sends_link(app, organizer, outbox):
    program = make_program(organizer)
    services.invite_member(
        program=program, actor=organizer, email="New@X.kz", role="judge", locale="ru"
    )
    db.session.commit()
    (message,) = outbox()
    assert message["To"] == "new@x.kz"
    assert "https://awards.example.kz/invitation/" in message.get_content()


def test_invite_member_sends_nothing_when_transaction_rolls_back(app, organizer, outbox):
    program = make_program(organizer)
    db.session.commit()
    services.invite_member(program=program, actor=organizer, email="new@x.kz", role="judge")
    db.session.rollback()
    assert outbox() == []


def test_person_can_hold_several_roles(organizer):
    program = make_program(organizer)
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="judge")
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="committee")
    services.invite_member(program=program, actor=organizer, email="p@x.kz", role="committee")
    roles = sorted(r.role for r in program.roles if r.user.email == "p@x.kz")
    assert roles == ["committee", "judge"]


def test_last_organizer_cannot_be_removed(organizer):
    program = make_program(organizer)
    (only,) = program.roles
    with pytest.raises(DomainError):
        services.revoke_role(program_role=only, actor=organizer)
    assert db.session.get(ProgramRole, only.id) is not None
