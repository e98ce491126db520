"""A certificate before it is issued: the theme's certificate.html as a web page (its styles,
fonts and ornaments served from the theme folder) and a sample PDF that is never registered."""

import base64
from pathlib import Path

from awards.certificates.issuing import (
    certificate_values,
    check_program,
    printable,
    printing_problems,
    serial_prefix,
)
from awards.certificates.recipients import Recipient, recipients_of
from awards.certificates.settings import check_theme, settings_of
from awards.printing.documents import render_certificates
from awards.printing.screen import screen_html, screen_stylesheet, theme_file
from awards.printing.themes import load_theme
from awards.programs.models import Program
from awards.uploads import FileKind, sniff, upload_folder

SAMPLE_MARK = "SAMPLE"  # in place of the serial number and the verification token
# Who a design is previewed for before any results are confirmed.
SAMPLE_NAMES = {"kk": "Алушының аты", "ru": "Имя получателя", "en": "Recipient's name"}


def sample_recipient(program: Program, kind: str, key: str | None = None) -> Recipient | None:
    """The recipient ``key`` (None if unknown), else the first of the kind, else a stand-in."""
    everyone = recipients_of(program, kind)
    if key:
        return next((recipient for recipient in everyone if recipient.key == key), None)
    if everyone:
        return everyone[0]
    category = program.categories[0] if program.categories and kind != "judge_thanks" else None
    return Recipient(
        kind=kind, key="sample", default_names=SAMPLE_NAMES, names=SAMPLE_NAMES, category=category
    )


def _logo_uri(program: Program) -> str | None:
    path = upload_folder() / program.logo_file if program.logo_file else None
    if path is None or not path.is_file():
        return None
    content = path.read_bytes()
    kind = sniff(content)
    if kind not in (FileKind.PNG, FileKind.JPEG):
        return None
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def sample_certificate(program: Program, recipient: Recipient) -> dict:
    """What ``recipient``'s certificate would print today, serial marked SAMPLE, ready to
    render. Raises DomainError when the program lacks its ceremony details."""
    check_program(program)
    values = certificate_values(
        program=program, settings=settings_of(program), recipient=recipient,
        serial=f"{serial_prefix(program)}-{SAMPLE_MARK}", token=SAMPLE_MARK,
    )  # fmt: skip
    return {**printable(values), "logo": _logo_uri(program)}


def sample_pdf(theme: str, certificate: dict) -> bytes:
    """The certificate as a PDF; a DomainError naming the text to shorten if it does not fit
    its page, or saying what else went wrong."""
    theme = check_theme(theme, certificate["languages"])
    with printing_problems(theme, [certificate]):
        return render_certificates(theme, [certificate])


def preview_html(theme: str, certificate: dict) -> str:
    """The theme's certificate.html for one certificate, as a browser shows it (its styles,
    fonts and ornaments from preview_file, the sheet of paper from preview_stylesheet)."""
    return screen_html(load_theme(check_theme(theme, certificate["languages"])), certificate)


def preview_stylesheet(theme: str) -> str:
    """preview.css: one sheet of the theme's paper, its margins and background from theme.css."""
    return screen_stylesheet(load_theme(check_theme(theme)))


def preview_file(folder: str, filename: str) -> tuple[Path, str] | None:
    """A file the preview may load, with its content type (a theme's own files and the shared
    fonts only); None for anything else."""
    return theme_file(folder, filename)
