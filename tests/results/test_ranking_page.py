"""The laureate zone and the pages of the rest, on hand-made rows (no database)."""

from types import SimpleNamespace

from awards.results.chart import distribution_chart
from awards.results.ranking import ResultRow
from awards.results.ranking_page import laureate_zone, ranking_page


def _row(name: str, score: float | None, rank: int | None, bin_: str | None = None) -> ResultRow:
    entry = SimpleNamespace(nominee_name=name, bin=bin_)
    return ResultRow(entry, score, rank, False, 1 if score is not None else 0, (), {}, False)


# Scores 90, 80, 80, 80, 70, then 100 entries at 50 and one without a scorecard.
ROWS = [
    _row("A", 90, 1), _row("B", 80, 2), _row("C", 80, 2), _row("D", 80, 2), _row("E", 70, 5),
    *(_row(f"Rest {i}", 50, 6, bin_=f"{i:012d}") for i in range(100)), _row("Unscored", None, None),
]  # fmt: skip


def _names(rows) -> list[str]:
    return [row.nomination.nominee_name for row in rows]


def test_the_zone_takes_the_whole_tie_at_its_border():
    assert _names(laureate_zone(ROWS, 2)) == ["A", "B", "C", "D"]
    assert _names(laureate_zone(ROWS, 1)) == ["A"]
    assert _names(laureate_zone(ROWS, 5)) == ["A", "B", "C", "D", "E"]
    assert laureate_zone(ROWS, 0) == [] and laureate_zone([ROWS[-1]], 3) == []


def test_every_page_starts_with_the_zone_and_pages_the_rest():
    first = ranking_page(ROWS, zone_size=2, number=1)
    third = ranking_page(ROWS, zone_size=2, number=3)
    assert _names(first.zone) == _names(third.zone) == ["A", "B", "C", "D"]
    assert first.page.total == 102 and first.page.pages == 3 and not first.gap
    assert _names(first.page)[0] == "E" and len(first.page) == 50
    assert _names(third.page) == ["Rest 99", "Unscored"] and third.gap


def test_a_search_narrows_the_rest_by_name_or_bin_but_never_the_zone():
    by_name = ranking_page(ROWS, zone_size=2, number=1, query="rest 4")
    assert _names(by_name.page) == ["Rest 4", *(f"Rest {i}" for i in range(40, 50))]
    by_bin = ranking_page(ROWS, zone_size=2, number=1, query="000000000077")
    assert _names(by_bin.page) == ["Rest 77"] and _names(by_bin.zone) == ["A", "B", "C", "D"]
    assert by_bin.gap


def test_the_distribution_counts_entries_in_bars_of_five_points():
    chart = distribution_chart([0.0, 4.99, 5.0, 97.5, 100.0, 100.0, None], threshold=97.5)
    counts = {bar.low: bar.count for bar in chart.bars}
    assert counts[0] == 2 and counts[5] == 1 and counts[95] == 3 and sum(counts.values()) == 6
    assert chart.entries == 6 and chart.unscored == 1 and chart.most == 3
    tallest = next(bar for bar in chart.bars if bar.low == 95)
    assert tallest.height == 160 and tallest.y + tallest.height == chart.baseline
    assert chart.threshold_x == chart.plot_left + 420 * 0.975
