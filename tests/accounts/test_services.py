from datetime import timedelta

import pytest
import time_machine

from awards.accounts import services
from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from tests import factories


def test_hash_password_uses_argon2id(app):
    assert services.hash_password("long enough password").startswith("$argon2id$")


def test_hash_password_refuses_short_password(app):
    with pytest.raises(DomainError) as error:
        services.hash_password("short")
    assert error.value.field == "password"


def test_authenticate_with_right_password_returns_user(app):
    user = factories.user("a@x.kz")
    assert services.authenticate(email="A@X.kz ", password=factories.PASSWORD) == user
    assert user.last_login_at is not None


def test_authenticate_wrong_password_and_unknown_email_both_fail(app):
    factories.user("a@x.kz")
    assert services.authenticate(email="a@x.kz", password="wrong password!") is None
    assert services.authenticate(email="nobody@x.kz", password=factories.PASSWORD) is None


def test_authenticate_refuses_invited_user_without_password(app):
    services.create_user(email="invited@x.kz", actor=None)
    assert services.authenticate(email="invited@x.kz", password="") is None


def test_create_user_refuses_duplicate_email_in_any_case(app):
    factories.user("a@x.kz")
    with pytest.raises(DomainError):
        services.create_user(email="A@x.KZ", password=factories.PASSWORD, actor=None)


@pytest.mark.parametrize("email", ["judge@", "judge at x.kz", "judge@localhost", ""])
def test_create_user_refuses_an_address_no_message_can_reach(app, email):
    with pytest.raises(DomainError) as error:
        services.create_user(email=email, actor=None)
    assert error.value.field == "email"
    assert db.session.query(User).count() == 0


def test_create_user_refuses_an_overlong_name(app):
    with pytest.raises(DomainError) as error:
        services.create_user(email="long@x.kz", name="Я" * 201, actor=None)
    assert error.value.field == "name"


def test_change_password_requires_current_password(app):
    user = factories.user("a@x.kz")
    with pytest.raises(DomainError) as error:
        services.change_password(
            user=user, current_password="not it at all", new_password="new password 1", actor=user
        )
    assert error.value.field == "current_password"
    services.change_password(
        user=user, current_password=factories.PASSWORD, new_password="new password 1", actor=user
    )
    assert services.authenticate(email="a@x.kz", password="new password 1") == user


def test_reset_token_works_once(app):
    user = factories.user("a@x.kz")
    token = services.make_token(user, salt=services.RESET_SALT)
    services.reset_password(token=token, password="brand new password")
    with pytest.raises(DomainError):
        services.reset_password(token=token, password="another new password")


def test_reset_token_expires_after_two_hours(app):
    user = factories.user("a@x.kz")
    with time_machine.travel("2026-01-01 10:00", tick=False) as traveller:
        token = services.make_token(user, salt=services.RESET_SALT)
        traveller.shift(timedelta(hours=2, minutes=1))
        with pytest.raises(DomainError):
            services.reset_password(token=token, password="brand new password")


def test_reset_token_is_not_an_invitation_token(app):
    invited = services.create_user(email="new@x.kz", actor=None)
    token = services.make_token(invited, salt=services.RESET_SALT)
    with pytest.raises(DomainError):
        services.accept_invitation(token=token, name="New", password="new password 1", locale="kk")


def test_accept_invitation_activates_with_chosen_name_and_language(app):
    invited = services.create_user(email="new@x.kz", actor=None)
    token = services.make_token(invited, salt=services.INVITATION_SALT)
    user = services.accept_invitation(
        token=token, name=" Айгүл ", password="new password 1", locale="ru"
    )
    assert (user.name, user.locale, user.is_active) == ("Айгүл", "ru", True)
    with pytest.raises(DomainError):
        services.accept_invitation(
            token=token, name="Again", password="new password 2", locale="kk"
        )


def test_invitation_valid_for_fourteen_days_only(app):
    invited = services.create_user(email="new@x.kz", actor=None)
    with time_machine.travel("2026-01-01 10:00", tick=False) as traveller:
        token = services.make_token(invited, salt=services.INVITATION_SALT)
        traveller.shift(timedelta(days=13, hours=23))
        services.read_token(token, salt=services.INVITATION_SALT, max_age=14 * 24 * 3600)
        traveller.shift(timedelta(hours=2))
        with pytest.raises(DomainError):
            services.accept_invitation(
                token=token, name="Late", password="new password 1", locale="kk"
            )
    assert db.session.get(User, invited.id).is_active is False


def test_find_or_create_organization_matches_bin_then_name(app):
    first = services.find_or_create_organization(
        name={"ru": "ТОО «Казцинк»"}, bin="123456789012", actor=None
    )
    assert (
        services.find_or_create_organization(name={"ru": "Другое"}, bin="123456789012", actor=None)
        == first
    )
    assert services.find_or_create_organization(name={"ru": "ТОО «Казцинк»"}, actor=None) == first
    other = services.find_or_create_organization(name={"kk": "Басқа"}, actor=None)
    assert other != first
