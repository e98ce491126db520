"""A criterion's levels: what a range of points means ("0–3 weak, 4–6 sound, 7–10 outstanding"),
in Kazakh and Russian (and English), as one list ordered from the lowest points up. The rule
the criterion form, the services and the archive import apply, and the reading of a level."""

from flask_babel import gettext as _

from awards.errors import DomainError
from awards.formats import number
from awards.i18n import REQUIRED_LANGUAGES, clean_texts, localized

FIELD = "level_rows"
MAX_LEVELS = 10
LABEL_MAX = 200


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _plain(value: float) -> int | float:
    """3.0 is kept as 3, so that the archive and the page read "3", not "3.0"."""
    return int(value) if float(value).is_integer() else float(value)


def _one_level(n: int, level, max_points: int, previous_high) -> dict:
    """The level cleaned, or a DomainError naming it by its place in the list (``n``)."""
    if not isinstance(level, dict):
        raise DomainError(_("Level %(n)d: give its points and its description.", n=n))
    low, high = level.get("low"), level.get("high")
    if not (_number(low) and _number(high)):
        raise DomainError(_("Level %(n)d: give its lowest and highest points.", n=n))
    if not 0 <= low <= high <= max_points:
        raise DomainError(
            _("Level %(n)d: its points must be from 0 to %(max)d, the lowest first.",
              n=n, max=max_points)
        )  # fmt: skip
    if previous_high is not None and low <= previous_high:
        raise DomainError(
            _("Level %(n)d must start above %(points)s, where the level before it ends: "
              "list the levels from the lowest points up, without overlapping.",
              n=n, points=number(previous_high))
        )  # fmt: skip
    label = level.get("label")
    texts = clean_texts(label if isinstance(label, dict) else {})
    if any(code not in texts for code in REQUIRED_LANGUAGES):
        raise DomainError(
            _("Level %(n)d: fill in the Kazakh and Russian versions of its description.", n=n)
        )
    if any(len(text) > LABEL_MAX for text in texts.values()):
        raise DomainError(_("Level %(n)d: use at most %(max)d characters.", n=n, max=LABEL_MAX))
    return {"low": _plain(low), "high": _plain(high), "label": texts}


def check_levels(levels, max_points) -> list[dict]:
    """The levels cleaned (numbers as given, texts trimmed), or a DomainError beside the levels:
    each within 0..``max_points``, the lowest first, none overlapping the one before, each
    described at least in Kazakh and Russian. No levels at all is allowed."""
    if levels is None:
        return []
    if not isinstance(levels, list):
        raise DomainError(_("The levels must be a list."), field=FIELD)
    if len(levels) > MAX_LEVELS:
        raise DomainError(_("At most %(n)d levels.", n=MAX_LEVELS), field=FIELD)
    bound = max_points if _number(max_points) else 0
    cleaned, previous_high = [], None
    for n, level in enumerate(levels, start=1):
        try:
            cleaned.append(_one_level(n, level, bound, previous_high))
        except DomainError as error:
            raise DomainError(error.message, field=FIELD) from error
        previous_high = cleaned[-1]["high"]
    return cleaned


def level_for(levels: list[dict], points: float | None) -> dict | None:
    """The level ``points`` fall in, or None (no points, or a gap between levels)."""
    if points is None:
        return None
    return next((lv for lv in levels if lv["low"] <= points <= lv["high"]), None)


def level_lines(levels: list[dict], language: str | None = None) -> list[str]:
    """Each level as one line in the reader's language: "0–3: weak"."""
    return [
        f"{number(level['low'])}–{number(level['high'])}: {localized(level['label'], language)}"
        for level in levels
    ]
