"""Languages: which one a request speaks, multilingual values, and times in a program's zone."""

import unicodedata
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale, refresh
from flask_babel import gettext as _
from flask_login import current_user

from awards.errors import DomainError

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# Where the reader's language is missing: Russian is read by nearly everyone here, then Kazakh.
FALLBACK_ORDER = ("ru", "kk", "en")
REQUIRED_LANGUAGES = ("kk", "ru")


# The session key of the path the anonymous visitor last used the language switcher on.
CHOSEN_ON_KEY = "locale_chosen_on"


def select_locale() -> str:
    """The saved preference, else the page's own language (an invitation's) unless the visitor
    switched language on that very page, else the header switcher's choice, else
    Accept-Language, else kk.

    Outside a request (commands, jobs) English.
    """
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        # Commands and jobs print for the operator, in English like the rest of their output;
        # emails choose their recipient's language explicitly.
        return "en"
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in languages:
        return user_locale
    page_locale = g.get("page_locale")
    if page_locale in languages and session.get(CHOSEN_ON_KEY) != request.path:
        return page_locale
    if session.get("locale") in languages:
        return session["locale"]
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def speak_page_language(locale: str | None) -> None:
    """This page opens in ``locale`` (an invitation in the language it was sent in), unless
    the visitor has an account language or switched language on this page."""
    g.page_locale = locale
    refresh()  # anything translated so far in this request was in the other language


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "kk"


def localized(texts: dict | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the request's), falling back to the others."""
    if not texts:
        return ""
    language = language or current_language()
    for code in (language, *FALLBACK_ORDER):
        value = texts.get(code)
        if value:
            return value
    return ""


def single_line(text: str | None) -> str:
    """Text with line breaks and other control characters turned into spaces, trimmed."""
    return "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch
                   for ch in (text or "")).strip()  # fmt: skip


def clean_texts(texts: dict | None, *, multiline: bool = False) -> dict:
    """Keep only known languages with non-blank text, stripped (and on one line, unless
    ``multiline``)."""
    texts = texts or {}
    clean = (lambda t: t.strip()) if multiline else single_line
    return {code: clean(texts[code]) for code in LANGUAGE_NAMES if (texts.get(code) or "").strip()}


def check_length(text: dict | str, *, max_length: int, field: str | None = None) -> None:
    """Refuse a text, or any language of a multilingual text, longer than ``max_length``."""
    values = text.values() if isinstance(text, dict) else [text]
    if any(len(value) > max_length for value in values):
        raise DomainError(_("Use at most %(n)d characters.", n=max_length), field=field)


def utcnow() -> datetime:
    """Now as naive UTC: the form every timestamp is stored in."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc(local: datetime | None, timezone: str) -> datetime | None:
    """A wall-clock time in ``timezone`` as naive UTC for storage."""
    if local is None:
        return None
    aware = local.replace(tzinfo=ZoneInfo(timezone))
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime | None, timezone: str) -> datetime | None:
    """A stored naive-UTC time as a naive wall-clock time in ``timezone``."""
    if stored is None:
        return None
    return stored.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
