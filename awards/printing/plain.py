"""The plain path: WeasyPrint's public API only (HTML.render, Document.copy, write_pdf), one
document per chunk of certificates or per program booklet."""

import copy

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from awards.printing.chunk import Chunk
from awards.printing.environment import fill_template
from awards.printing.errors import PageOverflowError, PrintingError
from awards.printing.fetcher import ThemeURLFetcher, strict_weasyprint
from awards.printing.fonts import check_families
from awards.printing.marks import finish_pdf
from awards.printing.merge import merge_pdfs
from awards.printing.paper import page_css
from awards.printing.prepared import PreparedTheme
from awards.printing.qr import qr_svg_data_uri
from awards.printing.themes import Theme


def render_chunk(
    prepared: PreparedTheme, contexts: list[dict], matrices: list, page: CSS, *, files: bool,
    combined: bool,
) -> Chunk:  # fmt: skip
    """The pages of ``contexts`` (whose QR codes are ``matrices``) laid out as one document,
    each certificate its own page: a PDF each (``files``) and/or all in one (``combined``).
    PrintingError if a certificate needs more than one page."""
    contexts = [{**context, "qr_image": qr_svg_data_uri(matrix)}
                for context, matrix in zip(contexts, matrices, strict=True)]  # fmt: skip
    document = HTML(
        string=prepared.html(contexts), base_url=prepared.base_url,
        url_fetcher=prepared.url_fetcher,
    ).render(
        font_config=prepared.font_config, stylesheets=[*prepared.stylesheets, page],
        cache=prepared.image_cache,
    )  # fmt: skip
    _check_one_page_each(document, contexts)
    families: set[str] = set()
    pdfs = (
        [_write(_one_certificate(document, one, context), families)
         for one, context in zip(document.pages, contexts, strict=True)]
        if files else []
    )  # fmt: skip
    # Each page drawn once: WeasyPrint adds a page's crop marks again each time it draws it.
    whole = None
    if combined:
        whole = (
            merge_pdfs(pdfs, title=document.metadata.title) if files else _write(document, families)
        )
    return Chunk(len(contexts), pdfs, whole, families, fast=False)


def _one_certificate(document, page, context: dict):
    """The page as a document of its own, titled with what it is and for whom."""
    one = document.copy([page])
    one.metadata = copy.copy(document.metadata)
    one.metadata.title = context["document_title"]
    one.metadata.description = context["document_subject"]
    return one


def _write(document, families: set[str]) -> bytes:
    # A print shop's slug and marks, if asked; an /ID made from the file's content.
    pdf = document.write_pdf(finisher=finish_pdf, pdf_identifier=True)
    families.update(font.family for font in document.fonts.values())  # known once written
    return pdf


def _check_one_page_each(document, contexts: list[dict]) -> None:
    if len(document.pages) == len(contexts):
        return
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    starts = [first_page.get(c["anchor"], -1) for c in contexts] + [len(document.pages)]
    too_long = [index for index, (start, end) in enumerate(zip(starts, starts[1:], strict=False))
                if end - start > 1]  # fmt: skip
    raise PageOverflowError(too_long, [contexts[index]["serial"] for index in too_long])


def render_document(
    theme: Theme, template_name: str, page_size: str, *, crop_marks: bool = False,
    pages_multiple_of: int = 1, pages: int | None = None, **values,
) -> bytes:  # fmt: skip
    """A theme's template rendered as one document (the ceremony program booklet).

    ``crop_marks`` for a print shop: bleed, and the marks in a slug around it (marks.py).
    ``pages_multiple_of`` (4 for a saddle-stitched booklet): when the pages fall short of a
    multiple, the template is filled again with ``padding``, the number of pages it must add
    at the end; PrintingError if they still do not come out a multiple. ``pages``: the
    exact number of pages it must have (cards of one page each); PrintingError otherwise.
    """
    font_config = FontConfiguration()
    with strict_weasyprint():
        paper = page_css(page_size, bleed=crop_marks, crop_marks=crop_marks)
        stylesheet = CSS(string=paper, font_config=font_config)

        def render(padding: int):
            html = fill_template(theme, template_name, padding=padding, **values)
            return HTML(
                string=html, base_url=f"{theme.path}/", url_fetcher=ThemeURLFetcher(theme.root)
            ).render(font_config=font_config, stylesheets=[stylesheet])

        document = render(0)
        if missing := -len(document.pages) % pages_multiple_of:
            document = render(missing)
            if len(document.pages) % pages_multiple_of:
                raise PrintingError(
                    f"{template_name} made {len(document.pages)} pages with {missing} added, "
                    f"not a multiple of {pages_multiple_of}"
                )
        if pages is not None and len(document.pages) != pages:
            raise PrintingError(
                f"{template_name} made {len(document.pages)} pages, not {pages}: a card is too "
                "long for its page"
            )
        pdf = document.write_pdf(finisher=finish_pdf, pdf_identifier=True)
    check_families(theme, {font.family for font in document.fonts.values()})
    return pdf
