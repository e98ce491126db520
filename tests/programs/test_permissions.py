from flask_login import AnonymousUserMixin

from awards.programs import services
from awards.programs.permissions import can_create_program, can_manage_program, can_view_program
from awards.programs.services import get_program_by_slug
from tests import factories


def people(program):
    return {r.user.email: r.user for r in program.roles}


def test_organizer_manages_committee_and_judge_only_view(program):
    users = people(program)
    assert can_manage_program(users["organizer@x.kz"], program)
    assert not can_manage_program(users["committee@x.kz"], program)
    assert not can_manage_program(users["judge@x.kz"], program)
    assert can_view_program(users["committee@x.kz"], program)
    assert can_view_program(users["judge@x.kz"], program)


def test_outsider_and_anonymous_cannot_view(program):
    outsider = factories.user("outsider@x.kz")
    assert not can_view_program(outsider, program)
    assert not can_view_program(AnonymousUserMixin(), program)
    assert not can_create_program(AnonymousUserMixin())


def test_roles_do_not_leak_between_programs(program):
    organizer = people(program)["organizer@x.kz"]
    judge = people(program)["judge@x.kz"]
    second = services.create_program(
        actor=organizer, slug="second", year=2025, title={"kk": "Екі", "ru": "Два"}
    )
    assert not can_view_program(judge, second)
    assert get_program_by_slug("second") == second
