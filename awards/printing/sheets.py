"""The print shop's copy made of the issued files themselves: each page, its content streams
unchanged, moved onto a larger sheet with a bleed and a slug around its trim, crop marks in the
slug (never under what the page draws into the bleed), and TrimBox and BleedBox set."""

from contextlib import ExitStack
from io import BytesIO

import pikepdf

from awards.printing.merge import merge_pdfs

MM = 72 / 25.4
BLEED_MM = 3  # what a page draws up to 3 mm past its trim (a full-bleed band) prints
SLUG_MM = 10  # outside the bleed: the crop marks
MARK_FROM_MM = 4  # the marks start this far from the trim (past the bleed) …
MARK_TO_MM = 9  # … and end this far


def _marks(left: float, bottom: float, right: float, top: float) -> bytes:
    """A crop mark in line with each trim edge at each corner, in the slug."""
    near, far = MARK_FROM_MM * MM, MARK_TO_MM * MM
    lines = []
    for x, outward_x in ((left, -1), (right, 1)):
        for y, outward_y in ((bottom, -1), (top, 1)):
            lines.append((x + outward_x * near, y, x + outward_x * far, y))
            lines.append((x, y + outward_y * near, x, y + outward_y * far))
    paths = b"\n".join(b"%.3f %.3f m %.3f %.3f l S" % line for line in lines)
    return b"q 0 G 0.25 w 0 J\n" + paths + b"\nQ\n"


def _on_a_sheet(output: pikepdf.Pdf, page: pikepdf.Page) -> None:
    left, bottom, right, top = (float(value) for value in page.mediabox)
    margin, bleed = (BLEED_MM + SLUG_MM) * MM, BLEED_MM * MM
    width, height = right - left, top - bottom
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    trim = (margin, margin, margin + width, margin + height)
    # Whatever the page draws past the bleed is cut off, so the slug stays clear for the marks.
    clip = (margin - bleed, margin - bleed, width + 2 * bleed, height + 2 * bleed)
    move = output.make_stream(
        b"q %.4f %.4f %.4f %.4f re W n\n1 0 0 1 %.4f %.4f cm\n"
        % (*clip, margin - left, margin - bottom)
    )
    after = output.make_stream(b"\nQ\n" + _marks(*trim))
    page.obj.Contents = pikepdf.Array([move, *streams, after])
    page.obj.MediaBox = pikepdf.Array([0, 0, width + 2 * margin, height + 2 * margin])
    page.obj.TrimBox = pikepdf.Array(list(trim))
    page.obj.BleedBox = pikepdf.Array(
        [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
    )
    if "/CropBox" in page.obj:
        del page.obj.CropBox


def print_shop_sheets(pdfs: list[bytes], *, title: str | None = None) -> bytes:
    """Every page of ``pdfs``, in turn, each on a sheet of its own for a print shop; fonts and
    pictures shared as merge_pdfs shares them, the first file's language and author."""
    output = pikepdf.new()
    with ExitStack() as sources:
        for number, pdf in enumerate(pdfs):
            source = sources.enter_context(pikepdf.open(BytesIO(pdf)))
            if number == 0:
                if "/Lang" in source.Root:
                    output.Root.Lang = source.Root.Lang
                output.docinfo = output.copy_foreign(source.docinfo)
            for page in source.pages:
                output.pages.append(page)
                _on_a_sheet(output, output.pages[-1])
        sheets = BytesIO()
        output.save(sheets)
    return merge_pdfs([sheets.getvalue()], title=title)
