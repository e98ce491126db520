import io
import re
import zipfile

import pytest
import time_machine
from pypdf import PdfReader

from awards.certificates import issuing
from awards.certificates.models import IssuedCertificate
from awards.extensions import db
from awards.jobs.models import Job
from awards.uploads import upload_folder
from tests.certificates import print_shop
from tests.pages import masked

ENGLISH = {"Accept-Language": "en"}  # the visitor's language decides the page's; tests read English


@pytest.fixture
def certificate(ceremony):
    (issued,) = issuing.issue_laureate_certificates(
        program=ceremony["program"], actor=ceremony["organizer"]
    )
    db.session.commit()
    return issued


def without_links(response):
    """The page without the address asked for (in the language switch) and the code echoed."""
    html = re.sub(r"/verify/[^\"]*", "", response.get_data(as_text=True))
    return re.sub(r'<code class="hash" id="code">[^<]*</code>', "", html)


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
    with time_machine.travel("2026-03-01 09:00:00", tick=False):
        unknown = client.get("/verify/" + "A" * 32)
    with time_machine.travel("2026-03-01 09:00:02", tick=False):
        malformed = client.get("/verify/%3Cscript%3E" + "x" * 100)
    assert unknown.status_code == malformed.status_code == 404
    # The pages differ only where they link back to the address asked for (language switch).
    assert masked(without_links(unknown)) == masked(without_links(malformed))


def test_unknown_code_says_no_certificate_has_it_and_how_to_check(client, certificate):
    response = client.get("/verify/" + "A" * 31 + "0", headers=ENGLISH)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "No certificate has this code." in html
    assert 'id="code">' + "A" * 31 + "0</code>" in html
    assert "Scan the QR code" in html and "Capital and small letters are different" in html


def test_unknown_code_page_is_translated_and_escapes_the_code(client, certificate):
    response = client.get("/verify/%3Cb%3Ex", headers={"Accept-Language": "kk"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and '<html lang="kk">' in html
    assert "No certificate has this code." not in html
    assert 'id="code">&lt;b&gt;x</code>' in html


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
    html = client.get(page(ceremony), headers=ENGLISH).get_data(as_text=True)
    assert "TA-2025-0001" in html and "Kazzinc Nominee" in html
    assert "Nothing to issue" in html  # the second press found everyone served


def test_the_issue_page_lists_recipients_with_previews(client, auth, ceremony):
    auth.login("organizer@x.kz")
    ulba = ceremony["entries"]["Ulba Nominee"]
    html = client.get(page(ceremony, "/issue?kind=participant"), headers=ENGLISH).get_data(
        as_text=True
    )
    assert f'value="nomination-{ulba.id}"' in html and "Polyana Nominee" in html
    assert "Kazzinc Nominee" not in html  # the laureate gets no participation diploma
    assert f"/preview/classic/?kind=participant&amp;recipient=nomination-{ulba.id}" in html
    judges = client.get(page(ceremony, "/issue?kind=judge_thanks")).get_data(as_text=True)
    assert judges.count('name="recipients"') == 3
    assert client.get(page(ceremony, "/issue?kind=nominee")).status_code == 404


def test_the_issue_page_warns_when_qr_codes_would_carry_a_local_address(
    app, client, auth, ceremony
):
    auth.login("organizer@x.kz")
    assert 'id="qr-address"' not in client.get(page(ceremony, "/issue")).get_data(as_text=True)
    app.config["AWARDS_BASE_URL"] = "http://127.0.0.1:5101"
    html = client.get(page(ceremony, "/issue"), headers=ENGLISH).get_data(as_text=True)
    assert 'id="qr-address"' in html
    assert "will point to http://127.0.0.1:5101/verify/…" in html


def test_organizer_issues_a_chosen_list(client, auth, ceremony):
    auth.login("organizer@x.kz")
    ulba = ceremony["entries"]["Ulba Nominee"]
    response = client.post(
        page(ceremony, "/issue?kind=participant"),
        data={"kind": "participant", "theme": "classic", "scope": "chosen",
              "recipients": [f"nomination-{ulba.id}"]},
    )  # fmt: skip
    assert response.status_code == 302 and response.location.endswith("#kind-participant")
    (issued,) = db.session.query(IssuedCertificate).all()
    assert issued.kind == "participant" and issued.nomination_id == ulba.id


def test_choosing_nobody_is_refused_beside_the_list(client, auth, ceremony):
    auth.login("organizer@x.kz")
    response = client.post(
        page(ceremony, "/issue"), data={"kind": "laureate", "theme": "classic", "scope": "chosen"},
        headers=ENGLISH,
    )  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="recipients-error"' in html
    assert db.session.query(IssuedCertificate).count() == 0


def test_a_program_without_ceremony_details_is_refused_on_the_page(client, auth, ceremony):
    ceremony["program"].venue = {}
    auth.login("organizer@x.kz")
    response = client.post(page(ceremony, "/issue"), data={"theme": "classic"}, headers=ENGLISH)
    assert response.status_code == 200
    assert "Fill in the organizing body, the venue" in response.get_data(as_text=True)


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


def test_downloads_per_kind(client, auth, ceremony, certificate):
    issuing.issue_certificates(
        program=ceremony["program"], actor=None, kind="participant", theme="classic"
    )
    auth.login("organizer@x.kz")
    laureates = client.get(page(ceremony, "/all.zip?kind=laureate"))
    assert laureates.headers["Content-Disposition"].endswith("filename=test-awards-laureates.zip")
    assert len(zipfile.ZipFile(io.BytesIO(laureates.data)).namelist()) == 1
    participants = client.get(page(ceremony, "/all.pdf?kind=participant"))
    assert len(PdfReader(io.BytesIO(participants.data)).pages) == 2
    everyone = zipfile.ZipFile(io.BytesIO(client.get(page(ceremony, "/all.zip")).data))
    assert len(everyone.namelist()) == 3
    assert client.get(page(ceremony, "/all.zip?kind=judge_thanks")).status_code == 404


def test_the_print_shop_pdf_has_bleed_and_a_slug_around_the_trimmed_page(
    client, auth, ceremony, certificate
):
    auth.login("organizer@x.kz")
    response = client.get(page(ceremony, "/all.pdf?kind=laureate&print=1"))
    assert response.headers["Content-Disposition"].endswith("=test-awards-laureates-print.pdf")
    (sheet,) = PdfReader(io.BytesIO(response.data)).pages
    (issued,) = PdfReader(io.BytesIO(client.get(page(ceremony, "/all.pdf")).data)).pages
    bleed, slug = 3 / 25.4 * 72, 10 / 25.4 * 72
    assert float(sheet.trimbox.width) == pytest.approx(float(issued.mediabox.width))
    assert float(sheet.bleedbox.width) == pytest.approx(float(issued.mediabox.width) + 2 * bleed)
    # The crop marks sit in a slug outside the bleed, where nothing the page draws covers them.
    assert float(sheet.mediabox.width) == pytest.approx(float(sheet.bleedbox.width) + 2 * slug)
    # The issued page itself, its content streams unchanged: what the registry's hash stands for.
    stored = (upload_folder() / certificate.stored_file).read_bytes()
    (original,) = PdfReader(io.BytesIO(stored)).pages
    assert original.get_contents().get_data() in sheet.get_contents().get_data()
    text = print_shop.flat(print_shop.text(response.data))
    assert "Kazzinc Nominee" in text and certificate.serial in text
    assert print_shop.decoded_qr_codes(response.data, 1) == [certificate.values["verify_url"]]


def test_the_registry_shows_kind_state_and_checks(client, auth, ceremony, certificate):
    client.get(f"/verify/{certificate.token}")
    issuing.revoke_certificate(certificate=certificate, actor=None, reason="wrong name")
    auth.login("organizer@x.kz")
    html = client.get(page(ceremony), headers=ENGLISH).get_data(as_text=True)
    start = html.index(f'id="certificate-{certificate.id}"')
    row = html[start:].split("</tr>")[0]
    assert 'data-state="revoked"' in row and "wrong name" in row
    assert '<td class="num">1<br>' in row and "Revoke" not in row
    assert html.index('id="kind-laureate"') < start < html.index('id="kind-participant"')


def test_a_batch_bigger_than_one_can_wait_for_runs_as_a_job(app, client, auth, ceremony):
    app.config["CERTIFICATES_WAIT_AT_MOST"] = 0  # the one laureate is already "too many"
    auth.login("organizer@x.kz")
    response = client.post(page(ceremony, "/issue"), data={"theme": "classic"})
    job = db.session.query(Job).one()
    assert response.headers["Location"] == f"/jobs/{job.id}"
    # Jobs run as soon as they are queued in tests; a worker runs them in production.
    assert (job.kind, job.state, job.done, job.total) == ("certificates", "done", 1, 1)
    assert db.session.query(IssuedCertificate).one().serial == "TA-2025-0001"
    html = client.get(f"/jobs/{job.id}", headers=ENGLISH).get_data(as_text=True)
    assert "1 certificate was issued." in html
