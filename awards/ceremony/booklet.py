"""The ceremony program booklet: the plain values render_program prints, built from a program.

Needs an app context (the database, the upload folder), never a request: views, commands and
tests call the same functions. Laureates print from the frozen results, and only once the
results are published.
"""

import base64

from flask_babel import gettext as _

from awards.ceremony.services import ceremony_partners, running_order, stage_order
from awards.errors import DomainError
from awards.i18n import to_local
from awards.nominations.queries import accepted_nominations
from awards.printing.documents import render_program, render_program_sheets
from awards.printing.themes import available_themes
from awards.programs.models import Category, Program
from awards.results.services import current_snapshot, nominee_names
from awards.uploads import FileKind, sniff, upload_folder

PRINTED_LANGUAGES = ["kk", "ru"]
# How the booklet is laid out, by who prints it: pages in reading order (the screen, a digital
# press), the print shop's copy (bleed and crop marks), sheets for an office printer (two pages
# a side in saddle-stitch order, to fold). The suffix its file name takes.
LAYOUTS = {"pages": "", "print_shop": "-print", "sheets": "-sheets"}


def printed_texts(value: dict | None) -> dict:
    """Every printed language filled: a name typed in one language prints the same in others."""
    value = {code: text for code, text in (value or {}).items() if text}
    fallback = value.get("ru") or value.get("kk") or next(iter(value.values()), "")
    return {code: value.get(code) or fallback for code in PRINTED_LANGUAGES}


def logo_data_uri(program: Program) -> str | None:
    """The program's logo as a data: URI (the renderer loads nothing from the upload folder),
    or None without one. The file was checked and redrawn when it was uploaded."""
    if not program.logo_file:
        return None
    path = upload_folder() / program.logo_file
    if not path.is_file():
        return None
    content = path.read_bytes()
    kind = sniff(content)
    if kind not in (FileKind.PNG, FileKind.JPEG):
        return None
    return f"data:{kind.value};base64,{base64.b64encode(content).decode('ascii')}"


def check_ready(program: Program) -> None:
    missing = not (program.organizing_body or {}).get("ru") or not (program.venue or {}).get("ru")
    if missing or program.ceremony_at is None:
        raise DomainError(
            _("Fill in the organizing body, the venue and the ceremony date of the program first.")
        )


def _category(category: Category, published: bool) -> dict:
    snapshot = current_snapshot(category) if published else None
    laureates = snapshot.content["laureates"] if snapshot else []
    crowned = {laureate["nomination_id"] for laureate in laureates}
    # Laureates are printed once, under their own heading, not again among the nominees.
    nominees = [n for n in accepted_nominations(category) if n.id not in crowned]
    return {
        "title": printed_texts(category.title),
        "description": printed_texts(category.description) if category.description else None,
        "laureates": [printed_texts(laureate["nominee"]) for laureate in laureates],
        "nominees": [printed_texts(nominee_names(nomination)) for nomination in nominees],
    }


def booklet_values(program: Program) -> dict:
    """What the booklet prints (certificates/README.md, "A program"): the cover, the running
    order, each category in stage order with its nominees and, once the results are published,
    its laureates as frozen, then the partners. Plain values only.

    Raises DomainError when the program has no organizing body, venue or ceremony date.
    """
    check_ready(program)
    published = program.results_published_at is not None
    return {
        "languages": PRINTED_LANGUAGES,
        "title": printed_texts(program.title),
        "organizing_body": printed_texts(program.organizing_body),
        "venue": printed_texts(program.venue),
        # The ceremony's day where it takes place, not in UTC.
        "date": to_local(program.ceremony_at, program.timezone).date(),
        "logo": logo_data_uri(program),
        "running_order": [
            {
                "time": item.starts_at,
                "item": printed_texts(item.title),
                "presenter": printed_texts(item.presenter) if item.presenter else None,
            }
            for item in running_order(program)
        ],
        "categories": [_category(category, published) for category in stage_order(program)],
        "partners": [printed_texts(partner.name) for partner in ceremony_partners(program)],
    }


def check_theme(theme: str) -> None:
    if theme not in {spec.name for spec in available_themes()}:
        raise DomainError(_("Choose one of the listed designs."), field="theme")


def check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise DomainError(_("Choose one of the listed layouts."), field="layout")


def booklet_pdf(program: Program, *, theme: str = "classic", layout: str = "pages") -> bytes:
    """The program booklet as a print-ready PDF in ``theme``, laid out as ``layout`` (one of
    LAYOUTS) says.

    Raises DomainError for an unknown design or layout or a program not ready to print, and
    PrintingError when WeasyPrint could not print it faithfully.
    """
    check_theme(theme)
    check_layout(layout)
    values = booklet_values(program)
    if layout == "sheets":
        return render_program_sheets(theme, values)
    return render_program(theme, values, crop_marks=layout == "print_shop")


def booklet_file_name(program: Program, layout: str = "pages") -> str:
    """ "working-professions-2025-program-sheets.pdf" and the like."""
    return f"{program.slug}-program{LAYOUTS.get(layout, '')}.pdf"
