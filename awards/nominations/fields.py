"""The rules each nominee and contact field of a nomination follows, as plain functions: the
nomination services clean with them, the form takes its limits from here, the archive import
checks with them."""

from urllib.parse import urlsplit

from flask_babel import gettext as _

from awards.accounts.organizations import clean_bin
from awards.accounts.services import check_email
from awards.errors import DomainError
from awards.i18n import check_length, clean_texts, single_line
from awards.nominations.models import JUSTIFICATION_MAX

MAX_LIST_ITEMS = 50
# The longest text each field takes; a list counts its items one per line.
LIMITS = {
    "org_name": 300, "bin": 12, "city": 200, "website": 300, "person_name": 200,
    "person_position": 200, "person_workplace": 300, "team_name": 300, "team_members": 5000,
    "justification": JUSTIFICATION_MAX, "achievements": 10000, "contact_name": 200,
    "contact_phone": 50, "contact_email": 254,
}  # fmt: skip


def clean_website(value: str | None) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise DomainError(
            _("Enter a full web address starting with https:// or http://."), field="website"
        )
    return value


def clean_list(values, *, field: str | None = None) -> list[str]:
    """Items from a list or from text one per line, blank ones dropped, each on one line."""
    if isinstance(values, str):
        values = values.splitlines()
    items = [single_line(str(item)) for item in values or [] if str(item).strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise DomainError(_("List at most %(n)d items.", n=MAX_LIST_ITEMS), field=field)
    return items


def clean_contact_email(value: str | None) -> str:
    """An email address, or nothing: a contact may give only a phone number."""
    if not (value or "").strip():
        return ""
    return check_email(value, field="contact_email")


def _cleaned(name: str, value):
    if name == "org_name" or (name == "person_name" and isinstance(value, dict)):
        return clean_texts(value)
    if name == "bin":
        return clean_bin(value)
    if name == "website":
        return clean_website(value)
    if name in ("team_members", "achievements"):
        return clean_list(value, field=name)
    if name == "contact_email":
        return clean_contact_email(value)
    if name == "justification":
        return (value or "").strip()
    return single_line(value)


def clean_field(name: str, value):
    """One nominee or contact field cleaned, or a DomainError naming it (``field=name``). A
    person's name is text in one language, or a dict of texts per language."""
    cleaned = _cleaned(name, value)
    if name == "justification" and len(cleaned) > JUSTIFICATION_MAX:
        raise DomainError(
            _("The justification can be at most %(n)d characters long.", n=JUSTIFICATION_MAX),
            field="justification",
        )
    text = "\n".join(cleaned) if isinstance(cleaned, list) else cleaned or ""
    check_length(text, max_length=LIMITS[name], field=name)
    return cleaned
