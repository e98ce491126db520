"""What a protocol prints, as plain values: the meeting, the jury present and absent, and per
category the frozen ranking, how sure it is, and the decision with its votes and dissent.

Needs an app context (the database), never a request. ``protocol_content`` holds no id, no
serial and no date of printing: the same decisions give the same content, whose digest tells
whether a new version is due.
"""

import hashlib
import json

from sqlalchemy import select

from awards.accounts.models import User
from awards.extensions import db
from awards.i18n import to_local
from awards.programs.models import Category, Program, ProgramRole, Role
from awards.protocols.models import JuryMeeting
from awards.protocols.wording import PRINTED_LANGUAGES
from awards.results import aggregation as agg
from awards.results import robustness
from awards.results.models import ResultsSnapshot
from awards.results.services import current_snapshots

JURY_ROLES = (Role.JUDGE, Role.CHAIR)
VOTES = ("for", "against", "abstain", "recused")


def texts_for(value: dict | None) -> dict:
    """Every printed language filled: a name typed in one language prints the same in others."""
    value = {code: text for code, text in (value or {}).items() if text}
    fallback = value.get("ru") or value.get("kk") or next(iter(value.values()), "")
    return {code: value.get(code) or fallback for code in PRINTED_LANGUAGES}


def decimal(value: float | None) -> str:
    """A score as the protocol prints it: two decimals and a decimal comma ("83,33")."""
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}\u00a0%"


def jury_of(program: Program) -> tuple[list[User], set[int]]:
    """The program's jurors (judges and the chair) by name, and the chair's user ids."""
    rows = db.session.execute(
        select(User, ProgramRole.role)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role.in_(JURY_ROLES))
        .order_by(User.name, User.email)  # the same order on every installation
    ).all()
    jurors = list({user.id: user for user, _role in rows}.values())
    chairs = {user.id for user, role in rows if role == Role.CHAIR}
    return jurors, chairs


def _jurors(program: Program, meeting: JuryMeeting | None) -> list[dict]:
    jurors, chairs = jury_of(program)
    absent = set(meeting.absent_judge_ids or []) if meeting else set()
    listed = [
        {"name": user.name, "chair": user.id in chairs, "present": user.id not in absent}
        for user in jurors
    ]
    return sorted(listed, key=lambda juror: not juror["chair"])  # the chair first, then by name


def _totals(snapshot: ResultsSnapshot, category: Category) -> dict:
    """{nomination: {judge: total}} of the scorecards the snapshot froze."""
    rubric = [agg.Criterion(c.id, c.weight, c.max_points, c.position) for c in category.criteria]
    cards = [
        agg.Scorecard(card["judge_id"], card["nomination_id"],
                      {int(key): value for key, value in card["points"].items()})
        for card in snapshot.content["scorecards"]
    ]  # fmt: skip
    return agg.totals_by_nomination(cards, rubric) if rubric else {}


def _votes(snapshot: ResultsSnapshot, names: dict[int, str]) -> dict[int, dict]:
    """Per laureate: the count of each vote and who voted other than "for"."""
    found: dict[int, dict] = {}
    for vote in getattr(snapshot, "votes", []):
        tally = found.setdefault(
            vote.nomination_id, {"count": dict.fromkeys(VOTES, 0), "names": {}}
        )
        tally["count"][vote.vote] += 1
        if vote.vote != "for":
            tally["names"].setdefault(vote.vote, []).append(names.get(vote.judge_id, ""))
    return found


def _decided(category: Category, snapshot: ResultsSnapshot, names: dict[int, str]) -> dict:
    content = snapshot.content
    sure = robustness.bootstrap(
        _totals(snapshot, category), snapshot.method, laureates=category.max_laureates or None
    )
    crowned = {laureate["nomination_id"] for laureate in content["laureates"]}
    rows = [
        {
            "place": str(row["rank"]) if row["rank"] is not None else "—",
            "nominee": texts_for(row["nominee"]), "score": decimal(row["score"]),
            "scorecards": row["scorecards"],
            "p_first": percent(sure.p_first.get(row["nomination_id"])),
            "p_laureate": (
                percent(sure.p_laureate.get(row["nomination_id"]))
                if sure.p_laureate is not None else None
            ),
            "laureate": row["nomination_id"] in crowned,
        }
        for row in content["ranking"]
    ]  # fmt: skip
    votes = _votes(snapshot, names)
    return {
        "decided": True, "method": snapshot.method, "scorecards": len(content["scorecards"]),
        "rows": rows, "with_p_laureate": sure.p_laureate is not None,
        "too_close": sure.too_close, "resamples": sure.resamples,
        "laureates": [
            {"nominee": texts_for(laureate["nominee"]),
             **votes.get(laureate["nomination_id"], {"count": None, "names": {}})}
            for laureate in content["laureates"]
        ],
        "reason": content.get("decision_reason") or "",
        "votes_recorded": bool(votes),
        "dissents": [
            {"juror": names.get(d.judge_id, ""), "text": d.text}
            for d in getattr(snapshot, "dissents", [])
        ],
    }  # fmt: skip


def _meeting(program: Program, meeting: JuryMeeting | None) -> dict | None:
    if meeting is None:
        return None
    held = to_local(meeting.held_at, program.timezone)
    return {
        "date": held.date().isoformat(),
        "time": held.strftime("%H:%M"),
        "place": texts_for(meeting.place),
    }


def meeting_of(program: Program) -> JuryMeeting | None:
    return db.session.scalar(select(JuryMeeting).where(JuryMeeting.program_id == program.id))


def decided_snapshots(program: Program) -> dict[int, ResultsSnapshot | None]:
    """The current snapshot of each category of the program (None: not decided)."""
    return current_snapshots(list(program.categories))


def protocol_content(program: Program) -> dict:
    """Everything the protocol prints but its serial, version and verification address."""
    meeting = meeting_of(program)
    snapshots = decided_snapshots(program)
    jurors = _jurors(program, meeting)
    names = {user.id: user.name for user in jury_of(program)[0]}
    categories = []
    for category in program.categories:
        snapshot = snapshots.get(category.id)
        entry = {"title": texts_for(category.title)}
        entry.update(_decided(category, snapshot, names) if snapshot else {"decided": False})
        categories.append(entry)
    return {
        "program_title": texts_for(program.title),
        "organizing_body": texts_for(program.organizing_body),
        "meeting": _meeting(program, meeting),
        "jurors": jurors,
        "categories": categories,
    }


def content_digest(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def snapshot_records(program: Program) -> list[dict]:
    """The snapshots a protocol is made from, as it keeps them."""
    snapshots = decided_snapshots(program)
    return [
        {"category": category.slug, "snapshot_id": snapshot.id, "version": snapshot.version,
         "sha256": snapshot.sha256}
        for category in program.categories
        if (snapshot := snapshots.get(category.id)) is not None
    ]  # fmt: skip
