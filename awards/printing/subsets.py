"""Font subset tags (the "ABCDEF+" before an embedded font's name) made from the subset itself.

WeasyPrint tags a subset after the font's description, not after the glyphs it holds, so two
documents rendered apart carry different subsets of one font under one name; joined into one
file they break ISO 32000 (9.6.4: different subsets, different tags) and a RIP that caches fonts
by name prints missing glyphs. Tagged after the font program, each distinct subset has its own
name and the same subset the same name (so a joined file may share it).
"""

import hashlib

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def subset_tag(program: bytes) -> str:
    """Six capitals from the SHA-256 of a font program."""
    return "".join(chr(ord("A") + byte % 26) for byte in hashlib.sha256(program).digest()[:6])


def retagged(name: str, program: bytes) -> str:
    """``name`` ("ABCDEF+Awards-Serif" or "Awards-Serif") with the program's own tag."""
    return f"{subset_tag(program)}+{name.split('+', 1)[-1]}"


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if "/DescendantFonts" in font:  # a Type0 font: its CIDFont holds the descriptor
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor.get_object() if descriptor is not None else None


def _fonts(resources, seen: set[int]):
    """Every font dictionary of ``resources`` and of the forms it draws, once each."""
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        yield from _fonts(xobject.get_object().get("/Resources"), seen)


def retag_subsets(writer: PdfWriter) -> None:
    """Give each embedded font of ``writer``'s pages the tag of its own font program (the
    font dictionary's and, for a Type0 font, its CIDFont's /BaseFont and the /FontName)."""
    seen: set[int] = set()
    for page in writer.pages:
        for font in _fonts(page.get("/Resources"), seen):
            descriptor = _descriptor(font)
            program = next(
                (descriptor[key] for key in FONT_FILES if descriptor and key in descriptor), None
            )
            if program is None:
                continue
            name = NameObject(
                "/" + retagged(str(descriptor["/FontName"])[1:], program.get_object().get_data())
            )
            descriptor[NameObject("/FontName")] = name
            font[NameObject("/BaseFont")] = name
            if "/DescendantFonts" in font:
                font["/DescendantFonts"][0].get_object()[NameObject("/BaseFont")] = name
