import re

import pytest

from awards import create_app
from config import ProductionConfig


def test_healthz_answers_ok_after_a_query(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_database_unreachable(tmp_path):
    missing = tmp_path / "no-such-dir" / "db.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    class NoSecret(ProductionConfig):
        SECRET_KEY = None

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(NoSecret)


def test_production_cookies_are_secure():
    class WithSecret(ProductionConfig):
        SECRET_KEY = "x" * 32

    app = create_app(WithSecret)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.debug is False


def test_session_cookie_flags_on_login(client, auth, program):
    response = auth.login("organizer@x.kz")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_404_in_readers_language(client):
    page = client.get("/nope", headers={"Accept-Language": "ru"})
    assert page.status_code == 404
    assert "Такой страницы не существует." in page.get_data(as_text=True)


def test_index_sends_visitors_to_login(client):
    assert client.get("/").location == "/login"


def test_templates_escape_user_text(client, auth, program):
    auth.login("organizer@x.kz")
    client.post(
        "/programs/test-awards/edit",
        data={"slug": "test-awards", "title_kk": "<script>alert(1)</script>", "title_ru": "Тест",
              "title_en": "<script>alert(1)</script>", "year": "2025", "timezone": "Asia/Almaty",
              "judges_per_nomination": "3", "scoring_method": "mean"},
    )  # fmt: skip
    page = client.get("/programs/test-awards").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_page_names_its_icon_so_no_browser_asks_for_favicon_ico(client):
    """A browser asking /favicon.ico got a 404 page that re-sent the session cookie as it was
    before a language switch made at the same moment: the switch was lost."""
    page = client.get("/login").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    response = client.get(icon)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "Set-Cookie" not in response.headers
    response.close()


def test_a_proxys_refusal_of_a_large_upload_comes_back_to_the_form(client):
    english = {"Accept-Language": "en"}
    response = client.get(
        "/upload-too-large", headers={"Referer": "http://localhost/programs/x/ballots", **english}
    )
    assert (response.status_code, response.location) == (303, "/programs/x/ballots")
    page = client.get("/login", headers=english).get_data(as_text=True)
    assert "The file is too large; files up to 10 MB are accepted." in page
