"""Blind copies of PDFs: each crafted file loses every trace of the nominator and keeps its
page text; what cannot be rebuilt is refused."""

import io
import shutil
import subprocess
import zlib

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, Pdf, String
from PIL import Image
from pypdf import PdfWriter
from pypdf.annotations import Text
from pypdf.generic import NameObject, TextStringObject

from awards import create_app
from awards.errors import DomainError
from awards.operations.demo_artwork import demo_pdf
from awards.uploads_pdf import MAX_PAGES, blind_copy
from tests.crafted_pdfs import (
    AUTHOR,
    CORPUS,
    MARK,
    PAGE_TEXT,
    add_annotations,
    annotation,
    base,
    jpeg,
    jpeg_with_exif,
    launch_link,
    saved,
    strings,
    traces,
    with_picture,
)


@pytest.fixture(scope="module", autouse=True)
def translated():
    """Refusals are translated messages: a request to translate them in, no database."""
    with create_app({}).test_request_context(headers={"Accept-Language": "en"}):
        yield


def poppler(tool: str, data: bytes, tmp_path) -> str:
    """What poppler's pdftotext or pdfinfo says about the file."""
    path = tmp_path / "blind.pdf"
    path.write_bytes(data)
    command = [shutil.which(tool), str(path)] + (["-"] if tool == "pdftotext" else [])
    # A fixed program found with shutil.which and a file name we made: no shell, no user input.
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603


@pytest.mark.parametrize("make", CORPUS.values(), ids=CORPUS.keys())
def test_blind_copy_keeps_the_text_and_no_trace_of_the_nominator(make, tmp_path):
    sample = make()
    assert MARK in traces(sample)
    cleaned = blind_copy(sample)
    found = traces(cleaned)
    assert MARK not in found and AUTHOR not in found
    assert PAGE_TEXT in poppler("pdftotext", cleaned, tmp_path)
    info = dict(
        (name, value.strip())
        for name, value in (
            line.split(":", 1) for line in poppler("pdfinfo", cleaned, tmp_path).splitlines()
        )
    )
    assert "Author" not in info and "Creator" not in info and "Producer" not in info
    assert info["Pages"] == "1" and info["JavaScript"] == "no" and info["Encrypted"] == "no"
    assert info["Metadata Stream"] == "no" and info["Form"] == "none"


@pytest.mark.parametrize("make", CORPUS.values(), ids=CORPUS.keys())
def test_blind_copy_has_no_scripts_files_or_metadata_objects(make):
    cleaned = blind_copy(make())
    with Pdf.open(io.BytesIO(cleaned)) as pdf:
        assert not pdf.is_encrypted and "/Info" not in pdf.trailer
        assert set(pdf.Root.keys()) == {"/Type", "/Pages"}
        keys = {key for obj in pdf.objects for key in strings(obj) if key.startswith("/")}
        for key in ("/Metadata", "/JS", "/AA", "/OpenAction", "/EF", "/AF", "/PieceInfo"):
            assert key not in keys
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                assert annotation.Subtype == Name.Link
                assert "/Dest" in annotation or annotation.A.S == Name.URI


def test_only_plain_links_stay_and_still_lead_where_they_did():
    cleaned = blind_copy(launch_link())
    with Pdf.open(io.BytesIO(cleaned)) as pdf:
        [link] = pdf.pages[0].Annots
        assert link.A.URI == "https://example.org/"
        assert [float(n) for n in link.Rect] == [72, 700, 300, 720]


def test_a_link_to_another_page_points_into_the_copy():
    pdf = base()
    pdf.add_blank_page()
    target = pdf.pages[1].obj
    pdf.Root.Dests = Dictionary(Second=Array([target, Name.Fit]))
    add_annotations(
        pdf, annotation(pdf, "/Link", Dest=Array([target, Name.XYZ, 0, 842, None])),
        annotation(pdf, "/Link", A=Dictionary(S=Name.GoTo, D=Name("/Second"))),
    )  # fmt: skip
    cleaned = blind_copy(saved(pdf))
    with Pdf.open(io.BytesIO(cleaned)) as copy:
        second = copy.pages[1].obj.objgen
        direct, named = copy.pages[0].Annots
        assert direct.Dest[0].objgen == second and list(direct.Dest[1:]) == [Name.XYZ, 0, 842, None]
        assert named.Dest[0].objgen == second and named.Dest[1] == Name.Fit


@pytest.mark.parametrize("filters", [["/DCTDecode"], ["/FlateDecode", "/DCTDecode"]])
def test_jpeg_in_the_copy_draws_the_same_pixels(filters):
    cleaned = blind_copy(jpeg_with_exif(filters))
    original = Image.open(io.BytesIO(jpeg()))
    with Pdf.open(io.BytesIO(cleaned)) as pdf:
        image = pdf.pages[0].Resources.XObject.Im1
        assert image.Filter == Name.DCTDecode
        picture = pikepdf.PdfImage(image).as_pil_image()
        assert picture.size == original.size
        assert picture.tobytes() == original.convert("RGB").tobytes()


def test_form_fields_are_kept_as_drawing(tmp_path):
    pdf = base()
    # A form filled by a program that leaves drawing the fields to the viewer.
    pdf.Root.AcroForm = Dictionary(
        Fields=Array(), DA=String("/Helv 0 Tf 0 g"), NeedAppearances=True
    )
    field = annotation(
        pdf, "/Widget", FT=Name.Tx, T=String(f"name {MARK}"), V=String("Ulba Metallurgical"),
        F=4, DA=String("/Helv 12 Tf 0 g"),
    )  # fmt: skip
    pdf.Root.AcroForm.Fields.append(field)
    pdf.Root.AcroForm.DR = Dictionary(
        Font=Dictionary(
            Helv=Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        )
    )
    add_annotations(pdf, field)
    cleaned = blind_copy(saved(pdf))
    assert "Ulba Metallurgical" in poppler("pdftotext", cleaned, tmp_path)
    assert MARK not in traces(cleaned)


def test_comment_authors_are_gone_with_the_comments():
    writer = PdfWriter(clone_from=io.BytesIO(demo_pdf([PAGE_TEXT])))
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Письмо"})
    note = Text(text="Проверьте цифры", rect=(10, 10, 40, 40))
    note[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(page_number=0, annotation=note)
    writer.add_attachment("contacts.txt", f"{AUTHOR}, +7 777 000 00 00".encode())
    output = io.BytesIO()
    writer.write(output)
    cleaned = blind_copy(output.getvalue())
    found = traces(cleaned)
    assert AUTHOR not in found and "contacts" not in found and "Проверьте" not in found


def test_password_locked_pdf_is_refused():
    locked = saved(base(), encryption=pikepdf.Encryption(owner="secret", user="open"))
    with pytest.raises(DomainError) as refused:
        blind_copy(locked)
    assert refused.value.field == "file" and "password" in refused.value.message


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7 broken", b"%PDF-1.4\n%%EOF\n", b"%PDF-1.4\n1 0 obj<<>>endobj\n"]
)
def test_a_file_that_cannot_be_rebuilt_is_refused_never_passed_through(content):
    with pytest.raises(DomainError) as refused:
        blind_copy(content)
    assert refused.value.field == "file"
    assert (
        refused.value.message == "This PDF is damaged; please export it again and upload it anew."
    )


def test_too_many_pages_are_refused():
    pdf = Pdf.new()
    for _ in range(MAX_PAGES + 1):
        pdf.add_blank_page()
    with pytest.raises(DomainError) as refused:
        blind_copy(saved(pdf))
    assert str(MAX_PAGES) in refused.value.message


def test_a_picture_that_inflates_like_a_bomb_is_refused_not_inflated():
    deflater = zlib.compressobj(9)
    bomb = deflater.compress(jpeg()[:-2])
    for _ in range(16):
        bomb += deflater.compress(bytes(1024 * 1024))
    bomb += deflater.flush()
    pdf = base()
    with_picture(pdf, bomb, ["/FlateDecode", "/DCTDecode"])
    with pytest.raises(DomainError):
        blind_copy(saved(pdf))


def test_resources_named_like_dropped_keys_still_draw(tmp_path):
    pdf = base()
    form = pdf.make_stream(b"BT /JS 12 Tf 72 600 Td (Signed by the chamber) Tj ET")
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 595, 842])
    helvetica = pdf.pages[0].Resources.Font.F1
    form.Resources = Dictionary(Font=Dictionary(JS=helvetica))
    pdf.pages[0].Resources.XObject = Dictionary(Metadata=form)
    pdf.pages[0].contents_add(pdf.make_stream(b"/Metadata Do"))
    cleaned = blind_copy(saved(pdf))
    assert "Signed by the chamber" in poppler("pdftotext", cleaned, tmp_path)
