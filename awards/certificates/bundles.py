"""Issued certificates as downloads: the stored PDFs merged in stage order, or zipped."""

import io
import re
import zipfile

from pypdf import PdfReader, PdfWriter

from awards.certificates.models import IssuedCertificate
from awards.uploads import upload_folder


def certificate_pdf(certificate: IssuedCertificate) -> bytes:
    return (upload_folder() / certificate.stored_file).read_bytes()


def file_name(certificate: IssuedCertificate) -> str:
    """The serial and the recipient's name as typed (letters kept, never transliterated)."""
    names = certificate.recipient
    name = names.get("ru") or names.get("kk") or next(iter(names.values()), "")
    safe = re.sub(r"[^\w]+", "_", name).strip("_")[:80]
    return f"{certificate.serial}_{safe}.pdf" if safe else f"{certificate.serial}.pdf"


def combined_pdf(certificates: list[IssuedCertificate]) -> bytes:
    """One PDF of every given certificate, in the given order, for the print shop."""
    writer = PdfWriter()
    for certificate in certificates:
        for page in PdfReader(io.BytesIO(certificate_pdf(certificate))).pages:
            writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def zip_archive(certificates: list[IssuedCertificate]) -> bytes:
    """A ZIP of one PDF per certificate, each named by file_name."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(file_name(certificate), certificate_pdf(certificate))
    return output.getvalue()
