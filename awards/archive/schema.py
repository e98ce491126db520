"""Reading an archive before anything is written: JSON syntax problems are reported with their
line, a wrong shape with its JSON path (``$.nominations[3].state``), references to records the
archive does not contain with the path of the reference. Touches no database."""

import json
import math
from datetime import datetime

from flask_babel import gettext as _

from awards.archive.writing import FORMAT, VERSION
from awards.errors import DomainError
from awards.i18n import LANGUAGE_NAMES
from awards.judging.models import ConflictSource, ScorecardState
from awards.nominations.models import NominationState
from awards.programs.models import NomineeKind, Role
from awards.results.aggregation import Method


class ArchiveError(DomainError):
    """A file that is not a readable archive; nothing was imported."""


STATES = tuple(NominationState)
TEXTS, TIME, OPTIONAL_TIME = "texts", "time", "time?"
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
ARCHIVE = {
    "format": (FORMAT,), "version": (VERSION,), "exported_at": TIME,
    "organizations": [ORGANIZATION], "users": [USER], "program": PROGRAM, "roles": [ROLE],
    "categories": [CATEGORY], "nominations": [NOMINATION], "assignments": [ASSIGNMENT],
    "conflicts": [CONFLICT], "scorecards": [SCORECARD], "snapshots": [SNAPSHOT],
}  # fmt: skip


def refuse(path: str, message: str) -> ArchiveError:
    return ArchiveError(_("%(path)s: %(problem)s", path=path, problem=message))


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


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


SCALARS = {
    "str": (lambda v: isinstance(v, str), lambda: _("a text")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), lambda: _("a whole number")),
    "number": (_is_number, lambda: _("a number")),
    "bool": (lambda v: isinstance(v, bool), lambda: _("true or false")),
    TIME: (_is_time, lambda: _("a date and time such as 2025-12-19T10:00:00")),
    TEXTS: (
        lambda v: isinstance(v, dict) and all(isinstance(t, str) for t in v.values()),
        lambda: _('texts by language, such as {"kk": "…", "ru": "…"}'),
    ),
    "object": (lambda v: isinstance(v, dict), lambda: _("an object")),
}


def _check(value, spec, path: str) -> None:
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise refuse(path, _("must be an object."))
        for key, inner in spec.items():
            if key not in value:
                raise refuse(f"{path}.{key}", _("is missing."))
            _check(value[key], inner, f"{path}.{key}")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise refuse(path, _("must be a list."))
        for index, item in enumerate(value):
            _check(item, spec[0], f"{path}[{index}]")
    elif isinstance(spec, tuple):
        if value not in spec:
            choices = ", ".join(json.dumps(choice) for choice in spec)
            raise refuse(path, _("must be one of: %(choices)s.", choices=choices))
    else:
        kind = spec.rstrip("?")
        if value is None and spec.endswith("?"):
            return
        accepts, expected = SCALARS[kind]
        if not accepts(value):
            raise refuse(path, _("must be %(expected)s.", expected=expected()))


def check_shape(document) -> None:
    """Every required key present with a value of the right kind."""
    newer = isinstance(document, dict) and document.get("format") == FORMAT
    if newer and document.get("version") != VERSION:
        raise refuse("$.version", _("this installation reads archives of version %(v)d.",
                                    v=VERSION))  # fmt: skip
    _check(document, ARCHIVE, "$")


def _unique(items: list[dict], key: str, path: str) -> set:
    seen = set()
    for index, item in enumerate(items):
        if item[key] in seen:
            raise refuse(f"{path}[{index}].{key}", _("appears twice."))
        seen.add(item[key])
    return seen


def _known(value, known, path: str) -> None:
    if value is not None and value not in known:
        raise refuse(path, _("refers to %(value)s, which the archive does not contain.",
                             value=json.dumps(value, ensure_ascii=False)))  # fmt: skip


def _check_merges(nominations: list[dict]) -> None:
    targets = {n["id"]: n["merged_into_id"] for n in nominations}
    for index, nomination in enumerate(nominations):
        seen, current = {nomination["id"]}, nomination["merged_into_id"]
        while current is not None:
            if current in seen:
                raise refuse(f"$.nominations[{index}].merged_into_id", _("merges in a circle."))
            seen.add(current)
            current = targets[current]


def _check_people(document: dict, organizations: set, emails: set) -> None:
    for i, user in enumerate(document["users"]):
        _known(user["organization"], organizations, f"$.users[{i}].organization")
    for i, role in enumerate(document["roles"]):
        _known(role["user"], emails, f"$.roles[{i}].user")


def _check_nominations(document: dict, organizations: set, emails: set) -> set:
    slugs = _unique(document["categories"], "slug", "$.categories")
    nominations = _unique(document["nominations"], "id", "$.nominations")
    for i, n in enumerate(document["nominations"]):
        path = f"$.nominations[{i}]"
        _known(n["category"], slugs, f"{path}.category")
        _known(n["submitting_organization"], organizations, f"{path}.submitting_organization")
        _known(n["created_by"], emails, f"{path}.created_by")
        _known(n["merged_into_id"], nominations, f"{path}.merged_into_id")
        for j, event in enumerate(n["events"]):
            _known(event["actor"], emails, f"{path}.events[{j}].actor")
    _check_merges(document["nominations"])
    for i, snapshot in enumerate(document["snapshots"]):
        _known(snapshot["category"], slugs, f"$.snapshots[{i}].category")
        _known(snapshot["created_by"], emails, f"$.snapshots[{i}].created_by")
        for j, laureate in enumerate(snapshot["laureates"]):
            path = f"$.snapshots[{i}].laureates[{j}].nomination"
            _known(laureate["nomination"], nominations, path)
    return nominations


def _rubrics(document: dict) -> dict[str, set]:
    """Each category's criterion ids; an id names one criterion in the whole archive."""
    rubrics, seen = {}, set()
    for i, category in enumerate(document["categories"]):
        rubrics[category["slug"]] = set()
        for j, criterion in enumerate(category["criteria"]):
            if criterion["id"] in seen:
                raise refuse(f"$.categories[{i}].criteria[{j}].id", _("appears twice."))
            seen.add(criterion["id"])
            rubrics[category["slug"]].add(criterion["id"])
    return rubrics


def _check_judging(document: dict, nominations: set, emails: set) -> None:
    _unique(document["scorecards"], "id", "$.scorecards")
    for table in ("assignments", "conflicts", "scorecards"):
        for i, record in enumerate(document[table]):
            _known(record["nomination"], nominations, f"$.{table}[{i}].nomination")
            for key in ("judge", "assigned_by", "created_by"):
                _known(record.get(key), emails, f"$.{table}[{i}].{key}")
    rubrics = _rubrics(document)
    category_of = {n["id"]: n["category"] for n in document["nominations"]}
    for i, card in enumerate(document["scorecards"]):
        rubric = rubrics[category_of[card["nomination"]]]
        for j, score in enumerate(card["scores"]):
            _known(score["criterion"], rubric, f"$.scorecards[{i}].scores[{j}].criterion")


def check_references(document: dict) -> None:
    """Every id, slug and email a record mentions belongs to a record of the archive."""
    organizations = _unique(document["organizations"], "id", "$.organizations")
    emails = _unique(document["users"], "email", "$.users")
    _check_people(document, organizations, emails)
    nominations = _check_nominations(document, organizations, emails)
    _check_judging(document, nominations, emails)
