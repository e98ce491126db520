"""A program's certificate settings: design, English, citations, signatories and the seal, and
the pictures they print, checked by their content and redrawn from their pixels. A copy of a
program (programs.services.copy_program) gets the settings and its own copies of the pictures."""

import base64
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image
from sqlalchemy import select

from awards import uploads
from awards.accounts.models import User
from awards.certificates.models import (
    KINDS,
    CertificateImage,
    CertificateSettings,
    CertificateSignatory,
)
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.i18n import check_length, clean_texts, utcnow
from awards.printing.themes import available_themes, load_theme
from awards.programs.models import Program
from awards.programs.signals import program_copied

# Kazakh puts the reason before the verb ("… үшін марапатталады"), Russian after ("за …").
DEFAULT_CITATIONS = {
    "laureate": {
        "kk": "байқаудағы жоғары нәтижесі үшін",
        "ru": "за высокие результаты в конкурсе",
        "en": "for outstanding results in the competition",
    },
    "participant": {
        "kk": "байқауға белсене қатысқаны үшін",
        "ru": "за активное участие в конкурсе",
        "en": "for active participation in the competition",
    },
    "judge_thanks": {
        "kk": "қазылар алқасы құрамындағы әділ әрі адал жұмысы үшін",
        "ru": "за объективную и добросовестную работу в составе жюри",
        "en": "for objective and conscientious work on the jury",
    },
}
SIGNATORY_POSITIONS = (1, 2)
CITATION_MAX = 500
SIGNATORY_NAME_MAX = 200
SIGNATORY_TITLE_MAX = 300
# 1200 px over the 45 mm a signature takes is ~680 dpi: sharp in print, light in every PDF.
PICTURE_MAX_SIDE = 1200


@dataclass
class SignatoryInput:
    """One signatory slot as typed: texts, and a new signature picture or its removal."""

    name: dict
    title: dict
    signature: BinaryIO | None = None
    remove_signature: bool = False


def settings_of(program: Program) -> CertificateSettings:
    """The program's saved settings, or the defaults (not added to the session)."""
    saved = db.session.scalar(
        select(CertificateSettings).where(CertificateSettings.program_id == program.id)
    )
    if saved is not None:
        return saved
    return CertificateSettings(
        program_id=program.id, theme="classic", print_english=False,
        **{f"{kind}_citation": dict(DEFAULT_CITATIONS[kind]) for kind in KINDS},
    )  # fmt: skip


def languages_printed(print_english: bool) -> list[str]:
    """Kazakh first (the state language), then Russian, then English when chosen."""
    return ["kk", "ru", "en"] if print_english else ["kk", "ru"]


def printed_languages(settings: CertificateSettings) -> list[str]:
    return languages_printed(settings.print_english)


def theme_names() -> list[str]:
    return [theme.name for theme in available_themes()]


def check_theme(theme: str, languages: list[str] | None = None) -> str:
    """``theme`` if it is a design that prints ``languages``; else a DomainError."""
    if theme not in theme_names():
        raise DomainError(_("Choose one of the listed designs."), field="theme")
    if any(code not in load_theme(theme).languages for code in languages or []):
        raise DomainError(_("This design does not print English."), field="theme")
    return theme


def check_texts(
    value: dict | None, *, field: str, languages: list[str], max_length: int = CITATION_MAX
) -> dict:
    """A citation, name or title cleaned, in every printed language."""
    texts = clean_texts(value)
    check_length(texts, max_length=max_length, field=field)
    if any(code not in texts for code in languages):
        message = (
            _("Fill in the Kazakh, Russian and English versions.")
            if "en" in languages
            else _("Fill in the Kazakh and Russian versions.")
        )
        raise DomainError(message, field=field)
    return texts


def picture_from_upload(stream: BinaryIO, *, field: str) -> tuple[bytes, str]:
    """A PNG or JPEG recognized by its first bytes, redrawn from its pixels (metadata gone),
    transparency kept, scaled down to PICTURE_MAX_SIDE. Returns the bytes and the type."""
    try:
        content = uploads.read_limited(stream, current_app.config["MAX_PICTURE_BYTES"])
        kind = uploads.sniff(content)
        if kind not in uploads.PILLOW_FORMATS:
            raise DomainError(_("Upload a PNG or JPEG picture."), field=field)
        redrawn = uploads.reencode_image(content, kind)
    except DomainError as error:
        raise DomainError(error.message, field=field) from error
    return _scaled_down(redrawn, kind), str(kind)


def _scaled_down(content: bytes, kind: uploads.FileKind) -> bytes:
    with Image.open(io.BytesIO(content), formats=[uploads.PILLOW_FORMATS[kind]]) as image:
        if max(image.size) <= PICTURE_MAX_SIDE:
            return content
        image.load()
        small = image.copy()
    small.thumbnail((PICTURE_MAX_SIDE, PICTURE_MAX_SIDE))
    output = io.BytesIO()
    options = {"quality": 90} if kind == uploads.FileKind.JPEG else {}
    small.save(output, uploads.PILLOW_FORMATS[kind], **options)
    return output.getvalue()


def store_picture(*, program: Program, content: bytes, content_type: str) -> CertificateImage:
    """The program's picture with these bytes, added once. Side effects: may add a row."""
    sha256 = hashlib.sha256(content).hexdigest()
    image = db.session.scalar(
        select(CertificateImage).where(
            CertificateImage.program_id == program.id, CertificateImage.sha256 == sha256
        )
    )
    if image is None:
        image = CertificateImage(
            program_id=program.id, sha256=sha256, content_type=content_type, content=content
        )
        db.session.add(image)
        db.session.flush()
    return image


def data_uri(image: CertificateImage) -> str:
    return f"data:{image.content_type};base64,{base64.b64encode(image.content).decode('ascii')}"


def image_uris(ids) -> dict[int, str]:
    """data: URIs of the given picture ids, for the renderer."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = db.session.scalars(select(CertificateImage).where(CertificateImage.id.in_(wanted)))
    return {image.id: data_uri(image) for image in rows}


def check_signatory_texts(index: int, entry: SignatoryInput, languages: list[str]):
    """(name, title) cleaned, or None for a slot left empty (no texts, no new signature)."""
    name, title = clean_texts(entry.name), clean_texts(entry.title)
    if not (name or title or entry.signature):
        return None
    problems = FieldErrors()
    checked_name = problems.run(
        check_texts, name, field=f"signatory{index}_name", languages=languages,
        max_length=SIGNATORY_NAME_MAX,
    )  # fmt: skip
    checked_title = problems.run(
        check_texts, title, field=f"signatory{index}_title", languages=languages,
        max_length=SIGNATORY_TITLE_MAX,
    )  # fmt: skip
    problems.raise_any()
    return checked_name, checked_title


def _read_pictures(signatories, seal, problems: FieldErrors) -> dict[str, tuple[bytes, str]]:
    """Each picture uploaded, checked and redrawn, by its form field; problems noted."""
    uploaded = {
        f"signatory{position}_signature": entry.signature
        for position, entry in zip(SIGNATORY_POSITIONS, signatories, strict=False)
        if entry.signature is not None
    }
    if seal is not None:
        uploaded["seal"] = seal
    return {
        field: problems.run(picture_from_upload, stream, field=field)
        for field, stream in uploaded.items()
    }


@dataclass
class CheckedSettings:
    """What save_certificate_settings stores, once every rule is kept."""

    theme: str
    citations: dict[str, dict]
    signatories: list  # per slot: (name, title), or None for an empty slot
    pictures: dict[str, tuple[bytes, str]]


def check_certificate_settings(
    *, theme: str, print_english: bool, citations: dict[str, dict],
    signatories: list[SignatoryInput], seal: BinaryIO | None = None,
) -> CheckedSettings:  # fmt: skip
    """The settings cleaned, or every problem with them at once (texts, design, pictures),
    each beside its field. Reads the uploaded pictures; writes nothing."""
    if len(signatories) > len(SIGNATORY_POSITIONS):
        raise DomainError(_("At most two people sign a certificate."))
    languages = languages_printed(print_english)
    problems = FieldErrors()
    checked = {
        kind: problems.run(
            check_texts, citations.get(kind), field=f"{kind}_citation", languages=languages
        )
        for kind in KINDS
    }
    theme = problems.run(check_theme, theme, languages)
    texts = [
        problems.run(check_signatory_texts, position, entry, languages)
        for position, entry in zip(SIGNATORY_POSITIONS, signatories, strict=False)
    ]
    pictures = _read_pictures(signatories, seal, problems)
    problems.raise_any()
    return CheckedSettings(theme, checked, texts, pictures)


def _picture(program, new, *, current, remove: bool):
    if new is not None:
        content, content_type = new
        return store_picture(program=program, content=content, content_type=content_type)
    return None if remove else current


def _save_signatories(settings, program, signatories, checked: CheckedSettings) -> None:
    current = {s.position: s for s in settings.signatories}
    slots = zip(SIGNATORY_POSITIONS, signatories, checked.signatories, strict=False)
    for position, entry, texts in slots:
        existing = current.get(position)
        if texts is None:
            if existing is not None:
                settings.signatories.remove(existing)
            continue
        picture = _picture(
            program, checked.pictures.get(f"signatory{position}_signature"),
            current=existing.signature_image if existing else None,
            remove=entry.remove_signature,
        )  # fmt: skip
        if existing is None:
            existing = CertificateSignatory(position=position, name={}, title={})
            settings.signatories.append(existing)
        existing.name, existing.title = texts
        existing.signature_image = picture


def save_certificate_settings(
    *, program: Program, actor: User | None, theme: str, print_english: bool,
    citations: dict[str, dict], signatories: list[SignatoryInput],
    seal: BinaryIO | None = None, remove_seal: bool = False, now: datetime | None = None,
) -> CertificateSettings:  # fmt: skip
    """Save what certificates print besides the recipient. An empty signatory slot is removed.

    Every text needs Kazakh and Russian (and English when English is printed); every problem
    is named at once (see check_certificate_settings). Side effects: creates or updates the
    settings and their signatories; new pictures are added to the program's pictures (old
    ones stay: issued certificates print with them); flushes.
    """
    checked = check_certificate_settings(
        theme=theme, print_english=print_english, citations=citations, signatories=signatories,
        seal=seal,
    )  # fmt: skip
    settings = settings_of(program)
    settings.theme = checked.theme
    if settings.id is None:
        db.session.add(settings)
    settings.print_english = bool(print_english)
    for kind, texts in checked.citations.items():
        setattr(settings, f"{kind}_citation", texts)
    _save_signatories(settings, program, signatories, checked)
    settings.seal_image = _picture(
        program, checked.pictures.get("seal"), current=settings.seal_image, remove=remove_seal
    )
    settings.updated_by_id = actor.id if actor else None
    settings.updated_at = now or utcnow()
    db.session.flush()
    return settings


def _own_copy(program: Program, image: CertificateImage | None) -> CertificateImage | None:
    if image is None:
        return None
    return store_picture(program=program, content=image.content, content_type=image.content_type)


def copy_certificate_settings(*, source: Program, program: Program, actor: User | None) -> None:
    """Give ``program`` the saved certificate settings of ``source`` (nothing when it kept the
    defaults), each picture copied as the program's own: deleting one program's pictures never
    takes another's. The pictures are copied byte for byte: they were checked and redrawn
    when uploaded, and a JPEG redrawn again would lose a little each time.

    Side effects: adds the settings, their signatories and the copied pictures; flushes.
    """
    saved = db.session.scalar(
        select(CertificateSettings).where(CertificateSettings.program_id == source.id)
    )
    if saved is None:
        return
    settings = CertificateSettings(
        program_id=program.id, theme=saved.theme, print_english=saved.print_english,
        seal_image=_own_copy(program, saved.seal_image),
        updated_by_id=actor.id if actor else None, updated_at=utcnow(),
        **{f"{kind}_citation": dict(saved.citation(kind)) for kind in KINDS},
    )  # fmt: skip
    for signatory in saved.signatories:
        settings.signatories.append(CertificateSignatory(
            position=signatory.position, name=dict(signatory.name), title=dict(signatory.title),
            signature_image=_own_copy(program, signatory.signature_image),
        ))  # fmt: skip
    db.session.add(settings)
    db.session.flush()


@program_copied.connect
def _copy_with_program(source: Program, *, program: Program, actor: User | None, **_) -> None:
    copy_certificate_settings(source=source, program=program, actor=actor)
