"""Certificate pages put together from WeasyPrint's drawing of shapes and slots (stamping.py):
the shape's content stream cut at its markers, each certificate's slot groups and QR code in
their places, and the PDF files written from those objects (assembly.py)."""

import re
from dataclasses import dataclass, field
from functools import cache

import pydyf

from awards.printing.fast.assembly import Output, Part, Source, catalog, reference, stream_parts
from awards.printing.qr import BORDER, DARK, dark_runs

DO_RE = re.compile(rb"^/([\w.-]+) Do$")
GROUP_RE = re.compile(rb"^/(x\d+) Do$")
TEXT_MATRIX_RE = re.compile(rb"^\S+ \S+ \S+ \S+ (\S+) (\S+) Tm$")
TRANSLATE_RE = re.compile(rb"^1 0 0 1 (\S+) (\S+) cm$")
SCALE_RE = re.compile(rb"^(\S+) 0 0 (\S+) 0 \S+ cm$")
RESOURCE_USE_RE = re.compile(rb"/([^\s/\[\]<>()]+) (Do|gs|sh|scn|SCN)\b")
RESOURCE_KINDS = {b"Do": "XObject", b"gs": "ExtGState", b"sh": "Shading", b"scn": "Pattern",
                  b"SCN": "Pattern"}  # fmt: skip
PAGE_BOXES = ("MediaBox", "TrimBox", "BleedBox")


class CompositionError(Exception):
    """WeasyPrint did not draw a marker or a slot the way the composition expects."""


@dataclass
class Marker:
    slot: int | None  # None: the QR code
    x: float
    y: float
    width: float = 0


@dataclass
class Shape:
    """A shape's page cut at its markers: len(segments) == len(markers) + 1."""

    page: pydyf.Dictionary
    segments: list[tuple[bytes, bytes]]
    markers: list[Marker]
    used: dict[str, set[str]]


@dataclass
class Stamp:
    """What one certificate puts into its shape: the group of each slot, moved from where it
    was laid out to its place on the page, and the QR code's modules."""

    shape: int
    groups: list[tuple[str, float, float]]  # by slot: XObject name, how far right, how far down
    qr: tuple[bytes, ...]


def _marker_block(items: list[bytes], do: int) -> tuple[int, int, float, float]:
    """Start and end of the q … Q block WeasyPrint drew an image in, and where it placed it."""
    index = do - 1
    while index >= 0 and not TRANSLATE_RE.match(items[index]):
        index -= 1
    start = index - 1 if index > 0 and items[index - 1] == b"q" else index - 2
    if index < 0 or start < 0 or items[start] != b"q":
        raise CompositionError("a marker is not drawn as an image")
    x, y = (float(value) for value in TRANSLATE_RE.match(items[index]).groups())
    depth, end = 0, start
    while True:
        depth += {b"q": 1, b"Q": -1}.get(items[end], 0)
        end += 1
        if depth == 0:
            return start, end, x, y


def cut_shape(
    page, items: list[bytes], markers: dict[bytes, int | None], slots: int, *, qr: bool
) -> Shape:
    """The content stream ``items`` of a shape cut where its markers (names of image XObjects:
    slot number, or None for the QR code) are drawn; ``slots`` and ``qr`` say how many."""
    segments, found, last = [], [], 0
    for index, item in enumerate(items):
        match = DO_RE.match(item)
        if not match or match[1] not in markers:
            continue
        start, end, x, y = _marker_block(items, index)
        marker = Marker(markers[match[1]], x, y)
        if marker.slot is None:
            marker.width = float(SCALE_RE.match(items[index - 1])[1])
        segments.append(b"\n".join(items[last:start]))
        found.append(marker)
        last = end
    segments.append(b"\n".join(items[last:]))
    numbers = sorted(marker.slot for marker in found if marker.slot is not None)
    if numbers != list(range(slots)) or len(found) != slots + qr:
        raise CompositionError(f"markers drawn: slots {numbers}, {len(found)} in all")
    used: dict[str, set[str]] = {kind: set() for kind in RESOURCE_KINDS.values()}
    for segment in segments:
        for name, operator in RESOURCE_USE_RE.findall(segment):
            used[RESOURCE_KINDS[operator]].add(name.decode())
    return Shape(page, [stream_parts(segment) for segment in segments], found, used)


def slot_groups(source: Source, resources, items: list[bytes]) -> list[tuple[str, float, float]]:
    """Each transparency group drawn on a page of the slot layout, with where its first text
    starts (which tells the slot it holds: slots do not overlap)."""
    groups = []
    for item in items:
        if match := GROUP_RE.match(item):
            name = match[1].decode()
            stream = source[reference(resources["XObject"][name])].stream
            start = next((TEXT_MATRIX_RE.match(op) for op in stream if op.endswith(b" Tm")), None)
            if start is not None:  # (a group of the theme's own, hidden, draws nothing)
                groups.append((name, float(start[1]), float(start[2])))
    return groups


def _number(value: float) -> bytes:
    return (b"%.6f" % value).rstrip(b"0").rstrip(b".") or b"0"


@cache
def _dark_colour() -> bytes:
    return b" ".join(_number(int(DARK[i : i + 2], 16) / 255) for i in (1, 3, 5))


def qr_operators(matrix: tuple[bytes, ...], width: float) -> bytes:
    """The QR code as filled rectangles over a white square ``width`` wide, quiet zone in."""
    size = len(matrix) + 2 * BORDER
    module = _number(width / size)
    rectangles = b"\n".join(
        b"%d %d %d 1 re" % (column + BORDER, row + BORDER, length)
        for row, column, length in dark_runs(matrix)
    )
    return b"%s 0 0 %s 0 0 cm\n1 1 1 rg\n0 0 %d %d re\nf\n%s rg\n%s\nf" % (
        module,
        module,
        size,
        size,
        _dark_colour(),
        rectangles,
    )


def _insertion(marker: Marker, stamp: Stamp) -> bytes:
    """What a certificate puts where ``marker`` was: its QR code or a slot's group."""
    if marker.slot is None:
        x, y, operators = marker.x, marker.y, qr_operators(stamp.qr, marker.width)
    else:
        name, x, y = stamp.groups[marker.slot]
        operators = b"/%s Do" % name.encode()
    return b"q\n1 0 0 1 %s %s cm\n%s\nQ" % (_number(x), _number(y), operators)


@dataclass
class Composer:
    """The objects of one chunk's PDF, and the pages and files made of them."""

    source: Source
    resources: pydyf.Dictionary
    info: bytes  # the combined PDF's document information
    lang: str | None
    shapes: list[Shape] = field(default_factory=list)
    backdrop: Shape | None = None  # drawn under every page: the page background, crop marks
    _insertions: dict = field(default_factory=dict)  # the same for a file and the combined PDF

    @classmethod
    def of(cls, pdf: pydyf.PDF, info: bytes, lang: str | None) -> "Composer":
        first = pdf.objects[pdf.pages["Kids"][0]]
        return cls(Source(pdf), pdf.objects[reference(first["Resources"])], info, lang)

    def page(self, number: int) -> tuple[pydyf.Dictionary, list[bytes]]:
        """The page dictionary and content stream items of page ``number`` (from 0)."""
        page = self.source[self.source.pdf.pages["Kids"][3 * number]]
        return page, self.source[reference(page["Contents"])].stream

    def set_backdrop(self, number: int) -> None:
        """Page ``number`` is drawn first on every page (in its own graphics state)."""
        page, items = self.page(number)
        self.backdrop = cut_shape(page, [b"q", *items, b"Q"], {}, 0, qr=False)

    def _shared(self, output: Output) -> list[int]:
        # What every page refers to: fonts, colour spaces, the backdrop.
        output.copy(reference(self.resources["Font"]))
        output.copy(reference(self.resources["ColorSpace"]))
        return self._add_shape(output, self.backdrop) if self.backdrop else []

    def _add_shape(self, output: Output, shape: Shape) -> list[int]:
        for name in shape.used["XObject"]:
            output.copy(reference(self.resources["XObject"][name]))
        return [output.add(head, payload) for head, payload in shape.segments]

    def _resources(self, output: Output, shape: Shape, groups: set[str]) -> bytes:
        used = {kind: set(names) for kind, names in shape.used.items()}
        if self.backdrop:
            for kind, names in self.backdrop.used.items():
                used[kind] |= names
        used["XObject"] |= groups
        resources = pydyf.Dictionary({
            "ColorSpace": self.resources["ColorSpace"],
            "Font": self.resources["Font"],
            **{kind: pydyf.Dictionary({name: self.resources[kind][name] for name in names})
               for kind, names in used.items() if names},
        })  # fmt: skip
        return output.renumber(resources.data)

    def _add_page(self, output: Output, parent: int, under: list[int], segments: list[int],
                  stamp: Stamp) -> int:  # fmt: skip
        shape = self.shapes[stamp.shape]
        contents, groups = [*under, segments[0]], set()
        for number, (marker, segment) in enumerate(zip(shape.markers, segments[1:], strict=True)):
            if marker.slot is not None:
                groups.add(stamp.groups[marker.slot][0])
            key = (id(stamp), number)
            if key not in self._insertions:
                self._insertions[key] = stream_parts(_insertion(marker, stamp))
            contents += [output.add(*self._insertions[key]), segment]
        boxes = b"".join(
            b"/%s %s" % (box.encode(), pydyf.Array(shape.page[box]).data)
            for box in PAGE_BOXES if box in shape.page
        )  # fmt: skip
        return output.add(
            b"<</Type /Page/Parent %d 0 R%s/Resources %s/Contents [%s]>>" % (
                parent, boxes, self._resources(output, shape, groups),
                b" ".join(b"%d 0 R" % number for number in contents),
            )
        )  # fmt: skip

    def files(self, stamps: list[Stamp], infos: list[bytes]) -> list[bytes]:
        """One PDF per certificate, each with its own document information ``infos``."""
        base = Output(self.source)
        root = base.add(catalog(self.lang))
        tree = base.reserve()
        under = self._shared(base)
        shapes: dict[int, tuple[Output, list[int]]] = {}
        files = []
        for stamp, info in zip(stamps, infos, strict=True):
            if stamp.shape not in shapes:
                shape_base = base.fork()
                shapes[stamp.shape] = (
                    shape_base,
                    self._add_shape(shape_base, self.shapes[stamp.shape]),
                )
            shape_base, segments = shapes[stamp.shape]
            output = shape_base.fork()
            page = self._add_page(output, tree, under, segments, stamp)
            output.put(tree, b"<</Type /Pages/Count 1/Kids [%d 0 R]>>" % page)
            files.append(output.write(root, output.add(info)))
        return files

    def part(self, stamps: list[Stamp]) -> Part:
        """Every certificate's page, to be joined with other chunks into the combined PDF."""
        output = Output(self.source, keep_heads=True)
        tree = output.reserve()
        under = self._shared(output)
        segments: dict[int, list[int]] = {}
        pages = []
        for stamp in stamps:
            if stamp.shape not in segments:
                segments[stamp.shape] = self._add_shape(output, self.shapes[stamp.shape])
            pages.append(self._add_page(output, tree, under, segments[stamp.shape], stamp))
        return Part(output.heads, pages, self.info, self.lang)
