"""A chunk of certificates rendered together: the options it is rendered with and its pages,
as a file each and as part of the combined PDF, whichever path made them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """How a batch of certificates is rendered."""

    bleed: bool = False
    crop_marks: bool = False
    files: bool = True  # one PDF per certificate
    combined: bool = False  # every page in one PDF
    fast: bool = True  # False: the plain path only (what the fast path must equal)


@dataclass
class Chunk:
    """A chunk's certificates as files and/or as its part of the combined PDF: a PDF from the
    plain path, the fast path's own pages (joined by awards.printing.fast.join_parts)."""

    count: int
    files: list[bytes]
    combined: object  # bytes, a fast-path Part, or None when not asked for
    font_families: set[str]
    fast: bool  # which path made it
