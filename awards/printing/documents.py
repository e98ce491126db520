"""What domains call: certificates and ceremony program booklets as PDFs, from a theme and plain
values (certificates/README.md lists the keys); no request, no database."""

import os

from awards.printing.batch import CertificateBatch, Progress, render_batch
from awards.printing.chunk import Options
from awards.printing.errors import PageOverflowError, PrintingError
from awards.printing.imposition import impose_booklet
from awards.printing.plain import render_document
from awards.printing.stage import FIT_STEPS, stage_context
from awards.printing.themes import Theme, load_theme
from awards.printing.values import _ensure_plain, program_context

# The texts of a certificate that vary in length, each a suspect when a page overflows.
FITTED_FIELDS = ("recipient", "category", "citation", "signatories")
BATCH_CHUNK_SIZE = 50  # measured (benchmarks/certificates.py): 100 is up to 10 % faster, 25 slower


def _theme(theme: str | Theme) -> Theme:
    return theme if isinstance(theme, Theme) else load_theme(theme)


def render_certificates(
    theme: str | Theme, certificates: list[dict], *, bleed: bool = False, crop_marks: bool = False
) -> bytes:
    """One PDF with one page per certificate, in order.

    ``certificates`` are dicts of plain values (certificates/README.md lists the keys).
    ``bleed`` adds 3 mm of bleed on every side for a print shop, ``crop_marks`` crop and
    registration marks in it (and the bleed, which they need). Raises ValueError or TypeError
    for bad input and PrintingError when WeasyPrint refuses a resource, misses a glyph, or a
    certificate does not fit its page.
    """
    if not certificates:
        raise ValueError("no certificates to render")
    options = _options(bleed, crop_marks, files=False)
    return render_batch(
        _theme(theme), certificates, options, chunk_size=BATCH_CHUNK_SIZE, workers=1
    ).combined


BOOKLET_PAGES_MULTIPLE = 4  # a saddle-stitched booklet: each folded sheet holds four pages


def render_program(theme: str | Theme, program: dict, *, crop_marks: bool = False) -> bytes:
    """The ceremony program booklet as one PDF (certificates/README.md lists the keys), its
    page count a multiple of four (a notes page, then blank ones, at the end); ``crop_marks``
    for a print shop: 3 mm of bleed and crop marks in a slug around it."""
    spec = _theme(theme)
    context = program_context(program, spec)
    return render_document(
        spec, "program.html", spec.program_page_size, crop_marks=crop_marks,
        pages_multiple_of=BOOKLET_PAGES_MULTIPLE, program=context,
    )  # fmt: skip


SLIDE_PAGE_SIZE = "320mm 180mm"  # 16:9, a projector's shape


def render_slides(theme: str | Theme, slides: list[dict], *, logo: str | None = None) -> bytes:
    """The hall screen's slides as one PDF, a 16:9 page each, for a computer that shows them
    without the app. ``slides``: dicts of kind, label, title, subtitle, names (each a list of
    lines), part, parts, until (awards/ceremony/slides.py); ``logo``: a data: URI or None."""
    if not slides:
        raise ValueError("no slides to render")
    return render_document(_theme(theme), "slides.html", SLIDE_PAGE_SIZE, slides=slides, logo=logo)


def render_place_cards(theme: str | Theme, cards: list[dict]) -> bytes:
    """Place cards for the reserved seats, one A4 landscape sheet each, folded into a tent.
    ``cards``: dicts of name, position and laureate (each a list of lines, Kazakh first) and
    seat_row, seat_number (text or None)."""
    if not cards:
        raise ValueError("no place cards to render")
    for index, card in enumerate(cards):
        _ensure_plain(card, f"cards[{index}]")
    return render_document(_theme(theme), "place_cards.html", "A4 landscape", pages=len(cards),
                           cards=cards)  # fmt: skip


def render_program_sheets(theme: str | Theme, program: dict) -> bytes:
    """The program booklet for an office printer: its pages two-up on A4 landscape sheets in
    saddle-stitch order (imposition.py), to print on both sides, fold and staple."""
    return impose_booklet(render_program(theme, program))


# The stage papers: their paper, and the pages each card (a cue card, an envelope) takes.
STAGE_PAPERS = {
    "script": ("A4", None), "cue_cards": ("A6", 1), "envelopes": ("A5", 2), "handout": ("A4", None),
}  # fmt: skip


def render_stage_paper(theme: str | Theme, paper: str, values: dict) -> bytes:
    """One of the ceremony's stage papers (STAGE_PAPERS) as a PDF from the theme's stage.html:
    the presenter's script, the cue cards (one A6 page each), the envelopes (two A5 pages
    each: the outside, the inside) or the stage assistants' hand-out sheet. ``values`` are
    plain (awards/printing/stage.py). PrintingError when a card does not fit its pages."""
    spec = _theme(theme)
    page_size, pages_each = STAGE_PAPERS[paper]
    for fit in range(FIT_STEPS):
        context = stage_context(paper, values, spec, fit)
        if not pages_each:
            return render_document(spec, "stage.html", page_size, stage=context)
        cards = context["moments"] if paper == "cue_cards" else context["envelopes"]
        try:
            return render_document(
                spec, "stage.html", page_size, pages=len(cards) * pages_each, stage=context
            )
        except PrintingError:
            if fit == FIT_STEPS - 1:
                raise
    raise AssertionError("unreachable")


def render_certificate_files(
    theme: str | Theme,
    certificates: list[dict],
    *,
    bleed: bool = False,
    crop_marks: bool = False,
    chunk_size: int = BATCH_CHUNK_SIZE,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[bytes]:
    """One PDF per certificate, in order, for many certificates at once.

    Chunks of up to ``chunk_size`` certificates are rendered together (batch.py) and spread
    over ``workers`` processes (default: one per CPU) started with spawn, so a script calling
    this needs the ``if __name__ == "__main__":`` guard. ``progress(done, total)`` is called
    after each chunk. Options and errors as for render_certificates.
    """
    if not certificates:
        return []
    options = _options(bleed, crop_marks, files=True, combined=False)
    workers = workers or os.cpu_count() or 1
    return render_batch(
        _theme(theme), certificates, options, chunk_size=chunk_size, workers=workers,
        progress=progress,
    ).files  # fmt: skip


def render_certificate_batch(
    theme: str | Theme,
    certificates: list[dict],
    *,
    bleed: bool = False,
    crop_marks: bool = False,
    chunk_size: int = BATCH_CHUNK_SIZE,
    workers: int | None = None,
    progress: Progress | None = None,
) -> CertificateBatch:
    """render_certificate_files and, from the same rendering, the combined PDF."""
    if not certificates:
        raise ValueError("no certificates to render")
    options = _options(bleed, crop_marks, files=True)
    workers = workers or os.cpu_count() or 1
    return render_batch(
        _theme(theme), certificates, options, chunk_size=chunk_size, workers=workers,
        progress=progress,
    )  # fmt: skip


def _options(bleed: bool, crop_marks: bool, *, files: bool, combined: bool = True) -> Options:
    return Options(bleed=bleed or crop_marks, crop_marks=crop_marks, files=files, combined=combined)


def _shortened(field: str, value):
    if field == "signatories":
        return [{**signatory, "name": "—", "title": "—"} for signatory in value]
    return "—"


def overflowing_fields(theme: str | Theme, certificate: dict) -> list[str]:
    """Which texts of a certificate too long for one page (PageOverflowError) are to blame:
    each of FITTED_FIELDS which, printed as a dash, lets the certificate fit. Empty when no
    one text alone is (the texts are too long together). Renders once per field."""
    spec = _theme(theme)
    found = []
    for field in FITTED_FIELDS:
        if not certificate.get(field):
            continue
        try:
            shorter = {**certificate, field: _shortened(field, certificate[field])}
            render_certificates(spec, [shorter])
        except PageOverflowError:
            continue
        found.append(field)
    return found
