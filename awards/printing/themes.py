"""Themes: the folders under certificates/ with their theme.toml (title, languages, page
sizes) and the words they print (certificates/wording.toml, changed by a theme's [wording])."""

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from awards.printing.fonts import declared_families
from awards.printing.paper import paper_size

THEMES_DIR = Path(__file__).resolve().parents[2] / "certificates"
KINDS = ("laureate", "participant", "judge_thanks")
LANGUAGES = ("kk", "ru", "en")
THEME_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # a folder name, never a path
# What wording.toml holds: the phrases of each kind of certificate, phrases by language, the
# headings of the program booklet and the words of the stage papers.
KIND_PHRASES = ("title", "before_recipient", "after_recipient", "after_citation")
LANGUAGE_PHRASES = ("category_prefix", "category_suffix", "seal_mark")
# Optional: a theme without it prints no degree line. "{degree}" stands for I, II or III.
OPTIONAL_LANGUAGE_PHRASES = ("degree",)
PROGRAM_LABELS = ("document", "running_order", "time", "item", "presenter", "categories",
                  "laureates", "nominees", "partners", "notes")  # fmt: skip
# The words of the stage papers (the presenter's script, cue cards, envelopes, hand-out).
STAGE_PHRASES = ("script", "cue_cards", "envelopes", "handout", "opening", "greeting", "welcome",
                 "speaker", "category_intro", "nominees_intro", "envelope", "award_presenter",
                 "open_envelope", "laureate", "laureates", "representative",
                 "organization_invited", "congratulations", "results_pending", "partners",
                 "partners_thanks", "closing", "farewell", "sealed", "inside", "number", "serial",
                 "recipient", "receives", "handed", "category", "no_certificates")  # fmt: skip
# Each table of labels wording.toml holds, and the labels it must have.
LABEL_TABLES = {"program": PROGRAM_LABELS, "stage": STAGE_PHRASES}


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
    # kind -> language -> phrase; category_prefix, category_suffix, seal_mark -> language;
    # program -> label -> language. Every phrase of every language the theme prints is there.
    wording: dict
    # The font file (in the shared fonts/) and the width in mm the verification address is
    # printed in, on one line: values.py picks the largest size that fits. None: not sized.
    verify_url_font: Path | None = None
    verify_url_width_mm: float | None = None

    @property
    def root(self) -> Path:
        """The folder of themes this one belongs to, the only place it may load files from."""
        return self.path.parent


def load_theme(name: str, root: Path = THEMES_DIR) -> Theme:
    """The theme called ``name``, read from its theme.toml; ValueError if there is none or its
    theme.toml is wrong (a page size, a missing phrase)."""
    path = Path(root) / name
    if not THEME_NAME_RE.match(name) or not (path / "theme.toml").is_file():
        raise ValueError(f"unknown certificate theme {name!r}")
    files = (path / "theme.toml", path / "theme.css", Path(root) / "wording.toml")
    return _read_theme(name, path, tuple(file.stat().st_mtime_ns for file in files))


def available_themes(root: Path = THEMES_DIR) -> list[Theme]:
    """Every theme under ``root`` (certificates/), by name."""
    names = sorted(p.parent.name for p in Path(root).glob("*/theme.toml"))
    return [load_theme(name, root) for name in names]


@lru_cache(maxsize=64)
def _read_theme(name: str, path: Path, stamps: tuple) -> Theme:
    # ``stamps`` (the files' modification times) make an edited theme load again.
    meta = tomllib.loads((path / "theme.toml").read_text(encoding="utf-8"))
    sizes = (meta["certificate"]["page_size"], meta["program"]["page_size"])
    for size in sizes:
        try:
            paper_size(size)
        except ValueError as error:
            raise ValueError(f"theme {name!r}: {error}") from None
    languages = tuple(meta["languages"])
    shared = tomllib.loads((path.parent / "wording.toml").read_text(encoding="utf-8"))
    wording = _merged(shared, meta.get("wording", {}))
    _check_wording(wording, languages, f"theme {name!r}")
    families = declared_families((path / "theme.css").read_text(encoding="utf-8"))
    font, width = (
        meta["certificate"].get("verify_url_font"),
        meta["certificate"].get("verify_url_width_mm"),
    )
    if (font is None) != (width is None) or (font and not (path.parent / "fonts" / font).is_file()):
        raise ValueError(f"theme {name!r}: verify_url_font and verify_url_width_mm go together")
    font_path = path.parent / "fonts" / font if font else None
    return Theme(
        name, path, meta["title"], languages, *sizes, families, wording, font_path,
        float(width) if width else None,
    )  # fmt: skip


def _merged(shared: dict, changes: dict) -> dict:
    """``shared`` with the theme's ``changes``, table by table."""
    merged = dict(shared)
    for key, value in changes.items():
        both_tables = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both_tables else value
    return merged


def _check_wording(wording: dict, languages: tuple, where: str) -> None:
    """ValueError unless every phrase is there, as text, in every language the theme prints,
    and nothing else is (a misspelt key would silently print nothing)."""
    unknown = set(wording) - {*KINDS, *LANGUAGE_PHRASES, *OPTIONAL_LANGUAGE_PHRASES, *LABEL_TABLES}
    for table, labels in LABEL_TABLES.items():
        unknown |= {f"{table}.{label}" for label in set(wording.get(table, {})) - set(labels)}
    for kind in KINDS:
        for code in languages:
            phrases = (wording.get(kind) or {}).get(code)
            if not isinstance(phrases, dict) or not phrases.get("title"):
                raise ValueError(f"{where}: the wording has no {kind}.{code} title")
            unknown |= {f"{kind}.{code}.{key}" for key in set(phrases) - set(KIND_PHRASES)}
            _check_texts(phrases, phrases, f"{where}: the wording of {kind}.{code}")
    for key in LANGUAGE_PHRASES:
        _check_texts(wording.get(key), languages, f"{where}: the wording's {key}")
    for key in OPTIONAL_LANGUAGE_PHRASES:
        if key in wording:
            _check_texts(wording[key], languages, f"{where}: the wording's {key}")
    for table, labels in LABEL_TABLES.items():
        for label in labels:
            texts = (wording.get(table) or {}).get(label)
            _check_texts(texts, languages, f"{where}: the wording's {table}.{label}")
    if unknown:
        raise ValueError(f"{where}: the wording has unknown keys {', '.join(sorted(unknown))}")


def _check_texts(texts, keys, where: str) -> None:
    texts = texts if isinstance(texts, dict) else {}
    missing = [key for key in keys if not isinstance(texts.get(key), str)]
    if missing:
        raise ValueError(f"{where} has no text for {', '.join(missing)}")
