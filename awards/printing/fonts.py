"""Fonts: the families a theme declares with @font-face (read with tinycss2), the check that a
PDF uses none other, and how wide a line of text prints (fontTools)."""

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import tinycss2
from fontTools.ttLib import TTFont

from awards.printing.errors import PrintingError

if TYPE_CHECKING:
    from awards.printing.themes import Theme


def declared_families(css: str) -> frozenset[str]:
    """The font-family of each @font-face rule in the stylesheet ``css``."""
    families = set()
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or not rule.content:
            continue
        for item in tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if item.type == "declaration" and item.lower_name == "font-family":
                families.add(_family(item.value))
    return frozenset(families)


def _family(value: list) -> str:
    # A quoted name ("Awards Serif") or unquoted words (Awards Serif).
    tokens = [token for token in value if token.type not in ("whitespace", "comment")]
    if len(tokens) == 1 and tokens[0].type == "string":
        return tokens[0].value
    return " ".join(str(token.value) for token in tokens)


def check_families(theme: "Theme", used: set[str]) -> None:
    """PrintingError if the PDF uses a font family ``theme`` does not declare.

    Pango quietly borrows a machine font for a character the theme's fonts lack; the PDF
    would then look different on another server, so that is an error too.
    """
    foreign = used - theme.font_families
    if foreign:
        raise PrintingError(
            f"the text needs fonts theme {theme.name!r} does not ship "
            f"({', '.join(sorted(foreign))}): look for unusual characters in the names"
        )


@lru_cache(maxsize=16)
def _advances(path: Path) -> tuple[dict[int, int], int, int]:
    with TTFont(path, lazy=True) as font:
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        widths = {code: metrics[glyph][0] for code, glyph in cmap.items()}
        return widths, metrics[".notdef"][0], font["head"].unitsPerEm


def text_width_mm(path: Path, text: str, size_pt: float) -> float:
    """How wide ``text`` prints in the font file ``path`` at ``size_pt``, from the glyphs'
    advances (kerning left out: it only ever narrows a line of letters and digits)."""
    widths, missing, units = _advances(Path(path))
    total = sum(widths.get(ord(character), missing) for character in text)
    return total / units * size_pt * 25.4 / 72
