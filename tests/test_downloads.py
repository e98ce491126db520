"""File names of downloads: RFC 6266 headers, and Kazakh and Russian names through a real server
(the test client does not encode headers, so only a real server shows a refused name)."""

import hashlib
import http.client
import threading
import urllib.parse

import pytest
from werkzeug.http import parse_options_header
from werkzeug.serving import make_server

from awards import create_app
from awards.certificates import issuing
from awards.downloads import ascii_name, content_disposition
from awards.extensions import db, limiter
from awards.protocols import services as protocols
from tests import databases, factories
from tests.certificates.registry import confirm_kazzinc
from tests.protocols.conftest import met  # noqa: F401 -- the protocol's fixture, served here

NAMES = [
    "ТОО «Казцинк».pdf",
    "WP-2025-0001_Қазмырыш_ЖШС.pdf",
    'Ұлы Дала; "жоба" 2025.zip',
    "refused-rows.csv",
    "«»",
]


@pytest.mark.parametrize("name", NAMES)
def test_content_disposition_carries_the_name_and_stays_latin_1(name):
    header = content_disposition(name)
    header.encode("latin-1")  # what a real server must be able to write
    disposition, options = parse_options_header(header)
    assert disposition == "attachment"
    assert options["filename"] == name


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("ТОО «Казцинк».pdf", "TOO Kaztsink.pdf"),
        ("Қазмырыш-ӨҢҒҮҰІӘҺ.pdf", "Qazmyrysh-ONGUUIAH.pdf"),
        ('a"b;c\r\nd.csv', "ab_c_d.csv"),
        ("«».pdf", "download.pdf"),
        ("plain.pdf", "plain.pdf"),
    ],
)
def test_ascii_name_transliterates_and_drops_what_would_break_the_header(name, fallback):
    assert ascii_name(name) == fallback


def test_an_ascii_name_is_sent_as_it_is():
    assert content_disposition("plain.pdf", inline=True) == "inline; filename=plain.pdf"


@pytest.fixture
def app(tmp_path, database_url):
    """Like the suite's app, on a database that a server thread can share (not in memory)."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": tmp_path / "outbox",
            "UPLOAD_FOLDER": tmp_path / "uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    with app.app_context():
        limiter.reset()
        yield app
        databases.release()


@pytest.fixture
def served(app):
    """The test's app behind werkzeug's own server (what `flask run` uses) on a free port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join()
    server.server_close()


def _logged_in_get(port: int, email: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = urllib.parse.urlencode({"email": email, "password": factories.PASSWORD})
    connection.request(
        "POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    login = connection.getresponse()
    login.read()
    assert login.status == 302
    cookie = login.getheader("Set-Cookie").split(";", 1)[0]
    connection.request("GET", path, headers={"Cookie": cookie})
    return connection.getresponse()


def test_a_certificate_with_a_russian_name_downloads_through_a_real_server(served, scored):
    nomination = scored["entries"]["Kazzinc Nominee"]
    nomination.org_name = {"ru": "ТОО «Казцинк»", "kk": "«Қазмырыш» ЖШС"}
    ceremony = scored
    confirm_kazzinc(scored)
    (certificate,) = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    db.session.flush()
    path = f"/programs/{ceremony['program'].slug}/certificates/{certificate.id}/pdf"
    email, serial = ceremony["organizer"].email, certificate.serial
    db.session.commit()  # and nothing read afterwards: the server may write
    response = _logged_in_get(served, email, path)
    content = response.read()
    assert response.status == 200 and content.startswith(b"%PDF-")
    _, options = parse_options_header(response.getheader("Content-Disposition"))
    assert options["filename"] == f"{serial}_ТОО_Казцинк.pdf"


def test_the_jury_protocol_downloads_through_a_real_server(served, met):  # noqa: F811
    protocol, _new = protocols.issue_protocol(program=met["program"], actor=met["organizer"])
    path = f"/programs/{met['program'].slug}/protocol/{protocol.id}.pdf"
    serial, sha256 = protocol.serial, protocol.sha256
    db.session.commit()  # and nothing read afterwards: the server may write
    response = _logged_in_get(served, "organizer@x.kz", path)
    content = response.read()
    assert response.status == 200 and hashlib.sha256(content).hexdigest() == sha256
    _, options = parse_options_header(response.getheader("Content-Disposition"))
    assert options["filename"] == f"Протокол_заседания_жюри_{serial}.pdf"
