"""The nominee and contact fields' rules, one function per field for services, forms and imports."""

import pytest

from awards.errors import DomainError
from awards.nominations.fields import clean_field
from awards.nominations.forms import NominationForm
from tests.nominations.conftest import make_nomination


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("website", "javascript:alert(1)", "https:// or http://"),
        ("website", "https://" + "a" * 300 + ".kz", "at most 300 characters"),
        ("contact_email", "director at kazzinc", "valid email address"),
        ("contact_email", "a@b", "valid email address"),
        ("contact_phone", "+7 700 000 00 00 " * 4, "at most 50 characters"),
        ("bin", "123456789012", "not a valid BIN"),
        ("team_members", [f"Member {n}" for n in range(51)], "at most 50 items"),
        ("person_name", "Я" * 201, "at most 200 characters"),
        ("org_name", {"ru": "Т" * 301}, "at most 300 characters"),
    ],
)  # fmt: skip
def test_a_field_breaking_its_rule_is_refused_by_name(app, name, value, message):
    with pytest.raises(DomainError, match=message) as error:
        clean_field(name, value)
    assert error.value.field == name


def test_fields_keeping_their_rules_are_cleaned(app):
    assert clean_field("contact_email", " Director@Kazzinc.KZ ") == "director@kazzinc.kz"
    assert clean_field("contact_email", "") == ""
    assert clean_field("bin", "1234 5678 9013") == "123456789013"
    assert clean_field("team_members", "Айдана\n\n  Ерлан ") == ["Айдана", "Ерлан"]


def test_the_service_refuses_an_invalid_contact_email(program, people):
    with pytest.raises(DomainError) as error:
        make_nomination(program, people["committee@x.kz"], contact_email="director at kazzinc")
    assert error.value.field == "contact_email"


def test_the_form_shows_the_services_own_message(app):
    data = {"contact_email": "nobody@", "website": "javascript:alert(1)"}
    with app.test_request_context(method="POST", data=data, headers={"Accept-Language": "en"}):
        form = NominationForm(meta={"csrf": False})
        form.category.choices = []
        form.validate()
    assert form.contact_email.errors == ["Enter a valid email address."]
    assert form.website.errors == ["Enter a full web address starting with https:// or http://."]
