"""Outgoing email after commit: through the job queue to a real SMTP server, tried again when
refused, logged when given up, and never failing the request that committed."""

import logging

import pytest

from awards.extensions import db
from awards.mail import unreachable_base_url
from tests import factories
from tests.smtp import GreylistingServer, free_port

RESET = "/password/forgot"


@pytest.fixture
def member(app):
    user = factories.user("member@x.kz")
    db.session.commit()
    return user


def _send_to(app, server: GreylistingServer, **settings) -> None:
    app.config.update(server.settings(), **settings)


def test_a_message_the_server_refuses_once_is_sent_on_the_retry(app, client, member, outbox):
    with GreylistingServer(refusals=1) as server:
        _send_to(app, server)
        response = client.post(RESET, data={"email": "member@x.kz"})
    assert response.status_code == 302
    assert server.offers == 2
    (sent,) = server.received
    (copy,) = outbox()  # one copy, however many attempts
    assert sent["To"] == copy["To"] == "member@x.kz"
    assert (sent["Message-ID"], sent["Subject"]) == (copy["Message-ID"], copy["Subject"])
    # The same text, its lines ended as SMTP ends them.
    assert sent.get_content().splitlines() == copy.get_content().splitlines()


def test_a_message_never_taken_is_logged_and_the_request_stands(
    app, client, member, outbox, caplog
):
    with GreylistingServer(refusals=100) as server, caplog.at_level(logging.WARNING):
        _send_to(app, server, MAIL_RETRIES=2)
        response = client.post(RESET, data={"email": "member@x.kz"})
    assert response.status_code == 302
    assert (server.offers, server.received) == (3, [])
    (copy,) = outbox()
    mail_log = [r for r in caplog.records if r.name == "awards.mail"]
    assert [r.levelname for r in mail_log] == ["WARNING", "WARNING", "ERROR"]
    assert "trying again later" in mail_log[0].getMessage()
    given_up = mail_log[-1].getMessage()
    assert "gave up" in given_up and copy["Message-ID"] in given_up and "member@x.kz" in given_up


def test_without_a_queue_server_the_message_is_sent_at_once(app, client, member, caplog):
    """The queue's Redis is down: the message is not lost with it."""
    with GreylistingServer(refusals=0) as server:
        nobody = f"redis://127.0.0.1:{free_port()}/0"
        _send_to(app, server, JOBS_IMMEDIATE=False, REDIS_URL=nobody)
        with caplog.at_level(logging.ERROR, logger="awards.mail"):
            response = client.post(RESET, data={"email": "member@x.kz"})
    assert response.status_code == 302
    assert [m["To"] for m in server.received] == ["member@x.kz"]
    (record,) = [r for r in caplog.records if r.name == "awards.mail"]
    assert "could not queue email to member@x.kz" in record.getMessage()


@pytest.mark.parametrize(
    ("base_url", "unreachable"),
    [
        ("http://127.0.0.1:5101", True),
        ("http://localhost:5000", True),
        ("https://localhost", True),
        ("https://127.0.0.2", True),
        ("http://[::1]:8000", True),
        ("http://0.0.0.0:5000", True),
        ("https://awards.localhost", True),
        ("http://awards.edu.kz", True),
        ("https://awards.edu.kz", False),
        ("https://192.0.2.10:8443", False),
    ],
)
def test_a_base_url_a_phone_cannot_open_safely_is_unreachable(base_url, unreachable):
    assert unreachable_base_url(base_url) is unreachable
