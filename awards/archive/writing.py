"""A program as an archive document: settings and logo, rubrics, organizations, people,
nominations, judging, the current laureate snapshots, and the ceremony and certificate setup
(see setup.py). Records refer to each other by their ids on this installation, people by
email; never a password hash, a token or an administrator flag."""

import json
from contextlib import nullcontext
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.accounts.models import Organization, User
from awards.archive.deliberation import deliberation_section
from awards.archive.feedback import feedback_section
from awards.archive.guests import guest_records
from awards.archive.protocols import protocol_sections
from awards.archive.records import time_text
from awards.archive.rounds import round_records
from awards.archive.schema import FORMAT, VERSION
from awards.archive.setup import logo_text, setup_sections
from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.models import Assignment, Conflict, Scorecard
from awards.nominations import history
from awards.nominations.models import Nomination
from awards.programs.models import Program, ProgramRole
from awards.results.models import ResultsSnapshot

PROGRAM_FIELDS = (
    "slug", "title", "year", "organizing_body", "timezone", "venue", "judges_per_nomination",
    "blind_judging", "scoring_method",
)  # fmt: skip
PROGRAM_TIMES = (
    "nominations_open_at", "nominations_close_at", "judging_open_at", "judging_close_at",
    "ceremony_at", "results_published_at", "created_at",
)  # fmt: skip
CATEGORY_FIELDS = (
    "slug", "title", "description", "nominee_kind", "max_laureates", "eligibility_notes",
)  # fmt: skip
CRITERION_FIELDS = ("id", "name", "description", "weight", "max_points", "step", "levels")
SCORECARD_FIELDS = ("id", "state", "overall_comment", "version")
SCORECARD_TIMES = ("created_at", "updated_at", "submitted_at")
NOMINATION_FIELDS = (
    "id", "state", "nominee_kind", "org_name", "bin", "city", "website", "person_name",
    "person_names", "person_position", "person_workplace", "team_name", "team_members",
    "justification", "achievements", "contact_name", "contact_phone", "contact_email",
    "merged_into_id", "is_practice", "pronunciation",
)  # fmt: skip
NOMINATION_TIMES = (
    "created_at", "updated_at", "submitted_at", "returned_at", "accepted_at", "rejected_at",
    "withdrawn_at", "merged_at",
)  # fmt: skip


def _pick(record, names: tuple[str, ...], times: tuple[str, ...] = ()) -> dict:
    data = {name: getattr(record, name) for name in names}
    data.update({name: time_text(getattr(record, name)) for name in times})
    return data


class _People:
    """Collects every person and organization the document mentions, to list them once."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.organizations: dict[int, Organization] = {}

    def user(self, user: User | None) -> str | None:
        if user is None:
            return None
        self.users[user.id] = user
        if user.organization is not None:
            self.organizations[user.organization.id] = user.organization
        return user.email

    def organization(self, organization: Organization) -> int:
        self.organizations[organization.id] = organization
        return organization.id

    def user_records(self) -> list[dict]:
        return [
            {"email": u.email, "name": u.name, "locale": u.locale,
             "organization": u.organization_id}
            for u in sorted(self.users.values(), key=lambda u: u.email)
        ]  # fmt: skip

    def organization_records(self) -> list[dict]:
        return [
            {"id": o.id, "name": o.name, "bin": o.bin, "city": o.city}
            for o in sorted(self.organizations.values(), key=lambda o: o.id)
        ]


def _categories(program: Program) -> list[dict]:
    return [
        {
            **_pick(category, CATEGORY_FIELDS),
            "criteria": [_pick(c, CRITERION_FIELDS) for c in category.criteria],
            # Optional keys (an older archive has none: no degrees).
            "degree_rule": category.degree_rule,
            "degree_limits": category.degree_limits,
        }  # fmt: skip
        for category in program.categories
    ]


def _event(entry: AuditEntry, people: _People) -> dict:
    """A line of an entry's history by its states; what a merge or a link named becomes its
    reason, in its actor's language (as such lines were written before the audit log)."""
    with force_locale(entry.actor.locale) if entry.actor else nullcontext():
        line = history.line(entry)
    return {"actor": people.user(line.actor), "at": time_text(line.at),
            "from_state": line.from_state, "to_state": line.to_state,
            "reason": line.note}  # fmt: skip


def _nominations(program: Program, people: _People) -> list[dict]:
    query = select(Nomination).where(Nomination.program_id == program.id).order_by(Nomination.id)
    nominations = list(db.session.scalars(query))
    entries = history.entries_by_nomination(program, nominations)
    records = []
    for nomination in nominations:
        record = _pick(nomination, NOMINATION_FIELDS, NOMINATION_TIMES)
        record["category"] = nomination.category.slug
        record["submitting_organization"] = people.organization(nomination.submitting_organization)
        record["created_by"] = people.user(nomination.created_by)
        record["events"] = [_event(entry, people) for entry in entries.get(nomination.id, [])]
        records.append(record)
    return records


def _user(user_id: int | None) -> User | None:
    return db.session.get(User, user_id) if user_id is not None else None


def _of_program(model, program: Program):
    return (
        select(model)
        .join(Nomination, Nomination.id == model.nomination_id)
        .where(Nomination.program_id == program.id)
        .order_by(model.id)
    )


def _judging(program: Program, people: _People) -> dict:
    assignments = [
        {"nomination": a.nomination_id, "judge": people.user(a.judge),
         "assigned_by": people.user(_user(a.assigned_by_id)),
         "created_at": time_text(a.created_at)}
        for a in db.session.scalars(_of_program(Assignment, program))
    ]  # fmt: skip
    conflicts = [
        {"nomination": c.nomination_id, "judge": people.user(c.judge), "source": c.source,
         "reason": c.reason,
         "created_by": people.user(_user(c.created_by_id)),
         "created_at": time_text(c.created_at)}
        for c in db.session.scalars(_of_program(Conflict, program))
    ]  # fmt: skip
    cards = db.session.scalars(
        _of_program(Scorecard, program).options(selectinload(Scorecard.scores))
    )
    scorecards = [
        {
            **_pick(card, SCORECARD_FIELDS, SCORECARD_TIMES),
            "nomination": card.nomination_id,
            "judge": people.user(card.judge),
            # Optional (an older archive has none: not shareable).
            "comments_shareable": card.comments_shareable,
            "scores": [
                {"criterion": s.criterion_id, "points": s.points, "comment": s.comment}
                for s in sorted(card.scores, key=lambda s: s.criterion_id)
            ],
        }
        for card in cards
    ]
    return {"assignments": assignments, "conflicts": conflicts, "scorecards": scorecards}


def _snapshots(program: Program, people: _People) -> list[dict]:
    query = (
        select(ResultsSnapshot)
        .where(
            ResultsSnapshot.category_id.in_([c.id for c in program.categories]),
            ResultsSnapshot.unfrozen_at.is_(None),
        )
        .order_by(ResultsSnapshot.id)
    )
    return [
        {
            "category": s.category.slug,
            "version": s.version,
            "method": s.method,
            "content": s.content,
            "sha256": s.sha256,
            "created_by": people.user(s.created_by),
            "created_at": time_text(s.created_at),
            "laureates": [
                {
                    "nomination": lau.nomination_id,
                    "position": lau.position,
                    "reason": lau.reason,
                    "degree": lau.degree,
                }  # optional: an older archive has none
                for lau in s.laureates
            ],
        }
        for s in db.session.scalars(query)
    ]


def program_archive(program: Program, *, now: datetime | None = None) -> dict:
    """The whole program as a plain document of the current format version."""
    people = _People()
    roles = db.session.scalars(
        select(ProgramRole).where(ProgramRole.program_id == program.id).order_by(ProgramRole.id)
    )
    role_records = [
        {"user": people.user(r.user), "role": r.role, "created_at": time_text(r.created_at)}
        for r in roles
    ]
    body = {
        "program": {
            **_pick(program, PROGRAM_FIELDS, PROGRAM_TIMES),
            "logo": logo_text(program),
            # Optional keys (an older archive has none; the import takes the default).
            "normalization_min_scorecards": program.normalization_min_scorecards,
        },  # fmt: skip
        "roles": role_records,
        "categories": _categories(program),
        "nominations": _nominations(program, people),
        **_judging(program, people),
        "snapshots": _snapshots(program, people),
        "rounds": round_records(program, people),
        **setup_sections(program),
        "guests": guest_records(program),
        **protocol_sections(program, people),
        **deliberation_section(program, people),
        **feedback_section(program, people),
    }
    return {
        "format": FORMAT, "version": VERSION, "exported_at": time_text(now or utcnow()),
        "organizations": people.organization_records(), "users": people.user_records(), **body,
    }  # fmt: skip


def archive_json(document: dict) -> str:
    """The document as UTF-8-friendly JSON, one key per line so that problems have a line."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
