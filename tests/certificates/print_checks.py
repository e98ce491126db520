"""What every PDF the app hands out must hold, checked the way a print shop's preflight and a
reader's PDF viewer would: its language and file identifier, one font program per subset tag,
and on each certificate the verification address printed whole on one line, the same address
the QR code holds. Each check returns the problems it found (none: an empty list)."""

import hashlib
import io
import re

import pikepdf

from tests.certificates import print_shop

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SUBSET_NAME_RE = re.compile(r"^[A-Z]{6}\+")


def document_problems(pdf: bytes) -> list[str]:
    """A /Lang in the catalog and an /ID of two strings in the trailer."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        problems = [] if str(document.Root.get("/Lang", "")) else ["no /Lang"]
        identifier = document.trailer.get("/ID")
        if identifier is None or len(identifier) != 2:
            problems.append("no /ID")
    return problems


def font_programs(pdf: bytes) -> dict[str, set[str]]:
    """Each embedded font's name (subset tag included) and the SHA-256 of each distinct font
    program stored under it."""
    programs: dict[str, set[str]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for thing in document.objects:
            if not isinstance(thing, pikepdf.Dictionary) or thing.get("/Type") != "/FontDescriptor":
                continue
            for key in FONT_FILES:
                if key in thing:
                    digest = hashlib.sha256(thing[key].read_bytes()).hexdigest()
                    programs.setdefault(str(thing.FontName).lstrip("/"), set()).add(digest)
    return programs


def subset_problems(pdf: bytes) -> list[str]:
    """ISO 32000: different subsets of a font have different tags. A name holding more than
    one program, or an embedded font without a subset tag, is a problem."""
    programs = font_programs(pdf)
    problems = [f"{name}: {len(found)} programs" for name, found in programs.items()
                if len(found) > 1]  # fmt: skip
    untagged = [name for name in programs if not SUBSET_NAME_RE.match(name)]
    return problems + [f"{name}: no subset tag" for name in untagged]


def verification_problems(pdf: bytes, pages: int) -> list[str]:
    """On each page: exactly one QR code, and its address printed whole as one word of one line
    (pdftotext puts a broken address on two lines)."""
    problems = []
    for page in range(1, pages + 1):
        codes = print_shop.decoded_qr_codes(pdf, page)
        if len(codes) != 1:
            problems.append(f"page {page}: {len(codes)} QR codes")
            continue
        words = [line.split() for line in print_shop.text(pdf, page).splitlines()]
        if not any(codes[0] in line for line in words):
            problems.append(f"page {page}: {codes[0]} is not printed whole on one line")
    return problems


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def problems(pdf: bytes) -> list[str]:
    """Every check above, on every page of ``pdf``."""
    found = document_problems(pdf) + subset_problems(pdf)
    return found + verification_problems(pdf, page_count(pdf))
