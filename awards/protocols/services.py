"""The jury's meeting and its protocol: entering when, where and who was absent, producing a
new version of the protocol when a decision changed, and looking protocols up.

A protocol is never edited: a later decision (or meeting detail) gives a new version with its
own serial and token, and asking again when nothing changed returns the current version.
"""

import hashlib
import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import to_utc, utcnow
from awards.mail import external_url
from awards.printing.errors import PrintingError
from awards.printing.themes import available_themes
from awards.programs.models import Program
from awards.protocols.models import JuryMeeting, JuryProtocol
from awards.protocols.rendering import render_protocol
from awards.protocols.values import (
    content_digest,
    decided_snapshots,
    jury_of,
    meeting_of,
    protocol_content,
    snapshot_records,
)
from awards.uploads import store_file, upload_folder

# As certificates' tokens: no 0/o, 1/l, "-" or "_"; 20 of them are 100 random bits.
TOKEN_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"  # noqa: S105 -- an alphabet, not a secret
TOKEN_LENGTH = 20


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def protocol_serial(program: Program, version: int) -> str:
    """One capital per word of the short name, the year, then P and the version:
    "working-professions-2025" gives "WP-2025-P01" for the first version."""
    initials = "".join(word[0] for word in program.slug.split("-") if word[:1].isalpha()).upper()
    return f"{initials or 'C'}-{program.year}-P{version:02d}"


def save_meeting(
    *, program: Program, actor: User | None, held_at: datetime, place: dict,
    absent_ids: list[int], now: datetime | None = None,
) -> JuryMeeting:  # fmt: skip
    """Record when (``held_at``: wall-clock time where the program takes place) and where the
    jury met and which jurors were absent. Side effects: creates or changes the meeting; an
    audit entry; flushes."""
    place = {code: (text or "").strip() for code, text in (place or {}).items()}
    if not (place.get("kk") or place.get("ru")):
        raise DomainError(_("Say where the jury met, in Kazakh or Russian."), field="place")
    jurors = {user.id for user in jury_of(program)[0]}
    absent = sorted(set(absent_ids or []))
    if not set(absent) <= jurors:
        raise DomainError(_("Choose absent jurors from the list."), field="absent")
    meeting = meeting_of(program) or JuryMeeting(program_id=program.id)
    old = _meeting_record(meeting) if meeting.id else {}
    meeting.held_at = to_utc(held_at, program.timezone)
    meeting.place = {code: text for code, text in place.items() if text}
    meeting.absent_judge_ids = absent
    meeting.updated_by_id = actor.id if actor else None
    meeting.updated_at = now or utcnow()
    db.session.add(meeting)
    db.session.flush()
    record(actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
           action="jury_meeting_saved", old=old, new=_meeting_record(meeting), now=now)  # fmt: skip
    return meeting


def _meeting_record(meeting: JuryMeeting) -> dict:
    return {"held_at": meeting.held_at.isoformat(), "place": meeting.place,
            "absent": list(meeting.absent_judge_ids or [])}  # fmt: skip


def program_protocols(program: Program) -> list[JuryProtocol]:
    """Every version of the program's protocol, the newest first."""
    return list(db.session.scalars(
        select(JuryProtocol).where(JuryProtocol.program_id == program.id)
        .options(selectinload(JuryProtocol.created_by))
        .order_by(JuryProtocol.version.desc())
    ))  # fmt: skip


def current_protocol(program: Program) -> JuryProtocol | None:
    return next(iter(program_protocols(program)), None)


def check_theme(theme: str) -> None:
    if theme not in {spec.name for spec in available_themes()}:
        raise DomainError(_("Choose one of the listed designs."), field="theme")


def _check_ready(program: Program) -> None:
    if meeting_of(program) is None:
        raise DomainError(_("Enter the date and place of the jury's meeting first."))
    if not any(decided_snapshots(program).values()):
        raise DomainError(_("Confirm the laureates of at least one category first."))


def issue_protocol(
    *, program: Program, actor: User | None, theme: str = "classic", now: datetime | None = None
) -> tuple[JuryProtocol, bool]:
    """The protocol of the program's jury meeting in ``theme``, and whether it is new: the
    current version when nothing it prints changed since (whatever the theme), else a new
    version with its own serial and verification token.

    Raises DomainError without a meeting, without any decided category, for an unknown
    design, or when the PDF could not be printed faithfully. Side effects of a new version:
    renders and stores the PDF (removed again on rollback), adds the row, an audit entry;
    flushes.
    """
    check_theme(theme)
    # Versions count the program's protocols: two at once must take turns (see certificates).
    db.session.execute(select(Program.id).where(Program.id == program.id).with_for_update())
    _check_ready(program)
    content = protocol_content(program)
    digest = content_digest(content)
    current = current_protocol(program)
    if current is not None and current.content_sha256 == digest:
        return current, False
    version = (current.version if current else 0) + 1
    serial, token = protocol_serial(program, version), new_token()
    verify_url = external_url("protocols.verify", token=token)
    try:
        pdf = render_protocol(theme, content, serial=serial, version=version,
                              verify_url=verify_url)  # fmt: skip
    except PrintingError as error:
        message = _("The protocol could not be printed: %(problem)s", problem=error)
        raise DomainError(message) from error
    now = now or utcnow()
    protocol = JuryProtocol(
        program_id=program.id, version=version, serial=serial, token=token, theme=theme,
        sha256=sha256_of(pdf), content_sha256=digest, snapshots=snapshot_records(program),
        stored_file=store_file(db.session, pdf, subfolder="protocols", extension="pdf"),
        created_by_id=actor.id if actor else None, created_at=now,
    )  # fmt: skip
    db.session.add(protocol)
    db.session.flush()
    record(actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
           action="protocol_issued", now=now,
           new={"version": version, "serial": serial, "sha256": protocol.sha256})  # fmt: skip
    return protocol, True


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def protocol_pdf(protocol: JuryProtocol) -> bytes | None:
    """The stored PDF, or None for a protocol whose file did not come with an archive."""
    if protocol.stored_file is None:
        return None
    return (upload_folder() / protocol.stored_file).read_bytes()


def file_name(protocol: JuryProtocol) -> str:
    """ "Протокол_заседания_жюри_WP-2025-P01.pdf": in Russian, as the office files it."""
    return f"Протокол_заседания_жюри_{protocol.serial}.pdf"


def latest_version(program_id: int) -> int:
    return (
        db.session.scalar(
            select(func.max(JuryProtocol.version)).where(JuryProtocol.program_id == program_id)
        )
        or 0
    )


def verify(token: str) -> JuryProtocol | None:
    """The protocol of a verification token (None for an unknown one)."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(JuryProtocol).where(JuryProtocol.token == token))
