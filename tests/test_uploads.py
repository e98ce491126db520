"""Files on disk that follow the transaction, and a folder that cannot be written to."""

import pytest

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
