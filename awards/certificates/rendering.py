"""Certificate and ceremony-program PDFs: the functions views, commands and jobs call.

Themes and the values templates receive are in contexts.py; WeasyPrint is driven by
printing.py (plain documents) and stamping.py (many certificates from few layouts).
"""

import os
from io import BytesIO

from pypdf import PdfReader, PdfWriter

from awards.certificates import printing
from awards.certificates.batch import CertificateBatch, Progress, render_batch
from awards.certificates.contexts import (  # noqa: F401 -- the public names stay here too
    DEFAULT_LANGUAGES,
    KINDS,
    LANGUAGES,
    Theme,
    available_themes,
    certificate_context,
    certificate_context_without_qr,
    load_theme,
    program_context,
)

BLEED = printing.BLEED
BATCH_CHUNK_SIZE = 50  # measured (benchmarks/certificates.py): 100 is up to 10 % faster, 25 slower


def render_certificates(
    theme: str, certificates: list[dict], *, bleed: bool = False, crop_marks: bool = False
) -> bytes:
    """One PDF with one page per certificate, in order.

    ``certificates`` are dicts of plain values (certificates/README.md lists the keys).
    ``bleed`` adds 3 mm of bleed on every side for a print shop, ``crop_marks`` crop and
    registration marks in it (and the bleed, which they need). Raises ValueError or TypeError
    for bad input and CertificateRenderingError when WeasyPrint refuses a resource, misses a
    glyph, or a certificate does not fit its page.
    """
    if not certificates:
        raise ValueError("no certificates to render")
    options = _options(bleed, crop_marks, files=False)
    return render_batch(
        theme, certificates, options, chunk_size=BATCH_CHUNK_SIZE, workers=1
    ).combined


def render_program(theme: str, program: dict) -> bytes:
    """The ceremony program booklet as one PDF (certificates/README.md lists the keys)."""
    spec = load_theme(theme)
    context = program_context(program, spec)
    return printing.render_document(spec, "program.html", spec.program_page_size, program=context)


def split_pdf(pdf_bytes: bytes) -> list[bytes]:
    """One single-page PDF per page of ``pdf_bytes``, in order."""
    reader = PdfReader(BytesIO(pdf_bytes))
    pages = []
    for page in reader.pages:
        writer = PdfWriter()
        writer.add_page(page)
        if reader.metadata:
            writer.add_metadata(reader.metadata)
        output = BytesIO()
        writer.write(output)
        pages.append(output.getvalue())
    return pages


def render_certificate_files(
    theme: str,
    certificates: list[dict],
    *,
    bleed: bool = False,
    crop_marks: bool = False,
    chunk_size: int = BATCH_CHUNK_SIZE,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[bytes]:
    """One PDF per certificate, in order, for many certificates at once.

    Chunks of up to ``chunk_size`` certificates are rendered together (printing.py,
    stamping.py) and spread over ``workers`` processes (default: one per CPU) started with
    spawn, so a script calling this needs the ``if __name__ == "__main__":`` guard.
    ``progress(done, total)`` is called after each chunk. Options and errors as for
    render_certificates.
    """
    options = _options(bleed, crop_marks, files=True, combined=False)
    workers = workers or os.cpu_count() or 1
    return render_batch(
        theme, certificates, options, chunk_size=chunk_size, workers=workers, progress=progress
    ).files


def render_certificate_batch(
    theme: str,
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
        theme, certificates, options, chunk_size=chunk_size, workers=workers, progress=progress
    )


def _options(bleed: bool, crop_marks: bool, *, files: bool, combined: bool = True):
    return printing.Options(bleed or crop_marks, crop_marks, files, combined)
