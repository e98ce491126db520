"""What a theme's templates receive: the themes themselves, and the plain values of a
certificate or of a ceremony program, checked (no ORM object, no missing language)."""

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from awards.certificates.dates import format_long_date
from awards.certificates.fetcher import CERTIFICATES_DIR
from awards.certificates.qr import qr_matrix, qr_svg_data_uri

KINDS = ("laureate", "participant", "judge_thanks")
LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGES = ["kk", "ru"]
REQUIRED_TEXTS = ("recipient", "citation", "program_title", "organizing_body", "city")

# The fixed words of each document. Kazakh puts the verb last: recipient, reason "… үшін", verb.
WORDING = {
    "laureate": {
        "kk": {"title": "Құрмет грамотасы", "after_citation": "марапатталады"},
        "ru": {"title": "Почётная грамота", "before_recipient": "награждается"},
        "en": {"title": "Certificate of Honour", "before_recipient": "is presented to"},
    },
    "participant": {
        "kk": {"title": "Қатысушы дипломы", "after_citation": "марапатталады"},
        "ru": {"title": "Диплом участника", "before_recipient": "награждается"},
        "en": {"title": "Certificate of Participation", "before_recipient": "is presented to"},
    },
    "judge_thanks": {
        "kk": {"title": "Алғыс хат", "after_citation": "Сізге зор алғысымызды білдіреміз"},
        "ru": {
            "title": "Благодарственное письмо",
            "after_recipient": "Выражаем Вам искреннюю благодарность",
        },
        "en": {"title": "Letter of Thanks", "before_recipient": "With sincere thanks to"},
    },
}
CATEGORY_PHRASE = {
    "kk": ("«", "» номинациясы бойынша"),
    "ru": ("в номинации «", "»"),
    "en": ("in the category “", "”"),
}
SEAL_MARK = {"kk": "М.О.", "ru": "М.П.", "en": "L.S."}
PROGRAM_LABELS = {
    "document": {
        "kk": "Салтанатты марапаттау рәсімінің бағдарламасы",
        "ru": "Программа торжественной церемонии награждения",
        "en": "Award Ceremony Programme",
    },
    "running_order": {"kk": "Рәсім барысы", "ru": "Порядок проведения", "en": "Running order"},
    "time": {"kk": "Уақыты", "ru": "Время", "en": "Time"},
    "item": {"kk": "Іс-шара", "ru": "Событие", "en": "Item"},
    "presenter": {"kk": "Сөз сөйлеуші", "ru": "Выступающий", "en": "Presenter"},
    "categories": {"kk": "Номинациялар", "ru": "Номинации", "en": "Categories"},
    "laureates": {"kk": "Лауреаттар", "ru": "Лауреаты", "en": "Laureates"},
    "nominees": {"kk": "Үміткерлер", "ru": "Номинанты", "en": "Nominees"},
    "partners": {"kk": "Серіктестер", "ru": "Партнёры", "en": "Partners"},
}
PLAIN_TYPES = (str, int, float, bool, type(None), date, time)
THEME_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # a folder name, never a path
PAGE_SIZE_RE = re.compile(r"^(A[3-6]|letter|\d+mm \d+mm)( portrait| landscape)?$")
FONT_FACE_FAMILY_RE = re.compile(r"@font-face\s*{[^}]*?font-family:\s*[\"']?([^;\"'}]+)")


@dataclass(frozen=True)
class Theme:
    """A print theme: a folder under certificates/ with templates, theme.css and theme.toml."""

    name: str
    path: Path
    title: dict
    languages: tuple
    certificate_page_size: str
    program_page_size: str
    font_families: frozenset


def load_theme(name: str) -> Theme:
    """The theme called ``name``, read from its theme.toml; ValueError if there is none."""
    path = CERTIFICATES_DIR / name
    if not THEME_NAME_RE.match(name) or not (path / "theme.toml").is_file():
        raise ValueError(f"unknown certificate theme {name!r}")
    meta = tomllib.loads((path / "theme.toml").read_text(encoding="utf-8"))
    sizes = (meta["certificate"]["page_size"], meta["program"]["page_size"])
    for size in sizes:
        if not PAGE_SIZE_RE.match(size):
            raise ValueError(f"theme {name!r}: page size {size!r} is not like 'A4 landscape'")
    families = frozenset(FONT_FACE_FAMILY_RE.findall((path / "theme.css").read_text("utf-8")))
    return Theme(name, path, meta["title"], tuple(meta["languages"]), *sizes, families)


def available_themes() -> list[Theme]:
    """Every theme under certificates/, by name."""
    names = sorted(p.parent.name for p in CERTIFICATES_DIR.glob("*/theme.toml"))
    return [load_theme(name) for name in names]


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
    return "normal" if longest <= 34 else "long" if longest <= 56 else "very-long"


def _certificate_text(data: dict, kind: str, language: str, day: date, where: str) -> dict:
    wording = WORDING[kind][language]
    category = data.get("category")
    texts = {key: _texts(data, key, [language], where)[language] for key in REQUIRED_TEXTS}
    prefix, suffix = CATEGORY_PHRASE[language]
    return {
        "language": language,
        "title": wording["title"],
        "before_recipient": wording.get("before_recipient", ""),
        "after_recipient": wording.get("after_recipient", ""),
        "after_citation": wording.get("after_citation", ""),
        "category": _texts(data, "category", [language], where)[language] if category else None,
        "category_prefix": prefix,
        "category_suffix": suffix,
        "date": format_long_date(day, language),
        "seal_mark": SEAL_MARK[language],
        **texts,
        "place_and_date": f"{texts['city']}, {format_long_date(day, language)}",
    }


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
    texts = [_certificate_text(data, kind, code, day, where) for code in languages]
    return {
        "anchor": f"certificate-{index}",
        "kind": kind,
        "languages": languages,
        "serial": data["serial"],
        "verify_url": data["verify_url"],
        "serial_line": f"№ {data['serial']}",
        "logo": _image(data, "logo", where),
        "seal_image": _image(data, "seal_image", where),
        "seal_mark": " / ".join(_unique(SEAL_MARK[code] for code in languages)),
        "titles": [text["title"] for text in texts],
        "texts": texts,
        "signatories": [_signatory(s, languages, where) for s in data.get("signatories", [])],
        "name_length": _name_length(text["recipient"] for text in texts),
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
        "labels": {key: _localized(text, languages) for key, text in PROGRAM_LABELS.items()},
    }
