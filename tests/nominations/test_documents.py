import io
from pathlib import Path

import pikepdf
import pytest
import sqlalchemy as sa
from PIL import Image, PngImagePlugin
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from awards.errors import DomainError
from awards.extensions import db
from awards.nominations import documents
from awards.nominations.models import Document, Nomination
from tests.nominations.conftest import PDF, make_nomination, png_bytes

ROOT = Path(__file__).resolve().parents[2]
TEN_MB = 10 * 1024 * 1024


def upload(client, nomination, content, name):
    # Encoded here so that large bodies stay in memory: the test client would spool them to
    # a temporary file that nothing closes.
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(content), filename=name)})
    return client.post(
        f"/nominations/{nomination.id}/documents",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def stored_files(app):
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def entry(program, people):
    return make_nomination(program, people["committee@x.kz"])


@pytest.fixture
def member(client, auth, people):
    auth.login("committee@x.kz")
    return people["committee@x.kz"]


def refused(client, app, entry, content, name):
    response = upload(client, entry, content, name)
    page = client.get(response.location).get_data(as_text=True)
    assert db.session.query(Document).count() == 0
    assert stored_files(app) == []
    return page


def test_pdf_is_stored_under_a_random_name_outside_static(app, client, member, entry):
    response = upload(client, entry, PDF, "Письмо поддержки.pdf")
    assert response.status_code == 302
    document = db.session.query(Document).one()
    assert document.original_name == "Письмо поддержки.pdf"
    assert document.content_type == "application/pdf"
    [path] = stored_files(app)
    assert path.name == document.stored_name and path.read_bytes() == PDF
    assert "Письмо" not in path.name and "static" not in str(path)


def test_html_renamed_pdf_is_refused(app, client, member, entry):
    page = refused(client, app, entry, b"<html><script>alert(1)</script></html>", "letter.pdf")
    assert "Only PDF, JPEG and PNG files can be attached" in page


def test_svg_is_refused(app, client, member, entry):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    page = refused(client, app, entry, svg, "logo.svg")
    assert "Only PDF, JPEG and PNG files can be attached" in page


def test_file_over_ten_megabytes_is_refused(app, client, member, entry):
    content = PDF + b"0" * (TEN_MB + 1 - len(PDF))
    assert len(content) == TEN_MB + 1
    page = refused(client, app, entry, content, "big.pdf")
    assert "The file is larger than 10 MB." in page


def test_file_of_exactly_ten_megabytes_is_accepted(app, client, member, entry):
    upload(client, entry, PDF + b"0" * (TEN_MB - len(PDF)), "big.pdf")
    assert db.session.query(Document).one().size == TEN_MB


def test_pdf_damaged_beyond_repair_is_refused_and_nothing_is_stored(app, client, member, entry):
    page = refused(client, app, entry, b"%PDF-1.7\n" + bytes(2000), "letter.pdf")
    assert "This PDF is damaged; please export it again and upload it anew." in page


def test_password_locked_pdf_is_refused(app, client, member, entry):
    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(PDF)) as pdf:
        pdf.save(output, encryption=pikepdf.Encryption(owner="owner", user="user"))
    page = refused(client, app, entry, output.getvalue(), "letter.pdf")
    assert "This PDF is locked with a password" in page


def test_pdf_that_can_be_repaired_is_stored_as_uploaded(app, client, member, entry):
    cut_short = PDF[: PDF.rindex(b"startxref")]
    upload(client, entry, cut_short, "letter.pdf")
    [path] = stored_files(app)
    assert path.read_bytes() == cut_short


def test_file_that_cannot_be_saved_is_refused_logged_and_changes_nothing(
    app, client, member, entry, tmp_path, caplog
):
    columns = [column.key for column in sa.inspect(Nomination).columns]
    before = {key: getattr(entry, key) for key in columns}
    # A folder inside a file cannot be made, even by root (for whom chmod stops nothing).
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_bytes(b"")
    app.config["UPLOAD_FOLDER"] = not_a_folder / "uploads"
    page = refused(client, app, entry, PDF, "letter.pdf")
    assert "The file could not be saved; please try again later or tell the site" in page
    nomination = db.session.get(Nomination, entry.id)
    assert {key: getattr(nomination, key) for key in columns} == before
    assert not_a_folder.read_bytes() == b""
    assert "Could not store an uploaded file" in caplog.text


def test_eleventh_file_is_refused(app, client, member, entry):
    for number in range(10):
        upload(client, entry, PDF, f"{number}.pdf")
    response = upload(client, entry, PDF, "eleven.pdf")
    page = client.get(response.location).get_data(as_text=True)
    assert "at most 10 documents" in page
    assert db.session.query(Document).count() == 10
    assert len(stored_files(app)) == 10


def test_path_in_the_name_is_refused_and_touches_nothing(app, client, member, entry):
    template = ROOT / "templates" / "base.html"
    before = template.read_bytes()
    page = refused(client, app, entry, before, "../../templates/base.html")
    assert "Only PDF, JPEG and PNG files can be attached" in page
    assert template.read_bytes() == before


def test_path_in_the_name_of_a_real_pdf_is_reduced_to_a_label(app, client, member, entry):
    upload(client, entry, PDF, "../../templates/base.pdf")
    document = db.session.query(Document).one()
    assert document.original_name == "base.pdf"
    assert [p.name for p in stored_files(app)] == [document.stored_name]


@pytest.mark.parametrize(("name", "expected"), [
    ("..\\..\\x.pdf", "x.pdf"), ("a\x00b.pdf", "a_b.pdf"), ("", "document.pdf"),
    ("...", "document.pdf"), ("скан.PNG", "скан.pdf"), ("<script>.pdf", "script.pdf"),
])  # fmt: skip
def test_sanitize_filename(name, expected):
    assert documents.sanitize_filename(name, documents.DocumentKind.PDF) == expected


def test_png_is_reencoded_without_metadata(app, member, entry):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "secret GPS 49.95,82.61")
    original = png_bytes(pnginfo=info)
    document = documents.add_document(
        nomination=entry, actor=member, stream=io.BytesIO(original), filename="photo.png"
    )
    stored = documents.document_path(document).read_bytes()
    assert b"secret" in original and b"secret" not in stored
    assert Image.open(io.BytesIO(stored)).size == (4, 3)


def test_jpeg_exif_is_dropped(app, member, entry):
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(output, "JPEG", exif=exif)
    document = documents.add_document(
        nomination=entry, actor=member, stream=io.BytesIO(output.getvalue()), filename="p.jpg"
    )
    stored = documents.document_path(document).read_bytes()
    assert b"Camera Maker" in output.getvalue() and b"Camera Maker" not in stored
    assert document.content_type == "image/jpeg" and document.original_name == "p.jpg"


@pytest.mark.parametrize("size", [(4, 3), (40, 30)])  # a warning, then Pillow's own error
def test_decompression_bomb_is_a_clear_refusal(app, member, entry, monkeypatch, size):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)
    with pytest.raises(DomainError) as error:
        documents.add_document(
            nomination=entry, actor=member, stream=io.BytesIO(png_bytes(size)), filename="b.png"
        )
    assert "too large in pixels" in error.value.message
    assert stored_files(app) == []


def test_damaged_png_is_refused(app, member, entry):
    with pytest.raises(DomainError) as error:
        documents.add_document(nomination=entry, actor=member,
                               stream=io.BytesIO(png_bytes()[:30]), filename="x.png")  # fmt: skip
    assert "damaged" in error.value.message


def test_download_is_an_attachment_with_nosniff(app, client, member, entry):
    upload(client, entry, PDF, "letter.pdf")
    document = db.session.query(Document).one()
    url = f"/nominations/{entry.id}/documents/{document.id}"
    with client.get(url) as response:
        assert response.data == PDF
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.mimetype == "application/pdf"
    with client.get(f"{url}?inline=1") as inline:
        assert inline.headers["Content-Disposition"].startswith("inline")


def test_images_are_never_inline(app, client, member, entry):
    upload(client, entry, png_bytes(), "p.png")
    document = db.session.query(Document).one()
    with client.get(f"/nominations/{entry.id}/documents/{document.id}?inline=1") as response:
        assert response.headers["Content-Disposition"].startswith("attachment")


def test_other_organization_cannot_download(app, client, auth, member, entry):
    upload(client, entry, PDF, "letter.pdf")
    document = db.session.query(Document).one()
    auth.logout()
    auth.login("rival@x.kz")
    assert client.get(f"/nominations/{entry.id}/documents/{document.id}").status_code == 404
    assert client.post(f"/nominations/{entry.id}/documents/{document.id}/delete").status_code == 404


def test_document_of_another_entry_is_not_found(app, client, member, entry, program, people):
    other = make_nomination(program, people["committee@x.kz"], name="Другая")
    upload(client, other, PDF, "letter.pdf")
    document = db.session.query(Document).one()
    assert client.get(f"/nominations/{entry.id}/documents/{document.id}").status_code == 404


def test_member_removes_a_document(app, client, member, entry):
    upload(client, entry, PDF, "letter.pdf")
    document = db.session.query(Document).one()
    client.post(f"/nominations/{entry.id}/documents/{document.id}/delete")
    assert db.session.query(Document).count() == 0
    assert stored_files(app) == []


def test_rolled_back_upload_leaves_no_file(app, member, entry):
    documents.add_document(nomination=entry, actor=member, stream=io.BytesIO(PDF), filename="x.pdf")
    assert len(stored_files(app)) == 1
    db.session.rollback()
    assert stored_files(app) == []


def test_removed_file_stays_until_commit(app, member, entry):
    document = documents.add_document(
        nomination=entry, actor=member, stream=io.BytesIO(PDF), filename="x.pdf"
    )
    db.session.commit()
    documents.remove_document(document=document, actor=member)
    assert len(stored_files(app)) == 1
    db.session.rollback()
    assert len(stored_files(app)) == 1
    documents.remove_document(document=db.session.get(Document, document.id), actor=member)
    db.session.commit()
    assert stored_files(app) == []


def test_a_request_over_the_limit_goes_back_to_the_entry_with_the_limit_stated(
    app, client, member, entry
):
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    boundary, body = encode_multipart(
        {"file": FileStorage(io.BytesIO(b"0" * (3 * 1024 * 1024)), filename="scan.pdf")}
    )
    response = client.post(
        f"/nominations/{entry.id}/documents", data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers={"Referer": f"http://localhost/nominations/{entry.id}"},
    )  # fmt: skip
    assert response.status_code == 303
    assert response.location == f"/nominations/{entry.id}"
    page = client.get(response.location).get_data(as_text=True)
    assert "This file is 3 MB; files up to 10 MB are accepted." in page
    assert db.session.query(Document).count() == 0


def test_without_a_page_to_go_back_to_the_error_page_states_the_limit(app, client, member, entry):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    for headers in ({}, {"Referer": "https://elsewhere.example/form"}):
        response = client.post(
            f"/nominations/{entry.id}/documents", data=b"0" * (1536 * 1024),
            content_type="application/octet-stream", headers=headers,
        )  # fmt: skip
        assert response.status_code == 413
        assert "This file is 1.5 MB; files up to 10 MB are accepted." in response.get_data(
            as_text=True
        )


def test_the_upload_hint_states_the_configured_limits(app, client, member, entry):
    page = client.get(f"/nominations/{entry.id}").get_data(as_text=True)
    assert "PDF, JPEG or PNG, at most 10 MB each; up to 10 documents per entry." in page
    app.config["MAX_UPLOAD_BYTES"] = 25 * 1024 * 1024 + 200 * 1024
    app.config["MAX_DOCUMENTS_PER_NOMINATION"] = 4
    page = client.get(f"/nominations/{entry.id}").get_data(as_text=True)
    assert "at most 25.2 MB each; up to 4 documents per entry." in page
