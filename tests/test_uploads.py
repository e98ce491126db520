"""Files on disk that follow the transaction, and a folder that cannot be written to."""

import pytest
from flask_babel import force_locale

from awards import uploads
from awards.errors import DomainError
from awards.extensions import db
from awards.uploads import remove_after_commit, store_file


@pytest.fixture
def not_a_folder(app, tmp_path):
    """An upload folder inside a file: nothing can be written there, not even by root
    (for whom chmod stops nothing)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    app.config["UPLOAD_FOLDER"] = blocker / "uploads"
    return blocker


def test_storing_in_a_folder_that_cannot_be_written_is_a_clear_refusal(not_a_folder, caplog):
    with pytest.raises(DomainError) as refused:
        store_file(db.session(), b"%PDF-", subfolder="logos", extension="pdf")
    assert refused.value.field == "file"
    assert refused.value.message.startswith("The file could not be saved; please try again later")
    assert "Could not store an uploaded file" in caplog.text
    db.session.rollback()  # nothing was registered that a rollback would have to delete


def test_a_file_that_cannot_be_deleted_after_commit_is_logged_not_raised(not_a_folder, caplog):
    remove_after_commit(db.session(), "logos/old.png")
    db.session.commit()
    assert "Could not delete" in caplog.text


@pytest.mark.parametrize(
    ("path", "key", "words"),
    [
        ("/programs/test-awards/edit", "MAX_PICTURE_BYTES", "A PNG or JPEG picture of at most"),
        ("/programs/test-awards/certificates/settings", "MAX_PICTURE_BYTES",
         "a PNG with a transparent background prints best"),
        ("/programs/test-awards/jury/ballots", "MAX_BALLOT_BYTES", "A CSV or XLSX file of at most"),
    ],
)  # fmt: skip
def test_every_upload_hint_states_the_configured_limit(app, client, auth, program, path, key,
                                                       words):  # fmt: skip
    auth.login("organizer@x.kz")
    page = client.get(path).get_data(as_text=True)
    assert words in page and "at most 2 MB" in page
    app.config[key] = 3 * 1024 * 1024
    assert "at most 3 MB" in client.get(path).get_data(as_text=True)


def test_sizes_are_written_as_the_reader_writes_numbers(app):
    with app.test_request_context(), force_locale("ru"):
        assert uploads.megabytes(31 * 1024 * 1024 + 200 * 1024) == "31,2 МБ"
    with app.test_request_context(), force_locale("en"):
        assert uploads.too_large_message(12 * 1024 * 1024) == (
            "This file is 12 MB; files up to 10 MB are accepted."
        )
