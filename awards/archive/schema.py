"""Reading an archive before anything is written: JSON syntax problems are reported with their
line, a wrong shape with its JSON path (``$.nominations[3].state``), references to records the
archive does not contain with the path of the reference; every problem of a kind at once.
Touches no database."""

import json
import math
from datetime import datetime, time
from typing import NamedTuple

from flask_babel import gettext as _

from awards.certificates.settings import SIGNATORY_POSITIONS
from awards.errors import DomainError
from awards.i18n import LANGUAGE_NAMES
from awards.judging.models import ConflictSource, RoundKind, ScorecardState, Verdict
from awards.nominations.models import NominationState
from awards.programs.models import NomineeKind, Role
from awards.results.aggregation import Method

FORMAT = "awards-program-archive"
# 2 added the program's logo, the ceremony's running order and partners, and the certificate
# settings with their pictures; archives of version 1 are still read, without them.
# 3 added a nominated person's full name per language (person_names); in older archives a
# person has only the one name.
# 4 added breaks in the running order (break_minutes) and where the hall screen stands
# (screen: its position; its secret link is never carried, the importing side makes a new one).
VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)


class ArchiveError(DomainError):
    """A file that is not a readable archive, or an archive that breaks rules; nothing was
    imported. ``problems`` lists every problem found, one per line of ``message``."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def problem(path: str, message: str) -> str:
    return _("%(path)s: %(problem)s", path=path, problem=message)


def refuse(path: str, message: str) -> ArchiveError:
    return ArchiveError(problem(path, message))


class Problems:
    """Every problem found so far, each named by its path in the archive."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.found.append(problem(path, message))

    def check(self, path: str, rule, *args, **kwargs) -> bool:
        """Apply a rule of the services; a DomainError it raises is recorded at ``path``."""
        try:
            rule(*args, **kwargs)
        except DomainError as error:
            self.add(path, error.message)
            return False
        return True

    def check_fields(self, path: str, rule, *args, **kwargs) -> bool:
        """As check, for a rule over several fields: each field it names ends a path."""
        try:
            rule(*args, **kwargs)
        except DomainError as error:
            if error.fields:
                for field, message in error.fields.items():
                    self.add(f"{path}.{field}", message)
            else:
                self.add(f"{path}.{error.field}" if error.field else path, error.message)
            return False
        return True

    def refuse_any(self) -> None:
        if self.found:
            raise ArchiveError(*self.found)


class Maybe(NamedTuple):
    """A value of ``spec``'s shape, or null."""

    spec: object


STATES = tuple(NominationState)
TEXTS, TIME, OPTIONAL_TIME, CLOCK = "texts", "time", "time?", "clock"
PROGRAM = {
    "slug": "str", "title": TEXTS, "year": "int", "organizing_body": TEXTS, "timezone": "str",
    "venue": TEXTS, "judges_per_nomination": "int", "blind_judging": "bool",
    "scoring_method": tuple(Method), "nominations_open_at": OPTIONAL_TIME,
    "nominations_close_at": OPTIONAL_TIME, "judging_open_at": OPTIONAL_TIME,
    "judging_close_at": OPTIONAL_TIME, "ceremony_at": OPTIONAL_TIME,
    "results_published_at": OPTIONAL_TIME, "created_at": TIME,
}  # fmt: skip
ORGANIZATION = {"id": "int", "name": TEXTS, "bin": "str?", "city": "str?"}
USER = {"email": "str", "name": "str", "locale": tuple(LANGUAGE_NAMES), "organization": "int?"}
ROLE = {"user": "str", "role": tuple(Role), "created_at": TIME}
CRITERION = {
    "id": "int", "name": TEXTS, "description": TEXTS, "weight": "number", "max_points": "int",
    "step": "number",
}  # fmt: skip
CATEGORY = {
    "slug": "str", "title": TEXTS, "description": TEXTS, "nominee_kind": tuple(NomineeKind),
    "max_laureates": "int", "eligibility_notes": TEXTS, "criteria": [CRITERION],
}  # fmt: skip
EVENT = {
    "actor": "str?", "at": TIME, "from_state": (*STATES, None), "to_state": STATES,
    "reason": "str",
}  # fmt: skip
NOMINATION = {
    "id": "int", "category": "str", "state": STATES, "nominee_kind": tuple(NomineeKind),
    "org_name": TEXTS, "bin": "str?", "city": "str", "website": "str", "person_name": "str",
    "person_position": "str", "person_workplace": "str", "team_name": "str",
    "team_members": ["str"], "justification": "str", "achievements": ["str"],
    "contact_name": "str", "contact_phone": "str", "contact_email": "str",
    "merged_into_id": "int?", "submitting_organization": "int", "created_by": "str?",
    "created_at": TIME, "updated_at": TIME, "submitted_at": OPTIONAL_TIME,
    "returned_at": OPTIONAL_TIME, "accepted_at": OPTIONAL_TIME, "rejected_at": OPTIONAL_TIME,
    "withdrawn_at": OPTIONAL_TIME, "merged_at": OPTIONAL_TIME, "events": [EVENT],
}  # fmt: skip
ASSIGNMENT = {"nomination": "int", "judge": "str", "assigned_by": "str?", "created_at": TIME}
CONFLICT = {
    "nomination": "int", "judge": "str", "source": tuple(ConflictSource), "reason": "str",
    "created_by": "str?", "created_at": TIME,
}  # fmt: skip
SCORECARD = {
    "id": "int", "nomination": "int", "judge": "str", "state": tuple(ScorecardState),
    "overall_comment": "str", "version": "int", "created_at": TIME, "updated_at": TIME,
    "submitted_at": OPTIONAL_TIME,
    "scores": [{"criterion": "int", "points": "number", "comment": "str"}],
}  # fmt: skip
SNAPSHOT = {
    "category": "str", "version": "int", "method": tuple(Method), "content": "object",
    "sha256": "str", "created_by": "str?", "created_at": TIME,
    "laureates": [{"nomination": "int", "position": "int", "reason": "str"}],
}  # fmt: skip
ARCHIVE_V1 = {
    "format": (FORMAT,), "version": (1,), "exported_at": TIME,
    "organizations": [ORGANIZATION], "users": [USER], "program": PROGRAM, "roles": [ROLE],
    "categories": [CATEGORY], "nominations": [NOMINATION], "assignments": [ASSIGNMENT],
    "conflicts": [CONFLICT], "scorecards": [SCORECARD], "snapshots": [SNAPSHOT],
}  # fmt: skip
PICTURE = "str?"  # a PNG or JPEG as base64 text; its content is checked like an upload's
RUNNING_ORDER_ITEM = {"starts_at": CLOCK, "title": TEXTS, "presenter": TEXTS, "category": "str?"}
PARTNER = {"name": TEXTS}
SIGNATORY = {
    "position": tuple(SIGNATORY_POSITIONS), "name": TEXTS, "title": TEXTS, "signature": PICTURE,
}  # fmt: skip
CERTIFICATES = {
    "theme": "str", "print_english": "bool", "laureate_citation": TEXTS,
    "participant_citation": TEXTS, "judge_thanks_citation": TEXTS, "signatories": [SIGNATORY],
    "seal": PICTURE,
}  # fmt: skip
ARCHIVE = {
    **ARCHIVE_V1, "version": (2,), "program": {**PROGRAM, "logo": PICTURE},
    "running_order": [RUNNING_ORDER_ITEM], "partners": [PARTNER],
    "certificates": Maybe(CERTIFICATES),
}  # fmt: skip
ARCHIVE_V2 = ARCHIVE
ARCHIVE = {
    **ARCHIVE_V2, "version": (3,), "nominations": [{**NOMINATION, "person_names": TEXTS}],
}  # fmt: skip
ARCHIVE_V3 = ARCHIVE
ARCHIVE = {
    **ARCHIVE_V3, "version": (4,),
    "running_order": [{**RUNNING_ORDER_ITEM, "break_minutes": "int?"}],
    "screen": Maybe({"position": "int"}),
}  # fmt: skip
SPECS = {1: ARCHIVE_V1, 2: ARCHIVE_V2, 3: ARCHIVE_V3, 4: ARCHIVE}
# A category's qualifying rounds, with their votes and frozen outcomes: an optional section of
# any version (an archive without it is a program without rounds).
ROUND = {
    "category": "str", "position": "int", "kind": tuple(RoundKind), "name": "str",
    "title": TEXTS, "opens_at": OPTIONAL_TIME, "closes_at": OPTIONAL_TIME,
    "majority": "number", "created_at": TIME, "decided_at": OPTIONAL_TIME,
    "decided_by": "str?", "content": Maybe("object"), "sha256": "str?", "jurors": ["str"],
    "votes": [{"nomination": "int", "judge": "str", "verdict": tuple(Verdict), "comment": "str",
               "created_at": TIME, "updated_at": TIME}],
    "outcomes": [{"nomination": "int", "advanced": "bool", "tie_reason": "str?"}],
}  # fmt: skip
# Sections an archive may carry or not (older archives have none): the jury's meeting and the
# record of each version of its protocol (never its token; its file stays where it was made).
JURY_MEETING = {
    "held_at": TIME, "place": TEXTS, "absent": ["str"], "updated_by": "str?", "updated_at": TIME,
}  # fmt: skip
PROTOCOL = {
    "version": "int", "serial": "str", "theme": "str", "sha256": "str", "content_sha256": "str",
    "snapshots": [{"category": "str", "version": "int", "sha256": "str"}],
    "created_by": "str?", "created_at": TIME,
}  # fmt: skip
# Who comes on stage for each laureate: their answer and seat (never the invitation's link).
GUEST = {
    "nomination": "int", "language": tuple(LANGUAGE_NAMES), "representative_name": TEXTS,
    "representative_position": TEXTS, "attending": "bool?", "guests": "int",
    "seat_row": "str?", "seat_number": "str?", "invited_at": OPTIONAL_TIME,
    "reminded_at": OPTIONAL_TIME, "answered_at": OPTIONAL_TIME,
}  # fmt: skip
# The feedback letters released to the nominating committees (never the letters themselves).
FEEDBACK_RELEASE = {"nomination": "int", "released_at": TIME, "released_by": "str?"}
OPTIONAL_SECTIONS = {
    "jury_meeting": Maybe(JURY_MEETING), "protocols": [PROTOCOL], "guests": [GUEST],
    "feedback_releases": [FEEDBACK_RELEASE],
    "rounds": [ROUND],
}  # fmt: skip


def parse_archive(content: bytes) -> dict:
    """The archive's document, or an ArchiveError naming the line of the problem."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise ArchiveError(_("Line %(line)d is not UTF-8 text.", line=line)) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            _("Line %(line)d, column %(column)d is not valid JSON: %(detail)s.",
              line=exc.lineno, column=exc.colno, detail=exc.msg)
        ) from exc  # fmt: skip
    check_shape(document)
    check_references(document)
    return document


def _is_time(value) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _is_clock(value) -> bool:
    """A time of day as hours and minutes, such as 10:30."""
    try:
        return isinstance(value, str) and len(value) == 5 and time.fromisoformat(value) is not None
    except ValueError:
        return False


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


SCALARS = {
    "str": (lambda v: isinstance(v, str), lambda: _("a text")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), lambda: _("a whole number")),
    "number": (_is_number, lambda: _("a number")),
    "bool": (lambda v: isinstance(v, bool), lambda: _("true or false")),
    TIME: (_is_time, lambda: _("a date and time such as 2025-12-19T10:00:00")),
    CLOCK: (_is_clock, lambda: _("a time of day such as 10:30")),
    TEXTS: (
        lambda v: isinstance(v, dict) and all(isinstance(t, str) for t in v.values()),
        lambda: _('texts by language, such as {"kk": "…", "ru": "…"}'),
    ),
    "object": (lambda v: isinstance(v, dict), lambda: _("an object")),
}


def _one_of(value, choices: tuple) -> bool:
    # Compared as JSON, since 1 == True == 1.0 in Python but not in an archive.
    text = json.dumps(value)
    return any(text == json.dumps(choice) for choice in choices)


def _check(value, spec, path: str, problems: Problems) -> None:
    if isinstance(spec, Maybe):
        if value is not None:
            _check(value, spec.spec, path, problems)
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            return problems.add(path, _("must be an object."))
        for key, inner in spec.items():
            if key not in value:
                problems.add(f"{path}.{key}", _("is missing."))
            else:
                _check(value[key], inner, f"{path}.{key}", problems)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            return problems.add(path, _("must be a list."))
        for index, item in enumerate(value):
            _check(item, spec[0], f"{path}[{index}]", problems)
    elif isinstance(spec, tuple):
        if not _one_of(value, spec):
            choices = ", ".join(json.dumps(choice) for choice in spec)
            problems.add(path, _("must be one of: %(choices)s.", choices=choices))
    elif not (value is None and spec.endswith("?")):
        accepts, expected = SCALARS[spec.rstrip("?")]
        if not accepts(value):
            problems.add(path, _("must be %(expected)s.", expected=expected()))


def check_shape(document) -> None:
    """Every required key present with a value of the right kind, for the archive's version."""
    problems = Problems()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        # Something else entirely: its format says so, the rest would only be noise.
        _check(document, {"format": ARCHIVE["format"]}, "$", problems)
        problems.refuse_any()
    if not _one_of(document.get("version"), READABLE_VERSIONS):
        raise refuse("$.version", _("this installation reads archives of versions 1 to %(v)d.",
                                    v=VERSION))  # fmt: skip
    _check(document, SPECS[document["version"]], "$", problems)
    for key, spec in OPTIONAL_SECTIONS.items():
        if key in document:
            _check(document[key], spec, f"$.{key}", problems)
    problems.refuse_any()


def _unique(items: list[dict], key: str, path: str, problems: Problems) -> set:
    seen = set()
    for index, item in enumerate(items):
        if item[key] in seen:
            problems.add(f"{path}[{index}].{key}", _("appears twice."))
        seen.add(item[key])
    return seen


def _known(value, known, path: str, problems: Problems) -> None:
    if value is not None and value not in known:
        problems.add(path, _("refers to %(value)s, which the archive does not contain.",
                             value=json.dumps(value, ensure_ascii=False)))  # fmt: skip


def _check_merges(nominations: list[dict], problems: Problems) -> None:
    targets = {n["id"]: n["merged_into_id"] for n in nominations}
    for index, nomination in enumerate(nominations):
        seen, current = {nomination["id"]}, nomination["merged_into_id"]
        while current in targets:  # a target the archive lacks was reported as unknown
            if current in seen:
                problems.add(f"$.nominations[{index}].merged_into_id", _("merges in a circle."))
                break
            seen.add(current)
            current = targets[current]


def _check_people(document: dict, organizations: set, emails: set, problems: Problems) -> None:
    for i, user in enumerate(document["users"]):
        _known(user["organization"], organizations, f"$.users[{i}].organization", problems)
    for i, role in enumerate(document["roles"]):
        _known(role["user"], emails, f"$.roles[{i}].user", problems)


def _check_nominations(document: dict, organizations: set, emails: set, problems) -> set:
    slugs = _unique(document["categories"], "slug", "$.categories", problems)
    nominations = _unique(document["nominations"], "id", "$.nominations", problems)
    for i, n in enumerate(document["nominations"]):
        path = f"$.nominations[{i}]"
        _known(n["category"], slugs, f"{path}.category", problems)
        _known(n["submitting_organization"], organizations, f"{path}.submitting_organization",
               problems)  # fmt: skip
        _known(n["created_by"], emails, f"{path}.created_by", problems)
        _known(n["merged_into_id"], nominations, f"{path}.merged_into_id", problems)
        for j, event in enumerate(n["events"]):
            _known(event["actor"], emails, f"{path}.events[{j}].actor", problems)
    _check_merges(document["nominations"], problems)
    for i, snapshot in enumerate(document["snapshots"]):
        _known(snapshot["category"], slugs, f"$.snapshots[{i}].category", problems)
        _known(snapshot["created_by"], emails, f"$.snapshots[{i}].created_by", problems)
        for j, laureate in enumerate(snapshot["laureates"]):
            path = f"$.snapshots[{i}].laureates[{j}].nomination"
            _known(laureate["nomination"], nominations, path, problems)
    return nominations


def _rubrics(document: dict, problems: Problems) -> dict[str, set]:
    """Each category's criterion ids; an id names one criterion in the whole archive."""
    rubrics, seen = {}, set()
    for i, category in enumerate(document["categories"]):
        rubrics[category["slug"]] = set()
        for j, criterion in enumerate(category["criteria"]):
            if criterion["id"] in seen:
                problems.add(f"$.categories[{i}].criteria[{j}].id", _("appears twice."))
            seen.add(criterion["id"])
            rubrics[category["slug"]].add(criterion["id"])
    return rubrics


def _check_judging(document: dict, nominations: set, emails: set, problems: Problems) -> None:
    _unique(document["scorecards"], "id", "$.scorecards", problems)
    for table in ("assignments", "conflicts", "scorecards"):
        for i, record in enumerate(document[table]):
            _known(record["nomination"], nominations, f"$.{table}[{i}].nomination", problems)
            for key in ("judge", "assigned_by", "created_by"):
                _known(record.get(key), emails, f"$.{table}[{i}].{key}", problems)
    rubrics = _rubrics(document, problems)
    category_of = {n["id"]: n["category"] for n in document["nominations"]}
    for i, card in enumerate(document["scorecards"]):
        if "comments_shareable" in card:  # optional: an older archive shares no comments
            _check(card["comments_shareable"], "bool", f"$.scorecards[{i}].comments_shareable",
                   problems)  # fmt: skip
        rubric = rubrics.get(category_of.get(card["nomination"]), set())
        for j, score in enumerate(card["scores"]):
            path = f"$.scorecards[{i}].scores[{j}].criterion"
            _known(score["criterion"], rubric, path, problems)


def _check_rounds(document: dict, nominations: set, emails: set, problems: Problems) -> None:
    slugs = {category["slug"] for category in document["categories"]}
    for i, item in enumerate(document.get("rounds", [])):
        path = f"$.rounds[{i}]"
        _known(item["category"], slugs, f"{path}.category", problems)
        _known(item["decided_by"], emails, f"{path}.decided_by", problems)
        for j, email in enumerate(item["jurors"]):
            _known(email, emails, f"{path}.jurors[{j}]", problems)
        for j, vote in enumerate(item["votes"]):
            _known(vote["nomination"], nominations, f"{path}.votes[{j}].nomination", problems)
            _known(vote["judge"], emails, f"{path}.votes[{j}].judge", problems)
        for j, outcome in enumerate(item["outcomes"]):
            _known(outcome["nomination"], nominations, f"{path}.outcomes[{j}].nomination",
                   problems)  # fmt: skip


def _check_setup(document: dict, nominations: set, problems: Problems) -> None:
    slugs = {category["slug"] for category in document["categories"]}
    for i, guest in enumerate(document.get("guests", [])):
        _known(guest["nomination"], nominations, f"$.guests[{i}].nomination", problems)
    for i, item in enumerate(document.get("running_order", [])):
        _known(item["category"], slugs, f"$.running_order[{i}].category", problems)
    if document.get("certificates"):
        signatories = document["certificates"]["signatories"]
        _unique(signatories, "position", "$.certificates.signatories", problems)
    _unique(document.get("guests", []), "nomination", "$.guests", problems)
    for i, release in enumerate(document.get("feedback_releases", [])):
        path = f"$.feedback_releases[{i}].nomination"
        _known(release["nomination"], nominations, path, problems)
    _unique(document.get("feedback_releases", []), "nomination", "$.feedback_releases", problems)


def _check_protocols(document: dict, emails: set, problems: Problems) -> None:
    meeting = document.get("jury_meeting")
    if meeting:
        for i, email in enumerate(meeting["absent"]):
            _known(email, emails, f"$.jury_meeting.absent[{i}]", problems)
        _known(meeting["updated_by"], emails, "$.jury_meeting.updated_by", problems)
    protocols = document.get("protocols", [])
    _unique(protocols, "version", "$.protocols", problems)
    _unique(protocols, "serial", "$.protocols", problems)
    for i, protocol in enumerate(protocols):
        _known(protocol["created_by"], emails, f"$.protocols[{i}].created_by", problems)


def check_references(document: dict) -> None:
    """Every id, slug and email a record mentions belongs to a record of the archive; no record
    appears twice."""
    problems = Problems()
    organizations = _unique(document["organizations"], "id", "$.organizations", problems)
    emails = _unique(document["users"], "email", "$.users", problems)
    _check_people(document, organizations, emails, problems)
    nominations = _check_nominations(document, organizations, emails, problems)
    _check_judging(document, nominations, emails, problems)
    _check_rounds(document, nominations, emails, problems)
    _check_setup(document, nominations, problems)
    _check_protocols(document, emails, problems)
    problems.refuse_any()
