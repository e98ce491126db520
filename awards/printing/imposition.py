"""A booklet imposed for an office printer: its pages two-up on sheets, in the order that,
printed on both sides (flipped on the short edge), folded and stapled, gives the booklet back."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter, Transformation

from awards.printing.paper import paper_size

MM = 72 / 25.4
SHEET = "A4 landscape"  # two A5 pages side by side


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers, from 1, of each side of each sheet, in printing order:
    for 8 pages (8, 1), (2, 7), (6, 3), (4, 5). ValueError unless ``pages`` is a multiple of
    four (each sheet, folded, holds four pages)."""
    if pages <= 0 or pages % 4:
        raise ValueError(f"a saddle-stitched booklet has a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        outer = 2 * sheet  # pages before this sheet's first page, from either end
        sides.append((pages - outer, outer + 1))  # the front: the outside of the fold
        sides.append((outer + 2, pages - outer - 1))  # the back
    return sides


def impose_booklet(pdf: bytes, sheet: str = SHEET) -> bytes:
    """The pages of ``pdf`` (trimmed, without bleed) two-up on ``sheet``s in saddle-stitch
    order, each page against the fold and scaled down only if half a sheet is too small."""
    reader = PdfReader(BytesIO(pdf))
    width, height = (length * MM for length in paper_size(sheet))
    half = width / 2
    writer = PdfWriter()
    for pair in saddle_stitch_order(len(reader.pages)):
        side = writer.add_blank_page(width, height)
        for number, on_the_right in zip(pair, (False, True), strict=True):
            page = reader.pages[number - 1]
            box = page.mediabox
            scale = min(1.0, half / float(box.width), height / float(box.height))
            placed_width = float(box.width) * scale
            x = half if on_the_right else half - placed_width
            y = (height - float(box.height) * scale) / 2
            move = (
                Transformation()
                .translate(-float(box.left), -float(box.bottom))
                .scale(scale)
                .translate(x, y)
            )
            side.merge_transformed_page(page, move)
    if reader.metadata:
        writer.add_metadata(reader.metadata)
    # Each side refers to the fonts of two pages: the fonts are kept once.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
