import io

from PIL import Image, PngImagePlugin

from awards.extensions import db
from awards.programs.models import Program
from awards.uploads import upload_folder

BASE = "/programs/test-awards"


def png(size=(40, 20), **info) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG", **info)
    return buffer.getvalue()


def upload(client, content, name="logo.png"):
    return client.post(
        f"{BASE}/logo", data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )  # fmt: skip


def test_organizer_uploads_logo_and_members_see_it(client, auth, program):
    auth.login("organizer@x.kz")
    upload(client, png())
    logo_file = db.session.get(Program, program.id).logo_file
    assert logo_file.startswith("logos/") and (upload_folder() / logo_file).is_file()
    auth.logout()
    auth.login("judge@x.kz")
    response = client.get(f"{BASE}/logo")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(response.data)).size == (40, 20)
    response.close()


def test_logo_metadata_is_dropped(client, auth, program):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Person")
    auth.login("organizer@x.kz")
    upload(client, png(pnginfo=info))
    stored = upload_folder() / db.session.get(Program, program.id).logo_file
    assert b"Secret Person" not in stored.read_bytes()


def test_svg_and_pdf_logos_are_refused(client, auth, program):
    auth.login("organizer@x.kz")
    for content, name in [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b"%PDF-1.4\n%%EOF\n", "logo.pdf"),
        (b"<html>not a picture</html>", "logo.png"),
    ]:
        page = upload(client, content, name)
        assert page.status_code == 302
        assert db.session.get(Program, program.id).logo_file is None
    assert not (upload_folder() / "logos").exists() or not any(
        (upload_folder() / "logos").iterdir()
    )


def test_replacing_logo_deletes_the_old_file(client, auth, program):
    auth.login("organizer@x.kz")
    upload(client, png())
    first = upload_folder() / db.session.get(Program, program.id).logo_file
    upload(client, png((10, 10)))
    assert not first.exists()
    client.post(f"{BASE}/logo/remove")
    assert db.session.get(Program, program.id).logo_file is None
    assert list((upload_folder() / "logos").iterdir()) == []


def test_other_roles_cannot_change_the_logo(client, auth, program):
    auth.login("committee@x.kz")
    assert upload(client, png()).status_code == 403
    assert client.post(f"{BASE}/logo/remove").status_code == 403


def test_logo_that_cannot_be_saved_is_refused_logged_and_changes_nothing(
    app, client, auth, program, tmp_path, caplog
):
    auth.login("organizer@x.kz")
    upload(client, png())
    old_logo = db.session.get(Program, program.id).logo_file
    old_file = upload_folder() / old_logo
    # A folder inside a file cannot be made, even by root (for whom chmod stops nothing).
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_bytes(b"")
    app.config["UPLOAD_FOLDER"] = not_a_folder / "uploads"
    response = upload(client, png((10, 10)))
    page = client.get(response.location).get_data(as_text=True)
    assert "The file could not be saved; please try again later or tell the site" in page
    assert db.session.get(Program, program.id).logo_file == old_logo and old_file.is_file()
    assert "Could not store an uploaded file" in caplog.text
