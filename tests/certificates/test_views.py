import io
import re
import zipfile

import pytest

from awards.certificates import issuing
from awards.certificates.models import IssuedCertificate
from awards.extensions import db
from tests.certificates import print_shop

ENGLISH = {"Accept-Language": "en"}  # the visitor's language decides the page's; tests read English


@pytest.fixture
def certificate(ceremony):
    (issued,) = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    db.session.commit()
    return issued


def without_links(response):
    return re.sub(r"/verify/[^\"]*", "", response.get_data(as_text=True))


def page(ceremony, path=""):
    return f"/programs/{ceremony['program'].slug}/certificates{path}"


def test_verify_says_valid_and_counts_the_check(client, certificate):
    response = client.get(f"/verify/{certificate.token}", headers=ENGLISH)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="state">Valid<' in html and "Kazzinc Nominee" in html
    assert certificate.serial in html
    assert db.session.get(IssuedCertificate, certificate.id).verification_count == 1


def test_verify_says_revoked_after_a_revocation(client, ceremony, certificate):
    issuing.revoke_certificate(certificate=certificate, actor=ceremony["organizer"], reason="x")
    html = client.get(f"/verify/{certificate.token}", headers=ENGLISH).get_data(as_text=True)
    assert 'id="state">Revoked<' in html
    assert "x</" not in html  # the reason stays with the organizers


def test_after_reissue_the_old_is_superseded_and_the_new_valid(client, ceremony, certificate):
    new = issuing.reissue_certificate(certificate=certificate, actor=ceremony["organizer"])
    old_token, new_token = certificate.token, new.token
    assert 'id="state">Superseded<' in client.get(f"/verify/{old_token}", headers=ENGLISH).get_data(
        as_text=True
    )
    assert 'id="state">Valid<' in client.get(f"/verify/{new_token}", headers=ENGLISH).get_data(
        as_text=True
    )


def test_unknown_and_malformed_tokens_get_the_same_404(client, certificate):
    unknown = client.get("/verify/" + "A" * 32)
    malformed = client.get("/verify/%3Cscript%3E" + "x" * 100)
    assert unknown.status_code == malformed.status_code == 404
    # The pages differ only where they link back to the address asked for (language switch).
    assert without_links(unknown) == without_links(malformed)


def test_verification_is_rate_limited(client, certificate):
    statuses = [
        client.get(f"/verify/{certificate.token}", headers=ENGLISH).status_code for _ in range(31)
    ]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_committee_is_refused_the_organizer_page(client, auth, ceremony, certificate):
    auth.login("committee@x.kz")
    assert client.get(page(ceremony)).status_code == 403
    assert client.get(page(ceremony, "/all.zip")).status_code == 403


def test_organizer_issues_from_the_page_without_duplicates(client, auth, ceremony):
    auth.login("organizer@x.kz")
    for _ in range(2):
        response = client.post(page(ceremony, "/issue"), data={"theme": "modern"})
        assert response.status_code == 302
    assert db.session.query(IssuedCertificate).count() == 1
    html = client.get(page(ceremony)).get_data(as_text=True)
    assert "TA-2025-0001" in html and "Kazzinc Nominee" in html


def test_organizer_revokes_with_a_reason_and_reissues(client, auth, ceremony, certificate):
    auth.login("organizer@x.kz")
    path = page(ceremony, f"/{certificate.id}")
    client.post(f"{path}/reissue")
    new = db.session.query(IssuedCertificate).filter_by(superseded_by_id=None).one()
    client.post(page(ceremony, f"/{new.id}/revoke"), data={"reason": ""})
    assert db.session.get(IssuedCertificate, new.id).state == "valid"
    client.post(page(ceremony, f"/{new.id}/revoke"), data={"reason": "wrong name"})
    assert db.session.get(IssuedCertificate, new.id).revoked_reason == "wrong name"
    assert db.session.get(IssuedCertificate, certificate.id).state == "superseded"


def test_organizer_downloads_one_pdf_the_combined_pdf_and_the_zip(
    client, auth, ceremony, certificate
):
    auth.login("organizer@x.kz")
    single = client.get(page(ceremony, f"/{certificate.id}/pdf"))
    assert single.headers["Content-Disposition"].startswith("attachment;")
    assert single.data.startswith(b"%PDF-")
    combined = client.get(page(ceremony, "/all.pdf"))
    assert "Kazzinc Nominee" in print_shop.flat(print_shop.text(combined.data))
    archive = zipfile.ZipFile(io.BytesIO(client.get(page(ceremony, "/all.zip")).data))
    assert archive.namelist() == ["TA-2025-0001_Kazzinc_Nominee.pdf"]
    assert archive.read(archive.namelist()[0]) == single.data
