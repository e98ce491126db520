"""Long lists a page at a time: offset pagination with an exact count, and addresses that keep
the rest of the request's arguments (filters, search, sort), so a page can be shared and the
back button returns to it.

Views read the page number and the sort with ``page_number`` and ``sort_key``, pass a query or
an already ordered list to ``paginate``/``paginate_list``, and the template shows
``templates/_paging.html``'s ``pager`` under the table and ``sort_header`` in its head.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import request, url_for
from sqlalchemy import Select, func, select

from awards.extensions import db

T = TypeVar("T")

PER_PAGE = 50
MAX_PAGE = 1_000_000  # beyond any list; a larger number is read as the last page
MAX_SEARCH = 200  # characters of a search box taken into account


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, its 1-based number, and the exact size of the list."""

    items: list[T]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_position(self) -> int:
        """The 1-based position in the whole list of the page's first item (0 when empty)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.items) - 1 if self.items else 0

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def page_number(args: Mapping[str, str], name: str = "page") -> int:
    """The page asked for in ``args``: a positive whole number, else the first page."""
    text = args.get(name, "")
    if not text.isascii() or not text.isdigit():
        return 1
    return min(max(int(text), 1), MAX_PAGE)


def search_text(args: Mapping[str, str], name: str = "q") -> str:
    """What was typed in a search box, trimmed (empty when nothing was)."""
    return " ".join(args.get(name, "").split())[:MAX_SEARCH]


def sort_key(
    args: Mapping[str, str], allowed: Sequence[str], name: str = "sort"
) -> tuple[str, bool]:
    """The column to sort by and whether descending: ``?sort=name`` or ``?sort=-name``, one of
    ``allowed``, else the first of ``allowed`` ascending."""
    text = args.get(name, "")
    descending = text.startswith("-")
    column = text[1:] if descending else text
    if column not in allowed:
        return allowed[0], False
    return column, descending


def _clamped(number: int, total: int, per_page: int) -> int:
    return min(number, max(1, -(-total // per_page)))


def paginate(query: Select, *, number: int, per_page: int = PER_PAGE, scalars: bool = True) -> Page:
    """The ``number``-th page of an ordered query, and its exact count: two statements, whatever
    the size of the list. A number past the end gives the last page."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    number = _clamped(number, total, per_page)
    window = query.limit(per_page).offset((number - 1) * per_page)
    result = db.session.scalars(window) if scalars else db.session.execute(window)
    return Page(list(result.all()), number, per_page, total)


def paginate_list(items: Sequence[T], *, number: int, per_page: int = PER_PAGE) -> Page[T]:
    """The ``number``-th page of a list already in memory (a ranking computed whole)."""
    number = _clamped(number, len(items), per_page)
    start = (number - 1) * per_page
    return Page(list(items[start : start + per_page]), number, per_page, len(items))


def url_with(**changes) -> str:
    """The address of the current page with some query arguments changed (None drops one).
    Changing anything but the page itself goes back to the first page."""
    args = request.args.to_dict(flat=False)
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            args.pop(name, None)
        else:
            args[name] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)
