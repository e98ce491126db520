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
