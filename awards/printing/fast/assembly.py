"""PDF files written straight from the objects WeasyPrint made, without parsing a PDF again.

pypdf takes some 20 ms to copy one page into a file of its own; here each object is
serialized once per chunk, the fonts and page backgrounds shared by many certificates are
written once as a block of bytes, and a file is that block plus a few small objects of its own.
"""

import hashlib
import re
import zlib
from dataclasses import dataclass, field

import pydyf
from weasyprint import VERSION as WEASYPRINT_VERSION

from awards.printing.subsets import retagged

REFERENCE_RE = re.compile(rb"(?<![\d.])(\d+) 0 R(?![\w])")
HEADER = b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n"
COMPRESSION = 6  # zlib's default: level 9 costs twice the time for 1 % on our content


def reference(value) -> int:
    """The object number of a pydyf reference such as b"12 0 R"."""
    return int(value.split()[0])


def stream_parts(data: bytes, compress: bool = True) -> tuple[bytes, bytes]:
    """The dictionary and payload of a content stream holding ``data``."""
    if compress and len(data) > 200:
        data = zlib.compress(data, COMPRESSION)
        return b"<</Filter /FlateDecode/Length %d>>" % len(data), data
    return b"<</Length %d>>" % len(data), data


class Source:
    """The objects of one pydyf.PDF, each serialized (and compressed) once, on demand."""

    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf
        self._parts: dict[int, tuple[bytes, bytes | None]] = {}

    def __getitem__(self, number: int):
        return self.pdf.objects[number]

    def parts(self, number: int) -> tuple[bytes, bytes | None]:
        """The object's dictionary (or whole body) and, for a stream, its payload."""
        if number not in self._parts:
            obj = self.pdf.objects[number]
            data = obj.data
            if isinstance(obj, pydyf.Stream):
                head, _, rest = data.partition(b"\nstream\n")
                self._parts[number] = (head, rest.removesuffix(b"\nendstream"))
            else:
                self._parts[number] = (data, None)
        return self._parts[number]


@dataclass
class Output:
    """One PDF file being assembled: objects numbered from 1 in the order they are added."""

    source: Source
    chunks: list[bytes] = field(default_factory=list)
    numbers: dict[int, int] = field(default_factory=dict)
    heads: list[tuple[bytes, bytes | None]] = field(default_factory=list)
    keep_heads: bool = False

    def fork(self) -> "Output":
        """A copy to go on with, sharing everything added so far (a block of common objects)."""
        return Output(self.source, self.chunks.copy(), self.numbers.copy(), self.heads.copy(),
                      self.keep_heads)  # fmt: skip

    def reserve(self) -> int:
        self.chunks.append(b"")
        self.heads.append((b"", None))
        return len(self.chunks)

    def put(self, number: int, head: bytes, payload: bytes | None = None) -> int:
        body = head if payload is None else head + b"\nstream\n" + payload + b"\nendstream"
        self.chunks[number - 1] = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        if self.keep_heads:
            self.heads[number - 1] = (head, payload)
        return number

    def add(self, head: bytes, payload: bytes | None = None) -> int:
        return self.put(self.reserve(), head, payload)

    def renumber(self, head: bytes) -> bytes:
        """``head`` with each reference to a source object replaced by its number here."""
        return REFERENCE_RE.sub(lambda match: b"%d 0 R" % self.copy(int(match[1])), head)

    def copy(self, number: int) -> int:
        """The number here of source object ``number``, copied with what it refers to."""
        if number not in self.numbers:
            new = self.numbers[number] = self.reserve()
            head, payload = self.source.parts(number)
            self.put(new, self.renumber(head), payload)
        return self.numbers[number]

    def write(self, root: int, info: int | None = None) -> bytes:
        offsets, position = [], len(HEADER)
        for chunk in self.chunks:
            offsets.append(position)
            position += len(chunk)
        xref = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        # The file identifier pydyf would write: made from the content, the same both times.
        identifier = (
            b"<%s>" % hashlib.md5(b"".join(self.chunks), usedforsecurity=False).hexdigest().encode()
        )
        trailer = b"/Root %d 0 R" % root + (b"/Info %d 0 R" % info if info else b"")
        trailer += b"/ID [%s %s]" % (identifier, identifier)
        return b"".join([
            HEADER, *self.chunks,
            b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.chunks) + 1), xref,
            b"trailer\n<</Size %d%s>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.chunks) + 1, trailer, position),
        ])  # fmt: skip


def retag_subsets(pdf: pydyf.PDF) -> None:
    """Each embedded font of ``pdf`` (one chunk's, where names are unique) named after its own
    font program (subsets.py): chunks joined into one file then never share a name."""
    names = {}
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/FontDescriptor":
            continue
        key = next((key for key in ("FontFile", "FontFile2", "FontFile3") if key in obj), None)
        if key is not None:
            program = b"".join(pdf.objects[reference(obj[key])].stream)
            old = obj["FontName"]
            new = names[old] = b"/" + retagged(old.decode()[1:], program).encode()
            obj["FontName"] = new
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("BaseFont") in names:
            obj["BaseFont"] = names[obj["BaseFont"]]


def info_dictionary(metadata, title: str | None = None, subject: str | None = None) -> bytes:
    """The document information WeasyPrint would write: producer, title, author, subject
    (``title`` and ``subject`` in place of the document's)."""
    info = pydyf.Dictionary({"Producer": pydyf.String(f"WeasyPrint {WEASYPRINT_VERSION}")})
    if title or metadata.title:
        info["Title"] = pydyf.String(title or metadata.title)
    if metadata.authors:
        info["Author"] = pydyf.String(", ".join(metadata.authors))
    if subject or metadata.description:
        info["Subject"] = pydyf.String(subject or metadata.description)
    return info.data


def catalog(lang: str | None) -> bytes:
    """The document catalog, its pages object 2, with the document's language."""
    return b"<</Type /Catalog/Pages 2 0 R%s>>" % (
        b"/Lang " + pydyf.String(lang).data if lang else b""
    )


@dataclass
class Part:
    """The pages of one chunk, to be joined with other chunks: ``objects[0]`` stands for the
    page tree (its number 1 is the pages' /Parent) and is not written; the rest follow."""

    objects: list[tuple[bytes, bytes | None]]
    pages: list[int]
    info: bytes
    lang: str | None = None


def join_parts(parts: list[Part], order: list[tuple[int, int]] | None = None) -> bytes:
    """One PDF of the pages of ``parts``: all in turn, or as ``order`` lists them by (part,
    page) (the print shop's file)."""
    chunks, numbers, start = [], [], 3  # 1: catalog, 2: page tree

    for part in parts:

        def global_number(local: int, start=start) -> int:
            return 2 if local == 1 else start + local - 2

        def renumbered(match, global_number=global_number) -> bytes:
            return b"%d 0 R" % global_number(int(match[1]))

        for local, (head, payload) in enumerate(part.objects[1:], start=2):
            body = REFERENCE_RE.sub(renumbered, head)
            if payload is not None:
                body += b"\nstream\n" + payload + b"\nendstream"
            chunks.append(b"%d 0 obj\n%s\nendobj\n" % (global_number(local), body))
        numbers.append([global_number(page) for page in part.pages])
        start += len(part.objects) - 1
    if order is None:
        order = [(part, page) for part, pages in enumerate(numbers) for page in range(len(pages))]
    kids = [numbers[part][page] for part, page in order]
    output = Output(Source(pydyf.PDF()))
    output.chunks = [
        b"1 0 obj\n%s\nendobj\n" % catalog(parts[0].lang if parts else None),
        b"2 0 obj\n<</Type /Pages/Count %d/Kids [%s]>>\nendobj\n"
        % (len(kids), b" ".join(b"%d 0 R" % kid for kid in kids)),
        *chunks,
        b"%d 0 obj\n%s\nendobj\n" % (start, parts[0].info if parts else b"<<>>"),
    ]
    return output.write(1, start)
