"""Geometry of the scorecard chart: each nomination's totals as dots on a 0–100 line.

Pure numbers for the SVG template (templates/results/_chart.svg), which escapes every text.
"""

from dataclasses import dataclass

ROW_HEIGHT = 26
LABEL_WIDTH = 260
PLOT_WIDTH = 420
PADDING = 10


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: float
    dots: tuple[float, ...]
    score_x: float | None
    low_x: float | None
    high_x: float | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_width: int
    rows: tuple[ChartRow, ...]
    ticks: tuple[tuple[float, int], ...]


def x_for(total: float) -> float:
    return LABEL_WIDTH + PLOT_WIDTH * max(0.0, min(total, 100.0)) / 100.0


def scorecard_chart(rows: list[tuple[str, tuple[float, ...], float | None]]) -> Chart:
    """``rows`` are (label, scorecard totals on 0–100, mean total or None), top to bottom."""
    chart_rows = []
    for index, (label, totals, mean) in enumerate(rows):
        y = PADDING + ROW_HEIGHT * index + ROW_HEIGHT / 2
        chart_rows.append(
            ChartRow(
                label=label, y=y, dots=tuple(x_for(t) for t in totals),
                score_x=x_for(mean) if mean is not None else None,
                low_x=x_for(min(totals)) if totals else None,
                high_x=x_for(max(totals)) if totals else None,
            )
        )  # fmt: skip
    height = 2 * PADDING + ROW_HEIGHT * len(rows) + 18
    ticks = tuple((x_for(value), value) for value in (0, 25, 50, 75, 100))
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + 2 * PADDING, height=height, plot_left=LABEL_WIDTH,
        plot_width=PLOT_WIDTH, rows=tuple(chart_rows), ticks=ticks,
    )  # fmt: skip


# Above this many entries one row of dots each makes a chart metres long: the distribution
# of the entries' mean totals is shown instead.
MOST_ROWS = 40
BIN_WIDTH = 5  # points of the 0–100 scale per bar
AXIS_WIDTH = 40
BARS_HEIGHT = 160
TOP = 18  # room for the count above the tallest bar


@dataclass(frozen=True)
class Bar:
    low: int
    high: int
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Distribution:
    width: int
    height: int
    plot_left: int
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]
    most: int
    entries: int
    unscored: int
    threshold_x: float | None


def _bar_x(value: float) -> float:
    return AXIS_WIDTH + PLOT_WIDTH * value / 100.0


def distribution_chart(means: list[float | None], threshold: float | None = None) -> Distribution:
    """A histogram of the entries' mean totals (0–100) in bars of BIN_WIDTH points; entries
    without a scorecard (None) are only counted. ``threshold``, the last laureate's mean
    total, is marked with a line."""
    counts = [0] * (100 // BIN_WIDTH)
    for mean in means:
        if mean is not None:
            counts[min(int(max(mean, 0.0) // BIN_WIDTH), len(counts) - 1)] += 1
    most = max(counts)
    baseline = TOP + BARS_HEIGHT
    bars = []
    for index, count in enumerate(counts):
        height = BARS_HEIGHT * count / most if most else 0.0
        low = index * BIN_WIDTH
        bars.append(Bar(
            low=low, high=low + BIN_WIDTH, count=count, x=_bar_x(low) + 1,
            y=baseline - height, width=PLOT_WIDTH * BIN_WIDTH / 100 - 2, height=height,
        ))  # fmt: skip
    ticks = tuple((_bar_x(value), value) for value in (0, 25, 50, 75, 100))
    return Distribution(
        width=AXIS_WIDTH + PLOT_WIDTH + 2 * PADDING, height=int(baseline) + 22,
        plot_left=AXIS_WIDTH, baseline=baseline, bars=tuple(bars), ticks=ticks, most=most,
        entries=sum(counts), unscored=sum(1 for mean in means if mean is None),
        threshold_x=_bar_x(max(0.0, min(threshold, 100.0))) if threshold is not None else None,
    )  # fmt: skip
