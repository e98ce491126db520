"""Error pages bound in awards/web.py: a database that does not answer gets a calm page that
says nothing was saved, in the reader's language, rendered without the database."""

import pytest

from awards import create_app


@pytest.fixture
def unreachable(tmp_path):
    """The app on a database file that cannot be opened (its folder does not exist)."""
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/gone/awards.sqlite3"})


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "nothing was saved"), ("ru", "ничего не сохранено"), ("kk", "ештеңе сақталмады")],
)
def test_a_database_that_does_not_answer_gets_a_try_again_page(unreachable, language, text):
    response = unreachable.test_client().post(
        "/login", data={"email": "judge@x.kz", "password": "whatever it is"},
        headers={"Accept-Language": language},
    )  # fmt: skip
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert 'id="unavailable"' in page and f'lang="{language}"' in page
    assert text in page


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/programs/%00", None),
        ("GET", "/verify/abc%00def", None),
        ("GET", "/programs/?category=1%00", None),
        ("POST", "/login", {"email": "a\x00@x.kz", "password": "whatever it is"}),
        ("POST", "/password/forgot", {"email\x00": "a@x.kz"}),
    ],
)
def test_a_nul_character_anywhere_is_refused_before_any_view(client, method, url, data):
    assert client.open(url, method=method, data=data).status_code == 400
