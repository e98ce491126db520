"""Many certificates from few layouts (stamping.py, batch.py): every page is, pixel for pixel,
the page WeasyPrint lays out for that certificate alone, and each file and the combined PDF
hold the right pages in the order given."""

from io import BytesIO

import pytest
from PIL import ImageChops
from pypdf import PdfReader

from awards.certificates import printing
from awards.certificates.assembly import join_parts
from awards.certificates.contexts import certificate_context_without_qr, load_theme
from awards.certificates.qr import qr_matrix
from awards.certificates.rendering import (
    render_certificate_batch,
    render_certificate_files,
    render_certificates,
)
from tests.certificates import print_shop, samples

MM = 72 / 25.4


def varied_certificates() -> list[dict]:
    """Every way a page differs: pictures, a long name in three languages, every Kazakh
    letter, a judge without a category, and names of every length."""
    signatory = {**samples.GOVERNOR, "signature_image": samples.SIGNATURE}
    return [
        samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL, signatories=[signatory]),
        samples.certificate(samples.KATON_KARAGAY, languages=["kk", "ru", "en"], serial=2),
        samples.certificate(samples.KAZAKH_LETTERS_NAME, kind="participant", serial=3),
        samples.certificate(
            {"kk": "Гүлнар Төлеуова", "ru": "Гүлнар Төлеуова"},
            kind="judge_thanks",
            category=None,
            citation=samples.JUDGE_CITATION,
            serial=4,
        ),
        *samples.social_partner_certificates()[7:9],
    ]


def pdf_pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def page_texts(pdf: bytes) -> list[str]:
    return [
        print_shop.flat(print_shop.text(pdf, page=n)) for n in range(1, len(pdf_pages(pdf)) + 1)
    ]


def rendered(theme: str, certificates: list[dict], options: printing.Options) -> bytes:
    spec = load_theme(theme)
    contexts = [
        certificate_context_without_qr(data, spec, i) for i, data in enumerate(certificates)
    ]
    matrices = [qr_matrix(context["verify_url"]) for context in contexts]
    return join_parts([printing.render_pages(spec, contexts, matrices, options).part])


@pytest.mark.parametrize("crop_marks", [False, True])
@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_stamped_pages_are_the_pages_laid_out_one_by_one(theme, crop_marks):
    certificates = varied_certificates()
    options = {"bleed": crop_marks, "crop_marks": crop_marks, "files": False, "part": True}

    stamped = rendered(theme, certificates, printing.Options(**options))
    plain = rendered(theme, certificates, printing.Options(**options, stamped=False))

    assert len(pdf_pages(stamped)) == len(pdf_pages(plain)) == len(certificates)
    for page in range(1, len(certificates) + 1):
        difference = ImageChops.difference(
            print_shop.picture(stamped, page), print_shop.picture(plain, page)
        )
        assert difference.getbbox() is None, f"page {page} differs in {difference.getbbox()}"
    assert page_texts(stamped) == page_texts(plain)


def test_render_certificate_batch_files_and_combined_in_the_order_given():
    # Alike certificates are rendered together; the order given must come back all the same.
    certificates = [
        samples.certificate(name, serial=number)
        for number, name in enumerate(
            [samples.KATON_KARAGAY, samples.KAZAKH_LETTERS_NAME, *samples.SOCIAL_PARTNERS[:5]],
            start=1,
        )
    ]
    certificates.insert(3, samples.certificate(kind="participant", serial=99))

    batch = render_certificate_batch("classic", certificates, chunk_size=2, workers=1)

    combined = page_texts(batch.combined)
    assert len(batch.files) == len(combined) == len(certificates)
    for certificate, pdf, text in zip(certificates, batch.files, combined, strict=True):
        assert len(pdf_pages(pdf)) == 1
        assert certificate["recipient"]["ru"] in print_shop.flat(print_shop.text(pdf))
        assert certificate["recipient"]["ru"] in text
        assert certificate["serial"] in text


def test_render_certificate_files_reports_each_chunk():
    reported = []

    files = render_certificate_files(
        "modern", samples.social_partner_certificates()[:5], chunk_size=2, workers=1,
        progress=lambda done, total: reported.append((done, total)),
    )  # fmt: skip

    assert len(files) == 5
    assert reported == [(2, 5), (4, 5), (5, 5)]


def test_render_certificate_batch_across_processes_reports_each_chunk():
    certificates = samples.social_partner_certificates()[:7]
    reported = []

    batch = render_certificate_batch(
        "modern", certificates, chunk_size=2, workers=2,
        progress=lambda done, total: reported.append((done, total)),
    )  # fmt: skip

    # Chunks of one: each worker has several to do, and progress moves while they work.
    assert reported == [(done, 7) for done in range(1, 8)]
    for certificate, text in zip(certificates, page_texts(batch.combined), strict=True):
        assert certificate["recipient"]["kk"] in text


def test_a_recipients_file_holds_no_other_recipients_text_or_code():
    kazzinc, vetlab = (
        samples.certificate(),
        samples.certificate(samples.SOCIAL_PARTNERS[10], serial=2),
    )

    files = render_certificate_files("classic", [kazzinc, vetlab], workers=1)

    text = print_shop.flat(print_shop.text(files[0]))
    assert kazzinc["recipient"]["kk"] in text
    for other in (vetlab["recipient"]["kk"], vetlab["recipient"]["ru"], vetlab["serial"]):
        assert other not in text
    assert vetlab["verify_url"].rsplit("/", 1)[1] not in text.replace(" ", "")
    assert print_shop.decoded_qr_codes(files[0], 1) == [kazzinc["verify_url"]]


def test_render_certificates_crop_marks_in_three_millimetres_of_bleed():
    with_marks = render_certificates("classic", [samples.certificate()], crop_marks=True)
    bled = render_certificates("classic", [samples.certificate()], bleed=True)

    page = pdf_pages(with_marks)[0]
    assert float(page.mediabox.width) == pytest.approx(303 * MM, abs=0.01)
    assert float(page.trimbox.width) == pytest.approx(297 * MM, abs=0.01)
    corner = (0, 0, 7, 7)  # the top left bleed at 60 dpi: marks are drawn there, nothing else
    assert print_shop.picture(with_marks, 1).crop(corner).getextrema() != ((255, 255),) * 3
    assert print_shop.picture(bled, 1).crop(corner).getextrema() == ((255, 255),) * 3


def test_a_print_shop_copy_rendered_again_is_the_same_file():
    # The page under every certificate is laid out once per process and drawn in every chunk;
    # drawn again, it must not carry its crop marks twice.
    first = render_certificates("classic", [samples.certificate()], crop_marks=True)

    assert render_certificates("classic", [samples.certificate()], crop_marks=True) == first
