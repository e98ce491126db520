"""A certificate before it is issued: the theme's certificate.html as a web page (its styles,
fonts and ornaments served from the theme folder) and a sample PDF that is never registered."""

import base64
import re
from functools import cache
from pathlib import Path

import jinja2

from awards.certificates.contexts import THEME_NAME_RE
from awards.certificates.fetcher import CERTIFICATES_DIR, CONTENT_TYPES
from awards.certificates.issuing import (
    certificate_values,
    check_program,
    printable,
    serial_prefix,
)
from awards.certificates.recipients import Recipient, recipients_of
from awards.certificates.rendering import certificate_context, load_theme, render_certificates
from awards.certificates.settings import check_theme, settings_of
from awards.programs.models import Program
from awards.uploads import FileKind, sniff, upload_folder

SAMPLE_MARK = "SAMPLE"  # in place of the serial number and the verification token
# Who a design is previewed for before any results are confirmed.
SAMPLE_NAMES = {"kk": "Алушының аты", "ru": "Имя получателя", "en": "Recipient's name"}
PAPER_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "A6": (105, 148),
            "letter": (215.9, 279.4)}  # fmt: skip
PAGE_RULE_RE = re.compile(r"@page\s+certificate\s*{([^{}]*)}")
SHEET_PROPERTIES = ("margin", "background")


def sample_recipient(program: Program, kind: str, key: str | None = None) -> Recipient | None:
    """The recipient ``key`` (None if unknown), else the first of the kind, else a stand-in."""
    everyone = recipients_of(program, kind)
    if key:
        return next((recipient for recipient in everyone if recipient.key == key), None)
    if everyone:
        return everyone[0]
    category = program.categories[0] if program.categories and kind != "judge_thanks" else None
    return Recipient(
        kind=kind, key="sample", default_names=SAMPLE_NAMES, names=SAMPLE_NAMES, category=category
    )


def _logo_uri(program: Program) -> str | None:
    path = upload_folder() / program.logo_file if program.logo_file else None
    if path is None or not path.is_file():
        return None
    content = path.read_bytes()
    kind = sniff(content)
    if kind not in (FileKind.PNG, FileKind.JPEG):
        return None
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def sample_certificate(program: Program, recipient: Recipient) -> dict:
    """What ``recipient``'s certificate would print today, serial marked SAMPLE, ready to
    render. Raises DomainError when the program lacks its ceremony details."""
    check_program(program)
    values = certificate_values(
        program=program, settings=settings_of(program), recipient=recipient,
        serial=f"{serial_prefix(program)}-{SAMPLE_MARK}", token=SAMPLE_MARK,
    )  # fmt: skip
    return {**printable(values), "logo": _logo_uri(program)}


def sample_pdf(theme: str, certificate: dict) -> bytes:
    return render_certificates(check_theme(theme, certificate["languages"]), [certificate])


@cache
def _environment(theme_path: Path) -> jinja2.Environment:
    # Like the renderer's: autoescaped, strict, blind to the web app's templates.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def preview_html(theme: str, certificate: dict) -> str:
    """The theme's certificate.html for one certificate, as a browser shows it: relative links
    (theme.css, ../fonts/…) resolve to preview_file; preview.css draws the sheet of paper."""
    spec = load_theme(check_theme(theme, certificate["languages"]))
    context = certificate_context(certificate, spec)
    html = (
        _environment(spec.path)
        .get_template("certificate.html")
        .render(theme={"name": spec.name, "title": spec.title}, certificates=[context])
    )
    html = html.replace("</head>", '<link rel="stylesheet" href="preview.css">\n</head>', 1)
    # The page box and its printable area, so that what the theme places in the margins (a
    # fixed band, a frame) lands where it prints.
    html = re.sub(
        r"(<body[^>]*>)", r'\1<div class="preview-sheet"><div class="preview-page-area">', html,
        count=1,
    )  # fmt: skip
    return html.replace("</body>", "</div></div>\n</body>", 1)


def paper_size(page_size: str) -> tuple[float, float]:
    """Width and height in millimetres of a theme.toml page size such as "A4 landscape"."""
    name, _, orientation = page_size.partition(" ")
    if name in PAPER_MM:
        width, height = PAPER_MM[name]
    else:
        width, height = (float(part.removesuffix("mm")) for part in page_size.split()[:2])
        orientation = ""
    if orientation == "landscape":
        width, height = max(width, height), min(width, height)
    return width, height


def _sheet_declarations(theme_css: str) -> str:
    """The margin (as padding) and background of the theme's @page certificate rule."""
    match = PAGE_RULE_RE.search(theme_css)
    declarations = []
    for declaration in match.group(1).split(";") if match else []:
        prop, _, value = declaration.partition(":")
        prop = prop.strip()
        if prop.startswith(SHEET_PROPERTIES) and value.strip():
            prop = prop.replace("margin", "padding")
            declarations.append(f"  {prop}: {value.strip()};")
    return "\n".join(declarations)


def preview_stylesheet(theme: str) -> str:
    """preview.css: one sheet of the theme's paper, its margins and background from theme.css."""
    spec = load_theme(check_theme(theme))
    width, height = paper_size(spec.certificate_page_size)
    sheet = _sheet_declarations((spec.path / "theme.css").read_text(encoding="utf-8"))
    return f"""/* The screen preview of one certificate: a sheet of {spec.certificate_page_size}. */
html {{ background: #8b9096; }}
body {{ margin: 0; padding: 8mm 0; }}
.preview-sheet {{
  box-sizing: border-box;
  width: {width:g}mm;
  height: {height:g}mm;
  margin: 0 auto;
  overflow: hidden;
  box-shadow: 0 1.5mm 6mm rgba(0, 0, 0, 0.35);
{sheet}
  background-color: #ffffff;
}}
/* Fixed elements sit in the printable area, as they do on a printed page. */
.preview-page-area {{ position: relative; height: 100%; transform: translateZ(0); }}
"""


def preview_file(folder: str, filename: str) -> tuple[Path, str] | None:
    """A file the preview may load, with its content type: only from a theme's folder or the
    shared fonts, with a known extension, never outside them. None for anything else."""
    try:
        if folder == "fonts":
            base = CERTIFICATES_DIR / "fonts"
        elif THEME_NAME_RE.match(folder) and (CERTIFICATES_DIR / folder / "theme.toml").is_file():
            base = CERTIFICATES_DIR / folder
        else:
            return None
        base = base.resolve()
        path = (base / filename).resolve()
        content_type = CONTENT_TYPES.get(path.suffix.lower())
        if not path.is_relative_to(base) or not path.is_file() or content_type is None:
            return None
    except OSError:  # a name too long for the file system, or otherwise impossible
        return None
    return path, content_type
