"""The jury's deliberation in the archive: when each category's jurors see each other's
scores, the spread that flags an entry for discussion, and the discussions' messages.

An optional section, "deliberation": an archive written before it existed has none and
imports with the defaults (never reveal, 30 points, no messages)."""

from sqlalchemy import select

from awards.archive.records import parse_time, record
from awards.archive.schema import TIME, Problems, _check, _known
from awards.extensions import db
from awards.judging.models import DiscussionMessage
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program, RevealScores

SECTION = "deliberation"
MESSAGE = {"nomination": "int", "author": "str?", "text": "str", "created_at": TIME}
DELIBERATION = {
    "disagreement_threshold": "int",
    "reveal_scores": [{"category": "str", "policy": tuple(RevealScores)}],
    "messages": [MESSAGE],
}


def deliberation_section(program: Program, people) -> dict:
    """{"deliberation": …} for program_archive; ``people`` lists each message's author."""
    messages = db.session.scalars(
        select(DiscussionMessage)
        .join(Nomination, Nomination.id == DiscussionMessage.nomination_id)
        .where(Nomination.program_id == program.id)
        .order_by(DiscussionMessage.id)
    )
    return {
        SECTION: {
            "disagreement_threshold": program.disagreement_threshold,
            "reveal_scores": [
                {"category": c.slug, "policy": c.reveal_scores} for c in program.categories
            ],
            "messages": [
                {
                    "nomination": m.nomination_id,
                    "author": people.user(m.author),
                    "text": m.text,
                    "created_at": m.created_at.isoformat(),
                }
                for m in messages
            ],  # fmt: skip
        }
    }


def check_deliberation(document: dict) -> None:
    """The section's shape, and that it names the archive's own categories, entries and
    people; an ArchiveError listing every problem."""
    if SECTION not in document:
        return
    problems, path = Problems(), f"$.{SECTION}"
    _check(document[SECTION], DELIBERATION, path, problems)
    problems.refuse_any()
    section = document[SECTION]
    categories = {category["slug"] for category in document["categories"]}
    entries = {entry["id"] for entry in document["nominations"]}
    emails = {user["email"] for user in document["users"]}
    for i, item in enumerate(section["reveal_scores"]):
        _known(item["category"], categories, f"{path}.reveal_scores[{i}].category", problems)
    for i, message in enumerate(section["messages"]):
        _known(message["nomination"], entries, f"{path}.messages[{i}].nomination", problems)
        _known(message["author"], emails, f"{path}.messages[{i}].author", problems)
    problems.refuse_any()


def import_deliberation(
    document: dict, *, program: Program, categories: dict[str, Category], nominations: dict,
    users: dict,
) -> None:  # fmt: skip
    """Side effects: the program's threshold, each category's reveal policy, the messages;
    flushes."""
    section = document.get(SECTION)
    if section is None:
        return
    with record(f"$.{SECTION}.disagreement_threshold"):
        program.disagreement_threshold = section["disagreement_threshold"]
    for i, item in enumerate(section["reveal_scores"]):
        with record(f"$.{SECTION}.reveal_scores[{i}]"):
            categories[item["category"]].reveal_scores = item["policy"]
    for i, data in enumerate(section["messages"]):
        with record(f"$.{SECTION}.messages[{i}]"):
            author = users[data["author"]] if data["author"] is not None else None
            db.session.add(DiscussionMessage(
                nomination=nominations[data["nomination"]], author=author, text=data["text"],
                created_at=parse_time(data["created_at"]),
            ))  # fmt: skip
