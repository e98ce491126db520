"""The app's base form: a file reaches only a file field; WTForms' own messages in the reader's
language."""

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale
from wtforms.i18n import messages_path

from awards.accounts.models import User
from awards.extensions import db
from awards.forms import AppForm, translated_text
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


# WTForms messages no form of ours can produce: validators and fields we do not use (IP, MAC,
# UUID, week, date ranges, read-only and disabled fields) and WTForms' own session CSRF (Flask-WTF
# refuses a bad token with the error page before any form sees it).
NEVER_SHOWN = {
    "Invalid field name '%s'.", "Invalid IP address.", "Invalid Mac address.", "Invalid UUID.",
    "Not a valid week value.", "Date must be at least %(min)s.", "Date must be at most %(max)s.",
    "Date must be between %(min)s and %(max)s.", "This field cannot be edited.",
    "This field is disabled and cannot have a value.", "Invalid CSRF Token.",
    "CSRF token missing.", "CSRF failed.", "CSRF token expired.", "Choices cannot be None.",
}  # fmt: skip


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_wtforms_can_show_is_in_our_catalogs(language):
    with open(Path(messages_path()) / "wtforms.pot", "rb") as file:
        theirs = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    path = Path(__file__).parent.parent / "awards" / "translations" / language / "LC_MESSAGES"
    with open(path / "messages.po", "rb") as file:
        ours = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in read_po(file)}
    missing = sorted(m for m in theirs - NEVER_SHOWN if not ours.get(m))
    assert missing == []


def test_wtforms_messages_follow_the_readers_language(app):
    form_class = type("Probe", (AppForm,), {"name": translated_text("Name")})
    for language, required in [("kk", "Бұл өрісті толтырыңыз."), ("ru", "Заполните это поле.")]:
        with app.test_request_context(method="POST", data={}), force_locale(language):
            form = form_class(meta={"csrf": False})
            assert not form.validate()
            assert form.name.kk.errors == [required]
            assert form.name.ru.errors == [required]
