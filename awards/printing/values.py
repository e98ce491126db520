"""The values a theme's templates receive, made from the plain values of a certificate or of
a ceremony program and checked (no ORM object, no missing language)."""

import re
from datetime import date, datetime, time

from awards.printing.dates import format_long_date
from awards.printing.errors import PrintingError
from awards.printing.fonts import text_width_mm
from awards.printing.qr import qr_matrix, qr_svg_data_uri
from awards.printing.themes import KINDS, LANGUAGES, Theme

DEFAULT_LANGUAGES = ["kk", "ru"]
FIT_STEPS = 4  # steps of type and spacing a theme has: fit-0 (its own) to fit-3 (the smallest)
REQUIRED_TEXTS = ("recipient", "citation", "program_title", "organizing_body", "city")
PLAIN_TYPES = (str, int, float, bool, type(None), date, time)
# The verification address prints on one line, never broken (a reader would take a break for a
# hyphen): in the largest of these sizes, tenths of a point, that fits; theme.css has a class
# verify-url-<size> for each.
VERIFY_URL_SIZES = (65, 60, 55, 50, 45, 40)
VERIFY_URL_SLACK = 0.97  # of the width: the shaped line may differ a little from the advances


def _ensure_plain(value, where: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _ensure_plain(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _ensure_plain(item, f"{where}[{index}]")
    elif not isinstance(value, PLAIN_TYPES):
        raise TypeError(f"{where} must be plain values, not {type(value).__name__}")


def _languages(data: dict, theme: Theme, where: str) -> list[str]:
    languages = list(data.get("languages") or DEFAULT_LANGUAGES)
    unknown = [code for code in languages if code not in LANGUAGES or code not in theme.languages]
    if unknown or len(set(languages)) != len(languages):
        raise ValueError(
            f"{where}: languages {languages} (theme {theme.name!r}: {theme.languages})"
        )
    return languages


def _texts(data: dict, key: str, languages: list[str], where: str) -> dict:
    texts = data.get(key)
    if isinstance(texts, str):
        texts = dict.fromkeys(languages, texts)
    missing = [code for code in languages if not str((texts or {}).get(code) or "").strip()]
    if missing:
        raise ValueError(f"{where}: {key} has no {'/'.join(missing)} text")
    return texts


def _image(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not value.startswith("data:image/"):
        raise ValueError(f"{where}: {key} must be a data:image/… URI")
    return value


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"date must be a datetime.date, not {type(value).__name__}")
    return value


def _name_length(names) -> str:
    # Themes step the recipient's type size down for long names instead of overflowing.
    longest = max(len(name) for name in names)
    if longest > 120:
        return "extra-long"
    return "normal" if longest <= 34 else "long" if longest <= 56 else "very-long"


def verify_url_size(url: str, theme: Theme, where: str = "certificate") -> int:
    """The largest of VERIFY_URL_SIZES in which ``url`` fits the theme's width on one line;
    PrintingError if even the smallest is too wide."""
    if theme.verify_url_font is None:
        return VERIFY_URL_SIZES[0]
    room = theme.verify_url_width_mm * VERIFY_URL_SLACK
    for size in VERIFY_URL_SIZES:
        if text_width_mm(theme.verify_url_font, url, size / 10) <= room:
            return size
    raise PrintingError(f"{where}: the verification address {url} is too long for one line")


def _first_fit(languages: list[str], signatories: list[dict]) -> int:
    """The step of type and spacing a certificate is first set in: 0 (the theme's own) to
    FIT_STEPS - 1 (its smallest). The renderer goes a step smaller while the page overflows;
    English or a second signatory need at least the first step in every theme, so most
    certificates are laid out once."""
    return int(len(languages) > 2 or len(signatories) > 1)


def _last_words_together(text: str) -> str:
    """A non-breaking space before the last word: a line never holds one word alone."""
    head, space, last = text.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if space and head else text


def _certificate_text(
    data: dict, theme: Theme, kind: str, language: str, day: date, where: str
) -> dict:
    wording = theme.wording[kind][language]
    category = data.get("category")
    texts = {key: _texts(data, key, [language], where)[language] for key in REQUIRED_TEXTS}
    return {
        "language": language,
        "title": wording["title"],
        "before_recipient": wording.get("before_recipient", ""),
        "after_recipient": wording.get("after_recipient", ""),
        "after_citation": wording.get("after_citation", ""),
        "category": _texts(data, "category", [language], where)[language] if category else None,
        "category_prefix": theme.wording["category_prefix"][language],
        "category_suffix": theme.wording["category_suffix"][language],
        "degree": _degree_line(data.get("degree"), theme, language, where),
        "date": format_long_date(day, language),
        "seal_mark": theme.wording["seal_mark"][language],
        **texts,
        "citation": _last_words_together(texts["citation"]),
        "place_and_date": f"{texts['city']}, {format_long_date(day, language)}",
    }


DEGREE_NUMERALS = {1: "I", 2: "II", 3: "III"}


def _degree_line(degree, theme: Theme, language: str, where: str) -> str | None:
    """ "I дәрежелі диплом", "Диплом I степени": the laureate's degree in the theme's words, or
    None without a degree (or in a theme whose wording has none)."""
    if degree is None:
        return None
    if degree not in DEGREE_NUMERALS:
        raise ValueError(f"{where}: degree must be 1, 2 or 3, not {degree!r}")
    pattern = theme.wording.get("degree", {}).get(language)
    return pattern.replace("{degree}", DEGREE_NUMERALS[degree]) if pattern else None


def _signatory(data: dict, languages: list[str], where: str) -> dict:
    names = _texts(data, "name", languages, where)
    titles = _texts(data, "title", languages, where)
    return {
        "lines": [{"language": c, "title": titles[c], "name": names[c]} for c in languages],
        "titles": _unique(titles[c] for c in languages),
        "names": _unique(names[c] for c in languages),
        "signature_image": _image(data, "signature_image", where),
    }


def certificate_context(data: dict, theme: Theme, index: int = 0) -> dict:
    """The values certificate.html receives for one certificate (see certificates/README.md)."""
    context = certificate_context_without_qr(data, theme, index)
    return {**context, "qr_image": qr_svg_data_uri(qr_matrix(context["verify_url"]))}


def certificate_context_without_qr(data: dict, theme: Theme, index: int = 0) -> dict:
    """All of certificate_context but the QR code, which is the slow part."""
    where = f"certificate {data.get('serial') or index}"
    _ensure_plain(data, where)
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind {kind!r} is not one of {KINDS}")
    if not data.get("serial") or not re.match(r"^https?://", str(data.get("verify_url"))):
        raise ValueError(f"{where}: needs a serial and an http(s):// verify_url")
    languages = _languages(data, theme, where)
    day = _day(data.get("date"))
    texts = [_certificate_text(data, theme, kind, code, day, where) for code in languages]
    if data.get("salutation"):
        # A letter that addresses its recipient opens with the salutation in place of the name.
        salutation = _texts(data, "salutation", languages, where)
        texts = [{**text, "recipient": salutation[text["language"]]} for text in texts]
    signatories = [_signatory(s, languages, where) for s in data.get("signatories", [])]
    return {
        "anchor": f"certificate-{index}",
        "kind": kind,
        "salutation": bool(data.get("salutation")),
        "languages": languages,
        "serial": data["serial"],
        "verify_url": data["verify_url"],
        "verify_url_size": verify_url_size(data["verify_url"], theme, where),
        "serial_line": f"№ {data['serial']}",
        "logo": _image(data, "logo", where),
        "seal_image": _image(data, "seal_image", where),
        "seal_mark": " / ".join(_unique(theme.wording["seal_mark"][code] for code in languages)),
        "titles": [text["title"] for text in texts],
        "texts": texts,
        "signatories": signatories,
        "name_length": _name_length(text["recipient"] for text in texts),
        "fit": _first_fit(languages, signatories),
        **_document_info(texts, data["serial"]),
    }


def _document_info(texts: list[dict], serial: str) -> dict:
    """The PDF's Title and Subject: what the certificate is and for whom, then what for."""

    def joined(key: str) -> str:
        return " / ".join(_unique(text[key] for text in texts if text[key]))

    about = [joined("category"), joined("program_title"), f"№ {serial}"]
    return {
        "document_title": f"{joined('title')} — {joined('recipient')}",
        "document_subject": ". ".join(part for part in about if part),
    }


def _localized(value, languages: list[str]) -> list[str]:
    # Program lines show each language once; "VK Development Group" needs no second line.
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return _unique(value[code] for code in languages if value.get(code))


def _running_item(item: dict, languages: list[str]) -> dict:
    at = item["time"]
    return {
        "time": at.strftime("%H:%M") if isinstance(at, time) else str(at),
        "item": _localized(item["item"], languages),
        "presenter": _localized(item.get("presenter"), languages),
    }


def _program_category(category: dict, languages: list[str]) -> dict:
    return {
        "title": _localized(category["title"], languages),
        "description": _localized(category.get("description"), languages),
        "laureates": [_localized(name, languages) for name in category.get("laureates", [])],
        "nominees": [_localized(name, languages) for name in category.get("nominees", [])],
    }


def program_context(data: dict, theme: Theme) -> dict:
    """The values program.html receives (see certificates/README.md)."""
    _ensure_plain(data, "program")
    languages = _languages(data, theme, "program")
    for key in ("title", "organizing_body", "venue"):
        _texts(data, key, languages, "program")
    day = _day(data.get("date"))
    return {
        "languages": languages,
        "title": _localized(data["title"], languages),
        "organizing_body": _localized(data["organizing_body"], languages),
        "venue": _localized(data["venue"], languages),
        "date": _unique(format_long_date(day, code) for code in languages),
        "logo": _image(data, "logo", "program"),
        "running_order": [_running_item(i, languages) for i in data.get("running_order", [])],
        "categories": [_program_category(c, languages) for c in data.get("categories", [])],
        "partners": [_localized(name, languages) for name in data.get("partners", [])],
        "labels": {
            key: _localized(text, languages) for key, text in theme.wording["program"].items()
        },
    }
