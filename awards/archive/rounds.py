"""A program's qualifying rounds in the archive: each round with its jurors, votes and frozen
outcome, written with archived ids and emails and brought back with this installation's own
(the frozen content rewritten and rehashed, as results snapshots are)."""

import copy

from flask_babel import gettext as _
from sqlalchemy import select

from awards.archive.records import parse_time, record
from awards.archive.schema import refuse
from awards.extensions import db
from awards.judging.models import JudgingRound, QualifyingVote, RoundJuror, RoundOutcome
from awards.judging.round_services import digest
from awards.programs.models import Category, Program


def _time(value) -> str | None:
    return value.isoformat() if value is not None else None


def round_records(program: Program, people) -> list[dict]:
    """Every round of the program's categories, in category and round order."""
    query = (
        select(JudgingRound)
        .join(Category, Category.id == JudgingRound.category_id)
        .where(Category.program_id == program.id)
        .order_by(Category.position, Category.id, JudgingRound.position)
    )
    found = []
    for item in db.session.scalars(query):
        votes = db.session.scalars(
            select(QualifyingVote).where(QualifyingVote.round_id == item.id)
            .order_by(QualifyingVote.id)
        )  # fmt: skip
        outcomes = db.session.scalars(
            select(RoundOutcome).where(RoundOutcome.round_id == item.id)
            .order_by(RoundOutcome.id)
        )  # fmt: skip
        found.append({
            "category": item.category.slug, "position": item.position, "kind": item.kind,
            "name": item.name, "title": item.title, "opens_at": _time(item.opens_at),
            "closes_at": _time(item.closes_at), "majority": item.majority,
            "created_at": _time(item.created_at), "decided_at": _time(item.decided_at),
            "decided_by": people.user(item.decided_by), "content": item.content,
            "sha256": item.sha256,
            "jurors": [people.user(juror.judge) for juror in item.jurors],
            "votes": [
                {"nomination": v.nomination_id, "judge": people.user(v.judge),
                 "verdict": v.verdict, "comment": v.comment, "created_at": _time(v.created_at),
                 "updated_at": _time(v.updated_at)}
                for v in votes
            ],
            "outcomes": [
                {"nomination": o.nomination_id, "advanced": o.advanced,
                 "tie_reason": o.tie_reason}
                for o in outcomes
            ],
        })  # fmt: skip
    return found


def _content(content: dict, category: Category, nominations: dict) -> dict:
    """The frozen content with this installation's ids in place of the archived ones."""
    content = copy.deepcopy(content)
    content["category_id"] = category.id
    for entry in content["entries"]:
        entry["nomination_id"] = nominations[entry["nomination_id"]].id
    content["advanced"] = [nominations[old].id for old in content["advanced"]]
    return content


def _checked_content(data: dict, path: str, category: Category, nominations: dict) -> dict:
    if digest(data["content"]) != data["sha256"]:
        raise refuse(f"{path}.sha256", _("does not match the frozen outcome."))
    try:
        return _content(data["content"], category, nominations)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise refuse(f"{path}.content", _("does not match the archive's nominations "
                                          "and scorecards.")) from error  # fmt: skip


def import_rounds(document: dict, *, categories: dict, nominations: dict, users: dict) -> None:
    """Write the archive's rounds (none in an archive without them). Side effects: rounds,
    jurors, votes and outcomes added; flushes."""
    for i, data in enumerate(document.get("rounds", [])):
        path = f"$.rounds[{i}]"
        category = categories[data["category"]]
        decided = data["decided_at"] is not None and data["content"] is not None
        content = _checked_content(data, path, category, nominations) if decided else None
        with record(path):
            item = JudgingRound(
                category=category, position=data["position"], kind=data["kind"],
                name=data["name"], title=data["title"], opens_at=parse_time(data["opens_at"]),
                closes_at=parse_time(data["closes_at"]), majority=data["majority"],
                created_at=parse_time(data["created_at"]),
                decided_at=parse_time(data["decided_at"]) if decided else None,
                decided_by_id=users[data["decided_by"]].id if data["decided_by"] else None,
                content=content, sha256=digest(content) if decided else None,
                jurors=[RoundJuror(judge_id=users[email].id) for email in data["jurors"]],
            )  # fmt: skip
            db.session.add(item)
            db.session.flush()
            for vote in data["votes"]:
                db.session.add(QualifyingVote(
                    round_id=item.id, nomination_id=nominations[vote["nomination"]].id,
                    judge_id=users[vote["judge"]].id, verdict=vote["verdict"],
                    comment=vote["comment"], created_at=parse_time(vote["created_at"]),
                    updated_at=parse_time(vote["updated_at"]),
                ))  # fmt: skip
            for outcome in data["outcomes"]:
                db.session.add(RoundOutcome(
                    round_id=item.id, nomination_id=nominations[outcome["nomination"]].id,
                    advanced=outcome["advanced"], tie_reason=outcome["tie_reason"],
                ))  # fmt: skip
