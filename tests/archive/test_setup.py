"""The ceremony and certificate setup travels with the archive: logo, running order, partners,
certificate settings with their pictures."""

import base64
import copy
import io
from datetime import time

from PIL import Image

from awards.archive.writing import program_archive
from awards.ceremony import screen
from awards.ceremony.services import add_running_order_item, ceremony_partners, running_order
from awards.certificates.models import KINDS
from awards.certificates.settings import settings_of
from awards.extensions import db
from awards.programs.services import get_program_by_slug
from awards.uploads import upload_folder
from tests.archive.conftest import LATE_GUEST, PARTNERS, bring, counts, stored_files


def pixels(content: bytes | None) -> tuple | None:
    """What a picture shows: its size and its RGBA pixels."""
    if content is None:
        return None
    with Image.open(io.BytesIO(content)) as image:
        rgba = image.convert("RGBA")
        return rgba.size, rgba.tobytes()


def setup_of(program) -> dict:
    """The program's logo, running order, partners and certificate settings, without ids."""
    settings = settings_of(program)
    logo = (upload_folder() / program.logo_file).read_bytes() if program.logo_file else None
    return {
        "logo": pixels(logo),
        "running_order": [
            (item.starts_at, item.title, item.presenter, item.category and item.category.slug,
             item.break_minutes)
            for item in running_order(program)
        ],
        "partners": [partner.name for partner in ceremony_partners(program)],
        "certificates": (
            settings.id is not None, settings.theme, settings.print_english,
            [settings.citation(kind) for kind in KINDS],
            [(s.position, s.name, s.title, pixels(s.signature_image and s.signature_image.content))
             for s in settings.signatories],
            pixels(settings.seal_image and settings.seal_image.content),
        ),
    }  # fmt: skip


def test_the_archive_carries_the_setup(archived):
    document = program_archive(archived["program"])
    assert [item["title"] for item in document["running_order"]][-1] == LATE_GUEST
    assert [partner["name"] for partner in document["partners"]] == PARTNERS
    certificates = document["certificates"]
    assert (certificates["theme"], certificates["print_english"]) == ("modern", True)
    assert [s["position"] for s in certificates["signatories"]] == [1, 2]
    assert certificates["signatories"][1]["signature"] is None
    logo = base64.b64decode(document["program"]["logo"])
    assert pixels(logo) == setup_of(archived["program"])["logo"]


def test_a_round_trip_keeps_the_setup(archived, elsewhere):
    program = archived["program"]
    document, before = program_archive(program), setup_of(program)
    assert before["logo"] and before["certificates"][0]
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug("test-awards")
        assert setup_of(moved) == before
        assert len(stored_files()) == 1  # the logo


def test_the_running_order_keeps_a_point_out_of_time_order(archived, elsewhere):
    document = program_archive(archived["program"])
    with elsewhere.app_context():
        bring(document)
        times = [item.starts_at.strftime("%H:%M") for item in
                 running_order(get_program_by_slug("test-awards"))]  # fmt: skip
    assert times == ["10:00", "10:30", "09:45"]


def test_a_program_without_setup_moves_without_it(program, elsewhere):
    document = program_archive(program)
    assert (document["program"]["logo"], document["running_order"]) == (None, [])
    assert (document["partners"], document["certificates"]) == ([], None)
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug(program.slug)
        assert settings_of(moved).id is None and moved.logo_file is None
        assert stored_files() == []


def test_an_archive_of_version_1_imports_as_before(archived, elsewhere):
    document = copy.deepcopy(program_archive(archived["program"]))
    for section in ("running_order", "partners", "certificates"):
        del document[section]
    del document["program"]["logo"]
    document["version"] = 1
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug("test-awards")
        assert counts()["Scorecard"] == len(document["scorecards"])
        assert running_order(moved) == [] and ceremony_partners(moved) == []
        assert settings_of(moved).id is None and moved.logo_file is None
        db.session.rollback()


def test_a_break_and_the_hall_screen_travel_without_the_screen_link(archived, elsewhere):
    program, organizer = archived["program"], archived["organizer"]
    add_running_order_item(
        program=program, actor=organizer, starts_at=time(11, 0), break_minutes=15,
        title={"kk": "Үзіліс", "ru": "Перерыв"}, position=len(running_order(program)),
    )  # fmt: skip
    shown = screen.open_screen(program=program, actor=organizer)
    screen.move_screen(screen=shown, actor=organizer, position=3, count=9)
    db.session.commit()
    document, before, token = program_archive(program), setup_of(program), shown.token
    assert document["screen"] == {"position": 3}
    assert document["running_order"][-1]["break_minutes"] == 15
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug("test-awards")
        assert setup_of(moved) == before
        arrived = screen.find_screen(moved)
        assert arrived.position == 3 and arrived.token != token


def test_an_archive_of_version_3_imports_without_breaks_or_screen(archived, elsewhere):
    document = copy.deepcopy(program_archive(archived["program"]))
    del document["screen"]
    for item in document["running_order"]:
        del item["break_minutes"]
    document["version"] = 3
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug("test-awards")
        assert [item.break_minutes for item in running_order(moved)] == [None, None, None]
        assert screen.find_screen(moved) is None
