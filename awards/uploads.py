"""Uploaded files: what they really are (by their first bytes, never by name or browser claim),
size limits, images redrawn from their pixels, and files on disk that follow the transaction.

Used by every domain that accepts files (supporting documents, program logos); imports nothing
of the domains. PDFs are checked and copied for blind judging in awards.uploads_pdf.
"""

import contextlib
import io
import logging
import secrets
import warnings
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from awards.errors import DomainError

log = logging.getLogger(__name__)


class FileKind(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


MAGIC = (
    (b"%PDF-", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
)
EXTENSIONS = {FileKind.PDF: "pdf", FileKind.PNG: "png", FileKind.JPEG: "jpg"}
PILLOW_FORMATS = {FileKind.PNG: "PNG", FileKind.JPEG: "JPEG"}
# Files follow the transaction: new ones vanish on rollback, removed ones go only on commit.
_WRITTEN_KEY = "awards.uploads.written"
_REMOVED_KEY = "awards.uploads.removed"


def sniff(content: bytes) -> FileKind | None:
    """The kind of document the bytes really are, or None."""
    for magic, kind in MAGIC:
        if content.startswith(magic):
            return kind
    return None


MEGABYTE = 1024 * 1024


def megabytes(size: int) -> str:
    """A size in megabytes as the reader writes numbers: "10 MB", "31,2 МБ"."""
    return _("%(number)s MB", number=format_decimal(round(size / MEGABYTE, 1), format="0.#"))


def configured_size(key: str) -> str:
    """The size limit ``key`` of the configuration, in megabytes."""
    return megabytes(current_app.config[key])


def hint(text) -> LazyString:
    """A file field's hint, made when it is shown: ``text`` is a function giving it, so that the
    limits it states are the ones configured then (see configured_size)."""
    return LazyString(text)


def too_large_message(size: int | None) -> str:
    """What to tell someone whose upload is over the largest request the app reads."""
    limit = configured_size("MAX_UPLOAD_BYTES")
    if not size:
        return _("The file is too large; files up to %(limit)s are accepted.", limit=limit)
    return _(
        "This file is %(size)s; files up to %(limit)s are accepted.",
        size=megabytes(size), limit=limit,
    )  # fmt: skip


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise DomainError(
            _("The file is larger than %(size)s.", size=megabytes(limit)),
            field="file",
        )
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    return content


MAX_PIXELS = 40_000_000  # a 300 dpi A3 scan; anything larger is refused before decoding


def reencode_image(content: bytes, kind: FileKind) -> bytes:
    """The picture redrawn from its pixels: metadata gone, orientation applied, bombs refused."""
    too_large = _("The picture is too large in pixels; scale it down and try again.")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[kind]]) as image:
                width, height = image.size  # read from the header, nothing decoded yet
                if width * height > MAX_PIXELS:
                    raise DomainError(too_large, field="file")
                image.load()
                return _redraw(ImageOps.exif_transpose(image), kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DomainError(too_large, field="file") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(_("The picture is damaged and cannot be read."), field="file") from exc


def _redraw(image: Image.Image, kind: FileKind) -> bytes:
    """Only the pixels travel: a fresh image, so no comment, profile or text chunk comes along."""
    if kind == FileKind.JPEG:
        image = image.convert("RGB")
    elif "transparency" in image.info:
        # A palette or grey PNG keeps its transparent colour in a tRNS chunk that a fresh
        # image would leave behind: a signature would print on a white box.
        image = image.convert("RGBA")
    elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA")
    clean = Image.new(image.mode, image.size)
    if image.mode == "P":
        clean.putpalette(image.getpalette())
    clean.paste(image)
    output = io.BytesIO()
    if kind == FileKind.JPEG:
        clean.save(output, "JPEG", quality=90)
    else:
        clean.save(output, "PNG")
    return output.getvalue()


def upload_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def store_file(session: Session, content: bytes, *, subfolder: str = "", extension: str) -> str:
    """Write ``content`` under a fresh random name; the file disappears if the transaction
    rolls back. Returns the name, relative to UPLOAD_FOLDER.

    A folder that cannot be written to is logged for the operator and refused with a
    DomainError (on "file"); nothing half-written stays behind."""
    name = f"{subfolder + '/' if subfolder else ''}{secrets.token_hex(16)}.{extension}"
    path = upload_folder() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as exc:
        log.exception("Could not store an uploaded file at %s", path)
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)  # a half-written file, if the write got that far
        raise DomainError(
            _(
                "The file could not be saved; please try again later or tell the site "
                "administrator."
            ),
            field="file",
        ) from exc
    session.info.setdefault(_WRITTEN_KEY, []).append(path)
    return name


def remove_after_commit(session: Session, name: str) -> None:
    """Delete a stored file once the transaction that stopped using it commits."""
    session.info.setdefault(_REMOVED_KEY, []).append(upload_folder() / name)


@event.listens_for(Session, "after_commit")
def _settle_files_after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN_KEY, None)
    for path in session.info.pop(_REMOVED_KEY, []):
        _remove(path)


@event.listens_for(Session, "after_rollback")
def _drop_files_after_rollback(session: Session) -> None:
    session.info.pop(_REMOVED_KEY, None)
    for path in session.info.pop(_WRITTEN_KEY, []):
        _remove(path)


def _remove(path: Path) -> None:
    # The transaction has already ended: a file that cannot be deleted is the operator's to
    # clear up, never a reason to fail the request.
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("Could not delete %s", path, exc_info=True)
