"""Test data made through the real services: no surprises, every default visible here."""

from awards.accounts import services as accounts
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.models import Role

PASSWORD = "correct horse battery"


def user(email, *, name="Test User", locale="en", organization=None, is_admin=False):
    return accounts.create_user(
        email=email, name=name, password=PASSWORD, locale=locale,
        organization=organization, is_admin=is_admin, actor=None,
    )  # fmt: skip


def organization(name="Test College", bin=None):
    return accounts.find_or_create_organization(name={"kk": name, "ru": name}, bin=bin, actor=None)


def program_with_people(slug="test-awards"):
    """A program, organizer@x.kz (site admin), committee@x.kz, judge@x.kz, one category."""
    organizer = user("organizer@x.kz", is_admin=True, organization=organization("Department"))
    committee = user("committee@x.kz", organization=organization("Chamber"))
    judge = user("judge@x.kz", organization=organization("University"))
    program = programs.create_program(
        actor=organizer, slug=slug, year=2025,
        title={"kk": "Сынақ байқауы", "ru": "Тестовый конкурс", "en": "Test Awards"},
    )  # fmt: skip
    programs.grant_role(program=program, user=committee, role=Role.COMMITTEE, actor=organizer)
    programs.grant_role(program=program, user=judge, role=Role.JUDGE, actor=organizer)
    category = programs.add_category(
        program=program, actor=organizer, slug="best-patron",
        title={"kk": "Жылдың үздік меценаты", "ru": "Лучший меценат года", "en": "Best Patron"},
    )  # fmt: skip
    programs.add_criterion(
        category=category, actor=organizer, name={"kk": "Үлес", "ru": "Вклад", "en": "Impact"},
        weight=2, max_points=10,
    )  # fmt: skip
    db.session.commit()
    return program
