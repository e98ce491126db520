"""The registry keeps every certificate; the PDFs of replaced ones go after the retention
period, and their check pages stay."""

from datetime import timedelta

import pytest

from awards.certificates import issuing, registry
from awards.extensions import db
from awards.i18n import utcnow
from awards.uploads import upload_folder

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def replaced(ceremony):
    """Kazzinc's certificate, reissued: the old one superseded, the new one valid."""
    (old,) = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    new = issuing.reissue_certificate(certificate=old, actor=ceremony["organizer"])
    db.session.commit()
    return old, new


def test_a_superseded_pdf_is_kept_for_the_retention_period(app, replaced):
    old, new = replaced
    assert registry.file_kept_until(old) == new.issued_at + timedelta(days=90)
    assert registry.file_kept_until(new) is None  # a valid certificate is kept for good
    assert registry.collect_replaced_files(now=utcnow() + timedelta(days=89)) == 0


def test_past_the_retention_period_the_pdf_goes_and_the_check_page_stays(
    app, client, auth, ceremony, replaced
):
    old, new = replaced
    path, token = upload_folder() / old.stored_file, old.token
    assert registry.collect_replaced_files(now=utcnow() + timedelta(days=91)) == 1
    assert path.exists()  # until the transaction commits
    db.session.commit()
    assert not path.exists() and old.stored_file is None
    assert (upload_folder() / new.stored_file).exists()
    page = client.get(f"/verify/{token}", headers=ENGLISH).get_data(as_text=True)
    assert 'id="state">Superseded<' in page
    auth.login("organizer@x.kz")
    slug = ceremony["program"].slug
    assert client.get(f"/programs/{slug}/certificates/{old.id}/pdf").status_code == 404
    listing = client.get(f"/programs/{slug}/certificates", headers=ENGLISH).get_data(as_text=True)
    assert "PDF deleted after the retention period" in listing


def test_a_revoked_pdf_counts_from_its_revocation(app, ceremony):
    (certificate,) = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    revoked_at = utcnow()
    issuing.revoke_certificate(
        certificate=certificate, actor=ceremony["organizer"], reason="Misspelt", now=revoked_at
    )
    db.session.commit()
    assert registry.file_kept_until(certificate) == revoked_at + timedelta(days=90)
    assert registry.collect_replaced_files(now=revoked_at + timedelta(days=91)) == 1
