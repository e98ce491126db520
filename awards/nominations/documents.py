"""Supporting documents: recognized by content, size- and count-limited, stored under random names.

PDF, JPEG and PNG only, told apart by their first bytes (never the name or the browser's
content type). Images are re-encoded with Pillow, which drops their metadata and refuses
decompression bombs. Files live in UPLOAD_FOLDER, outside static/, and are served only
through a view that checks permission.
"""

import io
import secrets
import unicodedata
import warnings
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from sqlalchemy import event
from sqlalchemy.orm import Session

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Document, DocumentKind, Nomination, NominationState
from awards.nominations.services import check_nominations_open

MAGIC = (
    (b"%PDF-", DocumentKind.PDF),
    (b"\x89PNG\r\n\x1a\n", DocumentKind.PNG),
    (b"\xff\xd8\xff", DocumentKind.JPEG),
)
EXTENSIONS = {DocumentKind.PDF: "pdf", DocumentKind.PNG: "png", DocumentKind.JPEG: "jpg"}
PILLOW_FORMATS = {DocumentKind.PNG: "PNG", DocumentKind.JPEG: "JPEG"}
MAX_NAME_LENGTH = 120
# Files follow the transaction: new ones vanish on rollback, removed ones go only on commit.
_WRITTEN_KEY = "awards.documents.written"
_REMOVED_KEY = "awards.documents.removed"


def sniff(content: bytes) -> DocumentKind | None:
    """The kind of document the bytes really are, or None."""
    for magic, kind in MAGIC:
        if content.startswith(magic):
            return kind
    return None


def sanitize_filename(name: str | None, kind: DocumentKind) -> str:
    """The original name reduced to a harmless label: no folders, no control characters,
    letters of any alphabet kept, and the extension the content deserves."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    kept = "".join(ch if ch.isalnum() or ch in " -_.()" else "_" for ch in base)
    stem = kept.rsplit(".", 1)[0] if "." in kept else kept
    stem = stem.strip(" ._")[:MAX_NAME_LENGTH] or "document"
    return f"{stem}.{EXTENSIONS[kind]}"


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise DomainError(
            _("The file is larger than %(mb)s MB.", mb=f"{limit / (1024 * 1024):g}"),
            field="file",
        )
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    return content


def reencode_image(content: bytes, kind: DocumentKind) -> bytes:
    """The picture redrawn from its pixels: metadata gone, orientation applied, bombs refused."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[kind]]) as image:
                image.load()
                return _redraw(ImageOps.exif_transpose(image), kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DomainError(
            _("The picture is too large in pixels; scale it down and try again."), field="file"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(_("The picture is damaged and cannot be read."), field="file") from exc


def _redraw(image: Image.Image, kind: DocumentKind) -> bytes:
    output = io.BytesIO()
    if kind == DocumentKind.JPEG:
        image.convert("RGB").save(output, "JPEG", quality=90)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _check_can_add(nomination: Nomination, now: datetime) -> None:
    check_nominations_open(nomination.program, now)
    if nomination.state not in (NominationState.DRAFT, NominationState.RETURNED):
        raise DomainError(_("Documents can be changed only in a draft or a returned entry."))
    limit = current_app.config["MAX_DOCUMENTS_PER_NOMINATION"]
    if len(nomination.documents) >= limit:
        raise DomainError(
            _("An entry can have at most %(n)d documents; remove one first.", n=limit),
            field="file",
        )


def upload_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def add_document(
    *, nomination: Nomination, actor: User, stream: BinaryIO, filename: str | None,
    now: datetime | None = None,
) -> Document:  # fmt: skip
    """Check, clean and store one uploaded file. Nothing is written unless every check passes.

    Side effects: writes a file under a random name in UPLOAD_FOLDER; adds the Document; flushes.
    """
    now = now or utcnow()
    _check_can_add(nomination, now)
    content = _read_limited(stream, current_app.config["MAX_UPLOAD_BYTES"])
    kind = sniff(content)
    if kind is None:
        raise DomainError(
            _("Only PDF, JPEG and PNG files can be attached; this file is none of them."),
            field="file",
        )
    if kind in PILLOW_FORMATS:
        content = reencode_image(content, kind)
    stored_name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    document = Document(
        nomination=nomination, stored_name=stored_name, content_type=kind, size=len(content),
        original_name=sanitize_filename(filename, kind), uploaded_by=actor, uploaded_at=now,
    )  # fmt: skip
    db.session.add(document)
    db.session.flush()
    folder = upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / stored_name
    path.write_bytes(content)
    db.session().info.setdefault(_WRITTEN_KEY, []).append(path)
    return document


def remove_document(*, document: Document, actor: User, now: datetime | None = None) -> None:
    """Take a document off a draft or returned entry.

    Side effects: deletes the row and flushes; the file is removed from disk after commit.
    """
    now = now or utcnow()
    nomination = document.nomination
    check_nominations_open(nomination.program, now)
    if nomination.state not in (NominationState.DRAFT, NominationState.RETURNED):
        raise DomainError(_("Documents can be changed only in a draft or a returned entry."))
    path = document_path(document)
    db.session.delete(document)
    db.session.flush()
    db.session().info.setdefault(_REMOVED_KEY, []).append(path)


def document_path(document: Document) -> Path:
    """Where the file is on disk; stored names are ours, never the uploader's."""
    return upload_folder() / document.stored_name


@event.listens_for(Session, "after_commit")
def _settle_files_after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN_KEY, None)
    for path in session.info.pop(_REMOVED_KEY, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _drop_files_after_rollback(session: Session) -> None:
    session.info.pop(_REMOVED_KEY, None)
    for path in session.info.pop(_WRITTEN_KEY, []):
        path.unlink(missing_ok=True)


def without_pdf_metadata(content: bytes) -> bytes:
    """The PDF with its document information and XMP metadata removed (author, producer,
    titles): what blind judging hands to judges. Unreadable PDFs come back unchanged."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
        writer.metadata = None
        writer.xmp_metadata = None
        output = io.BytesIO()
        writer.write(output)
    except (PdfReadError, ValueError, KeyError):
        return content
    return output.getvalue()
