"""The organizer's setup pages: settings with pictures, names as printed, the HTML preview with
its theme files, the sample PDF."""

import io
from datetime import datetime

import pytest

from awards.certificates.models import CertificateSettings, IssuedCertificate, PrintedName
from awards.certificates.settings import DEFAULT_CITATIONS
from awards.extensions import db
from awards.programs import services as programs
from awards.web import CONTENT_SECURITY_POLICY
from tests import factories
from tests.certificates import pictures, print_shop

ENGLISH = {"Accept-Language": "en"}


def page(program, path=""):
    return f"/programs/{program.slug}/certificates{path}"


def settings_form(**changes) -> dict:
    data = {"theme": "classic"}
    for kind, texts in DEFAULT_CITATIONS.items():
        data |= {f"{kind}_citation_{code}": texts[code] for code in ("kk", "ru")}
    data |= {
        "signatory1_name_kk": "Бауыржан Оспанов", "signatory1_name_ru": "Бауыржан Оспанов",
        "signatory1_title_kk": "Басқарма басшысы", "signatory1_title_ru": "Руководитель",
    }  # fmt: skip
    return data | changes


@pytest.fixture
def organizer(client, auth, program):
    auth.login("organizer@x.kz")
    return client


def test_the_settings_page_shows_the_default_citations(organizer, program):
    html = organizer.get(page(program, "/settings"), headers=ENGLISH).get_data(as_text=True)
    assert 'value="за активное участие в конкурсе"' in html
    assert 'value="қазылар алқасы құрамындағы әділ әрі адал жұмысы үшін"' in html


def test_organizer_saves_settings_with_a_signature_and_a_seal(organizer, program):
    data = settings_form(
        signatory1_signature=(io.BytesIO(pictures.signature_png()), "signature.png"),
        seal=(io.BytesIO(pictures.seal_palette_png()), "seal.png"),
    )
    response = organizer.post(page(program, "/settings"), data=data)
    assert response.status_code == 302
    settings = db.session.query(CertificateSettings).one()
    assert settings.signatories[0].signature_image.content_type == "image/png"
    assert settings.seal_image is not None
    html = organizer.get(page(program, "/settings")).get_data(as_text=True)
    assert html.count('src="data:image/png;base64,') == 2  # both pictures shown back


def test_a_bad_upload_is_refused_beside_its_field_and_the_texts_stay(organizer, program):
    data = settings_form(
        signatory1_name_ru="Оспанов Б. К.",
        signatory1_signature=(io.BytesIO(b"GIF89a-not-allowed"), "signature.png"),
    )
    response = organizer.post(page(program, "/settings"), data=data, headers=ENGLISH)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="signatory1_signature-error">Upload a PNG or JPEG picture.<' in html
    assert 'value="Оспанов Б. К."' in html
    assert db.session.query(CertificateSettings).count() == 0


def test_a_missing_russian_citation_is_shown_beside_it(organizer, program):
    data = settings_form(participant_citation_ru="", laureate_citation_kk="Жаңа мәтін үшін")
    html = organizer.post(page(program, "/settings"), data=data, headers=ENGLISH).get_data(
        as_text=True
    )
    assert 'id="participant_citation_ru-error"' in html
    assert 'value="Жаңа мәтін үшін"' in html


def test_english_needs_english_texts_shown_beside_them(organizer, program):
    data = settings_form(print_english="y")
    html = organizer.post(page(program, "/settings"), data=data, headers=ENGLISH).get_data(
        as_text=True
    )
    assert 'id="laureate_citation_en-error">Fill in the Kazakh, Russian and English' in html


def test_the_names_page_prefills_the_frozen_names(client, auth, ceremony):
    auth.login("organizer@x.kz")
    html = client.get(page(ceremony["program"], "/names")).get_data(as_text=True)
    assert 'value="Kazzinc Nominee"' in html
    judges = client.get(page(ceremony["program"], "/names?kind=judge_thanks")).get_data(
        as_text=True
    )
    assert judges.count('value="Test User"') == 9  # three judges, three languages each


def name_form(key: str, **texts) -> dict:
    return {f"{key}-names_{code}": text for code, text in texts.items()}


def test_organizer_edits_and_resets_a_printed_name(client, auth, ceremony):
    auth.login("organizer@x.kz")
    kazzinc = ceremony["entries"]["Kazzinc Nominee"]
    key = f"nomination-{kazzinc.id}"
    url = page(ceremony["program"], f"/names/nominations/{kazzinc.id}?kind=laureate")
    names = {"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"}
    response = client.post(url, data=name_form(key, **names))
    assert response.status_code == 302 and response.location.endswith(f"#{key}")
    assert db.session.query(PrintedName).one().names == names
    html = client.get(page(ceremony["program"], "/names")).get_data(as_text=True)
    assert 'value="ТОО «Казцинк»"' in html
    client.post(url, data={f"{key}-reset": "1"})
    assert db.session.query(PrintedName).count() == 0


def test_a_judges_salutation_is_prefilled_and_saved_from_the_names_page(client, auth, ceremony):
    auth.login("organizer@x.kz")
    html = client.get(page(ceremony["program"], "/names?kind=judge_thanks")).get_data(as_text=True)
    assert html.count('value="Құрметті Test User!"') == 3
    assert html.count('value="Уважаемый(-ая) Test User!"') == 3
    judge = next(iter(ceremony["judges"].values()))
    key = f"judge-{judge.id}"
    url = page(ceremony["program"], f"/names/judges/{judge.id}?kind=judge_thanks")
    salutation = {f"{key}-salutation_kk": "Құрметті Тест ханым!",
                  f"{key}-salutation_ru": "Уважаемая госпожа Тест!"}  # fmt: skip
    response = client.post(url, data=name_form(key, kk="Test User", ru="Test User") | salutation)
    assert response.status_code == 302
    row = db.session.query(PrintedName).one()
    assert row.salutation == {"kk": "Құрметті Тест ханым!", "ru": "Уважаемая госпожа Тест!"}


def test_an_override_with_a_language_missing_is_shown_again_with_the_error(client, auth, ceremony):
    auth.login("organizer@x.kz")
    kazzinc = ceremony["entries"]["Kazzinc Nominee"]
    key = f"nomination-{kazzinc.id}"
    url = page(ceremony["program"], f"/names/nominations/{kazzinc.id}?kind=laureate")
    response = client.post(url, data=name_form(key, kk="", ru="Товариществу «Казцинк»"),
                           headers=ENGLISH)  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{key}-names_kk-error"' in html
    assert 'value="Товариществу «Казцинк»"' in html
    assert db.session.query(PrintedName).count() == 0


def test_names_of_strangers_are_not_found(client, auth, ceremony):
    auth.login("organizer@x.kz")
    program = ceremony["program"]
    assert client.post(page(program, "/names/nominations/999"), data={}).status_code == 404
    organizer_id = ceremony["organizer"].id
    assert client.post(page(program, f"/names/judges/{organizer_id}")).status_code == 404


def test_the_preview_is_the_theme_page_with_the_printed_name(client, auth, ceremony):
    auth.login("organizer@x.kz")
    kazzinc = ceremony["entries"]["Kazzinc Nominee"]
    query = f"?kind=laureate&recipient=nomination-{kazzinc.id}"
    url = page(ceremony["program"], f"/preview/modern/{query}")
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "<script" not in html and "style=" not in html  # nothing the policy would block
    assert "Kazzinc Nominee" in html and "TA-2025-SAMPLE" in html
    assert '<link rel="stylesheet" href="theme.css">' in html
    assert '<link rel="stylesheet" href="preview.css">' in html
    assert 'src="data:image/svg+xml' in html  # the QR code travels inside the page


@pytest.mark.parametrize(
    ("path", "status", "mimetype"),
    [
        ("/preview/classic/theme.css", 200, "text/css"),
        ("/preview/classic/frame.svg", 200, "image/svg+xml"),
        ("/preview/classic/preview.css", 200, "text/css"),
        ("/preview/fonts/PTSerif-Regular.ttf", 200, "font/ttf"),
        ("/preview/classic/theme.toml", 404, None),
        ("/preview/classic/certificate.html", 404, None),
        ("/preview/fonts/LICENSE.txt", 404, None),
        ("/preview/classic/../../awards/__init__.py", 404, None),
        ("/preview/classic/%2e%2e/%2e%2e/config.py", 404, None),
        ("/preview/README.md/x.css", 404, None),
        ("/preview/nope/theme.css", 404, None),
    ],
)
def test_the_preview_serves_only_theme_files(organizer, program, path, status, mimetype):
    response = organizer.get(page(program, path))
    assert response.status_code == status, path
    if mimetype:
        assert response.mimetype == mimetype
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_preview_stylesheet_draws_the_sheet_of_the_theme(organizer, program):
    css = organizer.get(page(program, "/preview/classic/preview.css")).get_data(as_text=True)
    assert "width: 297mm;" in css and "height: 210mm;" in css
    assert "padding: 22mm 34mm 19mm;" in css and 'url("frame.svg")' in css


def test_the_preview_works_before_any_results(organizer, program):
    programs.update_program(
        program=program, actor=program.roles[0].user, venue={"kk": "Өскемен", "ru": "Оскемен"},
        organizing_body={"kk": "Басқарма", "ru": "Управление"},
        ceremony_at=datetime(2026, 5, 20, 10),
    )  # fmt: skip
    db.session.commit()
    html = organizer.get(page(program, "/preview/classic/")).get_data(as_text=True)
    assert "Имя получателя" in html and "Алушының аты" in html


def test_a_program_without_ceremony_details_gets_a_message_instead(organizer, program):
    response = organizer.get(page(program, "/preview/classic/?kind=judge_thanks"))
    assert response.status_code == 302 and "/certificates/issue?kind=judge_thanks" in (
        response.location
    )


def test_the_sample_pdf_is_marked_and_not_registered(client, auth, ceremony):
    auth.login("organizer@x.kz")
    response = client.get(page(ceremony["program"], "/sample.pdf?kind=participant&theme=modern"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith("test-awards-participant-sample.pdf")
    text = print_shop.flat(print_shop.text(response.data))
    assert "Polyana Nominee" in text and "TA-2025-SAMPLE" in text
    assert db.session.query(IssuedCertificate).count() == 0


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_other_roles_are_refused_the_setup_pages(client, auth, program, email):
    auth.login(email)
    for path in ("/settings", "/names", "/preview/classic/", "/preview/classic/theme.css",
                 "/sample.pdf"):  # fmt: skip
        assert client.get(page(program, path)).status_code == 403, path
    assert client.post(page(program, "/settings"), data=settings_form()).status_code == 403


def test_outsiders_cannot_detect_the_setup_pages(client, auth, program):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for path in ("/settings", "/names", "/preview/fonts/PTSerif-Regular.ttf", "/sample.pdf"):
        assert client.get(page(program, path)).status_code == 404, path


def test_a_missing_citation_a_bad_seal_and_english_show_in_one_round(organizer, program):
    data = settings_form(
        print_english="y", participant_citation_ru="",
        seal=(io.BytesIO(b"GIF89a-not-allowed"), "seal.png"),
    )  # fmt: skip
    html = organizer.post(page(program, "/settings"), data=data, headers=ENGLISH).get_data(
        as_text=True
    )
    # The form's own error (the Russian citation), and the services' (English texts needed,
    # the seal is not a PNG or JPEG), each beside its field.
    assert 'id="participant_citation_ru-error"' in html
    assert 'id="laureate_citation_en-error"' in html
    assert 'id="signatory1_name_en-error"' in html and 'id="signatory1_title_en-error"' in html
    assert 'id="seal-error">Upload a PNG or JPEG picture.<' in html
    assert db.session.query(CertificateSettings).count() == 0
