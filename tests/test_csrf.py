import re

import pytest

from awards import create_app
from awards.extensions import db, limiter
from awards.programs.models import Category
from tests import databases, factories


@pytest.fixture
def csrf_app(tmp_path):
    app = create_app({"WTF_CSRF_ENABLED": True, "MAIL_OUTBOX": tmp_path / "outbox"})
    with app.app_context():
        databases.prepare()
        limiter.reset()
        factories.program_with_people()
        yield app
        databases.release()


def token_from(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_post_without_token_is_refused_and_changes_nothing(csrf_app):
    client = csrf_app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    client.post(
        "/login",
        data={
            "email": "organizer@x.kz",
            "password": factories.PASSWORD,
            "csrf_token": token_from(login_page),
        },
    )
    response = client.post(
        "/programs/test-awards/categories/new",
        data={"slug": "forged", "title_kk": "Жалған", "title_ru": "Подделка",
              "nominee_kind": "organization", "max_laureates": "1"},
    )  # fmt: skip
    assert response.status_code == 400
    assert db.session.query(Category).filter_by(slug="forged").count() == 0


def test_login_without_token_does_not_log_in(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/login", data={"email": "organizer@x.kz", "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/programs/").status_code == 302
