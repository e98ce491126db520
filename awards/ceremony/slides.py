"""The hall screen's slides, made from plain values: the running order, each category's nominees
and frozen laureates, the partners. Pure: no Flask, no database (gathering.py reads them).

Every text is a dict of languages; a slide carries each text as its lines in SLIDE_LANGUAGES
order (Kazakh first, as the booklet and the certificates), a language whose text repeats the
one before (a Latin name) once.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

SLIDE_LANGUAGES = ("kk", "ru")
# Names on one slide: two lines each (kk, ru) in type read from the back of the hall.
NAMES_PER_SLIDE = 6
KINDS = ("title", "point", "category", "nominees", "reveal", "partners", "break")


@dataclass(frozen=True)
class Slide:
    """One slide. ``title``: the big text; ``label``: the heading above it (e.g. "Nominees");
    ``names``: a list of names, each its lines; ``part``/``parts``: this slide's place among
    the slides one list of names is split over; ``ends_at``: a break's end (wall-clock time of
    the ceremony day), ``until``: the same as "HH:MM"."""

    kind: str
    title: tuple = ()
    label: tuple = ()
    subtitle: tuple = ()
    names: tuple = ()
    part: int = 1
    parts: int = 1
    until: str | None = None
    ends_at: datetime | None = None
    category: str | None = None  # the category's short name, on its category/nominees/reveal

    @property
    def texts(self) -> list[str]:
        """Every text on the slide, in reading order (tests and the control page use it)."""
        lines = [*self.label, *self.title, *self.subtitle]
        return lines + [line for name in self.names for line in name]


@dataclass(frozen=True)
class Category:
    slug: str
    title: dict
    nominees: list[dict]
    # The frozen laureates in their order; None while the results are not frozen.
    laureates: list[dict] | None = None


@dataclass(frozen=True)
class Point:
    starts_at: time
    title: dict
    presenter: dict = field(default_factory=dict)
    break_minutes: int | None = None
    category: Category | None = None


def lines(texts: dict | None) -> tuple:
    """A text's lines in SLIDE_LANGUAGES order, each different line once."""
    texts = texts or {}
    return tuple(dict.fromkeys(texts[code] for code in SLIDE_LANGUAGES if texts.get(code)))


def _chunks(names: list[dict]) -> list[list[dict]]:
    return [names[i : i + NAMES_PER_SLIDE] for i in range(0, len(names), NAMES_PER_SLIDE)]


def _listed(kind: str, label: dict, names: list[dict], **fields) -> list[Slide]:
    chunks = _chunks(names)
    return [
        Slide(kind, label=lines(label), names=tuple(lines(name) for name in chunk),
              part=number, parts=len(chunks), **fields)
        for number, chunk in enumerate(chunks, start=1)
    ]  # fmt: skip


def _category_slides(point: Point, category: Category, labels: dict) -> list[Slide]:
    """The category's title, its nominees (laureates among them, unmarked: leaving them out
    would tell), then the reveal. A category whose results are not frozen has no reveal slide:
    the hall sees its nominees and the ceremony moves on (the control page warns)."""
    slides = [Slide("category", title=lines(category.title), label=lines(point.title),
                    subtitle=lines(point.presenter), category=category.slug)]  # fmt: skip
    slides += _listed("nominees", labels["nominees"], category.nominees, category=category.slug,
                      title=lines(category.title))  # fmt: skip
    if category.laureates:
        slides += _listed("reveal", labels["laureates"], category.laureates,
                          category=category.slug, title=lines(category.title))  # fmt: skip
    return slides


def _break_end(points: list[Point], index: int, day: date | None) -> tuple[time, datetime | None]:
    """A break ends when the next point starts, or after its minutes when it is the last one."""
    point = points[index]
    start = datetime.combine(day or date(2000, 1, 1), point.starts_at)
    end = start + timedelta(minutes=point.break_minutes or 0)
    later = points[index + 1].starts_at if index + 1 < len(points) else None
    if later is not None and later > point.starts_at:
        end = datetime.combine(start.date(), later)
    return end.time(), (end if day else None)


def build_slides(
    *, program: dict, points: list[Point], unnamed: list[Category], partners: list[dict],
    labels: dict, day: date | None = None,
) -> list[Slide]:  # fmt: skip
    """The slides in the order the hall sees them: the title, then each running-order point
    (a break counts down to the next point; a point awarding a category, at its first
    appearance, brings the category's slides), then the categories the running order does not
    name (``unnamed``), then the partners.

    ``program``: title, organizing_body, venue (texts), date (a text, or absent);
    ``labels``: nominees, laureates, partners, break (texts); ``day``: the ceremony's day,
    which a break's ``ends_at`` needs.
    """
    slides = [Slide("title", title=lines(program["title"]), label=lines(program["organizing_body"]),
                    subtitle=lines(program["venue"]) + lines(program.get("date")))]  # fmt: skip
    shown: set[str] = set()
    for index, point in enumerate(points):
        category = point.category
        if point.break_minutes:
            until, ends_at = _break_end(points, index, day)
            slides.append(Slide("break", title=lines(point.title), label=lines(labels["break"]),
                                until=until.strftime("%H:%M"), ends_at=ends_at))  # fmt: skip
        elif category is not None and category.slug not in shown:
            shown.add(category.slug)
            slides += _category_slides(point, category, labels)
        else:
            slides.append(Slide("point", title=lines(point.title), subtitle=lines(point.presenter),
                                label=(point.starts_at.strftime("%H:%M"),)))  # fmt: skip
    for category in unnamed:
        if category.slug not in shown:
            slides += _category_slides(Point(time(0), {}), category, labels)
    slides += _listed("partners", labels["partners"], partners)
    return slides


def clamp(position: int, count: int) -> int:
    """A position within [0, count - 1] (0 with no slides)."""
    return max(0, min(position, count - 1))
