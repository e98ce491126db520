"""Issuing laureate certificates from frozen results, revoking, reissuing and verifying them.

Values print from the category's results snapshot (names as frozen), never from live data.
"""

import hashlib
import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from awards.accounts.models import User
from awards.certificates.models import IssuedCertificate
from awards.certificates.rendering import available_themes, render_certificate_files
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import to_local, utcnow
from awards.mail import external_url
from awards.programs.models import Category, Program
from awards.results.models import ResultsSnapshot
from awards.results.services import current_snapshot
from awards.uploads import store_file

PRINTED_LANGUAGES = ["kk", "ru"]
LAUREATE_CITATION = {
    "kk": "байқаудағы жоғары нәтижесі үшін",
    "ru": "за высокие результаты в конкурсе",
    "en": "for outstanding results in the competition",
}


def serial_prefix(program: Program) -> str:
    """One capital per word of the short name (numbers such as the year left out), then the
    year: "working-professions-2025" gives "WP-2025"."""
    initials = "".join(word[0] for word in program.slug.split("-") if word[:1].isalpha()).upper()
    return f"{initials or 'C'}-{program.year}"


def _next_serials(program: Program, count: int) -> list[str]:
    prefix = serial_prefix(program)
    issued = db.session.scalar(
        select(func.count(IssuedCertificate.id)).where(IssuedCertificate.serial.like(f"{prefix}-%"))
    )
    return [f"{prefix}-{number:04d}" for number in range(issued + 1, issued + count + 1)]


def _texts_for(value: dict) -> dict:
    """Every printed language filled: a name typed in one language prints the same in others."""
    value = {k: v for k, v in (value or {}).items() if v}
    fallback = value.get("ru") or value.get("kk") or next(iter(value.values()), "")
    return {code: value.get(code) or fallback for code in PRINTED_LANGUAGES}


def _check_program(program: Program) -> None:
    missing = not (program.organizing_body or {}).get("ru") or not (program.venue or {}).get("ru")
    if missing or program.ceremony_at is None:
        raise DomainError(
            _("Fill in the organizing body, the venue and the ceremony date of the program first.")
        )


def certificate_values(
    *, program: Program, category: Category, laureate: dict, serial: str, token: str
) -> dict:
    """The plain values a laureate certificate prints (certificates/README.md)."""
    return {
        "kind": "laureate",
        "languages": PRINTED_LANGUAGES,
        "recipient": _texts_for(laureate["nominee"]),
        "category": _texts_for(category.title),
        "citation": _texts_for(LAUREATE_CITATION),
        "program_title": _texts_for(program.title),
        "organizing_body": _texts_for(program.organizing_body),
        "city": _texts_for(program.venue),
        # The ceremony's day where it takes place, not in UTC.
        "date": to_local(program.ceremony_at, program.timezone).date().isoformat(),
        "serial": serial,
        "verify_url": external_url("certificates.verify", token=token),
    }


def printable(values: dict) -> dict:
    """The stored values as render_certificates wants them (the date as a date)."""
    return {**values, "date": datetime.fromisoformat(values["date"]).date()}


def _holders(snapshot: ResultsSnapshot) -> set[int]:
    rows = db.session.scalars(
        select(IssuedCertificate.nomination_id).where(
            IssuedCertificate.snapshot_id == snapshot.id,
            IssuedCertificate.revoked_at.is_(None),
            IssuedCertificate.superseded_by_id.is_(None),
        )
    )
    return set(rows)


def _pending(program: Program) -> list[tuple[Category, ResultsSnapshot, dict]]:
    pending = []
    for category in program.categories:
        snapshot = current_snapshot(category)
        if snapshot is None:
            continue
        holders = _holders(snapshot)
        for laureate in snapshot.content["laureates"]:
            if laureate["nomination_id"] not in holders:
                pending.append((category, snapshot, laureate))
    return pending


def _record(*, values, pdf, theme, actor, now, **links) -> IssuedCertificate:
    certificate = IssuedCertificate(
        kind=values["kind"], theme=theme, serial=values["serial"],
        token=values["verify_url"].rsplit("/", 1)[1], recipient=values["recipient"],
        values=values, pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        stored_file=store_file(db.session, pdf, subfolder="certificates", extension="pdf"),
        issued_by_id=actor.id if actor else None, issued_at=now, **links,
    )  # fmt: skip
    db.session.add(certificate)
    return certificate


def _check_theme(theme: str) -> None:
    if theme not in {t.name for t in available_themes()}:
        raise DomainError(_("Choose one of the listed designs."), field="theme")


def issue_laureate_certificates(
    *, program: Program, actor: User | None, theme: str = "classic", now: datetime | None = None
) -> list[IssuedCertificate]:
    """A certificate for every confirmed laureate that holds no valid one for its snapshot.

    Side effects: renders the PDFs, stores each file under UPLOAD_FOLDER (removed again on
    rollback), adds one registry row per certificate; flushes.
    """
    now = now or utcnow()
    _check_theme(theme)
    _check_program(program)
    pending = _pending(program)
    if not pending:
        return []
    serials = _next_serials(program, len(pending))
    batch = []
    for (category, snapshot, laureate), serial in zip(pending, serials, strict=True):
        values = certificate_values(
            program=program, category=category, laureate=laureate, serial=serial,
            token=secrets.token_urlsafe(24),
        )  # fmt: skip
        batch.append((category, snapshot, laureate, values))
    pdfs = render_certificate_files(theme, [printable(item[3]) for item in batch], workers=1)
    issued = [
        _record(values=values, pdf=pdf, theme=theme, actor=actor, now=now, program=program,
                category=category, snapshot=snapshot, nomination_id=laureate["nomination_id"])
        for (category, snapshot, laureate, values), pdf in zip(batch, pdfs, strict=True)
    ]  # fmt: skip
    db.session.flush()
    return issued


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
    """The same values under a new serial and token; the old certificate becomes superseded.

    Side effects: renders and stores a new PDF, adds a registry row, flushes.
    """
    if not certificate.is_valid:
        raise DomainError(_("Only a valid certificate can be reissued."))
    program = certificate.program
    token = secrets.token_urlsafe(24)
    values = {
        **certificate.values,
        "serial": _next_serials(program, 1)[0],
        "verify_url": external_url("certificates.verify", token=token),
    }
    pdf = render_certificate_files(certificate.theme, [printable(values)], workers=1)[0]
    new = _record(
        values=values, pdf=pdf, theme=certificate.theme, actor=actor, now=now or utcnow(),
        program=program, category_id=certificate.category_id,
        snapshot_id=certificate.snapshot_id, nomination_id=certificate.nomination_id,
    )  # fmt: skip
    db.session.flush()
    certificate.superseded_by_id = new.id
    db.session.flush()
    return new


def verify(token: str, *, now: datetime | None = None) -> IssuedCertificate | None:
    """The certificate of a verification token, counting the check (no visitor data kept)."""
    if not token or len(token) > 64:
        return None
    certificate = db.session.scalar(
        select(IssuedCertificate).where(IssuedCertificate.token == token)
    )
    if certificate is None:
        return None
    certificate.verification_count += 1
    certificate.last_verified_at = now or utcnow()
    db.session.flush()
    return certificate


def program_certificates(program: Program) -> list[IssuedCertificate]:
    """Every certificate of the program in stage order: category, then laureate position."""
    rows = db.session.scalars(
        select(IssuedCertificate)
        .where(IssuedCertificate.program_id == program.id)
        .order_by(IssuedCertificate.issued_at, IssuedCertificate.id)
    ).all()
    order = {c.id: c.position for c in program.categories}

    def stage(certificate: IssuedCertificate):
        laureates = (certificate.snapshot.content["laureates"]) if certificate.snapshot else []
        position = next(
            (item["position"] for item in laureates
             if item["nomination_id"] == certificate.nomination_id), 0,
        )  # fmt: skip
        return order.get(certificate.category_id, 0), certificate.category_id or 0, position

    return sorted(rows, key=stage)
