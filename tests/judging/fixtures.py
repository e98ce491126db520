"""Judging fixtures: a program whose judging is open, with accepted nominations and a jury."""

import io
from datetime import datetime

import pytest
from PIL import Image

from awards.extensions import db
from awards.judging import assignments
from awards.nominations import documents
from awards.nominations import services as nominations
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories

NOMINATION_WINDOW = (datetime(2026, 3, 1), datetime(2026, 4, 1))
JUDGING_WINDOW = (datetime(2026, 4, 2), datetime(2026, 5, 1))
SUBMITTED = datetime(2026, 3, 10)
JUDGING = datetime(2026, 4, 10)
AFTER_JUDGING = datetime(2026, 5, 1)


def open_judging(program, *, judging=JUDGING_WINDOW):
    organizer = program.roles[0].user
    programs.update_program(
        program=program, actor=organizer,
        nominations_open_at=NOMINATION_WINDOW[0], nominations_close_at=NOMINATION_WINDOW[1],
        judging_open_at=judging[0], judging_close_at=judging[1],
    )  # fmt: skip


def accepted_nomination(program, committee, name, *, category=None, bin="", document=False):
    """An organization nominated by ``committee``'s organization, submitted and accepted;
    with a picture attached when ``document``."""
    organizer = program.roles[0].user
    nomination = nominations.create_nomination(
        program=program, category=category or program.categories[0], actor=committee,
        now=SUBMITTED, org_name={"ru": name, "kk": name}, bin=bin, city="Өскемен",
        justification="Вклад в подготовку кадров.", contact_name="Контакт",
        contact_phone="+7 700 000 00 00",
    )  # fmt: skip
    if document:
        picture = io.BytesIO()
        Image.new("RGB", (4, 3), "red").save(picture, "PNG")
        picture.seek(0)
        documents.add_document(
            nomination=nomination, actor=committee, stream=picture, filename="letter.png",
            now=SUBMITTED,
        )  # fmt: skip
    nominations.submit_nomination(nomination=nomination, actor=committee, now=SUBMITTED)
    nominations.accept_nomination(nomination=nomination, actor=organizer, now=SUBMITTED)
    return nomination


def add_judge(program, email, organization_name):
    organizer = program.roles[0].user
    judge = factories.user(email, organization=factories.organization(organization_name))
    programs.grant_role(program=program, user=judge, role=Role.JUDGE, actor=organizer)
    return judge


@pytest.fixture
def jury(program):
    """Three accepted nominations, two more judges, everyone assigned; judging open."""
    open_judging(program)
    users = {role.user.email: role.user for role in program.roles}
    committee = users["committee@x.kz"]
    entries = {
        name: accepted_nomination(program, committee, name)
        for name in ("Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee")
    }
    judges = {
        "judge@x.kz": users["judge@x.kz"],
        "judge2@x.kz": add_judge(program, "judge2@x.kz", "Second University"),
        "judge3@x.kz": add_judge(program, "judge3@x.kz", "Third College"),
    }
    organizer = users["organizer@x.kz"]
    for judge in judges.values():
        assignments.assign_to_category(category=program.categories[0], judge=judge, actor=organizer)
    db.session.commit()
    return {"program": program, "entries": entries, "judges": judges, "organizer": organizer,
            "committee": committee}  # fmt: skip
