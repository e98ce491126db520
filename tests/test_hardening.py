"""Attacks found in review, across accounts, programs, uploads and mail."""

import io

import pytest
from PIL import Image

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from awards.uploads import FileKind, reencode_image
from config import DevelopmentConfig
from tests import factories


def test_inviting_an_existing_account_never_changes_its_organization(program):
    organizer = program.roles[0].user
    loner = factories.user("loner@x.kz")
    db.session.commit()
    # Refused with the reason beside the field, not dropped silently (see check_invitation).
    with pytest.raises(DomainError) as error:
        programs.invite_member(
            program=program, actor=organizer, email="loner@x.kz", role="judge",
            organization_names={"ru": "Chamber"},
        )  # fmt: skip
    assert error.value.field == "organization"
    db.session.rollback()
    assert db.session.get(User, loner.id).organization is None


def test_changing_the_password_ends_other_sessions(app, program):
    stolen, owner = app.test_client(), app.test_client()
    for client in (stolen, owner):
        client.post("/login", data={"email": "committee@x.kz", "password": factories.PASSWORD})
    owner.post(
        "/account/password",
        data={"current_password": factories.PASSWORD, "password": "brand new password 1",
              "confirm": "brand new password 1"},
    )  # fmt: skip
    assert owner.get("/account").status_code == 200
    assert stolen.get("/account").status_code == 302


def test_login_attempts_on_one_account_are_limited_whatever_the_address(app, program):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        app.test_client().post(
            "/login", data={"email": "committee@x.kz", "password": "wrong one!"},
            environ_base={"REMOTE_ADDR": address},
        )  # fmt: skip
    response = app.test_client().post(
        "/login", data={"email": "committee@x.kz", "password": factories.PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.4"},
    )  # fmt: skip
    assert response.status_code == 429


def test_development_config_never_uses_a_key_from_the_repository(tmp_path, monkeypatch):
    class Dev(DevelopmentConfig):
        SECRET_KEY = None
        INSTANCE_DIR = tmp_path

    Dev.check()
    first = Dev.SECRET_KEY
    assert len(first) >= 40 and (tmp_path / "secret_key").read_text() == first

    class Again(DevelopmentConfig):
        SECRET_KEY = None
        INSTANCE_DIR = tmp_path

    Again.check()
    assert first == Again.SECRET_KEY


def test_jpeg_comments_do_not_survive_reencoding(app):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG", comment=b"Scanned by Org X")
    assert b"Scanned by Org X" in buffer.getvalue()
    assert b"Scanned by Org X" not in reencode_image(buffer.getvalue(), FileKind.JPEG)


def test_pictures_of_too_many_pixels_are_refused_before_decoding(app):
    buffer = io.BytesIO()
    Image.new("1", (7000, 7000)).save(buffer, "PNG")
    try:
        reencode_image(buffer.getvalue(), FileKind.PNG)
    except DomainError as error:
        assert error.field == "file"
    else:
        raise AssertionError("a 49-megapixel picture was accepted")
