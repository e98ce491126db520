"""PDF files cut and joined (merge.py)."""

from io import BytesIO

from pypdf import PdfReader

from awards.printing.merge import split_pdf
from tests.certificates import print_shop


def pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def test_split_pdf_one_single_page_pdf_per_certificate(certificates_pdf, demo_certificates):
    files = split_pdf(certificates_pdf)

    assert len(files) == len(demo_certificates)
    for pdf, certificate in zip(files, demo_certificates, strict=True):
        assert len(pages(pdf)) == 1
        assert certificate["recipient"]["ru"] in print_shop.flat(print_shop.text(pdf))
