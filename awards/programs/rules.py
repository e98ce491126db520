"""The rules a program's settings, categories and criteria follow, as plain functions: the
services apply them, the forms take their limits from here, the archive import calls them."""

import re
from functools import partial
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from awards.errors import DomainError, FieldErrors
from awards.formats import number
from awards.i18n import REQUIRED_LANGUAGES, check_length, clean_texts

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
TITLE_MAX = 300  # program, category and criterion titles, organizing body, venue
NOTES_MAX = 4000  # a category's description and eligibility notes
CRITERION_NOTES_MAX = 2000
YEARS = (2000, 2100)
JUDGES_PER_NOMINATION = (1, 50)
NORMALIZATION_MINIMUM = (2, 1000)  # scorecards a juror needs to be normalized on their own
MAX_LAUREATES = 1000
WEIGHTS = (0.01, 1000)
MAX_POINTS = (1, 1000)
SMALLEST_STEP = 0.01
WINDOWS = (
    ("nominations_open_at", "nominations_close_at"),
    ("judging_open_at", "judging_close_at"),
)


def check_texts(
    value: dict | None, *, field: str, required: bool = True, multiline: bool = False,
    max_length: int = TITLE_MAX,
) -> dict:  # fmt: skip
    """The texts cleaned (see clean_texts); Kazakh and Russian when ``required``."""
    texts = clean_texts(value, multiline=multiline)
    if required and any(code not in texts for code in REQUIRED_LANGUAGES):
        raise DomainError(_("Fill in the Kazakh and Russian versions."), field=field)
    check_length(texts, max_length=max_length, field=field)
    return texts


def check_slug(slug: str | None) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        raise DomainError(
            _("Use lowercase Latin letters, digits and hyphens, for example best-patron."),
            field="slug",
        )
    return slug


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_year(year) -> int:
    if not _whole(year) or not YEARS[0] <= year <= YEARS[1]:
        raise DomainError(
            _("Enter a year from %(first)d to %(last)d.", first=YEARS[0], last=YEARS[1]),
            field="year",
        )
    return year


def check_timezone(name: str | None) -> str:
    """A time zone this installation knows by its IANA name (Asia/Almaty)."""
    try:
        ZoneInfo(name or "")
    except (ValueError, KeyError, OSError, TypeError) as error:  # not found: KeyError
        raise DomainError(_("Choose a time zone."), field="timezone") from error
    return name


def check_judges_per_nomination(count) -> int:
    if not _whole(count) or count < JUDGES_PER_NOMINATION[0]:
        raise DomainError(
            _("Each nomination needs at least one scorecard."), field="judges_per_nomination"
        )
    if count > JUDGES_PER_NOMINATION[1]:
        raise DomainError(
            _("At most %(n)d scorecards per nomination.", n=JUDGES_PER_NOMINATION[1]),
            field="judges_per_nomination",
        )
    return count


def check_normalization_minimum(count) -> int:
    """At least 2: a single scorecard has no spread to normalize by."""
    low, high = NORMALIZATION_MINIMUM
    if not _whole(count) or not low <= count <= high:
        raise DomainError(
            _("Give a whole number from %(low)d to %(high)d.", low=low, high=high),
            field="normalization_min_scorecards",
        )
    return count


DEGREE_RULES = ("none", "rank", "band")
DEGREES = (1, 2, 3)  # I, II and III


def check_degrees(rule, limits) -> tuple[str, list | None]:
    """A category's degrees as (rule, limits): none (limits None); by rank, how many
    laureates get I, II and III in ranking order (whole numbers, I at least 1); by score band,
    the minimum share of the maximum total, in %, for I, II and III (each lower than the one
    before, from 0 to 100). The problems are named on the field degree_limits."""
    if rule not in DEGREE_RULES:
        raise DomainError(_("Choose how degrees are given."), field="degree_rule")
    if rule == "none":
        return rule, None
    values = list(limits or [])
    if len(values) != len(DEGREES) or any(v is None for v in values):
        raise DomainError(_("Give a number for each degree: I, II and III."), field="degree_limits")
    if rule == "rank":
        if not all(_whole(v) or (isinstance(v, float) and v.is_integer()) for v in values):
            raise DomainError(_("Give whole numbers of laureates."), field="degree_limits")
        values = [int(v) for v in values]
        if values[0] < 1 or min(values) < 0 or sum(values) > MAX_LAUREATES:
            raise DomainError(
                _("At least one laureate gets degree I; none of the numbers is negative."),
                field="degree_limits",
            )
        return rule, values
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values) or not (
        100 >= values[0] > values[1] > values[2] >= 0
    ):
        raise DomainError(
            _("Give the shares from 100 down to 0, each lower than the one before."),
            field="degree_limits",
        )
    return rule, [round(float(v), 2) for v in values]


def check_windows(fields: dict) -> None:
    """Each window that has both ends closes after it opens (both windows named at once)."""
    problems = FieldErrors()
    for opens, closes in WINDOWS:
        if fields.get(opens) and fields.get(closes) and fields[opens] >= fields[closes]:
            problems.add(
                DomainError(_("The closing time must come after the opening time."), field=closes)
            )
    problems.raise_any()


def check_max_laureates(count) -> int:
    if not _whole(count) or count < 0:
        raise DomainError(_("Enter 0 for no limit or a positive number."), field="max_laureates")
    if count > MAX_LAUREATES:
        raise DomainError(
            _("At most %(n)d laureates per category.", n=MAX_LAUREATES), field="max_laureates"
        )
    return count


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_weight(weight) -> None:
    if not _number(weight) or not WEIGHTS[0] <= weight <= WEIGHTS[1]:
        raise DomainError(
            _(
                "The weight must be from %(low)s to %(high)s.",
                low=number(WEIGHTS[0]),
                high=number(WEIGHTS[1]),
            ),
            field="weight",
        )


def _check_max_points(max_points) -> None:
    if not _whole(max_points) or not MAX_POINTS[0] <= max_points <= MAX_POINTS[1]:
        raise DomainError(
            _("The maximum must be a whole number from %(low)d to %(high)d.",
              low=MAX_POINTS[0], high=MAX_POINTS[1]),
            field="max_points",
        )  # fmt: skip


def _check_step(step, max_points) -> None:
    # A maximum that is itself wrong (or missing) bounds nothing: the step then only has a floor.
    ceiling = max_points if _whole(max_points) and max_points >= MAX_POINTS[0] else MAX_POINTS[1]
    if not _number(step) or not SMALLEST_STEP <= step <= ceiling:
        raise DomainError(
            _("The step must be from %(low)s up to the maximum.", low=number(SMALLEST_STEP)),
            field="step",
        )


def check_rubric_numbers(weight, max_points, step) -> None:
    """A weight and a maximum in their ranges, and a step from 0.01 up to the maximum; every
    one that is wrong is named at once."""
    problems = FieldErrors()
    problems.run(_check_weight, weight)
    problems.run(_check_max_points, max_points)
    problems.run(_check_step, step, max_points)
    problems.raise_any()


def _same(value):
    return value


def _notes(field: str, max_length: int) -> partial:
    return partial(check_texts, field=field, required=False, multiline=True, max_length=max_length)


# Each setting's rule by its name: the services clean with these, the archive import checks with
# them one field at a time so that it can list every problem.
PROGRAM_RULES = {
    "title": partial(check_texts, field="title"),
    "organizing_body": partial(check_texts, field="organizing_body", required=False),
    "venue": partial(check_texts, field="venue", required=False),
    "year": check_year,
    "timezone": check_timezone,
    "judges_per_nomination": check_judges_per_nomination,
    "normalization_min_scorecards": check_normalization_minimum,
}
CATEGORY_RULES = {
    "slug": check_slug,
    "title": partial(check_texts, field="title"),
    "description": _notes("description", NOTES_MAX),
    "eligibility_notes": _notes("eligibility_notes", NOTES_MAX),
    "max_laureates": check_max_laureates,
}
CRITERION_RULES = {
    "name": partial(check_texts, field="name"),
    "description": _notes("description", CRITERION_NOTES_MAX),
}


def cleaned(rules: dict, fields: dict) -> dict:
    """``fields`` with each value that has a rule cleaned by it; every broken rule is named at
    once, in one DomainError (see awards.errors.FieldErrors)."""
    problems = FieldErrors()
    result = {name: problems.run(rules.get(name, _same), value) for name, value in fields.items()}
    problems.raise_any()
    return result
