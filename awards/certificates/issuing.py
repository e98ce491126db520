"""Issuing certificates of the three kinds, revoking, reissuing and verifying them.

Laureates and participants print from their category's frozen results snapshot, judges'
letters of thanks from the jury; every certificate prints the recipient's name as the organizer
set it, and the program's certificate settings (signatories, seal, citation, English).
"""

import hashlib
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from awards.accounts.models import User
from awards.certificates.models import CertificateSettings, IssuedCertificate
from awards.certificates.recipients import Recipient, check_kind, recipient_key, recipients_of
from awards.certificates.settings import (
    DEFAULT_CITATIONS,
    check_theme,
    image_uris,
    printed_languages,
    settings_of,
    store_picture,
)
from awards.errors import DomainError
from awards.extensions import db
from awards.formats import quoted
from awards.i18n import localized, to_local, utcnow
from awards.mail import external_url
from awards.printing.documents import (
    BATCH_CHUNK_SIZE,
    overflowing_fields,
    render_certificate_files,
)
from awards.printing.errors import PageOverflowError, PrintingError
from awards.programs.models import Program
from awards.uploads import EXTENSIONS, sniff, store_file, upload_folder

LAUREATE_CITATION = DEFAULT_CITATIONS["laureate"]
# Verification tokens: lower-case letters and digits without 0/o, 1/l and without "-" or "_",
# which a printed address would show as hyphens; 20 of them are 100 random bits. Tokens issued
# before (URL-safe base64) are still looked up as they are.
TOKEN_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"  # noqa: S105 -- an alphabet, not a secret
TOKEN_LENGTH = 20
Progress = Callable[[int, int], None]


def serial_prefix(program: Program) -> str:
    """One capital per word of the short name (numbers such as the year left out), then the
    year: "working-professions-2025" gives "WP-2025"."""
    initials = "".join(word[0] for word in program.slug.split("-") if word[:1].isalpha()).upper()
    return f"{initials or 'C'}-{program.year}"


def new_token() -> str:
    """A verification token: TOKEN_LENGTH characters of TOKEN_ALPHABET, from secrets."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def _next_serials(program: Program, count: int) -> list[str]:
    # One sequence per program whatever the kind: the serial alone finds the certificate.
    prefix = serial_prefix(program)
    issued = db.session.scalar(
        select(func.count(IssuedCertificate.id)).where(IssuedCertificate.serial.like(f"{prefix}-%"))
    )
    return [f"{prefix}-{number:04d}" for number in range(issued + 1, issued + count + 1)]


def texts_for(value: dict | None, languages: list[str]) -> dict:
    """Every printed language filled: a name typed in one language prints the same in others."""
    value = {k: v for k, v in (value or {}).items() if v}
    fallback = value.get("ru") or value.get("kk") or next(iter(value.values()), "")
    return {code: value.get(code) or fallback for code in languages}


def check_program(program: Program) -> None:
    missing = not (program.organizing_body or {}).get("ru") or not (program.venue or {}).get("ru")
    if missing or program.ceremony_at is None:
        raise DomainError(
            _("Fill in the organizing body, the venue and the ceremony date of the program first.")
        )


def logo_picture_id(program: Program) -> int | None:
    """The program's logo as one of its certificate pictures (the logo may change later; the
    certificates keep the one they were printed with)."""
    path = upload_folder() / program.logo_file if program.logo_file else None
    if path is None or not path.is_file():
        return None
    content = path.read_bytes()
    kind = sniff(content)
    if kind not in EXTENSIONS or kind == "application/pdf":
        return None
    return store_picture(program=program, content=content, content_type=str(kind)).id


def certificate_values(
    *, program: Program, settings: CertificateSettings, recipient: Recipient, serial: str,
    token: str, logo: int | None = None,
) -> dict:  # fmt: skip
    """The plain values a certificate prints (certificates/README.md); pictures by their id."""
    languages = printed_languages(settings)
    category = recipient.category_title
    # Only a laureate with a degree has the key: the values of every other certificate (and
    # of those issued before degrees existed) stay as they were.
    degree = {"degree": recipient.degree} if recipient.degree else {}
    return {
        **degree,
        "kind": recipient.kind,
        "languages": languages,
        "recipient": texts_for(recipient.names, languages),
        "salutation": (
            texts_for(recipient.salutation, languages) if recipient.kind == "judge_thanks" else None
        ),
        "category": texts_for(category, languages) if category else None,
        "citation": texts_for(settings.citation(recipient.kind), languages),
        "program_title": texts_for(program.title, languages),
        "organizing_body": texts_for(program.organizing_body, languages),
        "city": texts_for(program.venue, languages),
        # The ceremony's day where it takes place, not in UTC.
        "date": to_local(program.ceremony_at, program.timezone).date().isoformat(),
        "serial": serial,
        "verify_url": external_url("certificates.verify", token=token),
        "signatories": [
            {
                "name": texts_for(s.name, languages),
                "title": texts_for(s.title, languages),
                "signature_image": s.signature_image_id,
            }
            for s in settings.signatories
        ],  # fmt: skip
        "seal_image": settings.seal_image_id,
        "logo": logo,
    }


def _picture_ids(values: dict) -> list:
    signatures = [s.get("signature_image") for s in values.get("signatories", [])]
    return [values.get("logo"), values.get("seal_image"), *signatures]


def printable(values: dict, pictures: dict[int, str] | None = None) -> dict:
    """The stored values as render_certificates wants them: the date as a date, pictures as
    data: URIs (``pictures`` maps ids to URIs; looked up when not given)."""
    if pictures is None:
        pictures = image_uris(_picture_ids(values))

    def uri(picture_id):
        return pictures.get(picture_id) if picture_id else None

    return {
        **values,
        "date": date.fromisoformat(values["date"][:10]),
        "logo": uri(values.get("logo")),
        "seal_image": uri(values.get("seal_image")),
        "signatories": [
            {**s, "signature_image": uri(s.get("signature_image"))}
            for s in values.get("signatories", [])
        ],
    }


def printable_many(values_list: list[dict]) -> list[dict]:
    """printable() for many certificates, each picture read once."""
    pictures = image_uris(i for values in values_list for i in _picture_ids(values))
    return [printable(values, pictures) for values in values_list]


def _field_names() -> dict[str, str]:
    return {
        "recipient": _("the recipient's name"),
        "category": _("the category's title"),
        "citation": _("the citation"),
        "signatories": _("the signatories' names and positions"),
    }


def overflow_message(theme: str, error: PageOverflowError, documents: list[dict]) -> str:
    """Whose certificate does not fit one page even in the smallest type, and which text is
    too long (found by printing it again with each text shortened)."""
    by_serial = {document["serial"]: document for document in documents}
    first = by_serial.get(error.serials[0]) if error.serials else None
    if first is None:
        return _("The certificates could not be printed: %(problem)s", problem=error)
    fields = overflowing_fields(theme, first)
    names = _field_names()
    name = localized(first["recipient"])
    recipient = quoted(name if len(name) <= 60 else f"{name[:59].rstrip()}…")
    if fields:
        message = _(
            "The certificate for %(recipient)s does not fit on one page even in the smallest "
            "type: shorten %(field)s.",
            recipient=recipient, field=", ".join(names[field] for field in fields),
        )  # fmt: skip
    else:
        message = _(
            "The certificate for %(recipient)s does not fit on one page even in the smallest "
            "type: its name, category, citation and signatories are too long together; shorten "
            "one of them.",
            recipient=recipient,
        )  # fmt: skip
    if len(error.serials) > 1:
        others = ngettext(
            "%(num)d more certificate does not fit either.",
            "%(num)d more certificates do not fit either.",
            len(error.serials) - 1,
        )
        message = f"{message} {others}"
    return message


@contextmanager
def printing_problems(theme: str | None = None, documents: list[dict] = ()) -> Iterator[None]:
    """A certificate WeasyPrint could not print properly (a letter the fonts lack, a page
    overflowing) as a DomainError the organizer can act on; one of ``documents`` (printable
    values) too long for its page is named with the text to shorten."""
    try:
        yield
    except PageOverflowError as error:
        if theme is None:
            raise DomainError(
                _("The certificates could not be printed: %(problem)s", problem=error)
            ) from error
        raise DomainError(overflow_message(theme, error, list(documents))) from error
    except PrintingError as error:
        message = _("The certificates could not be printed: %(problem)s", problem=error)
        raise DomainError(message) from error


def render_files(
    theme: str, values_list: list[dict], *, progress: Progress | None = None, **options
) -> list[bytes]:
    """One PDF per certificate; ``progress(done, total)`` after each rendered chunk. A batch
    larger than one chunk is spread over one process per CPU."""
    documents = printable_many(values_list)
    workers = 1 if len(documents) <= BATCH_CHUNK_SIZE else None
    with printing_problems(theme, documents):
        return render_certificate_files(
            theme, documents, workers=workers, progress=progress, **options
        )


def _record(*, program, values, pdf, theme, actor, now, recipient) -> IssuedCertificate:
    certificate = IssuedCertificate(
        program_id=program.id, kind=values["kind"], theme=theme,
        serial=values["serial"], token=values["verify_url"].rsplit("/", 1)[1],
        recipient=values["recipient"], values=values,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        stored_file=store_file(db.session, pdf, subfolder="certificates", extension="pdf"),
        issued_by_id=actor.id if actor else None, issued_at=now,
        category_id=recipient.category.id if recipient.category else None,
        snapshot_id=recipient.snapshot.id if recipient.snapshot else None,
        nomination_id=recipient.nomination_id, user_id=recipient.user_id,
    )  # fmt: skip
    db.session.add(certificate)
    return certificate


def _issue(
    *, program: Program, actor, theme: str, chosen: list[Recipient], progress, now
) -> list[IssuedCertificate]:
    settings = settings_of(program)
    logo = logo_picture_id(program)
    serials = _next_serials(program, len(chosen))
    batch = [
        certificate_values(
            program=program, settings=settings, recipient=recipient, serial=serial,
            token=new_token(), logo=logo,
        )
        for recipient, serial in zip(chosen, serials, strict=True)
    ]  # fmt: skip
    pdfs = render_files(theme, batch, progress=progress)
    issued = [
        _record(program=program, values=values, pdf=pdf, theme=theme, actor=actor, now=now,
                recipient=recipient)
        for recipient, values, pdf in zip(chosen, batch, pdfs, strict=True)
    ]  # fmt: skip
    db.session.flush()
    return issued


def _chosen(everyone: list[Recipient], keys: list[str] | None) -> list[Recipient]:
    if keys is None:
        return [recipient for recipient in everyone if recipient.holder is None]
    if not keys:
        raise DomainError(_("Tick at least one recipient."), field="recipients")
    by_key = {recipient.key: recipient for recipient in everyone}
    keys = list(dict.fromkeys(keys))
    if any(key not in by_key for key in keys):
        raise DomainError(_("Choose recipients from the list."), field="recipients")
    holders = [by_key[key] for key in keys if by_key[key].holder is not None]
    if holders:
        raise DomainError(
            _("%(serial)s is already issued to this recipient; reissue it from the registry.",
              serial=holders[0].holder.serial),
            field="recipients",
        )  # fmt: skip
    return [by_key[key] for key in keys]


def _serialize_issuing(program: Program) -> None:
    # Serials count the program's certificates and "already holds one" reads the registry:
    # two issuers at once (several job workers, a reissue beside a batch) must take turns.
    # SQLite's writers already do (BEGIN IMMEDIATE); PostgreSQL locks the program's row.
    db.session.execute(select(Program.id).where(Program.id == program.id).with_for_update())


def issue_certificates(
    *, program: Program, actor: User | None, kind: str, theme: str,
    recipients: list[str] | None = None, progress: Progress | None = None,
    now: datetime | None = None,
) -> list[IssuedCertificate]:  # fmt: skip
    """Issue certificates of ``kind`` in the design ``theme``.

    ``recipients`` is None for everyone of that kind who holds no valid certificate of it yet,
    or a list of recipient keys ("nomination-12", "judge-5") from recipients_of. ``progress``
    is called as progress(done, total) after each rendered chunk. All or nothing: an error
    leaves no certificate behind once the caller rolls back.

    Side effects: renders the PDFs, stores each file under UPLOAD_FOLDER (removed again on
    rollback), may store the program logo as a certificate picture, adds one registry row per
    certificate; flushes.
    """
    now = now or utcnow()
    _serialize_issuing(program)
    check_kind(kind)
    check_theme(theme, printed_languages(settings_of(program)))
    check_program(program)
    chosen = _chosen(recipients_of(program, kind), recipients)
    if not chosen:
        return []
    return _issue(
        program=program, actor=actor, theme=theme, chosen=chosen, progress=progress, now=now
    )


def issue_laureate_certificates(*, program, actor, theme="classic", now=None):
    """issue_certificates for every laureate still without a certificate."""
    return issue_certificates(program=program, actor=actor, kind="laureate", theme=theme, now=now)


def certificate_key(certificate: IssuedCertificate) -> str:
    """The recipient key of the certificate's recipient (see recipients_of)."""
    if certificate.kind == "judge_thanks":
        return recipient_key(user_id=certificate.user_id)
    return recipient_key(nomination_id=certificate.nomination_id)


def current_recipient(certificate: IssuedCertificate) -> Recipient | None:
    """The certificate's recipient among today's recipients of its kind, if still one."""
    key = certificate_key(certificate)
    found = [r for r in recipients_of(certificate.program, certificate.kind) if r.key == key]
    return found[0] if found else None


def revoke_certificate(
    *, certificate: IssuedCertificate, actor: User | None, reason: str, now: datetime | None = None
) -> IssuedCertificate:
    """Withdraw a certificate; its verification page says so. Side effects: flushes."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the certificate is revoked."), field="reason")
    if certificate.revoked_at is not None:
        raise DomainError(_("This certificate is already revoked."))
    certificate.revoked_at, certificate.revoked_reason = now or utcnow(), reason
    db.session.flush()
    return certificate


def reissue_certificate(
    *, certificate: IssuedCertificate, actor: User | None, now: datetime | None = None
) -> IssuedCertificate:
    """A new certificate with today's values under a new serial and token: the recipient's
    current printed name, the current settings and, after results were unfrozen and confirmed
    again, the new snapshot. The old certificate becomes superseded.

    Side effects: renders and stores a new PDF, adds a registry row, flushes.
    """
    _serialize_issuing(certificate.program)
    if not certificate.is_valid:
        raise DomainError(_("Only a valid certificate can be reissued."))
    recipient = current_recipient(certificate)
    if recipient is None:
        raise DomainError(
            _("The recipient no longer receives this kind of certificate in the current "
              "results: revoke it instead, or confirm the results first.")
        )  # fmt: skip
    program = certificate.program
    check_program(program)
    (new,) = _issue(
        program=program, actor=actor, theme=certificate.theme, chosen=[recipient],
        progress=None, now=now or utcnow(),
    )  # fmt: skip
    certificate.superseded_by_id = new.id
    db.session.flush()
    return new
