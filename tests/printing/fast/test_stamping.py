"""Many certificates from few layouts (fast/stamping.py): every page is, pixel for pixel, the
page WeasyPrint lays out for that certificate alone, and a file holds its certificate only."""

from io import BytesIO

import pytest
from PIL import ImageChops
from pypdf import PdfReader

from awards.printing.batch import combined_pdf, render_pages
from awards.printing.chunk import Options
from awards.printing.documents import render_certificate_files, render_certificates
from awards.printing.qr import qr_matrix
from awards.printing.themes import load_theme
from awards.printing.values import certificate_context_without_qr
from tests.certificates import print_shop, samples


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


def rendered(theme: str, certificates: list[dict], options: Options) -> bytes:
    spec = load_theme(theme)
    contexts = [
        certificate_context_without_qr(data, spec, i) for i, data in enumerate(certificates)
    ]
    matrices = [qr_matrix(context["verify_url"]) for context in contexts]
    chunk = render_pages(spec, contexts, matrices, options)
    assert chunk.fast == options.fast  # the path asked for, not a fallback
    return combined_pdf([chunk], [(0, page) for page in range(chunk.count)])


@pytest.mark.parametrize("crop_marks", [False, True])
@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_stamped_pages_are_the_pages_laid_out_one_by_one(theme, crop_marks):
    certificates = varied_certificates()
    options = {"bleed": crop_marks, "crop_marks": crop_marks, "files": False, "combined": True}

    stamped = rendered(theme, certificates, Options(**options))
    plain = rendered(theme, certificates, Options(**options, fast=False))

    assert len(pdf_pages(stamped)) == len(pdf_pages(plain)) == len(certificates)
    for page in range(1, len(certificates) + 1):
        difference = ImageChops.difference(
            print_shop.picture(stamped, page), print_shop.picture(plain, page)
        )
        assert difference.getbbox() is None, f"page {page} differs in {difference.getbbox()}"
    assert page_texts(stamped) == page_texts(plain)


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


def test_a_print_shop_copy_rendered_again_is_the_same_file():
    # The page under every certificate is laid out once per process and drawn in every chunk;
    # drawn again, it must not carry its crop marks twice.
    first = render_certificates("classic", [samples.certificate()], crop_marks=True)

    assert render_certificates("classic", [samples.certificate()], crop_marks=True) == first
