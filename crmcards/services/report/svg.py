"""Charts as inline SVG, for the self-contained HTML report: no scripts, fonts or network.

Every text that ends up in a chart goes through `escape`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from html import escape

from crmcards.services.report.labels import LABELS
from crmcards.services.report.tables import day_text, heat_days, heat_legend, heat_levels, plural

FONT = 'font-family="system-ui, sans-serif" font-size="11"'
HEAT_COLOURS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")
AXIS = "#59636e"
GRID = "#d8dee4"


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}" '
        f"{FONT}>" + "".join(body) + "</svg>"
    )


def _legend(
    entries: Sequence[tuple[str, str]], y: float, x: float = 0.0, width: float = 10_000
) -> tuple[list[str], float]:
    """A colour swatch and its name per (name, colour), in a row from `x`; a row that would
    pass `width` goes on below (16 pixels a row). Returns the elements and the last row's y."""
    body = []
    start = x
    for name, colour in entries:
        if x > start and x + 14 + 6.5 * len(name) > width:
            x, y = start, y + 16
        body += [
            f'<rect x="{x:.0f}" y="{y - 9:.0f}" width="10" height="10" fill="{colour}" '
            f'stroke="{AXIS}" stroke-width="0.5"/>',
            f'<text x="{x + 14:.0f}" y="{y:.0f}">{escape(name)}</text>',
        ]
        x += 26 + 6.5 * len(name)
    return body, y


def heatmap(reviews: Mapping[date, int], today: date, weeks: int, language: str) -> str:
    """Reviews per day, a column per week (Monday on top), from the week of the first study day;
    up to half a year the cells are large enough to hold their count. A legend says what
    each colour counts."""
    labels = LABELS[language]
    weekdays, months = labels["weekdays"].split(), labels["months"].split()
    days = heat_days(today, weeks)
    numbered = weeks <= 26
    cell = 24 if numbered else 13
    left, top = 30, 16
    body = [
        f'<text x="0" y="{top + cell * row + cell * 0.7:.0f}">{weekdays[row]}</text>'
        for row in range(7)
        if numbered or row % 2 == 0
    ]
    for n, (day, level) in enumerate(zip(days, heat_levels(reviews, days), strict=True)):
        x, y = left + cell * (n // 7), top + cell * (n % 7)
        if day.day == 1 or n == 0:
            body.append(f'<text x="{x}" y="{top - 5}">{months[day.month - 1]}</text>')
        count = reviews.get(day, 0)
        body.append(
            f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="2" '
            f'fill="{HEAT_COLOURS[level]}"><title>{day_text(day, language)}: '
            f"{plural(count, 'review', language)}</title></rect>"
        )
        if numbered and count:
            colour = "#ffffff" if level >= 3 else "#1f2328"
            body.append(
                f'<text x="{x + cell / 2 - 1}" y="{y + cell * 0.62:.0f}" text-anchor="middle" '
                f'font-size="9" fill="{colour}">{count}</text>'
            )
    legend_y = top + cell * 7 + 16
    legend = [
        (text, colour)
        for text, colour in zip(heat_legend(reviews, days), HEAT_COLOURS, strict=True)
        if text
    ]
    body.append(f'<text x="0" y="{legend_y}">{escape(labels["heat_legend"])}</text>')
    body += _legend(legend, legend_y, x=8 + 6.5 * len(labels["heat_legend"]))[0]
    width = max(left + cell * weeks, 40 + 7 * len(labels["heat_legend"]) + 60 * len(legend))
    return _svg(width, legend_y + 6, body, labels["reviews_per_day"])


def _nice_top(most: float) -> float:
    """A round number at or just above `most`, for the top of an axis."""
    if most <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(most))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= most)


def columns(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    title: str,
    *,
    value_text: Callable[[float], str] = lambda value: str(round(value)),
    notes: Sequence[str] = (),
    colours: Sequence[str] = (),
) -> str:
    """A vertical bar per label, its parts stacked from `series` (legend name, colour, a value
    per label) on a y axis with grid lines. Each bar's total is written above it (when there is
    room) so the chart reads in print too; `notes`: a second line under each label; `colours`:
    a colour per bar instead of the series' (for a single series)."""
    count = len(labels)
    widest = max((len(text) for text in labels), default=1)
    # Few bars: room for every label. Many: as wide as a typical label needs, and a wider one
    # (Today) may leave its neighbours unlabelled.
    typical = widest if count <= 12 else sorted(map(len, labels))[count // 2]
    pitch = max(
        16.0, min(100.0 if count <= 12 else 60.0, 6.0 * max(typical, *map(len, notes or [""])) + 8)
    )
    step = max(1, math.ceil((6.0 * widest + 4) / pitch))  # label every step-th column
    left, top, chart = 40.0, 24.0, 120.0
    totals = [sum(values[n] for _, _, values in series) for n in range(count)]
    axis_top = _nice_top(max(totals, default=0))
    body = _legend([(name, colour) for name, colour, _ in series if name], 10, left)[0]
    for tick in (0, 0.5, 1):
        y = top + chart * (1 - tick)
        body += [
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{left + pitch * count}" y2="{y:.1f}" '
            f'stroke="{GRID if tick else AXIS}" stroke-width="1"/>',
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS}">'
            f"{escape(value_text(axis_top * tick))}</text>",
        ]
    bar = min(pitch - 4, 28.0)
    for n, label in enumerate(labels):
        middle = left + pitch * n + pitch / 2
        y = top + chart
        for name, colour, values in series:
            colour = colours[n] if colours else colour
            height = chart * values[n] / axis_top
            if height > 0:
                y -= height
                tip = escape(f"{label}: {name + ' ' if name else ''}{value_text(values[n])}")
                body.append(
                    f'<rect x="{middle - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                    f'height="{height:.1f}" fill="{colour}"><title>{tip}</title></rect>'
                )
        if totals[n] and (pitch >= 22 or count <= 31):
            body.append(
                f'<text x="{middle:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">'
                f"{escape(value_text(totals[n]))}</text>"
            )
        if n % step == 0:
            body.append(
                f'<text x="{middle:.1f}" y="{top + chart + 14}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
        if notes:  # every note: each is a figure
            body.append(
                f'<text x="{middle:.1f}" y="{top + chart + 27}" text-anchor="middle" '
                f'font-size="9" fill="{AXIS}">{escape(notes[n])}</text>'
            )
    height = top + chart + (32 if notes else 20)
    return _svg(left + pitch * count + 8, height, body, title)


def stacked_bars(
    rows: Sequence[tuple[str, str, Sequence[int]]], parts: Sequence[tuple[str, str]], title: str
) -> str:
    """A horizontal bar per (label, note, values) row, split into `parts` (name, colour) with a
    legend on top; the note goes at the right end, above the bar."""
    width, pitch = 640, 40
    # a part without a name (the rest of a bar) needs no legend
    body, last_row = _legend([(name, colour) for name, colour in parts if name], 11, width=width)
    legend_height = last_row - 11
    for n, (label, note, values) in enumerate(rows):
        y = 34 + legend_height + pitch * n
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
    return _svg(width, 30 + legend_height + pitch * len(rows), body, title)
