"""Supporting documents: recognized by content, size- and count-limited, stored under random names.

PDF, JPEG and PNG only, told apart by their first bytes (never the name or the browser's
content type). Images are re-encoded with Pillow, which drops their metadata and refuses
decompression bombs; a PDF is kept as uploaded once its copy for blind judging can be made
(not damaged beyond repair, no password, not too long). Files live in UPLOAD_FOLDER, outside
static/, and are served only through a view that checks permission.
"""

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.models import Document, DocumentKind, Nomination, NominationState
from awards.nominations.services import check_nominations_open
from awards.uploads import (
    EXTENSIONS,
    PILLOW_FORMATS,
    read_limited,
    reencode_image,
    remove_after_commit,
    sniff,
    store_file,
    upload_folder,
)
from awards.uploads_pdf import check_pdf

MAX_NAME_LENGTH = 120


def sanitize_filename(name: str | None, kind: DocumentKind) -> str:
    """The original name reduced to a harmless label: no folders, no control characters,
    letters of any alphabet kept, and the extension the content deserves."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    kept = "".join(ch if ch.isalnum() or ch in " -_.()" else "_" for ch in base)
    stem = kept.rsplit(".", 1)[0] if "." in kept else kept
    stem = stem.strip(" ._")[:MAX_NAME_LENGTH] or "document"
    return f"{stem}.{EXTENSIONS[kind]}"


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


def add_document(
    *, nomination: Nomination, actor: User, stream: BinaryIO, filename: str | None,
    now: datetime | None = None,
) -> Document:  # fmt: skip
    """Check, clean and store one uploaded file. Nothing is written unless every check passes.

    Side effects: writes a file under a random name in UPLOAD_FOLDER; adds the Document; flushes.
    """
    now = now or utcnow()
    _check_can_add(nomination, now)
    content = read_limited(stream, current_app.config["MAX_UPLOAD_BYTES"])
    kind = sniff(content)
    if kind is None:
        raise DomainError(
            _("Only PDF, JPEG and PNG files can be attached; this file is none of them."),
            field="file",
        )
    if kind in PILLOW_FORMATS:
        content = reencode_image(content, kind)
    else:
        check_pdf(content)  # a PDF that could not be copied for blind judging is not stored
    stored_name = store_file(db.session(), content, extension=EXTENSIONS[kind])
    document = Document(
        nomination=nomination, stored_name=stored_name, content_type=kind, size=len(content),
        original_name=sanitize_filename(filename, kind), uploaded_by=actor, uploaded_at=now,
    )  # fmt: skip
    db.session.add(document)
    db.session.flush()
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
    db.session.delete(document)
    db.session.flush()
    remove_after_commit(db.session(), document.stored_name)


def document_path(document: Document) -> Path:
    """Where the file is on disk; stored names are ours, never the uploader's."""
    return upload_folder() / document.stored_name
