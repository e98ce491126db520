import pytest
import time_machine

from awards.accounts.models import User
from awards.extensions import db
from tests import factories
from tests.conftest import link_in
from tests.pages import masked


@pytest.fixture
def member(app):
    user = factories.user("member@x.kz", locale="ru")
    db.session.commit()
    return user


def test_login_redirects_to_programs(client, auth, member):
    response = auth.login("member@x.kz")
    assert response.status_code == 302
    assert response.location == "/programs/"


def test_login_unknown_email_and_wrong_password_read_the_same(client, auth, member):
    # Seconds apart, as two requests may be: the CSRF tokens differ, the pages must not.
    with time_machine.travel("2026-03-01 09:00:00", tick=False):
        wrong_password = auth.login("member@x.kz", "not the password").get_data(as_text=True)
    with time_machine.travel("2026-03-01 09:00:02", tick=False):
        unknown_email = auth.login("ghost@x.kz").get_data(as_text=True)
    assert 'class="form-errors"' in wrong_password
    assert masked(wrong_password.replace("member@x.kz", "ghost@x.kz")) == masked(unknown_email)


def test_login_keeps_typed_email_on_error(client, auth, member):
    page = auth.login("member@x.kz", "not the password").get_data(as_text=True)
    assert 'value="member@x.kz"' in page


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/account", "/account"),
        ("https://evil.example/", "/programs/"),
        ("//evil.example/", "/programs/"),
        ("/\\evil.example", "/programs/"),
        ("javascript:alert(1)", "/programs/"),
    ],
)
def test_login_next_only_to_paths_on_this_site(client, member, next_url, expected):
    response = client.post(
        "/login", data={"email": "member@x.kz", "password": factories.PASSWORD, "next": next_url}
    )
    assert response.location == expected


def test_login_is_rate_limited(app, client, member):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert client.post("/login", data={"email": "x@x.kz", "password": "y"}).status_code == 200
    assert client.post("/login", data={"email": "x@x.kz", "password": "y"}).status_code == 429


def test_password_reset_is_limited_per_address_whatever_the_client(client, outbox, member):
    """Five links an hour reach a mailbox, even when each request comes from another client."""
    answers = [
        client.post(
            "/password/forgot", data={"email": "Member@X.kz" if n % 2 else "member@x.kz"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        ).status_code
        for n in range(1, 8)
    ]  # fmt: skip
    assert answers == [302] * 5 + [429] * 2
    assert len(outbox()) == 5
    other = client.post("/password/forgot", data={"email": "nobody@x.kz"},
                        environ_base={"REMOTE_ADDR": "10.0.1.1"})  # fmt: skip
    assert other.status_code == 302


def test_logout_needs_post_and_ends_session(client, auth, member):
    auth.login("member@x.kz")
    assert client.get("/logout").status_code == 405
    auth.logout()
    assert client.get("/programs/").status_code == 302


def test_password_reset_by_email_link(client, outbox, member):
    client.post("/password/forgot", data={"email": "member@x.kz"})
    (message,) = outbox()
    assert message["To"] == "member@x.kz"
    link = link_in(message)
    assert link.startswith("https://awards.example.kz/password/reset/")
    path = link.removeprefix("https://awards.example.kz")
    client.post(path, data={"password": "fresh password 1", "confirm": "fresh password 1"})
    assert (
        client.post(
            "/login", data={"email": "member@x.kz", "password": "fresh password 1"}
        ).status_code
        == 302
    )


def test_password_reset_email_is_in_the_users_language(client, outbox, member):
    client.post("/password/forgot", data={"email": "member@x.kz"})
    (message,) = outbox()
    assert "Здравствуйте" in message.get_content()


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, outbox, member):
    with time_machine.travel("2026-03-01 09:00:00", tick=False):
        known = client.post(
            "/password/forgot", data={"email": "member@x.kz"}, follow_redirects=True
        )
    with time_machine.travel("2026-03-01 09:00:02", tick=False):
        unknown = client.post(
            "/password/forgot", data={"email": "nobody@x.kz"}, follow_redirects=True
        )
    assert masked(known.get_data()) == masked(unknown.get_data())
    assert len(outbox()) == 1


def test_password_reset_link_ignores_host_header(client, outbox, member):
    client.post("/password/forgot", data={"email": "member@x.kz"}, headers={"Host": "evil.example"})
    assert "evil.example" not in outbox()[0].get_content()


def test_change_password_wrong_current_keeps_old_password(client, auth, member):
    auth.login("member@x.kz")
    page = client.post(
        "/account/password",
        data={
            "current_password": "wrong!",
            "password": "new password 1",
            "confirm": "new password 1",
        },
    ).get_data(as_text=True)
    assert "current password is not correct" in page or "Текущий пароль" in page
    auth.logout()
    assert auth.login("member@x.kz").status_code == 302


def test_short_new_password_shows_error_beside_field(client, auth, member):
    auth.login("member@x.kz")
    page = client.post(
        "/account/password",
        data={"current_password": factories.PASSWORD, "password": "short", "confirm": "short"},
    ).get_data(as_text=True)
    assert 'id="password-error"' in page


def test_profile_saves_language_and_page_follows_it(client, auth, member):
    auth.login("member@x.kz")
    client.post("/account", data={"name": "Member", "locale": "kk"})
    assert db.session.get(User, member.id).locale == "kk"
    assert '<html lang="kk">' in client.get("/account").get_data(as_text=True)


def test_language_switcher_for_anonymous_visitor(client):
    client.post("/language", data={"locale": "ru", "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="ru">' in page


def test_language_switcher_never_redirects_elsewhere(client):
    response = client.post("/language", data={"locale": "ru", "next": "https://evil.example/"})
    assert response.location == "/"


def test_accept_language_used_when_nothing_chosen(client):
    page = client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert '<html lang="ru">' in page.get_data(as_text=True)


def test_default_language_is_kazakh(client):
    assert '<html lang="kk">' in client.get("/login").get_data(as_text=True)


def test_invitation_page_rejects_tampered_token(client):
    page = client.post(
        "/invitation/not-a-token",
        data={
            "name": "X",
            "locale": "kk",
            "password": "new password 1",
            "confirm": "new password 1",
        },
    ).get_data(as_text=True)
    assert "not valid" in page or "жарамсыз" in page


def _invitation_link(client, auth, outbox, *, locale):
    auth.login("organizer@x.kz")
    client.post("/programs/test-awards/people",
                data={"email": "new@x.kz", "role": "judge", "locale": locale})  # fmt: skip
    auth.logout()
    return link_in(outbox()[-1]).removeprefix("https://awards.example.kz")


def test_invitation_page_opens_in_the_invitations_language(client, auth, program, outbox):
    link = _invitation_link(client, auth, outbox, locale="ru")
    page = client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru">' in page
    # A language switched on another page earlier does not override it either.
    client.post("/language", data={"locale": "kk", "next": "/login"})
    assert '<html lang="ru">' in client.get(link).get_data(as_text=True)


def test_invitation_page_keeps_a_language_switched_on_it(client, auth, program, outbox):
    link = _invitation_link(client, auth, outbox, locale="ru")
    client.post("/language", data={"locale": "en", "next": link})
    assert '<html lang="en">' in client.get(link).get_data(as_text=True)
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)


def test_accepting_an_invitation_welcomes_in_the_chosen_language(client, auth, program, outbox):
    link = _invitation_link(client, auth, outbox, locale="ru")
    page = client.post(
        link, data={"name": "Айгүл", "locale": "kk", "password": "new password 1",
                    "confirm": "new password 1"},
        follow_redirects=True,
    ).get_data(as_text=True)  # fmt: skip
    assert '<div class="flash flash-success" role="status">Қош келдіңіз!' in page
    assert "flash-error" not in page and "form-errors" not in page


def test_an_accepted_invitation_opened_again_is_no_error(client, auth, program, outbox):
    link = _invitation_link(client, auth, outbox, locale="en")
    data = {"name": "New", "locale": "en", "password": "new password 1",
            "confirm": "new password 1"}  # fmt: skip
    client.post(link, data=data)
    # The back button, or the email's link again, while logged in: on to the programs.
    assert client.get(link).location == "/programs/"
    auth.logout()
    response = client.get(link, headers={"Accept-Language": "en"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/login"
    assert "flash-info" in page and "already been accepted" in page
    assert "form-errors" not in page and "flash-error" not in page
