"""Fixtures: a fresh app and database per test (SQLite, or PostgreSQL when
AWARDS_TEST_DATABASE_URL is set: see tests/databases.py), a client, and a logged-in helper."""

import re
from email import message_from_bytes, policy

import pytest
from flask.testing import FlaskClient

from awards import create_app
from awards.extensions import db, limiter
from tests import databases, factories

# Judging fixtures (a program with accepted entries and a jury) serve the results tests too.
pytest_plugins = ["tests.judging.fixtures", "tests.certificates.registry"]


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production: no `g` or session carries over.

    The test's own session commits before the request and forgets its cache afterwards,
    so assertions read what the request really stored.
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "MAIL_OUTBOX": tmp_path / "outbox",
            "UPLOAD_FOLDER": tmp_path / "uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        databases.prepare()
        limiter.reset()
        yield app
        databases.release()


@pytest.fixture
def database_url(tmp_path):
    """A database for the apps a test makes itself (a live server, another installation,
    other processes), apart from the `app` fixture's: every table present, no row."""
    return databases.url("own", tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def outbox(app):
    """The emails delivered so far, parsed, oldest first."""

    folder = app.config["MAIL_OUTBOX"]

    def read():
        if not folder.exists():
            return []
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(folder.iterdir())
        ]

    return read


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email, password=factories.PASSWORD):
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def program(app):
    """A program with an organizer, a committee member, a judge and one category."""
    return factories.program_with_people()


def link_in(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()  # also beside attachments
    return re.search(r"https?://\S+", text).group(0)
