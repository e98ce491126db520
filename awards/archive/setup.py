"""The ceremony and certificate setup in an archive: the program's logo, the running order, the
partners, and the certificate settings with the signatures and the seal; written, checked and
imported here.

Pictures travel inside the JSON as base64 text, so that an archive stays one file. On import
each one is treated as an upload, by the very functions the upload forms use: read within the
upload's size limit, recognized by its first bytes (PNG or JPEG, nothing else), redrawn from
its pixels (uploads.sniff and uploads.reencode_image). Partners have no pictures.
"""

import base64
import binascii
import io
from datetime import time

from flask_babel import gettext as _

from awards import uploads
from awards.archive.records import record
from awards.archive.schema import Problems
from awards.ceremony import screen as hall_screen
from awards.ceremony import services as ceremony
from awards.certificates import settings as certificates
from awards.certificates.models import KINDS, CertificateImage
from awards.errors import DomainError
from awards.i18n import clean_texts
from awards.programs import services as programs
from awards.programs.models import Category, Program


def picture_text(image: CertificateImage | None) -> str | None:
    return base64.b64encode(image.content).decode("ascii") if image is not None else None


def logo_text(program: Program) -> str | None:
    """The logo as base64 text; None without one, or when its file went missing."""
    if not program.logo_file:
        return None
    try:
        content = (uploads.upload_folder() / program.logo_file).read_bytes()
    except FileNotFoundError:
        return None
    return base64.b64encode(content).decode("ascii")


def _certificates(program: Program) -> dict | None:
    settings = certificates.settings_of(program)
    if settings.id is None:
        return None  # never saved: the importing installation keeps its own defaults
    return {
        "theme": settings.theme,
        "print_english": settings.print_english,
        **{f"{kind}_citation": settings.citation(kind) for kind in KINDS},
        "signatories": [
            {
                "position": s.position,
                "name": s.name,
                "title": s.title,
                "signature": picture_text(s.signature_image),
            }
            for s in settings.signatories
        ],  # fmt: skip
        "seal": picture_text(settings.seal_image),
    }


def setup_sections(program: Program) -> dict:
    """The running order, partners and certificate settings, as archive sections."""
    running_order = [
        {"starts_at": item.starts_at.strftime("%H:%M"), "title": item.title,
         "presenter": item.presenter, "category": item.category.slug if item.category else None,
         "presenter_pronunciation": item.presenter_pronunciation,
         "break_minutes": item.break_minutes}
        for item in ceremony.running_order(program)
    ]  # fmt: skip
    partners = [{"name": partner.name} for partner in ceremony.ceremony_partners(program)]
    screen = hall_screen.find_screen(program)
    return {
        "running_order": running_order,
        "partners": partners,
        "certificates": _certificates(program),
        "screen": {"position": screen.position} if screen is not None else None,
    }


def _picture(text: str) -> io.BytesIO:
    try:
        return io.BytesIO(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError) as error:
        raise DomainError(_("must be a PNG or JPEG picture as base64 text.")) from error


def _check_picture(problems: Problems, path: str, text: str | None, check, **options) -> None:
    if text is not None:
        problems.check(path, lambda: check(_picture(text), **options))


def _check_ceremony(document: dict, problems: Problems) -> None:
    items, partners = document["running_order"], document["partners"]
    if items:
        problems.check("$.running_order", ceremony.check_room_for_point, len(items) - 1)
    for i, item in enumerate(items):
        path = f"$.running_order[{i}]"
        problems.check(f"{path}.title", ceremony.check_texts, item["title"], field="title")
        problems.check(
            f"{path}.presenter", ceremony.check_texts, item["presenter"], field="presenter",
            required=False,
        )  # fmt: skip
        problems.check(
            f"{path}.break_minutes", ceremony.check_break_minutes, item.get("break_minutes")
        )
    if partners:
        problems.check("$.partners", ceremony.check_room_for_partner, len(partners) - 1)
    for i, partner in enumerate(partners):
        problems.check(f"$.partners[{i}].name", ceremony.check_texts, partner["name"], field="name")


def _check_signatory(data: dict, path: str, languages: list[str], problems: Problems) -> None:
    # Only whether a signature comes matters to the texts' rule; the picture is checked below.
    signature = io.BytesIO() if data["signature"] else None
    entry = certificates.SignatoryInput(name=data["name"], title=data["title"], signature=signature)
    try:
        certificates.check_signatory_texts(data["position"], entry, languages)
    except DomainError as error:
        for field, message in (error.fields or {error.field: error.message}).items():
            problems.add(f"{path}.{field.rsplit('_', 1)[-1]}", message)  # name or title
    _check_picture(
        problems, f"{path}.signature", data["signature"], certificates.picture_from_upload,
        field="signature",
    )  # fmt: skip


def _check_certificates(data: dict, problems: Problems) -> None:
    languages = certificates.languages_printed(data["print_english"])
    problems.check("$.certificates.theme", certificates.check_theme, data["theme"], languages)
    for kind in KINDS:
        name = f"{kind}_citation"
        problems.check(
            f"$.certificates.{name}", certificates.check_texts, data[name], field=name,
            languages=languages,
        )  # fmt: skip
    for k, signatory in enumerate(data["signatories"]):
        _check_signatory(signatory, f"$.certificates.signatories[{k}]", languages, problems)
    _check_picture(
        problems, "$.certificates.seal", data["seal"], certificates.picture_from_upload,
        field="seal",
    )  # fmt: skip


def check_setup(document: dict, problems: Problems) -> None:
    """Apply the ceremony's, the certificates' and the logo upload's rules (nothing to check in
    an archive of version 1, which has none of it)."""
    if "running_order" not in document:
        return
    logo = document["program"]["logo"]
    _check_picture(problems, "$.program.logo", logo, programs.logo_from_upload)
    _check_ceremony(document, problems)
    if document["certificates"] is not None:
        _check_certificates(document["certificates"], problems)


def _save_certificates(data: dict, program: Program, actor) -> None:
    by_position = {s["position"]: s for s in data["signatories"]}
    signatories = [
        certificates.SignatoryInput(
            name=s.get("name", {}), title=s.get("title", {}),
            signature=_picture(s["signature"]) if s.get("signature") else None,
        )
        for s in (by_position.get(p, {}) for p in certificates.SIGNATORY_POSITIONS)
    ]  # fmt: skip
    certificates.save_certificate_settings(
        program=program, actor=actor, theme=data["theme"], print_english=data["print_english"],
        citations={kind: data[f"{kind}_citation"] for kind in KINDS}, signatories=signatories,
        seal=_picture(data["seal"]) if data["seal"] else None,
    )  # fmt: skip


def import_logo(document: dict, *, program: Program, actor) -> None:
    """Side effects: stores the logo's file (gone again on rollback); flushes."""
    logo = document["program"].get("logo")
    if logo:
        with record("$.program.logo"):
            programs.set_program_logo(program=program, actor=actor, stream=_picture(logo))


def import_setup(
    document: dict, *, program: Program, categories: dict[str, Category], actor
) -> None:
    """Write the running order, partners and certificate settings through their services.

    Side effects: adds the points, partners, settings and the certificate pictures; flushes.
    """
    if "running_order" not in document:
        return
    for i, item in enumerate(document["running_order"]):
        with record(f"$.running_order[{i}]"):
            added = ceremony.add_running_order_item(
                program=program, actor=actor, starts_at=time.fromisoformat(item["starts_at"]),
                title=item["title"], presenter=item["presenter"],
                category_id=categories[item["category"]].id if item["category"] else None,
                position=i, break_minutes=item.get("break_minutes"),  # from version 4
            )  # fmt: skip
            # Optional in every version: archives written before it have no note.
            added.presenter_pronunciation = clean_texts(item.get("presenter_pronunciation"))
    for i, partner in enumerate(document["partners"]):
        with record(f"$.partners[{i}]"):
            ceremony.add_partner(program=program, actor=actor, name=partner["name"])
    if document["certificates"] is not None:
        with record("$.certificates"):
            _save_certificates(document["certificates"], program, actor)
    if document.get("screen") is not None:  # from version 4
        with record("$.screen"):
            _import_screen(document["screen"], program, actor)


def _import_screen(data: dict, program: Program, actor) -> None:
    """The screen where it stood, with a link of its own: the archive carries no secret."""
    shown = hall_screen.open_screen(program=program, actor=actor)
    hall_screen.move_screen(
        screen=shown, actor=actor, position=data["position"], count=data["position"] + 1
    )
