"""The jury's meeting and the record of its protocol's versions in an archive: written, and
brought back. A protocol's file and token do not travel (certificates' do not either): an
imported version keeps its serial, its SHA-256 and what it was made from, and gets a new token;
a new version is produced on the new installation when a decision changes."""

from sqlalchemy import select

from awards.accounts.models import User
from awards.archive.records import parse_time, record
from awards.extensions import db
from awards.programs.models import Category, Program
from awards.protocols.models import JuryMeeting, JuryProtocol
from awards.protocols.services import new_token, program_protocols
from awards.protocols.values import meeting_of
from awards.results.models import ResultsSnapshot


def protocol_sections(program: Program, people) -> dict:
    """The "jury_meeting" and "protocols" sections; ``people`` lists the emails they name."""
    meeting = meeting_of(program)
    users = {user.id: user for user in _users(program, meeting)}
    section = None
    if meeting is not None:
        section = {
            "held_at": meeting.held_at.isoformat(), "place": meeting.place,
            "absent": [people.user(users[i]) for i in meeting.absent_judge_ids if i in users],
            "updated_by": people.user(users.get(meeting.updated_by_id)),
            "updated_at": meeting.updated_at.isoformat(),
        }  # fmt: skip
    protocols = [
        {
            "version": p.version, "serial": p.serial, "theme": p.theme, "sha256": p.sha256,
            "content_sha256": p.content_sha256,
            "snapshots": [{key: item[key] for key in ("category", "version", "sha256")}
                          for item in p.snapshots],
            "created_by": people.user(p.created_by), "created_at": p.created_at.isoformat(),
        }
        for p in sorted(program_protocols(program), key=lambda p: p.version)
    ]  # fmt: skip
    return {"jury_meeting": section, "protocols": protocols}


def _users(program: Program, meeting) -> list:
    ids = set(meeting.absent_judge_ids or []) | {meeting.updated_by_id} if meeting else set()
    ids.discard(None)
    return list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []


def _snapshot_id(categories: dict[str, Category], item: dict) -> int | None:
    category = categories.get(item["category"])
    if category is None:
        return None
    return db.session.scalar(
        select(ResultsSnapshot.id).where(
            ResultsSnapshot.category_id == category.id, ResultsSnapshot.version == item["version"]
        )
    )


def import_protocols(
    document: dict, *, program: Program, users: dict, categories: dict[str, Category]
) -> None:
    """Bring back the meeting and the protocols' records. Side effects: adds them; flushes."""
    meeting = document.get("jury_meeting")
    if meeting:
        with record("$.jury_meeting"):
            db.session.add(JuryMeeting(
                program_id=program.id, held_at=parse_time(meeting["held_at"]),
                place=meeting["place"],
                absent_judge_ids=sorted(users[email].id for email in meeting["absent"]),
                updated_by_id=users[meeting["updated_by"]].id if meeting["updated_by"] else None,
                updated_at=parse_time(meeting["updated_at"]),
            ))  # fmt: skip
    for i, data in enumerate(document.get("protocols", [])):
        with record(f"$.protocols[{i}]"):
            db.session.add(JuryProtocol(
                program_id=program.id, version=data["version"], serial=data["serial"],
                token=new_token(), theme=data["theme"], sha256=data["sha256"],
                content_sha256=data["content_sha256"], stored_file=None,
                snapshots=[{**item, "snapshot_id": _snapshot_id(categories, item)}
                           for item in data["snapshots"]],
                created_by_id=users[data["created_by"]].id if data["created_by"] else None,
                created_at=parse_time(data["created_at"]),
            ))  # fmt: skip
