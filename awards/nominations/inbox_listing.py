"""The organizer's inbox a page at a time: search, filters, flags and sort over every submitted
entry of a program, then the page's entries with what their rows show. Read only.

Duplicates and organization suggestions are the whole program's (an entry on the first page may
duplicate one on the fortieth), so the listing reads a few columns of every submitted entry in
one statement and filters, counts and sorts those rows in Python; only the page's entries are
loaded whole. A constant number of statements, whatever the size of the program.
"""

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from awards.accounts.identity import fold
from awards.accounts.models import Organization
from awards.extensions import db
from awards.i18n import localized
from awards.nominations.inbox import (
    INBOX_STATES,
    duplicate_ids,
    organization_suggestions,
    program_organizations,
    submitted_rows,
)
from awards.nominations.models import Nomination
from awards.paging import Page, paginate_list
from awards.programs.models import NomineeKind, Program

SORTS = ("submitted", "number", "nominee", "category", "state")
FLAGS = ("duplicate", "unconfirmed")


@dataclass(frozen=True)
class InboxFilter:
    """What the organizer asked for: all optional but the sort."""

    category_id: int | None = None
    state: str | None = None
    search: str = ""
    flag: str | None = None
    sort: str = SORTS[0]
    descending: bool = False


@dataclass(frozen=True)
class InboxListing:
    """A page of entries, the state counts of the filtered list (any state), and for the
    page's entries their possible duplicates (ids) and the organizations they look like."""

    page: Page[Nomination]
    counts: dict[str, int]
    duplicates: dict[int, list[int]]
    suggestions: dict[int, list[Organization]]


def _nominee_texts(row, organizations: dict[int, Organization]) -> list[str]:
    """Every name the nominee goes by: in each language, and the confirmed organization's."""
    if row.nominee_kind == NomineeKind.PERSON:
        return [*(row.person_names or {}).values(), row.person_name]
    if row.nominee_kind == NomineeKind.TEAM:
        return [row.team_name]
    confirmed = organizations.get(row.nominee_organization_id)
    return [*(row.org_name or {}).values(), *(confirmed.name.values() if confirmed else ())]


def _nominee_name(row, organizations: dict[int, Organization]) -> str:
    """The nominee as Nomination.nominee_name reads it, from a row."""
    if row.nominee_kind == NomineeKind.PERSON:
        names = {code: text for code, text in (row.person_names or {}).items() if text}
        return localized(names or {"ru": row.person_name})
    if row.nominee_kind == NomineeKind.TEAM:
        return row.team_name
    confirmed = organizations.get(row.nominee_organization_id)
    known = confirmed.name if confirmed else {}
    typed = {code: text for code, text in (row.org_name or {}).items() if text}
    return localized({**known, **typed})


# Memoized like the skeletons: folding is the slow part of searching every entry's names.
_folded = lru_cache(maxsize=16384)(fold)


def _matcher(search: str, organizations: dict[int, Organization]):
    """Whether a row matches every word searched for in its nominee's names (any language),
    its BIN or the names of the organization that submitted it; or is the entry numbered so.
    Letters compare folded (case, look-alike Latin and Cyrillic, Kazakh typed as Russian)."""
    words = [fold(word) for word in search.split()]
    number = search.removeprefix("#").strip()
    number = int(number) if number.isascii() and number.isdigit() else None

    def matches(row) -> bool:
        if row.id == number:
            return True
        submitter = organizations.get(row.submitting_organization_id)
        texts = [*_nominee_texts(row, organizations), row.bin or "",
                 *(submitter.name.values() if submitter else ())]  # fmt: skip
        haystack = _folded(" ".join(text for text in texts if text))
        return all(word in haystack for word in words)

    return matches


def _sort_key(sort: str, organizations: dict[int, Organization], category_order: dict[int, int]):
    """How to sort rows for a column; None for the order they come in (submitted, oldest first),
    which a stable sort keeps among equals."""
    if sort == "number":
        return lambda row: row.id
    if sort == "nominee":
        return lambda row: _nominee_name(row, organizations).casefold()
    if sort == "category":
        return lambda row: category_order.get(row.category_id, 0)
    if sort == "state":
        return lambda row: INBOX_STATES.index(row.state)
    return None


def _page_entries(ids: list[int]) -> list[Nomination]:
    """The entries with these ids, in this order, with what their rows show loaded at once."""
    if not ids:
        return []
    query = (
        select(Nomination)
        .where(Nomination.id.in_(ids))
        # Joined, not selectin, for the many-to-ones: a selectin query is left out when no row
        # has one (no confirmed organization on the page), and the count would vary.
        .options(
            joinedload(Nomination.category),
            joinedload(Nomination.submitting_organization),
            joinedload(Nomination.nominee_organization),
            selectinload(Nomination.merged_from).joinedload(Nomination.submitting_organization),
        )
    )
    by_id = {entry.id: entry for entry in db.session.scalars(query)}
    return [by_id[entry_id] for entry_id in ids]


def _matching(rows: list, wanted: InboxFilter, organizations: dict, *, flagged) -> list:
    """The rows that match every filter but the state (the counts are of these)."""
    if wanted.category_id:
        rows = [row for row in rows if row.category_id == wanted.category_id]
    if wanted.search:
        rows = list(filter(_matcher(wanted.search, organizations), rows))
    if wanted.flag:
        rows = [row for row in rows if row.id in flagged]
    return rows


def inbox_listing(program: Program, wanted: InboxFilter, *, number: int) -> InboxListing:
    """The ``number``-th page of the program's submitted entries that match ``wanted``."""
    rows = submitted_rows(program)
    organizations = {org.id: org for org in program_organizations(program)}
    known = organizations.values()
    duplicates = duplicate_ids(rows)
    # Every entry's suggestions only to filter by them; else only the page's are shown.
    suggestions = {}
    if wanted.flag == "unconfirmed":
        suggestions = organization_suggestions(program, rows, organizations=known)
    flagged = duplicates if wanted.flag == "duplicate" else suggestions
    rows = _matching(rows, wanted, organizations, flagged=flagged.keys())
    counts = dict.fromkeys(INBOX_STATES, 0)
    for row in rows:
        counts[row.state] += 1
    if wanted.state:
        rows = [row for row in rows if row.state == wanted.state]
    category_order = {category.id: index for index, category in enumerate(program.categories)}
    key = _sort_key(wanted.sort, organizations, category_order)
    if key is not None:
        rows.sort(key=key, reverse=wanted.descending)
    elif wanted.descending:
        rows.reverse()
    ids = paginate_list([row.id for row in rows], number=number)
    entries = _page_entries(ids.items)
    if wanted.flag != "unconfirmed":
        suggestions = organization_suggestions(program, entries, organizations=known)
    return InboxListing(
        page=Page(entries, ids.number, ids.per_page, ids.total), counts=counts,
        duplicates={entry.id: duplicates[entry.id] for entry in entries if entry.id in duplicates},
        suggestions={entry.id: suggestions[entry.id] for entry in entries
                     if entry.id in suggestions},
    )  # fmt: skip
