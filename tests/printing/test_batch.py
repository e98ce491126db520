"""Many certificates at once (batch.py): chunks in this process or over worker processes, the
files and the combined PDF in the order given, progress after each chunk."""

from io import BytesIO

from pypdf import PdfReader

from awards.printing.documents import render_certificate_batch, render_certificate_files
from tests.certificates import print_shop, samples


def pdf_pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def page_texts(pdf: bytes) -> list[str]:
    return [
        print_shop.flat(print_shop.text(pdf, page=n)) for n in range(1, len(pdf_pages(pdf)) + 1)
    ]


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
