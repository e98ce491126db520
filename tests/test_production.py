"""The production setup: client addresses behind a reverse proxy, the production config, its
logging, and gunicorn as `make serve` starts it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from awards import ROOT, create_app
from awards.extensions import db, limiter
from config import ProductionConfig
from tests import databases, factories
from tests.conftest import link_in


def failed_logins(client, forwarded_for: list[str]) -> list[int]:
    """The status of one failed login per X-Forwarded-For value, each for another account so
    that only the per-address limit can refuse."""
    return [
        client.post(
            "/login", data={"email": f"nobody{n}@x.kz", "password": "wrong password"},
            headers={"X-Forwarded-For": value},
        ).status_code
        for n, value in enumerate(forwarded_for)
    ]  # fmt: skip


def test_forwarded_for_is_ignored_without_a_proxy(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    # Without a trusted proxy the header is whatever the client wrote: it changes nothing.
    assert failed_logins(client, ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) == [200, 200, 429]


@pytest.fixture
def proxied(database_url, tmp_path):
    """An app behind one reverse proxy (AWARDS_PROXY_COUNT=1)."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url, "PROXY_COUNT": 1,
        "LOGIN_RATE_LIMIT": "2 per minute", "MAIL_OUTBOX": tmp_path / "outbox",
    })  # fmt: skip
    with app.app_context():
        limiter.reset()
        yield app
        databases.release()


def test_forwarded_for_is_the_client_address_behind_a_proxy(proxied):
    client = proxied.test_client()
    assert failed_logins(client, ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) == [200, 200, 200]
    assert failed_logins(client, ["10.0.0.9"] * 3) == [200, 200, 429]


def test_only_the_address_the_proxy_added_counts(proxied):
    # nginx appends the address it saw; what the client wrote before it is not believed.
    client = proxied.test_client()
    forged = [f"6.6.6.{n}, 10.0.0.7" for n in range(3)]
    assert failed_logins(client, forged) == [200, 200, 429]


def test_emailed_links_keep_the_configured_address_behind_a_proxy(proxied, tmp_path):
    factories.user("member@x.kz")
    db.session.commit()
    proxied.test_client().post(
        "/password/forgot", data={"email": "member@x.kz"},
        headers={"X-Forwarded-For": "10.0.0.1", "X-Forwarded-Proto": "http",
                 "X-Forwarded-Host": "evil.example", "Host": "evil.example"},
    )  # fmt: skip
    (message,) = (tmp_path / "outbox").iterdir()
    link = link_in(message_from_bytes(message.read_bytes(), policy=policy.default))
    assert link.startswith("https://awards.example.kz/password/reset/")


def production(database_url: str, **settings) -> type:
    """The production config with a database of the test's own. Logging stays as the test
    runner set it: dictConfig would change it for the whole process (tested apart below)."""
    return type("Production", (ProductionConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "LOGGING": None,
        "RATELIMIT_STORAGE_URI": "memory://", **settings,
    })  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key(database_url):
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app(production(database_url, SECRET_KEY=None))


def test_production_cookies_are_secure_and_debug_is_off(database_url):
    app = create_app(production(database_url, SECRET_KEY="a production key for tests"))
    assert not app.debug and app.config["PREFERRED_URL_SCHEME"] == "https"
    with app.app_context():
        response = app.test_client().get("/login")
        databases.release()
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= {part.strip() for part in cookie.split(";")}
    assert app.config["REMEMBER_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_HTTPONLY"]


def environment(tmp_path: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a production process of the test's own."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "REDIS_URL")}
    env.update({
        "FLASK_CONFIG": "production", "DATABASE_URL": database_url,
        "AWARDS_INSTANCE_DIR": str(tmp_path), "AWARDS_UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "RATELIMIT_STORAGE_URI": "memory://", "SECRET_KEY": "a production key for tests",
    })  # fmt: skip
    env.update(settings)
    return {k: v for k, v in env.items() if v}


def test_production_logs_go_to_stdout(tmp_path, database_url):
    code = (
        "import logging; from awards import create_app; app = create_app();"
        "app.logger.warning('marker from the app');"
        "logging.getLogger('awards.mail').info('marker from a module')"
    )
    result = subprocess.run(  # noqa: S603  (this Python, fixed code)
        [sys.executable, "-c", code], env=environment(tmp_path, database_url), cwd=ROOT,
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert "[WARNING] awards: marker from the app" in result.stdout
    assert "[INFO] awards.mail: marker from a module" in result.stdout
    assert "marker" not in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(env: dict[str, str], out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    with out.open("w") as stdout:
        return subprocess.Popen(  # noqa: S603  (this Python's gunicorn, fixed arguments)
            command, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE
        )


def test_gunicorn_refuses_to_start_without_a_secret_key(tmp_path, database_url):
    env = environment(tmp_path, database_url, SECRET_KEY="", AWARDS_BIND=f"127.0.0.1:{free_port()}")
    server = gunicorn(env, tmp_path / "out.log")
    _, errors = server.communicate(timeout=300)
    assert server.returncode != 0
    assert "awards: SECRET_KEY must be set in the environment for production." in errors.decode()


def get(url: str, **headers: str) -> bytes:
    """GET from our own server directly, whatever proxy the environment names."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers)  # noqa: S310  (http to 127.0.0.1)
    with opener.open(request, timeout=60) as response:
        return response.read()


def test_gunicorn_serves_behind_a_proxy_with_its_logs_on_stdout(tmp_path, database_url):
    address = f"127.0.0.1:{free_port()}"
    env = environment(tmp_path, database_url, AWARDS_BIND=address, WEB_CONCURRENCY="2",
                      AWARDS_PROXY_COUNT="1")  # fmt: skip
    server = gunicorn(env, tmp_path / "out.log")
    try:
        deadline = time.monotonic() + 300  # a bound on waiting, not a measurement
        while True:
            try:
                health = json.loads(get(f"http://{address}/healthz"))
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.5)
        assert health == {"status": "ok", "database": "ok"}
        get(f"http://{address}/login", **{"X-Forwarded-For": "203.0.113.7"})
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=300)
    log = (tmp_path / "out.log").read_text()
    assert "[INFO] gunicorn.error: Booting worker" in log
    assert '203.0.113.7 "GET /login HTTP/1.1" 200' in log
    assert "gunicorn" not in errors.decode()
