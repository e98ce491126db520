"""Issued certificates as downloads: the stored PDFs merged in stage order or zipped, and a
print-shop copy rendered again from the values they were issued with, with bleed and crop marks."""

import io
import re
import zipfile
from itertools import groupby

from awards.certificates.issuing import printable_many, printing_problems
from awards.certificates.models import IssuedCertificate
from awards.printing.documents import render_certificates
from awards.printing.merge import merge_pdfs
from awards.uploads import upload_folder

KIND_FILE_NAMES = {"laureate": "laureates", "participant": "participants", "judge_thanks": "jury"}


def certificate_pdf(certificate: IssuedCertificate) -> bytes:
    return (upload_folder() / certificate.stored_file).read_bytes()


def file_name(certificate: IssuedCertificate) -> str:
    """The serial and the recipient's name as typed (letters kept, never transliterated)."""
    names = certificate.recipient
    name = names.get("ru") or names.get("kk") or next(iter(names.values()), "")
    safe = re.sub(r"[^\w]+", "_", name).strip("_")[:80]
    return f"{certificate.serial}_{safe}.pdf" if safe else f"{certificate.serial}.pdf"


def bundle_name(slug: str, kind: str | None, extension: str, *, for_print: bool = False) -> str:
    """ "working-professions-2025-laureates-print.pdf" and the like."""
    parts = [slug, KIND_FILE_NAMES[kind] if kind else "certificates"]
    return "-".join(parts + (["print"] if for_print else [])) + f".{extension}"


def combined_pdf(certificates: list[IssuedCertificate]) -> bytes:
    """One PDF of every given certificate, in the given order, exactly as issued."""
    return merge_pdfs(certificate_pdf(certificate) for certificate in certificates)


def print_shop_pdf(certificates: list[IssuedCertificate]) -> bytes:
    """The same pages for a print shop: 3 mm of bleed around each and crop marks at the trim.

    Rendered again from the values each certificate was issued with (pictures included), in
    its own design; the text and the QR code are the issued ones.
    """
    documents: list[bytes] = []
    for theme, group in groupby(certificates, key=lambda certificate: certificate.theme):
        values = printable_many([certificate.values for certificate in group])
        with printing_problems():
            documents.append(render_certificates(theme, values, bleed=True, crop_marks=True))
    return documents[0] if len(documents) == 1 else merge_pdfs(documents)


def zip_archive(certificates: list[IssuedCertificate]) -> bytes:
    """A ZIP of one PDF per certificate, each named by file_name."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(file_name(certificate), certificate_pdf(certificate))
    return output.getvalue()
