"""The app's base form: a file reaches only a file field."""

import io

from awards.accounts.models import User
from awards.extensions import db
from tests import factories


def test_a_file_sent_as_a_text_field_is_ignored_not_a_crash(client, auth, app):
    factories.user("member@x.kz", name="Айдана Серікова")
    auth.login("member@x.kz")
    response = client.post(
        "/account", data={"name": (io.BytesIO(b"x" * 10), "name.txt"), "locale": "ru"},
    )  # fmt: skip
    assert response.status_code == 302
    member = db.session.query(User).filter_by(email="member@x.kz").one()
    assert (member.name, member.locale) == ("Айдана Серікова", "ru")
