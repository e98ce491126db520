"""Paper: theme.toml's page sizes read as CSS (tinycss2), their millimetres, and the @page
rules WeasyPrint and the screen preview take from a theme."""

import tinycss2

from awards.printing.marks import BLEED_MM, SLUG_MM

PAPER_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "A6": (105, 148),
            "letter": (215.9, 279.4)}  # fmt: skip
_PAPER_NAMES = {name.lower(): name for name in PAPER_MM}
ORIENTATIONS = ("portrait", "landscape")


def _tokens(value: str) -> list:
    return [
        token
        for token in tinycss2.parse_component_value_list(value, skip_comments=True)
        if token.type != "whitespace"
    ]


def paper_size(page_size: str) -> tuple[float, float]:
    """Width and height in millimetres of a theme.toml page size: a paper name with an
    optional orientation ("A4 landscape", "A5") or two lengths in mm ("210mm 297mm").
    ValueError for anything else."""
    tokens = _tokens(page_size)
    kinds = [token.type for token in tokens]
    if kinds in (["ident"], ["ident", "ident"]) and tokens[0].lower_value in _PAPER_NAMES:
        width, height = PAPER_MM[_PAPER_NAMES[tokens[0].lower_value]]
        orientation = tokens[1].lower_value if len(tokens) == 2 else "portrait"
        if orientation in ORIENTATIONS:
            return (height, width) if orientation == "landscape" else (width, height)
    elif kinds == ["dimension", "dimension"] and all(
        token.lower_unit == "mm" and token.value > 0 for token in tokens
    ):
        return tokens[0].value, tokens[1].value
    raise ValueError(f"page size {page_size!r} is not like 'A4 landscape' or '210mm 297mm'")


def page_css(page_size: str, *, bleed: bool = False, crop_marks: bool = False) -> str:
    """The @page rule that sets a document's paper: theme.toml owns the size (theme.css must
    not set it), the caller the bleed and the crop marks. With crop marks the CSS bleed takes
    in the slug around the bleed, where marks.py draws them (not WeasyPrint: its ``marks``
    lie in the bleed, under the page)."""
    if crop_marks:
        return f"@page {{ size: {page_size}; bleed: {BLEED_MM + SLUG_MM}mm; }}"
    if bleed:
        return f"@page {{ size: {page_size}; bleed: {BLEED_MM}mm; }}"
    return f"@page {{ size: {page_size}; }}"


def page_rule(css: str, page_name: str) -> list[tuple[str, str]]:
    """The declarations (name, value) of the stylesheet's ``@page <page_name>`` rules."""
    declarations = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "page" or rule.content is None:
            continue
        if [token.value for token in _tokens(tinycss2.serialize(rule.prelude))] != [page_name]:
            continue
        for item in tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if item.type == "declaration":
                value = tinycss2.serialize(item.value).strip()
                if item.important:
                    value += " !important"
                declarations.append((item.lower_name, value))
    return declarations
