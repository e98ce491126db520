"""Nomination fixtures: the test program, a second committee organization, entries and files."""

import io
from datetime import datetime

import pytest
from PIL import Image

from awards.accounts.identity import bin_check_digit
from awards.extensions import db
from awards.nominations import services
from awards.operations.demo_artwork import demo_pdf
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories

WINDOW = {
    "nominations_open_at": datetime(2026, 3, 1, 4, 0),
    "nominations_close_at": datetime(2026, 4, 1, 13, 0),
}
INSIDE = datetime(2026, 3, 15, 6, 0)
AFTER = datetime(2026, 4, 1, 13, 0)
# A real one-page letter: a PDF is stored only if its copy for blind judging can be made.
PDF = demo_pdf(["Letter of support"])


def valid_bin(first_eleven: str = "99014000021") -> str:
    """A BIN with a correct check digit (the eleven digits must allow one)."""
    return first_eleven + str(bin_check_digit(first_eleven))


def png_bytes(size=(4, 3), **info) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "red").save(output, "PNG", **info)
    return output.getvalue()


def organization_fields(name="ТОО «Казцинк»", **overrides):
    fields = {
        "org_name": {"ru": name, "kk": ""}, "bin": "", "city": "Өскемен", "website": "",
        "justification": "Оснащение колледжей и поддержка WorldSkills.",
        "achievements": ["Оснастил 5 мастерских"], "contact_name": "Айдана",
        "contact_phone": "+7 700 000 00 00", "contact_email": "",
    }  # fmt: skip
    fields.update(overrides)
    return fields


@pytest.fixture
def people(program):
    """Users by email: the factory's four plus a colleague and a rival organization's member."""
    organizer = program.roles[0].user
    chamber = next(r.user for r in program.roles if r.user.email == "committee@x.kz").organization
    colleague = factories.user("colleague@x.kz", organization=chamber)
    rival = factories.user("rival@x.kz", organization=factories.organization("Rival College"))
    for user in (colleague, rival):
        programs.grant_role(program=program, user=user, role=Role.COMMITTEE, actor=organizer)
    db.session.commit()
    return {role.user.email: role.user for role in program.roles}


@pytest.fixture
def category(program):
    return program.categories[0]


def make_nomination(program, user, *, submit=False, name="ТОО «Казцинк»", **overrides):
    nomination = services.create_nomination(
        program=program, category=program.categories[0], actor=user,
        **organization_fields(name, **overrides),
    )  # fmt: skip
    if submit:
        services.submit_nomination(nomination=nomination, actor=user)
    db.session.commit()
    return nomination
