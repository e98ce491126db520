"""Bringing an archive back as a new program, record by record, each refused with its JSON path.

Importing never updates: the archive becomes a new program or nothing happens. A program is
recognized by its short name and the moment it was first created, which the archive carries
and the import keeps, so importing the same archive again (or into the installation it came
from) finds the program already there and changes nothing; no new column is needed.
"""

import copy
from dataclasses import dataclass, field

from flask_babel import gettext as _

from awards.accounts import services as accounts
from awards.accounts.models import Organization, User
from awards.archive.deliberation import check_deliberation, import_deliberation
from awards.archive.feedback import import_feedback
from awards.archive.guests import import_guests
from awards.archive.protocols import import_protocols
from awards.archive.records import parse_time, record
from awards.archive.rounds import import_rounds
from awards.archive.rules import check_rules
from awards.archive.schema import refuse
from awards.archive.setup import import_logo, import_setup
from awards.archive.writing import NOMINATION_FIELDS, NOMINATION_TIMES, PROGRAM_FIELDS
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import clean_texts
from awards.judging.models import Assignment, Conflict, Score, Scorecard
from awards.judging.scoring import parse_points
from awards.nominations.fields import LIMITS, clean_field
from awards.nominations.history import action_for, log_change
from awards.nominations.models import Nomination
from awards.programs import services as programs
from awards.programs.models import Category, Criterion, Program
from awards.results.models import DecisionVote, DissentingOpinion, Laureate, ResultsSnapshot
from awards.results.services import digest

SETTING_TIMES = (
    "nominations_open_at", "nominations_close_at", "judging_open_at", "judging_close_at",
    "ceremony_at",
)  # fmt: skip


REFERENCES = ("id", "merged_into_id")  # replaced by this installation's own


class AlreadyImported(DomainError):
    """The archived program is already on this installation; nothing was changed."""

    def __init__(self, program: Program) -> None:
        super().__init__(
            _("The program %(slug)s is already here (the same archive was imported before, or "
              "it was exported from here); nothing was changed.", slug=program.slug)
        )  # fmt: skip
        self.program = program


@dataclass
class Imported:
    program: Program
    new_people: list[str] = field(default_factory=list)  # emails of accounts created, no password


def _merge_order(nominations: list[dict]) -> list[tuple[int, dict]]:
    """(index, record) with every merge target before the entries merged into it."""
    placed: set[int] = set()
    ordered: list[tuple[int, dict]] = []
    waiting = list(enumerate(nominations))
    while waiting:  # the schema has refused merges in a circle
        ready = [(i, n) for i, n in waiting if n["merged_into_id"] in placed | {None}]
        ordered += ready
        placed |= {n["id"] for _i, n in ready}
        waiting = [item for item in waiting if item not in ready]
    return ordered


class _Importer:
    """Writes the records of one archive in dependency order, remembering what each archived
    id, slug and email became on this installation."""

    def __init__(self, document: dict, actor: User | None) -> None:
        self.document, self.actor = document, actor
        self.result: Imported | None = None
        self.organizations: dict[int, Organization] = {}
        self.users: dict[str, User] = {}
        self.categories: dict[str, Category] = {}
        self.criteria: dict[int, Criterion] = {}
        self.nominations: dict[int, Nomination] = {}
        self.scorecards: dict[int, Scorecard] = {}

    def program(self, slug: str) -> Program:
        data = self.document["program"]
        with record("$.program"):
            program = Program(slug=slug, title={}, year=data["year"])
            db.session.add(program)
            fields = {name: data[name] for name in PROGRAM_FIELDS if name != "slug"}
            # Optional: archives written before the setting existed have the default.
            fields["normalization_min_scorecards"] = data.get("normalization_min_scorecards", 2)
            fields.update({name: parse_time(data[name]) for name in SETTING_TIMES})
            programs.update_program(program=program, actor=self.actor, **fields)
            program.results_published_at = parse_time(data["results_published_at"])
            program.created_at = parse_time(data["created_at"])
        self.result = Imported(program)
        return program

    def people(self, program: Program) -> None:
        for i, data in enumerate(self.document["organizations"]):
            with record(f"$.organizations[{i}]"):
                organization = accounts.find_or_create_organization(
                    name=data["name"], bin=data["bin"], actor=self.actor
                )
                organization.city = organization.city or data["city"]
            self.organizations[data["id"]] = organization
        for i, data in enumerate(self.document["users"]):
            with record(f"$.users[{i}]"):
                user = accounts.find_user_by_email(data["email"])
                if user is None:
                    user = accounts.create_user(
                        email=data["email"], name=data["name"], locale=data["locale"],
                        organization=self.organizations.get(data["organization"]),
                        actor=self.actor,
                    )  # fmt: skip
                    self.result.new_people.append(user.email)
            self.users[data["email"]] = user
        for i, data in enumerate(self.document["roles"]):
            with record(f"$.roles[{i}]"):
                role = programs.grant_role(
                    program=program, user=self.users[data["user"]], role=data["role"],
                    actor=self.actor,
                )  # fmt: skip
                role.created_at = parse_time(data["created_at"])

    def categories_and_criteria(self, program: Program) -> None:
        for i, data in enumerate(self.document["categories"]):
            with record(f"$.categories[{i}]"):
                category = programs.add_category(
                    program=program, actor=self.actor, slug=data["slug"], title=data["title"],
                    description=data["description"], nominee_kind=data["nominee_kind"],
                    max_laureates=data["max_laureates"],
                    eligibility_notes=data["eligibility_notes"],
                    degree_rule=data.get("degree_rule", "none"),
                    degree_limits=data.get("degree_limits"),
                )  # fmt: skip
            self.categories[data["slug"]] = category
            for j, item in enumerate(data["criteria"]):
                with record(f"$.categories[{i}].criteria[{j}]"):
                    self.criteria[item["id"]] = programs.add_criterion(
                        category=category, actor=self.actor, name=item["name"],
                        description=item["description"], weight=item["weight"],
                        max_points=item["max_points"], step=item["step"],
                        levels=item.get("levels", []),  # absent from older archives
                    )  # fmt: skip

    def nomination_records(self, program: Program) -> None:
        for i, data in _merge_order(self.document["nominations"]):
            with record(f"$.nominations[{i}]"):
                values = {k: data.get(k) for k in NOMINATION_FIELDS if k not in REFERENCES}
                values["person_names"] = clean_texts(data.get("person_names"))  # from version 3
                values["is_practice"] = data.get("is_practice") is True  # absent: a real entry
                # Optional in every version: archives written before it have no note.
                values["pronunciation"] = clean_texts(data.get("pronunciation"))
                values.update({name: clean_field(name, data[name]) for name in LIMITS})
                values.update({name: parse_time(data[name]) for name in NOMINATION_TIMES})
                nomination = Nomination(
                    program=program, category=self.categories[data["category"]],
                    submitting_organization=self.organizations[data["submitting_organization"]],
                    created_by=self.users.get(data["created_by"]),
                    merged_into=self.nominations.get(data["merged_into_id"]), **values,
                )  # fmt: skip
                db.session.add(nomination)
            with record(f"$.nominations[{i}].events"):
                self._history(nomination, data["events"])
            self.nominations[data["id"]] = nomination

    def _history(self, nomination: Nomination, events: list[dict]) -> None:
        """The entry's history, each line logged with the states it names."""
        for event in events:
            from_state, to_state = event["from_state"], event["to_state"]
            log_change(
                nomination, actor=self.users.get(event["actor"]), from_state=from_state,
                to_state=to_state, action=action_for(from_state, to_state),
                now=parse_time(event["at"]), reason=event["reason"],
            )  # fmt: skip

    def _user_id(self, email: str | None) -> int | None:
        return self.users[email].id if email is not None else None

    def assignments_and_conflicts(self) -> None:
        for i, data in enumerate(self.document["assignments"]):
            with record(f"$.assignments[{i}]"):
                db.session.add(Assignment(
                    nomination=self.nominations[data["nomination"]],
                    judge=self.users[data["judge"]],
                    assigned_by_id=self._user_id(data["assigned_by"]),
                    created_at=parse_time(data["created_at"]),
                ))  # fmt: skip
        for i, data in enumerate(self.document["conflicts"]):
            with record(f"$.conflicts[{i}]"):
                db.session.add(Conflict(
                    nomination=self.nominations[data["nomination"]],
                    judge=self.users[data["judge"]], source=data["source"],
                    reason=data["reason"], created_by_id=self._user_id(data["created_by"]),
                    created_at=parse_time(data["created_at"]),
                ))  # fmt: skip

    def scorecard_records(self) -> None:
        for i, data in enumerate(self.document["scorecards"]):
            with record(f"$.scorecards[{i}]"):
                card = Scorecard(
                    nomination=self.nominations[data["nomination"]],
                    judge=self.users[data["judge"]], state=data["state"],
                    overall_comment=data["overall_comment"], version=data["version"],
                    comments_shareable=data.get("comments_shareable", False),
                    created_at=parse_time(data["created_at"]),
                    updated_at=parse_time(data["updated_at"]),
                    submitted_at=parse_time(data["submitted_at"]),
                    scores=[
                        Score(criterion=self.criteria[s["criterion"]], comment=s["comment"],
                              points=parse_points(self.criteria[s["criterion"]], s["points"])[0])
                        for s in data["scores"]
                    ],
                )  # fmt: skip
                db.session.add(card)
            self.scorecards[data["id"]] = card

    def _content(self, content: dict, program: Program) -> dict:
        """The frozen content with this installation's ids in place of the archived ones."""
        content = copy.deepcopy(content)
        content["program"] = program.slug
        for card in content["scorecards"]:
            new = self.scorecards[card["id"]]
            points = {str(self.criteria[int(k)].id): v for k, v in card["points"].items()}
            card.update(id=new.id, judge_id=new.judge_id, nomination_id=new.nomination_id,
                        points=dict(sorted(points.items())))  # fmt: skip
        content["scorecards"].sort(key=lambda card: card["id"])
        for item in (*content["ranking"], *content["laureates"], *content.get("votes", [])):
            item["nomination_id"] = self.nominations[item["nomination_id"]].id
        for item in (*content.get("votes", []), *content.get("dissents", [])):
            item["judge_id"] = self._user_id(item["email"])
        return content

    @staticmethod
    def _decision(content: dict) -> dict:
        """The jury's votes and dissenting opinions, which travel in the frozen content."""
        return {
            "votes": [
                DecisionVote(nomination_id=v["nomination_id"], judge_id=v["judge_id"],
                             vote=v["vote"])
                for v in content.get("votes", [])
            ],
            "dissents": [
                DissentingOpinion(judge_id=d["judge_id"], text=d["text"])
                for d in content.get("dissents", [])
            ],
        }  # fmt: skip

    def snapshots(self, program: Program) -> None:
        for i, data in enumerate(self.document["snapshots"]):
            path = f"$.snapshots[{i}]"  # its hash was checked with the rules
            try:
                content = self._content(data["content"], program)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise refuse(f"{path}.content", _("does not match the archive's nominations "
                                                  "and scorecards.")) from error  # fmt: skip
            with record(path):
                snapshot = ResultsSnapshot(
                    category=self.categories[data["category"]], version=data["version"],
                    method=data["method"], content=content, sha256=digest(content),
                    created_by_id=self._user_id(data["created_by"]),
                    created_at=parse_time(data["created_at"]),
                    laureates=[
                        Laureate(nomination=self.nominations[item["nomination"]],
                                 position=item["position"], reason=item["reason"],
                                 degree=_degree(item.get("degree"), path))
                        for item in data["laureates"]
                    ],
                    **self._decision(content),
                )  # fmt: skip
                db.session.add(snapshot)


def _degree(value, path: str) -> int | None:
    """A laureate's degree (optional in an archive): 1, 2, 3 or null."""
    if value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3
    ):
        return value
    raise refuse(f"{path}.laureates", _("a degree must be 1, 2, 3 or null."))


def _check_short_name(slug: str, document: dict) -> None:
    existing = programs.get_program_by_slug(slug)
    if existing is None:
        return
    if existing.created_at == parse_time(document["program"]["created_at"]):
        raise AlreadyImported(existing)
    raise refuse("$.program.slug", _("another program has this short name; import under "
                                     "another one."))  # fmt: skip


def import_program(*, document: dict, actor: User | None, slug: str | None = None) -> Imported:
    """Create the program of a checked archive (see schema.parse_archive), under its own short
    name or ``slug``.

    First every record is held to the rules of the forms and services (rules.check_rules): an
    archive that breaks any is refused with the list of every problem, before anything is
    written. People are matched by email and organizations by BIN or exact name; a person not
    yet here gets an account without a password, like an invited user, and never
    administrator rights.
    Raises AlreadyImported when the program is already here, an ArchiveError naming the path
    of each problem (or of the one record the database refuses); the caller then rolls back.
    Side effects: creates the program with its logo, categories, criteria, roles, nominations
    with their history, assignments, conflicts, scorecards, current snapshots (with this
    installation's ids, so rehashed), qualifying rounds with their jurors, votes and frozen
    outcomes (rehashed likewise), running order, partners and certificate settings with their
    pictures, the jury's meeting and its protocols' records (without their files), the
    ceremony's guests, reveal settings and the jury's discussions (deliberation.py), the
    feedback letters' releases and which scorecards' comments may be shared; may create
    users and organizations; stores the logo's file (gone again on rollback); flushes.
    """
    slug = slug or document["program"]["slug"]
    _check_short_name(slug, document)
    check_rules(document, slug=slug)
    check_deliberation(document)
    importer = _Importer(document, actor)
    program = importer.program(slug)
    import_logo(document, program=program, actor=actor)
    importer.people(program)
    importer.categories_and_criteria(program)
    importer.nomination_records(program)
    importer.assignments_and_conflicts()
    importer.scorecard_records()
    importer.snapshots(program)
    import_rounds(document, categories=importer.categories, nominations=importer.nominations,
                  users=importer.users)  # fmt: skip
    import_setup(document, program=program, categories=importer.categories, actor=actor)
    import_protocols(document, program=program, users=importer.users,
                     categories=importer.categories)  # fmt: skip
    import_guests(document, program=program, nominations=importer.nominations)
    import_feedback(document, program=program, nominations=importer.nominations,
                    users=importer.users)  # fmt: skip
    import_deliberation(
        document, program=program, categories=importer.categories,
        nominations=importer.nominations, users=importer.users,
    )  # fmt: skip
    return importer.result
