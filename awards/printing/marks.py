"""The print shop's page: the trimmed page, 3 mm of bleed, and around it a slug with crop and
registration marks that nothing on the page can cover.

WeasyPrint draws its own marks (``marks: crop``) inside the bleed, under the page's content: a
full-bleed colour band hides them. Here the page's CSS bleed reaches over bleed and slug (the
MediaBox), and each page of the PDF is then finished: its BleedBox set 3 mm past the TrimBox,
what the page draws clipped to the BleedBox, and the marks drawn over it in the slug. The plain
path passes ``finish_pdf`` to WeasyPrint's ``write_pdf`` (its finisher); the fast path calls
``finish_page`` on the pages it stamps, so both write the same boxes and the same marks.

Only the objects of the pydyf.PDF WeasyPrint hands a finisher are used (its pages, their boxes
and content streams), never pydyf itself.
"""

import math

MM = 72 / 25.4
BLEED_MM = 3
SLUG_MM = 9  # past the bleed: the marks and a margin a printer's rollers may take
MARK_OFFSET_MM = BLEED_MM + 1  # a mark begins this far from the trim, clear of the bleed
MARK_LENGTH_MM = 5
TARGET_RADIUS_MM = 1.6  # registration targets, centred on each side of the slug
MARK_WIDTH_PT = 0.3
# Registration colour: every separation inks the marks, so each plate shows where to cut.
REGISTRATION = b"1 1 1 1 K"


def _number(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _rectangle(box) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(value) for value in box)
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def has_slug(page) -> bool:
    """Whether a page's media reaches past its bleed (a page laid out for the print shop)."""
    if "TrimBox" not in page:
        return False
    media, trim = _rectangle(page["MediaBox"]), _rectangle(page["TrimBox"])
    return trim[0] - media[0] > (BLEED_MM + 1) * MM


def bleed_box(trim: tuple[float, float, float, float]) -> list[float]:
    bleed = BLEED_MM * MM
    return [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]


def _line(x1: float, y1: float, x2: float, y2: float) -> bytes:
    return b"%s %s m %s %s l S" % (_number(x1), _number(y1), _number(x2), _number(y2))


def _circle(x: float, y: float, radius: float) -> bytes:
    # Four Bézier arcs; 0.5523 of the radius puts their control points on the tangents.
    k = radius * 4 * (math.sqrt(2) - 1) / 3
    points = [
        (x + radius, y, x + radius, y + k, x + k, y + radius, x, y + radius),
        (x, y + radius, x - k, y + radius, x - radius, y + k, x - radius, y),
        (x - radius, y, x - radius, y - k, x - k, y - radius, x, y - radius),
        (x, y - radius, x + k, y - radius, x + radius, y - k, x + radius, y),
    ]
    path = [b"%s %s m" % (_number(points[0][0]), _number(points[0][1]))]
    path += [b" ".join(_number(v) for v in arc[2:]) + b" c" for arc in points]
    return b" ".join(path) + b" S"


def mark_operators(trim: tuple[float, float, float, float]) -> bytes:
    """Crop marks at the four corners of ``trim`` and a registration target in the middle of
    each side, all in the slug (PDF user space, points)."""
    left, bottom, right, top = trim
    near, far = MARK_OFFSET_MM * MM, (MARK_OFFSET_MM + MARK_LENGTH_MM) * MM
    lines = []
    for x, sx in ((left, -1), (right, 1)):
        for y, sy in ((bottom, -1), (top, 1)):
            lines.append(_line(x + sx * near, y, x + sx * far, y))  # along the trim's edge
            lines.append(_line(x, y + sy * near, x, y + sy * far))
    middle = (BLEED_MM + SLUG_MM / 2) * MM
    radius, arm = TARGET_RADIUS_MM * MM, (TARGET_RADIUS_MM + 1) * MM
    centre_x, centre_y = (left + right) / 2, (bottom + top) / 2
    for x, y in ((centre_x, top + middle), (centre_x, bottom - middle),
                 (left - middle, centre_y), (right + middle, centre_y)):  # fmt: skip
        lines.append(_circle(x, y, radius))
        lines += [_line(x - arm, y, x + arm, y), _line(x, y - arm, x, y + arm)]
    return b"\n".join([b"q", REGISTRATION, b"%s w" % _number(MARK_WIDTH_PT), *lines, b"Q"])


def finish_page(page, items: list, *, marks: bool = True) -> None:
    """A page with a slug (has_slug), finished in place: its BleedBox 3 mm past the trim, its
    content stream ``items`` clipped to it and, with ``marks``, the marks drawn over it."""
    trim = _rectangle(page["TrimBox"])
    bleed = bleed_box(trim)
    page["BleedBox"][:] = bleed
    width, height = bleed[2] - bleed[0], bleed[3] - bleed[1]
    clip = b"%s %s %s %s re W n" % tuple(_number(v) for v in (bleed[0], bleed[1], width, height))
    items[:0] = [b"q", clip]
    items.append(b"Q")
    if marks:
        items.append(mark_operators(trim))


def _reference(value) -> int:
    return int(value.split()[0])


def finish_pdf(document, pdf) -> None:
    """WeasyPrint's finisher: every page of ``pdf`` that has a slug finished (finish_page)."""
    for number in pdf.pages["Kids"][::3]:
        page = pdf.objects[number]
        if has_slug(page):
            finish_page(page, pdf.objects[_reference(page["Contents"])].stream)
