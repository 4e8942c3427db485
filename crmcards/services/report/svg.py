"""Charts as inline SVG, for the self-contained HTML report: no scripts, fonts or network.

Every text that ends up in a chart goes through `escape`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from crmcards.services.report.labels import LABELS
from crmcards.services.report.tables import day_text, heat_days, heat_levels, plural

FONT = 'font-family="system-ui, sans-serif" font-size="11"'
HEAT_COLOURS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")
HEAT_WEEKS = 53
CELL = 13  # pixels from one heatmap cell to the next


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" {FONT}>'
        + "".join(body)
        + "</svg>"
    )


def heatmap(reviews: Mapping[date, int], today: date, language: str) -> str:
    """Reviews per day over the last year: a column per week (Monday on top)."""
    labels = LABELS[language]
    weekdays, months = labels["weekdays"].split(), labels["months"].split()
    days = heat_days(today, HEAT_WEEKS)
    left, top = 28, 16
    body = [f'<text x="0" y="{top + CELL * row + 10}">{weekdays[row]}</text>' for row in (0, 2, 4)]
    for n, (day, level) in enumerate(zip(days, heat_levels(reviews, days), strict=True)):
        x, y = left + CELL * (n // 7), top + CELL * (n % 7)
        if day.day == 1:
            body.append(f'<text x="{x}" y="{top - 5}">{months[day.month - 1]}</text>')
        count = plural(reviews.get(day, 0), "review", language)
        body.append(
            f'<rect x="{x}" y="{y}" width="11" height="11" rx="2" fill="{HEAT_COLOURS[level]}">'
            f"<title>{day_text(day, language)}: {count}</title></rect>"
        )
    return _svg(left + CELL * HEAT_WEEKS, top + CELL * 7, body, labels["heatmap_year"])


def bars(values: Sequence[int], labels: Sequence[str], colours: Sequence[str], title: str) -> str:
    """A vertical bar per value, the value above it and its label (lines split by "\\n") below."""
    lines = [label.split("\n") for label in labels]
    widest = max((len(line) for label in lines for line in label), default=0)
    pitch, bar, chart, top = max(40, 6 * widest + 12), 30, 120, 16
    body = []
    most = max(values, default=0) or 1
    for n, (value, label, colour) in enumerate(zip(values, lines, colours, strict=True)):
        height = round(chart * value / most)
        middle, y = 8 + pitch * n + pitch / 2, top + chart - height
        body += [
            f'<rect x="{middle - bar / 2}" y="{y}" width="{bar}" height="{height}" '
            f'fill="{colour}"/>',
            f'<text x="{middle}" y="{y - 4}" text-anchor="middle">{value}</text>',
        ]
        body += [
            f'<text x="{middle}" y="{top + chart + 14 * (k + 1)}" text-anchor="middle">'
            f"{escape(line)}</text>"
            for k, line in enumerate(label)
        ]
    height = top + chart + 14 * max(map(len, lines), default=0) + 6
    return _svg(16 + pitch * len(values), height, body, title)


def stacked_bars(
    rows: Sequence[tuple[str, str, Sequence[int]]], parts: Sequence[tuple[str, str]], title: str
) -> str:
    """A horizontal bar per (label, note, values) row, split into `parts` (name, colour) with a
    legend on top; the note goes at the right end, above the bar."""
    width, pitch = 640, 40
    body = []
    x = 0.0
    for name, colour in parts:
        if name:  # a part without a name (the rest of a bar) needs no legend
            body += [
                f'<rect x="{x}" y="2" width="10" height="10" fill="{colour}"/>',
                f'<text x="{x + 14}" y="11">{escape(name)}</text>',
            ]
            x += 24 + 7 * len(name)
    for n, (label, note, values) in enumerate(rows):
        y = 34 + pitch * n
        total = sum(values) or 1
        body += [
            f'<text x="0" y="{y - 4}">{escape(label)}</text>',
            f'<text x="{width}" y="{y - 4}" text-anchor="end">{escape(note)}</text>',
        ]
        x = 0.0
        for value, (name, colour) in zip(values, parts, strict=True):
            share = width * value / total
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{share:.1f}" height="14" fill="{colour}">'
                f"<title>{escape(name)}: {value}</title></rect>"
            )
            x += share
    return _svg(width, 30 + pitch * len(rows), body, title)
