"""The registry of issued certificates: stage order, what needs the organizer's attention after
results or names changed, and public verification."""

from datetime import datetime

from sqlalchemy import select

from awards.certificates.issuing import certificate_key, texts_for
from awards.certificates.models import KINDS, IssuedCertificate
from awards.certificates.recipients import Recipient, check_kind, recipients_of
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Program
from awards.results.services import current_snapshot
from awards.retention import kept_until, retention_period
from awards.uploads import remove_after_commit


def _note(certificate: IssuedCertificate, recipient: Recipient | None) -> str | None:
    snapshot = certificate.snapshot
    unfrozen = snapshot is not None and not snapshot.is_current
    if recipient is None:
        if unfrozen and certificate.category and current_snapshot(certificate.category) is None:
            return "results_unconfirmed"
        return "no_longer_recipient"
    if unfrozen or (recipient.snapshot and recipient.snapshot.id != certificate.snapshot_id):
        return "results_changed"
    languages = certificate.values.get("languages") or ["kk", "ru"]
    if texts_for(recipient.names, languages) != certificate.recipient:
        return "name_changed"
    return None


def registry_notes(program: Program, certificates: list[IssuedCertificate]) -> dict[int, str]:
    """Why valid certificates may need the organizer, by certificate id:

    - "results_changed": the results were unfrozen and confirmed again since the issue, and
      the recipient is still among the new ones: reissuing prints the new snapshot's values;
    - "results_unconfirmed": the results were unfrozen and are not confirmed again yet;
    - "no_longer_recipient": not among the current recipients of its kind: revoke it;
    - "name_changed": the name to print was edited after the issue: reissue to print it.
    """
    valid = [certificate for certificate in certificates if certificate.is_valid]
    current = {
        kind: {recipient.key: recipient for recipient in recipients_of(program, kind)}
        for kind in {certificate.kind for certificate in valid}
    }
    notes = {c.id: _note(c, current[c.kind].get(certificate_key(c))) for c in valid}
    return {key: note for key, note in notes.items() if note}


def verify(token: str, *, now: datetime | None = None) -> IssuedCertificate | None:
    """The certificate of a verification token, counting the check (no visitor data kept)."""
    if not token or len(token) > 64:
        return None
    certificate = db.session.scalar(
        select(IssuedCertificate).where(IssuedCertificate.token == token)
    )
    if certificate is None:
        return None
    # Counted by the database (SET count = count + 1): two checks at once both count.
    certificate.verification_count = IssuedCertificate.verification_count + 1
    certificate.last_verified_at = now or utcnow()
    db.session.flush()
    return certificate


def replaced_at(certificate: IssuedCertificate) -> datetime | None:
    """When the certificate stopped being valid: revoked, or superseded by a new one."""
    if certificate.revoked_at is not None:
        return certificate.revoked_at
    if certificate.superseded_by is not None:
        return certificate.superseded_by.issued_at
    return None


def file_kept_until(certificate: IssuedCertificate) -> datetime | None:
    """When the PDF of a revoked or superseded certificate is deleted; None for a valid one
    (kept for good) or one whose PDF is already gone. Its check page stays either way."""
    since = replaced_at(certificate)
    return kept_until(since) if since is not None and certificate.stored_file else None


def collect_replaced_files(*, now: datetime | None = None) -> int:
    """Delete the PDFs of certificates revoked or superseded more than the retention period
    ago. The registry row stays, so its QR code still says "revoked" or "superseded".

    Returns how many files go. Side effects: clears ``stored_file``; the files are deleted
    once the transaction commits; flushes.
    """
    cutoff = (now or utcnow()) - retention_period()
    query = select(IssuedCertificate).where(
        IssuedCertificate.stored_file.is_not(None),
        IssuedCertificate.revoked_at.is_not(None) | IssuedCertificate.superseded_by_id.is_not(None),
    )
    removed = 0
    for certificate in db.session.scalars(query):
        since = replaced_at(certificate)
        if since is not None and since < cutoff:
            remove_after_commit(db.session, certificate.stored_file)
            certificate.stored_file = None
            removed += 1
    db.session.flush()
    return removed


def _stage_position(certificate: IssuedCertificate) -> int:
    if certificate.kind != "laureate" or certificate.snapshot is None:
        return 0
    laureates = certificate.snapshot.content["laureates"]
    return next(
        (i["position"] for i in laureates if i["nomination_id"] == certificate.nomination_id), 0
    )


def program_certificates(program: Program, kind: str | None = None) -> list[IssuedCertificate]:
    """Every certificate of the program (or of one kind) in stage order: laureates by category
    and position, then participants by category and name, then the jury by name."""
    query = select(IssuedCertificate).where(IssuedCertificate.program_id == program.id)
    if kind is not None:
        query = query.where(IssuedCertificate.kind == check_kind(kind))
    rows = db.session.scalars(query.order_by(IssuedCertificate.issued_at, IssuedCertificate.id))
    order = {c.id: c.position for c in program.categories}

    def stage(certificate: IssuedCertificate):
        names = certificate.recipient or {}
        name = (names.get("ru") or names.get("kk") or "").casefold()
        return (
            KINDS.index(certificate.kind), order.get(certificate.category_id, 0),
            certificate.category_id or 0, _stage_position(certificate), name, certificate.id,
        )  # fmt: skip

    return sorted(rows, key=stage)


def valid_program_certificates(program: Program, kind: str | None = None) -> list:
    """program_certificates less the revoked and superseded: the pages of the combined PDF,
    and the stage assistants' hand-out sheet, in this order."""
    return [c for c in program_certificates(program, kind) if c.is_valid]
