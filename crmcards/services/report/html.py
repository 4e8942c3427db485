"""The report and the class view as one self-contained HTML file, printable to PDF.

Nothing is loaded from elsewhere: the styles are inline, the charts inline SVG, and a content
security policy forbids scripts and network access even if something slipped through. Every
text from decks and reports is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from crmcards.scheduling.ratings import LABELS as RATING_LABELS
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.merge import ClassView
from crmcards.services.report.statistics import STAGES, DeckStatistics, Distribution, StudyDay
from crmcards.services.report.svg import columns, heatmap, stacked_bars
from crmcards.services.report.tables import (
    CARD_STAGES,
    Table,
    bucket_labels,
    class_tables,
    day_text,
    decimal,
    duration,
    exam_sentences,
    heat_weeks,
    percent,
    plural,
    report_facts,
    report_tables,
)

RATING_COLOURS = ("#cf222e", "#e16f24", "#d4a72c", "#2da44e", "#1f9fbf")
# (label, colour); a part without a label (the rest of a bar) gets no legend
MASTERY_PARTS = (
    ("part_mastered", "#2da44e"),
    ("part_studying", "#54aeff"),
    ("part_new", "#d0d7de"),
)
RECALL_PARTS = (("part_recall", "#2da44e"), ("", "#d0d7de"))
FORECAST_COLOUR = "#54aeff"
OVERDUE_COLOUR = "#cf222e"
STAGE_COLOURS = dict(zip(STAGES, ("#54aeff", "#2da44e", "#cf222e"), strict=True))
CARD_COLOURS = ("#d0d7de", "#54aeff", "#cf222e", "#9be9a8", "#216e39", "#d4a72c")
DISTRIBUTION_COLOUR = "#8250df"
CHART_DAYS = 60  # the per-day charts show at most the last this many study days
NARROW_DAYS = 14  # and on a narrow screen (a phone) this many
NARROW_FORECAST_DAYS = 7  # the forecast there: a week ahead, the rest as "later"

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; margin: 2rem auto;
  max-width: 1100px; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; }
.facts { color: #59636e; margin-top: 0; }
.said { max-width: 48rem; }
.tiles { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1.5rem 0; }
.tile { border: 1px solid #d1d9e0; border-radius: 8px; padding: 0.6rem 1rem; min-width: 9rem; }
.tile b { display: block; font-size: 1.5rem; }
.tile span { color: #59636e; }
.charts { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
figure { margin: 0 0 1.5rem 0; max-width: 100%; }
figcaption { font-weight: 600; margin-bottom: 0.4rem; }
svg { max-width: 100%; height: auto; }
section { margin: 1.5rem 0; }
table { border-collapse: collapse; width: 100%; }
.wide { overflow-x: auto; }
th, td { border-bottom: 1px solid #d1d9e0; padding: 0.3rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n, .date { white-space: nowrap; }
tr.total td { font-weight: 600; }
.empty { color: #59636e; }
.narrow-only { display: none; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  section, figure, tr { break-inside: avoid; }
  .wide { overflow: visible; }
  h2 { break-after: avoid; }
}
@media screen and (max-width: 640px) {
  body { margin: 1rem auto; padding: 0 0.6rem; }
  .wide-only { display: none; }
  .narrow-only { display: block; }
  .tile { min-width: 7rem; }
  /* each row becomes a block of "heading: value" lines: nothing scrolls sideways */
  .wide table, .wide tbody, .wide tr, .wide td { display: block; width: auto; }
  .wide thead { display: none; }
  .wide tr { border-bottom: 2px solid #d1d9e0; padding: 0.3rem 0; }
  .wide td { border: none; padding: 0.1rem 0; text-align: left; white-space: normal; }
  .wide td:first-child { font-weight: 600; }
  .wide td[data-label]:not(:first-child)::before { content: attr(data-label) ": ";
    color: #59636e; }
}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# a date as the labels write it (nl 25-11-2026, en 2026-11-25): never broken at its hyphens
_DATE = re.compile(r"\b(?:\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2})\b")


def _text(text: str) -> str:
    return "<br>".join(
        _DATE.sub(r'<span class="date">\g<0></span>', escape(line)) for line in text.splitlines()
    )


def _table(table: Table) -> str:
    title = f"<h2>{escape(table.title)}</h2>"
    if not table.rows:
        return f'<section>{title}<p class="empty">{escape(table.empty)}</p></section>'

    def cells(tag: str, row: Sequence[str]) -> str:
        """The row's cells; a body cell carries its column's heading, which a narrow screen
        shows before it (the table then reflows into lines)."""
        return "".join(
            f"<{tag}{_cell_attributes(tag, table, n)}>{_text(cell)}</{tag}>"
            for n, cell in enumerate(row)
        )

    rows = [f"<tr>{cells('td', row)}</tr>" for row in table.rows]
    if table.total_row:
        rows[-1] = rows[-1].replace("<tr>", '<tr class="total">', 1)
    return (
        f'<section>{title}<div class="wide"><table><thead><tr>{cells("th", table.columns)}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _cell_attributes(tag: str, table: Table, column: int) -> str:
    figure = ' class="n"' if column >= table.text_columns else ""
    label = f' data-label="{escape(table.columns[column])}"' if tag == "td" else ""
    return figure + label


def _tiles(tiles: Sequence[tuple[str, str]]) -> str:
    inner = "".join(
        f'<div class="tile"><b>{escape(value)}</b><span>{escape(name)}</span></div>'
        for value, name in tiles
    )
    return f'<div class="tiles">{inner}</div>'


def _figure(caption: str, chart: str, shown: str = "") -> str:
    """A chart under its caption; `shown`: a class for the screens it is for (narrow-only,
    wide-only), none for every screen."""
    attribute = f' class="{shown}"' if shown else ""
    return f"<figure{attribute}><figcaption>{escape(caption)}</figcaption>{chart}</figure>"


def _parts(parts: Sequence[tuple[str, str]], language: str) -> list[tuple[str, str]]:
    """Chart parts with their labels' text in the language asked for."""
    return [(LABELS[language][key] if key else "", colour) for key, colour in parts]


def _document(
    title: str,
    facts: Sequence[str],
    tiles: str,
    charts: Sequence[str],
    tables: str,
    language: str,
    sentences: Sequence[str] = (),
) -> str:
    said = f'<p class="said">{escape(" ".join(sentences))}</p>' if sentences else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="facts">{escape(" · ".join(facts))}</p>'
        f'{said}{tiles}<div class="charts">{"".join(charts)}</div>{tables}</body></html>\n'
    )


def report_html(report: Report, language: str) -> str:
    labels = LABELS[language]
    total = report.total
    share = total.mastered / total.items if total.items else 0.0
    tiles = [
        (str(total.items), labels["tile_items"]),
        (f"{total.mastered} ({percent(share)})", labels["part_mastered"]),
        (percent(total.recall), labels["tile_recall"]),
        (str(total.reviews_7d), labels["tile_reviews"]),
        (duration(total.seconds_7d, language), labels["tile_time"]),
        (plural(report.streak, "day", language), labels["tile_streak"]),
    ]
    if report.exam is not None:
        exam = report.exam
        tiles += [
            (
                percent(exam.total.recall),
                labels["tile_exam_recall"].format(date=day_text(exam.date, language)),
            ),
            (str(exam.total.per_day), labels["tile_exam_pace"]),
        ]
    mastery = [
        (
            deck.title,
            labels["deck_recall"].format(recall=percent(deck.recall)),
            (deck.mastered, deck.items - deck.new - deck.mastered, deck.new),
        )
        for deck in report.decks
    ]
    charts = [
        *_statistics_charts(report, language),
        _figure(
            labels["ratings_given"],
            columns(
                [str(r) for r in RATINGS],
                [("", "#8c959f", [total.ratings[r] for r in RATINGS])],
                labels["ratings_chart"],
                notes=[RATING_LABELS[language][r] for r in RATINGS],
                colours=RATING_COLOURS,
            ),
        ),
        _figure(
            labels["mastery_per_deck"],
            stacked_bars(mastery, _parts(MASTERY_PARTS, language), labels["mastery_per_deck"]),
        ),
    ]
    tables = "".join(map(_table, report_tables(report, language)))
    facts = report_facts(report, language)
    sentences = [] if report.exam is None else exam_sentences(report.exam, language)
    return _document(
        labels["progress_report"], facts, _tiles(tiles), charts, tables, language, sentences
    )


def _statistics_charts(report: Report, language: str) -> list[str]:
    """The heatmap and the statistics' charts (of all decks)."""
    labels = LABELS[language]
    reviews = {day.date: day.reviews for day in report.days}
    first = report.days[0].date if report.days else None
    weeks = heat_weeks(first, report.study_day)
    charts = [
        _figure(
            labels["heatmap_weeks"].format(weeks=plural(weeks, "week", language)),
            heatmap(reviews, report.study_day, weeks, language),
        )
    ]
    statistics = report.statistics_of("")
    if statistics is None:
        return charts
    return charts + _day_charts(statistics, report, language) + _state_charts(statistics, language)


def _day_charts(statistics: DeckStatistics, report: Report, language: str) -> list[str]:
    """Reviews and time per day by stage, the forecast (each also as a narrow screen's shorter
    version: the wide one would shrink to unreadable there), success by hour."""
    labels = LABELS[language]
    hours = statistics.period("all").hours
    return [
        *_per_day_charts(statistics, report, language, CHART_DAYS, CHART_DAYS, "wide-only"),
        *_per_day_charts(
            statistics, report, language, NARROW_DAYS, NARROW_FORECAST_DAYS, "narrow-only"
        ),
        _figure(
            labels["hours_chart"].format(period=labels["period_all"].lower()),
            columns(
                [str(hour.hour) for hour in hours],
                [(labels["success"], "#2da44e", [100 * (hour.success or 0) for hour in hours])],
                labels["hours_chart"].format(period=labels["period_all"].lower()),
                value_text=lambda value: f"{round(value)}%",
                notes=[str(hour.reviews) for hour in hours],
            ),
        ),
    ]


def _per_day_charts(
    statistics: DeckStatistics,
    report: Report,
    language: str,
    most_days: int,
    forecast_days: int,
    shown: str,
) -> list[str]:
    """Reviews and time per day over at most `most_days` study days, and the forecast up to
    `forecast_days` ahead; `shown`: the class saying on which screens."""
    labels = LABELS[language]
    first = statistics.days[0].date if statistics.days else report.study_day
    span = min(most_days, (report.study_day - first).days + 1)
    forecast = statistics.forecast
    ahead = min(forecast_days, len(forecast.days))
    later = forecast.later + sum(forecast.days[ahead:])
    next_days = [
        labels["day_month"].format(report.study_day + timedelta(days=n)) for n in range(1, ahead)
    ]
    forecast_title = labels["forecast_long"].format(days=ahead)
    forecast_chart = columns(
        [labels["overdue_bar"], labels["today"], *next_days, labels["later_bar"]],
        [
            (labels["overdue_bar"], OVERDUE_COLOUR, [forecast.overdue, *[0] * (ahead + 1)]),
            (labels["due_part"], FORECAST_COLOUR, [0, *forecast.days[:ahead], later]),
        ],
        forecast_title,
    )
    titles = (labels["reviews_by_stage"], labels["time_by_stage"])
    return [
        *_stage_charts(statistics.days, report.study_day, span, titles, language, shown),
        _figure(forecast_title, forecast_chart, shown),
    ]


def _stage_charts(
    days: Sequence[StudyDay],
    today: date,
    span: int,
    titles: tuple[str, str],
    language: str,
    shown: str,
) -> list[str]:
    """Reviews and time per day by stage over the `span` study days up to `today`, titled by
    the templates `titles` (reviews, time; `{days}` the span): the student's and the class's."""
    labels = LABELS[language]
    dates = [today - timedelta(days=span - 1 - n) for n in range(span)]
    by_date = {day.date: day for day in days}
    day_labels = [labels["day_month"].format(day) for day in dates]

    def per_stage(read: str, scale: float) -> list[tuple[str, str, list[float]]]:
        return [
            (
                labels[f"stage_{stage}"],
                STAGE_COLOURS[stage],
                [
                    getattr(getattr(by_date[day], read), stage) / scale if day in by_date else 0
                    for day in dates
                ],
            )
            for stage in STAGES
        ]

    def minutes(value: float) -> str:
        return decimal(value, language) if 0 < value < 10 else str(round(value))

    reviews, time = (title.format(days=span) for title in titles)
    return [
        _figure(reviews, columns(day_labels, per_stage("reviews", 1), reviews), shown),
        _figure(
            time, columns(day_labels, per_stage("seconds", 60), time, value_text=minutes), shown
        ),
    ]


def _state_charts(statistics: DeckStatistics, language: str) -> list[str]:
    """Items by stage, and the distributions of their memory state."""
    labels = LABELS[language]
    cards = [getattr(statistics.cards, stage) for stage in CARD_STAGES]
    parts = [
        (f"{labels[f'cards_{stage}']} {count}", colour)
        for stage, count, colour in zip(CARD_STAGES, cards, CARD_COLOURS, strict=True)
    ]
    charts = [
        _figure(
            labels["cards_chart"],
            stacked_bars(
                [("", plural(sum(cards), "card", language), cards)], parts, labels["cards_chart"]
            ),
        )
    ]
    distributions: list[tuple[str, Distribution, str]] = [
        ("intervals_chart", statistics.intervals, "days"),
        ("stability_chart", statistics.stability, "days"),
        ("difficulty_chart", statistics.difficulty, "difficulty"),
        ("recall_chart", statistics.recall, "recall"),
    ]
    for key, distribution, kind in distributions:
        charts.append(
            _figure(
                labels[key],
                columns(
                    bucket_labels(distribution, kind),
                    [("", DISTRIBUTION_COLOUR, list(distribution.counts))],
                    labels[key],
                ),
            )
        )
    return charts


def class_html(view: ClassView, language: str) -> str:
    labels = LABELS[language]
    tiles = [
        (str(len(view.students)), labels["tile_students"]),
        (str(len(view.behind)), labels["tile_behind"]),
    ]
    recall = [
        (
            deck.deck,
            labels["class_deck_note"].format(
                recall=percent(deck.recall), mastered=deck.mastered, students=deck.students
            ),
            (round(1000 * deck.recall), 1000 - round(1000 * deck.recall)),
        )
        for deck in view.decks
    ]
    parts = _parts(RECALL_PARTS, language)
    chart = stacked_bars(recall, parts, labels["mean_recall_per_deck"])
    facts = [plural(len(view.students), "student", language)]
    tables = "".join(map(_table, class_tables(view, language)))
    charts = [_figure(labels["recall_per_deck"], chart), *_class_day_charts(view, language)]
    return _document(labels["class_progress"], facts, _tiles(tiles), charts, tables, language)


def _class_day_charts(view: ClassView, language: str) -> list[str]:
    """The class's reviews and time per day by stage: its last CLASS_DAYS days, and on a narrow
    screen the last NARROW_DAYS."""
    statistics = view.statistics
    if statistics is None or not statistics.days:
        return []
    labels = LABELS[language]
    titles = (labels["class_reviews_by_stage"], labels["class_time_by_stage"])
    today = statistics.days[-1].date
    return [
        *_stage_charts(statistics.days, today, len(statistics.days), titles, language, "wide-only"),
        *_stage_charts(statistics.days, today, NARROW_DAYS, titles, language, "narrow-only"),
    ]
