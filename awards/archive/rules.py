"""The rules of the forms and services, applied to every record of an archive before anything
is written: each broken rule is named by its path, and an archive that breaks any is refused
whole. The rules are the services' own functions, never copies of them."""

from flask_babel import gettext as _

from awards.accounts.organizations import clean_bin
from awards.accounts.services import NAME_MAX, check_email
from awards.archive.guests import check_guests
from awards.archive.records import parse_time
from awards.archive.schema import Problems
from awards.archive.setup import check_setup
from awards.i18n import check_length, clean_texts
from awards.judging.scoring import InvalidScores, clean_points
from awards.nominations.fields import LIMITS, clean_field
from awards.programs import rules
from awards.programs.levels import check_levels
from awards.programs.models import Criterion
from awards.results.services import digest

WINDOW_TIMES = tuple(name for window in rules.WINDOWS for name in window)
OPTIONAL_PROGRAM_FIELDS = ("normalization_min_scorecards",)


def _program(data: dict, slug: str, problems: Problems) -> None:
    problems.check("$.program.slug", rules.check_slug, slug)
    for name, rule in rules.PROGRAM_RULES.items():
        if name in OPTIONAL_PROGRAM_FIELDS and name not in data:
            continue  # an archive written before the setting existed: its default
        problems.check(f"$.program.{name}", rule, data[name])
    times = {name: parse_time(data[name]) for name in WINDOW_TIMES}
    problems.check_fields("$.program", rules.check_windows, times)


def _organizations(document: dict, problems: Problems) -> None:
    for i, organization in enumerate(document["organizations"]):
        path = f"$.organizations[{i}]"
        if not clean_texts(organization["name"]):
            problems.add(f"{path}.name", _("Enter the organization's name."))
        problems.check(f"{path}.name", clean_field, "org_name", organization["name"])
        problems.check(f"{path}.bin", clean_bin, organization["bin"])
        problems.check(f"{path}.city", clean_field, "city", organization["city"])


def _users(document: dict, problems: Problems) -> None:
    for i, user in enumerate(document["users"]):
        problems.check(f"$.users[{i}].email", check_email, user["email"])
        problems.check(f"$.users[{i}].name", check_length, user["name"].strip(),
                       max_length=NAME_MAX)  # fmt: skip


def _criterion(data: dict, path: str, problems: Problems) -> Criterion | None:
    """The criterion's numbers, to check points against, if they follow the rules."""
    for name, rule in rules.CRITERION_RULES.items():
        problems.check(f"{path}.{name}", rule, data[name])
    numbers = (data["weight"], data["max_points"], data["step"])
    if not problems.check_fields(path, rules.check_rubric_numbers, *numbers):
        return None
    problems.check(f"{path}.levels", check_levels, data.get("levels", []), data["max_points"])
    return Criterion(id=data["id"], max_points=data["max_points"], step=data["step"])


def _rubrics(document: dict, problems: Problems) -> dict[int, Criterion | None]:
    """Every archived criterion by its id (None when its own numbers break the rules)."""
    criteria = {}
    for i, category in enumerate(document["categories"]):
        path = f"$.categories[{i}]"
        for name, rule in rules.CATEGORY_RULES.items():
            problems.check(f"{path}.{name}", rule, category[name])
        if "degree_rule" in category:  # optional: an older archive gives no degrees
            problems.check_fields(
                path, rules.check_degrees, category["degree_rule"], category.get("degree_limits")
            )
        for j, data in enumerate(category["criteria"]):
            criteria[data["id"]] = _criterion(data, f"{path}.criteria[{j}]", problems)
    return criteria


def _nominations(document: dict, problems: Problems) -> None:
    kinds = {category["slug"]: category["nominee_kind"] for category in document["categories"]}
    for i, nomination in enumerate(document["nominations"]):
        path = f"$.nominations[{i}]"
        for name in LIMITS:
            problems.check(f"{path}.{name}", clean_field, name, nomination[name])
        if "person_names" in nomination:
            problems.check(
                f"{path}.person_names", clean_field, "person_name", nomination["person_names"]
            )
        if nomination["nominee_kind"] != kinds[nomination["category"]]:
            problems.add(f"{path}.nominee_kind", _("differs from its category's kind of nominee."))
        if not isinstance(nomination.get("is_practice", False), bool):
            problems.add(
                f"{path}.is_practice", _("must be %(expected)s.", expected=_("true or false"))
            )


def _scorecards(document: dict, criteria: dict[int, Criterion | None], problems) -> None:
    """Points by the very rule of online scoring and paper ballots (judging.scoring). A card
    submitted before a criterion was added lacks its points, rightly, so none is required."""
    category_of = {n["id"]: n["category"] for n in document["nominations"]}
    rubric_of = {c["slug"]: [k["id"] for k in c["criteria"]] for c in document["categories"]}
    for i, card in enumerate(document["scorecards"]):
        # A criterion whose own numbers break the rules cannot judge points; it is reported.
        rubric = [criteria[k] for k in rubric_of[category_of[card["nomination"]]] if criteria[k]]
        where = {score["criterion"]: j for j, score in enumerate(card["scores"])}
        try:
            clean_points(rubric, {s["criterion"]: s["points"] for s in card["scores"]},
                         complete=False)  # fmt: skip
        except InvalidScores as error:
            for criterion_id, message in error.errors.items():
                problems.add(f"$.scorecards[{i}].scores[{where[criterion_id]}].points", message)


def _snapshots(document: dict, problems: Problems) -> None:
    for i, snapshot in enumerate(document["snapshots"]):
        if digest(snapshot["content"]) != snapshot["sha256"]:
            problems.add(f"$.snapshots[{i}].sha256", _("does not match the frozen content; the "
                                                       "archive has been changed."))  # fmt: skip


def check_rules(document: dict, *, slug: str) -> None:
    """Raise an ArchiveError listing every rule the archive (shape and references already
    checked by schema.parse_archive) breaks, imported under ``slug``. Writes nothing."""
    problems = Problems()
    _program(document["program"], slug, problems)
    _organizations(document, problems)
    _users(document, problems)
    criteria = _rubrics(document, problems)
    _nominations(document, problems)
    _scorecards(document, criteria, problems)
    _snapshots(document, problems)
    check_setup(document, problems)
    check_guests(document, problems)
    problems.refuse_any()
