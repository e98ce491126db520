"""PDF files cut and joined with pypdf: one file per page of a PDF, and many PDFs as one (each
font subset under a name of its own, shared where the same)."""

from collections.abc import Iterable
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from awards.printing.subsets import retag_subsets

DEDUPLICATION_PASSES = 4  # a Type0 font is four levels deep


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


def merge_pdfs(
    pdfs: Iterable[bytes], order: list[tuple[int, int]] | None = None, *, title: str | None = None
) -> bytes:
    """Every page of ``pdfs`` in one PDF: all in turn, or as ``order`` lists them by (pdf,
    page). The language and author are the first PDF's, the title ``title`` (default: the
    first PDF's), and the file gets an /ID of its own."""
    readers = [PdfReader(BytesIO(pdf)) for pdf in pdfs]
    if order is None:
        order = [(number, page) for number, r in enumerate(readers) for page in range(len(r.pages))]
    writer = PdfWriter()
    for number, page in order:
        writer.add_page(readers[number].pages[page])
    return finished(writer, readers[0], title)


def finished(writer: PdfWriter, first: PdfReader, title: str | None) -> bytes:
    """``writer``'s pages written: fonts retagged and shared, the language and author of
    ``first``, the title ``title`` (default: ``first``'s), an /ID."""
    retag_subsets(writer)  # each chunk's subsets: under names of their own, or shared
    # The seal, the signatures and the logo are the same pictures on every page, and files of
    # one chunk share its fonts: kept once. A pass merges identical objects; objects that
    # referred to merged ones are identical only in the next pass (a font program, its
    # descriptor, its CIDFont, the font): a few passes reach the top.
    for _ in range(DEDUPLICATION_PASSES):
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    _describe(writer, first, title)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def _describe(writer: PdfWriter, first: PdfReader, title: str | None) -> None:
    if "/Lang" in first.root_object:
        writer.root_object[NameObject("/Lang")] = TextStringObject(first.root_object["/Lang"])
    info = first.metadata or {}
    described = {key: info[key] for key in ("/Author", "/Title") if key in info}
    if title is not None:
        described["/Title"] = title
    writer.add_metadata(described)
    writer.generate_file_identifiers()
