"""The organizer's ranking a page at a time: the ranking is computed whole, then the laureate
zone (the top rows and whoever ties with the last of them) shows on every page and the rest a
page at a time, optionally narrowed to the entries whose nominee or BIN matches a search."""

from dataclasses import dataclass

from awards.paging import Page, paginate_list
from awards.results.ranking import ResultRow


@dataclass(frozen=True)
class RankingPage:
    zone: list[ResultRow]
    page: Page[ResultRow]
    query: str

    @property
    def rows(self) -> list[ResultRow]:
        """Every row shown: the zone, then this page of the rest."""
        return [*self.zone, *self.page.items]

    @property
    def gap(self) -> bool:
        """Rows of the ranking lie between the zone and this page's first row."""
        return bool(self.zone) and (bool(self.query) or self.page.number > 1)


def laureate_zone(rows: list[ResultRow], size: int) -> list[ResultRow]:
    """The first ``size`` scored rows, and the rows after them that share the last one's rank
    (a tie at the border: deciding it needs a reason, so it is never on another page)."""
    scored = [row for row in rows if row.score is not None]
    zone = scored[:size]
    if not zone:
        return []
    border = zone[-1].rank
    return zone + [row for row in scored[size:] if row.rank == border]


def _matches(row: ResultRow, needle: str) -> bool:
    entry = row.nomination
    return needle in entry.nominee_name.casefold() or needle in (entry.bin or "")


def ranking_page(
    rows: list[ResultRow], *, zone_size: int, number: int, query: str = ""
) -> RankingPage:
    """The zone, and the ``number``-th page of the other rows (those matching ``query``)."""
    zone = laureate_zone(rows, zone_size)
    rest = rows[len(zone) :]
    if query:
        needle = query.casefold()
        rest = [row for row in rest if _matches(row, needle)]
    return RankingPage(zone, paginate_list(rest, number=number), query)
