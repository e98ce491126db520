"""Many certificates from few prepared: WeasyPrint lays out each distinct page once, and the
names, verification addresses and serials of all certificates together; each PDF page is then
that layout with its certificate's texts and QR code set into it.

A certificate's page depends on its texts only through the height of each "slot" (the
recipient's name in each language, the address, the serial): the rest of the page is the same
for every laureate of a category. So, for a chunk of certificates:

1. The slots of every certificate are laid out in one document, on a copy of the page with its
   fixed texts blanked (same widths, same styles), each slot in its own transparency group.
2. Each distinct page ("shape": fixed texts plus slot heights) is laid out once per process,
   with an empty block of the measured height and a 1-pixel marker image in each slot, and a
   marker image of the same size in place of the QR code.
3. WeasyPrint draws all of it into one PDF. Each certificate's page is its shape's content
   stream cut where the markers are drawn, with the certificate's group (moved from where it
   was laid out to where the empty block is) or its QR code put in their place, so even the
   order of the text in the PDF is the order of a page laid out on its own.

Anything unexpected (a slot whose width differs between the two prepared, a marker WeasyPrint
did not draw where expected) raises StampingError, and the fence (fast/__init__.py) renders the
chunk the plain way instead, as it does for any other exception.
"""

import base64
import hashlib
import struct
import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import weasyprint.pdf
from markupsafe import Markup, escape
from weasyprint import CSS, DEFAULT_OPTIONS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from awards.printing.chunk import Chunk
from awards.printing.fast.assembly import info_dictionary, reference, retag_subsets
from awards.printing.fast.composition import Composer, Stamp, cut_shape, slot_groups
from awards.printing.marks import finish_page, has_slug
from awards.printing.prepared import PreparedTheme

BLANK = " "  # a fixed text in the slot layout: no glyph to shape, the element stays
SLOT_TAG = "awards-slot"  # an element of our own: no theme rule for span or div reaches it
KEEP = frozenset({"anchor", "kind", "language", "languages", "name_length", "logo", "seal_image",
                  "signature_image"})  # fmt: skip
TALL_PAGE_MM = 400  # the slot layout's page: as wide as the real one, tall enough for all
SLOT_MM = 60  # room for one certificate's slots on that page
STATIC_CACHE_SIZE = 64
NO_BACKDROP = "@page { background: none !important; marks: none !important; }"
# Each slot text is a transparency group (opacity), which WeasyPrint draws as an XObject of
# its own: the page it is on is thrown away, the group is put into its certificate's page.
SLOT_CSS = (
    NO_BACKDROP
    + """
body * { visibility: hidden !important; }
awards-slot { display: block !important; opacity: 0.999 !important;
              visibility: visible !important; }
"""
)
# The page background (a frame, say) and crop marks are drawn once per chunk, under all pages.
# (Collapsed table borders are drawn whatever the cells' visibility: no borders at all.)
BACKDROP_CSS = """
html, body { background: none !important; }
body * { visibility: hidden !important; border-style: none !important; }
"""


class StampingError(Exception):
    """The stamped pages would not be exactly the pages WeasyPrint lays out one by one."""


def _png(width: int, height: int, tag: bytes) -> str:
    """A transparent PNG as a data: URI; ``tag`` makes it (and its PDF name) unique."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixels = b"".join(b"\x00" + b"\x00\x00\x00\x00" * width for _ in range(height))
    data = b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
        chunk(b"tEXt", b"awards\x00" + tag),
        chunk(b"IDAT", zlib.compress(pixels)),
        chunk(b"IEND", b""),
    ))  # fmt: skip
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _pdf_name(uri: str) -> bytes:
    # WeasyPrint names an image XObject after the MD5 of its URL (and "1": interpolated).
    return b"i" + hashlib.md5(uri.encode(), usedforsecurity=False).hexdigest().encode() + b"1"


@cache
def _slot_marker(slot: int) -> str:
    return _png(1, 1, b"slot %d" % slot)


@cache
def qr_marker(modules: int) -> str:
    """Stands for the QR code in a shape: the same intrinsic size as its SVG."""
    return _png(modules, modules, b"qr")


@cache
def _marker_names(slots: int) -> dict[bytes, int]:
    return {_pdf_name(_slot_marker(slot)): slot for slot in range(slots)}


# ----------------------------------------------------------------------------- the contexts


def slot_paths(context: dict) -> list[tuple]:
    """Where a certificate context holds its slots: each language's recipient, the address
    and the serial line."""
    recipients = [("texts", index, "recipient") for index in range(len(context["texts"]))]
    return [*recipients, ("verify_url",), ("serial_line",)]


def _get(context: dict, path: tuple):
    return context[path[0]] if len(path) == 1 else context[path[0]][path[1]][path[2]]


def _with(context: dict, values: dict) -> dict:
    """A copy of ``context`` with the slot values replaced."""
    copy = {**context, "texts": [dict(text) for text in context["texts"]]}
    for path, value in values.items():
        if len(path) == 1:
            copy[path[0]] = value
        else:
            copy[path[0]][path[1]][path[2]] = value
    return copy


def _blank(value, key=None):
    if key in KEEP:
        return value
    if isinstance(value, str):
        return BLANK
    if isinstance(value, list):
        return [_blank(item) for item in value]
    if isinstance(value, dict):
        return {name: _blank(item, name) for name, item in value.items()}
    return value


SPACER_STYLE = "display:block;margin:0;padding:0;border:0;height:{height!r}px"
# A marker must be drawn in the flow of the text (not as a stacking context of its own).
MARKER_STYLE = "display:block;width:1px;height:1px;margin:0;overflow:visible;position:static"


def _spacer(slot: int, height: float) -> Markup:
    marker = _slot_marker(slot)
    return Markup(  # noqa: S704 -- a number and our own data: URI, nothing typed by a user
        f'<{SLOT_TAG} data-slot="{slot}" style="{SPACER_STYLE.format(height=height)}">'
        f'<img alt="" src="{marker}" style="{MARKER_STYLE}"></{SLOT_TAG}>'
    )


# ----------------------------------------------------------------------------- layouts


def _render(prepared: PreparedTheme, html: str, extra: list) -> object:
    return HTML(string=html, base_url=prepared.base_url, url_fetcher=prepared.url_fetcher).render(
        font_config=prepared.font_config, stylesheets=prepared.stylesheets + extra,
        cache=prepared.image_cache,
    )  # fmt: skip


def _slot_boxes(page) -> dict[str, object]:
    found = {}
    for box in page._page_box.descendants():  # noqa: SLF001 -- WeasyPrint has no public way
        if isinstance(box, AbsolutePlaceholder):
            box = box._box  # noqa: SLF001
        if isinstance(box, boxes.BlockBox) and box.element is not None:
            slot = box.element.get("data-slot")
            if slot is not None:
                found[slot] = box
    return found


@dataclass
class SlotLayout:
    """Every certificate's slot texts, laid out and drawn as transparency groups."""

    document: object
    boxes: dict[str, object]  # str(number) -> the box of slot text number ``number``
    numbers: dict[tuple[int, int], int]  # (certificate, slot) -> number


def lay_out_slots(prepared: PreparedTheme, contexts: list[dict], qr_modules: int) -> SlotLayout:
    """The slots of all ``contexts`` on blanked copies of their pages, a page per kind."""
    kinds: dict[str, list[int]] = {}
    for index, context in enumerate(contexts):
        kinds.setdefault(repr(_blank({**context, "anchor": ""})), []).append(index)
    skeletons, numbers = [], {}
    for members in kinds.values():
        values = {}
        for slot, path in enumerate(slot_paths(contexts[members[0]])):
            spans = []
            for index in members:
                number = numbers[index, slot] = len(numbers)
                text = escape(_get(contexts[index], path))
                spans.append(f'<{SLOT_TAG} data-slot="{number}">{text}</{SLOT_TAG}>')
            values[path] = Markup("".join(spans))  # noqa: S704 -- the texts are escaped above
        skeleton = _with(_blank(contexts[members[0]]), values)
        skeleton.update(anchor=f"slots-{len(skeletons)}", qr_image=qr_marker(qr_modules))
        skeletons.append(skeleton)
    html = prepared.html(skeletons)
    height = TALL_PAGE_MM + SLOT_MM * max(len(members) for members in kinds.values())
    for _ in range(3):  # a page per kind, whose slots no page break cuts
        page = CSS(string=f"@page {{ size: {prepared.page_width_mm}mm {height}mm; }} {SLOT_CSS}")
        document = _render(prepared, html, [page])
        if len(document.pages) == len(skeletons):
            break
        height *= 4
    else:
        raise StampingError("the slots do not fit the pages they are laid out on")
    found = {}
    for laid_out in document.pages:
        found.update(_slot_boxes(laid_out))
    return SlotLayout(document, found, numbers)


def _match_groups(groups: list, found: dict) -> dict[str, str]:
    """The group of each slot box: the one whose text starts inside it (boxes are disjoint)."""
    by_top = sorted((box.border_box_y(), number, box) for number, box in found.items())
    tops = [top for top, _, _ in by_top]
    tallest = max((box.border_height() for box in found.values()), default=0)
    matched = {}
    for name, x, y in groups:
        candidates = [
            number
            for top, number, box in by_top[bisect_left(tops, y - tallest) : bisect_right(tops, y)]
            if y <= top + box.border_height() and box.border_box_x() <= x
            and x <= box.border_box_x() + box.border_width()
        ]  # fmt: skip
        if len(candidates) != 1 or candidates[0] in matched:
            raise StampingError(f"group {name} is in {len(candidates)} slots")
        matched[candidates[0]] = name
    return matched


class TooLongError(Exception):
    """A shape does not fit on one page."""


def _static_context(context: dict, heights: list[float], qr_modules: int) -> dict:
    spacers = {path: _spacer(slot, heights[slot]) for slot, path in enumerate(slot_paths(context))}
    return {**_with(context, spacers), "anchor": "certificate", "qr_image": qr_marker(qr_modules)}


def _cached(prepared: PreparedTheme, html: str, stylesheets: list) -> object:
    key = (html, *map(id, stylesheets))
    if key in prepared.layouts:
        prepared.layouts.move_to_end(key)
        return prepared.layouts[key]
    document = prepared.layouts[key] = _render(prepared, html, stylesheets)
    while len(prepared.layouts) > STATIC_CACHE_SIZE:
        prepared.layouts.popitem(last=False)
    return document


@cache
def _stylesheet(css: str) -> CSS:
    return CSS(string=css)


def backdrop_page(prepared: PreparedTheme, context: dict, page_css: CSS, qr_modules: int):
    """The page background and marks alone, on a page like the certificate's."""
    skeleton = {**_blank(context), "anchor": "backdrop", "qr_image": qr_marker(qr_modules)}
    html = prepared.html([skeleton])
    page = _cached(prepared, html, [page_css, _stylesheet(BACKDROP_CSS)]).pages[0]
    # WeasyPrint adds the crop marks to the page's background as a layer of its own (the only
    # unbounded one) each time it draws the page: a page kept for the next chunks would carry
    # them once more each time.
    background = page._page_box.background  # noqa: SLF001 -- no public way
    if background is not None:
        background.layers[:] = [layer for layer in background.layers if not layer.unbounded]
    return page


@dataclass
class ShapeLayout:
    page: object
    spacers: list  # by slot: the box each slot's text takes the place of
    metadata: object


def shape_layout(prepared: PreparedTheme, html: str, page_css: CSS, slots: list) -> ShapeLayout:
    """The page of shape ``html``, laid out once per process. TooLongError if it needs two
    pages; StampingError if its slots are not exactly as wide as where they were measured."""
    document = _cached(prepared, html, [page_css, _stylesheet(NO_BACKDROP)])
    if len(document.pages) != 1:
        raise TooLongError
    found = _slot_boxes(document.pages[0])
    spacers = [found[str(slot)] for slot in range(len(slots))]
    for slot, (spacer, box) in enumerate(zip(spacers, slots, strict=True)):
        if spacer.width != box.width:
            raise StampingError(f"slot {slot} is {spacer.width} wide, not {box.width}")
    return ShapeLayout(document.pages[0], spacers, document.metadata)


def render_chunk(
    prepared: PreparedTheme, contexts: list[dict], matrices: list, page_css: CSS, *, files: bool,
    combined: bool,
) -> Chunk:  # fmt: skip
    """The pages of ``contexts`` (whose QR codes are ``matrices``), as a file each and/or as a
    part of the combined PDF. TooLongError(indexes) for certificates that need two pages."""
    slots = lay_out_slots(prepared, contexts, len(matrices[0]))
    htmls: dict[str, int] = {}
    shape_of, slot_boxes = [], []
    for index, context in enumerate(contexts):
        count = len(slot_paths(context))
        laid_out = [slots.boxes[str(slots.numbers[index, slot])] for slot in range(count)]
        heights = [box.height for box in laid_out]
        html = prepared.html([_static_context(context, heights, len(matrices[index]))])
        shape_of.append(htmls.setdefault(html, len(htmls)))
        slot_boxes.append(laid_out)
    shapes, too_long = [], []
    for html, number in htmls.items():
        try:
            measured = slot_boxes[shape_of.index(number)]
            shapes.append(shape_layout(prepared, html, page_css, measured))
        except TooLongError:
            too_long += [index for index, shape in enumerate(shape_of) if shape == number]
    if too_long:
        raise TooLongError(sorted(too_long))
    backdrop = backdrop_page(prepared, contexts[0], page_css, len(matrices[0]))
    document = slots.document.copy([backdrop, *(s.page for s in shapes), *slots.document.pages])
    pdf = weasyprint.pdf.generate_pdf(document, None, 1, **DEFAULT_OPTIONS)
    _finish_print_shop_pages(pdf, len(shapes))
    retag_subsets(pdf)
    metadata = shapes[0].metadata
    composer = Composer.of(pdf, info_dictionary(metadata), metadata.lang)
    stamps = _stamps(composer, slots, shapes, shape_of, slot_boxes, matrices)
    infos = [
        info_dictionary(metadata, c["document_title"], c["document_subject"]) for c in contexts
    ]
    return Chunk(
        len(stamps),
        composer.files(stamps, infos) if files else [],
        composer.part(stamps) if combined else None,
        {font.family for font in document.fonts.values()},
        fast=True,
    )


def _finish_print_shop_pages(pdf, shapes: int) -> None:
    """The backdrop and the shapes with the slug, boxes and marks the plain path's finisher
    gives a print shop's page (marks.py): the marks once, over the shape."""
    for number in range(1 + shapes):
        page = pdf.objects[pdf.pages["Kids"][3 * number]]
        if has_slug(page):
            items = pdf.objects[reference(page["Contents"])].stream
            finish_page(page, items, marks=number > 0)


def _stamps(composer, slots, shapes, shape_of, slot_boxes, matrices) -> list[Stamp]:
    # Pages of the PDF: the backdrop, the shapes, then the slot layout's pages.
    composer.set_backdrop(0)
    qr_markers = {_pdf_name(qr_marker(modules)): None for modules in {len(m) for m in matrices}}
    for number, shape in enumerate(shapes, start=1):
        page, items = composer.page(number)
        names = {**_marker_names(len(shape.spacers)), **qr_markers}
        composer.shapes.append(cut_shape(page, items, names, len(shape.spacers), qr=True))
    group_of = {}
    for number, page in enumerate(slots.document.pages, start=len(shapes) + 1):
        groups = slot_groups(composer.source, composer.resources, composer.page(number)[1])
        group_of.update(_match_groups(groups, _slot_boxes(page)))
    if len(group_of) != len(slots.numbers):
        raise StampingError(f"{len(group_of)} slot groups drawn for {len(slots.numbers)} slots")
    stamps = []
    for index, laid_out in enumerate(slot_boxes):
        spacers = shapes[shape_of[index]].spacers
        placed = [
            (group_of[str(slots.numbers[index, slot])],
             spacer.border_box_x() - box.border_box_x(), spacer.border_box_y() - box.border_box_y())
            for slot, (spacer, box) in enumerate(zip(spacers, laid_out, strict=True))
        ]  # fmt: skip
        stamps.append(Stamp(shape_of[index], placed, matrices[index]))
    return stamps
