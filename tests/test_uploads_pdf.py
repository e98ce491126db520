"""Blind judging: a PDF handed to judges keeps its pages and loses whatever names its authors."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text
from pypdf.generic import NameObject, TextStringObject

from awards.uploads import without_pdf_metadata

AUTHOR = "Айдана Комитетова"


def pdf_with_traces() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Письмо"})
    note = Text(text="Проверьте цифры", rect=(10, 10, 40, 40))
    note[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(page_number=0, annotation=note)
    writer.add_attachment("contacts.txt", f"{AUTHOR}, +7 777 000 00 00".encode())
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_the_sample_really_carries_the_author_everywhere():
    reader = PdfReader(io.BytesIO(pdf_with_traces()))
    assert reader.metadata["/Author"] == AUTHOR
    assert reader.pages[0]["/Annots"][0].get_object()["/T"] == AUTHOR
    assert list(reader.attachments) == ["contacts.txt"]


def test_metadata_comment_authors_and_attachments_are_removed():
    cleaned = without_pdf_metadata(pdf_with_traces())
    reader = PdfReader(io.BytesIO(cleaned))
    assert len(reader.pages) == 1
    assert not reader.metadata or "/Author" not in reader.metadata
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert [a["/Contents"] for a in annotations] == ["Проверьте цифры"]
    assert all("/T" not in a for a in annotations)
    assert dict(reader.attachments) == {}
    assert AUTHOR.encode("utf-16-be") not in cleaned and b"contacts" not in cleaned


def test_a_file_that_is_not_a_readable_pdf_comes_back_unchanged():
    assert without_pdf_metadata(b"%PDF-1.7 broken") == b"%PDF-1.7 broken"
