"""Issued certificates as downloads: the stored PDFs merged in stage order or zipped, and a
print-shop copy of the same pages on sheets with bleed, slug and crop marks."""

import io
import re
import zipfile

from awards.certificates.models import IssuedCertificate
from awards.printing.merge import merge_pdfs
from awards.printing.sheets import print_shop_sheets
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


def _title(certificates: list[IssuedCertificate]) -> str | None:
    """The program's title in each printed language, as the certificates print it."""
    values = certificates[0].values if certificates else {}
    titles = values.get("program_title") or {}
    languages = values.get("languages") or list(titles)
    return " / ".join(dict.fromkeys(titles[code] for code in languages if titles.get(code))) or None


def combined_pdf(certificates: list[IssuedCertificate]) -> bytes:
    """One PDF of every given certificate, in the given order, exactly as issued (each font
    subset and picture stored once)."""
    return merge_pdfs(
        [certificate_pdf(certificate) for certificate in certificates], title=_title(certificates)
    )


def print_shop_pdf(certificates: list[IssuedCertificate]) -> bytes:
    """The same pages for a print shop: each issued page, unchanged (so the paper is what the
    registry's hashes stand for), on a sheet with 3 mm of bleed, a slug and crop marks."""
    pdfs = [certificate_pdf(certificate) for certificate in certificates]
    return print_shop_sheets(pdfs, title=_title(certificates))


def zip_archive(certificates: list[IssuedCertificate]) -> bytes:
    """A ZIP of one PDF per certificate, each named by file_name."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(file_name(certificate), certificate_pdf(certificate))
    return output.getvalue()
