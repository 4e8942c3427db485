"""A card's predicted recall over time as a small block chart (a few rows of ▁▂▃▄▅▆▇█), readable
at 80 columns: the past in colour, the forecast dimmed, "now" marked under the axis."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"
LABEL_WIDTH = 5  # "100% "


def recall_chart(
    curve: Sequence[float],
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    height: int = 4,
    now_word: str = "nu",
) -> Text:
    """`curve` holds one value (0–1) per column, evenly spread from `start` to `end`."""
    width = len(curve)
    span = (end - start).total_seconds() or 1.0
    now_column = min(width - 1, max(0, round((now - start).total_seconds() / span * (width - 1))))
    chart = Text(no_wrap=True, overflow="crop")
    for row in range(height):
        floor = (height - 1 - row) * 8  # eighths below this row
        top = 100 * (height - row) // height  # the recall at this row's top edge
        label = f"{top}%" if row in (0, height // 2) else ""
        chart.append(f"{label:>4} ", style="dim")
        for column, value in enumerate(curve):
            fill = min(8, max(0, round(value * height * 8) - floor))
            chart.append(EIGHTHS[fill], style="cyan" if column <= now_column else "dim cyan")
        chart.append("\n")
    axis = [" "] * width
    first, last = f"{start.astimezone():%d-%m}", f"{end.astimezone():%d-%m}"
    axis[: len(first)] = first
    axis[width - len(last) :] = last
    marker = f"▲{now_word}"
    at = min(max(now_column, len(first) + 1), width - len(last) - len(marker) - 1)
    if at > len(first):
        axis[at : at + len(marker)] = marker
    chart.append(" " * LABEL_WIDTH + "".join(axis), style="dim")
    return chart
