"""The report and the class view as one self-contained HTML file, printable to PDF.

Nothing is loaded from elsewhere: the styles are inline, the charts inline SVG, and a content
security policy forbids scripts and network access even if something slipped through. Every
text from decks and reports is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.merge import ClassView
from crmcards.services.report.svg import bars, heatmap, stacked_bars
from crmcards.services.report.tables import (
    Table,
    class_tables,
    day_text,
    duration,
    exam_sentences,
    forecast_labels,
    percent,
    plural,
    rating_label,
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
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
figure { margin: 0 0 1.5rem 0; }
figcaption { font-weight: 600; margin-bottom: 0.4rem; }
svg { max-width: 100%; height: auto; }
section { margin: 1.5rem 0; }
table { border-collapse: collapse; width: 100%; }
.wide { overflow-x: auto; }
th, td { border-bottom: 1px solid #d1d9e0; padding: 0.3rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
tr.total td { font-weight: 600; }
.empty { color: #59636e; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  section, figure, tr { break-inside: avoid; }
  .wide { overflow: visible; }
  h2 { break-after: avoid; }
}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _table(table: Table) -> str:
    title = f"<h2>{escape(table.title)}</h2>"
    if not table.rows:
        return f'<section>{title}<p class="empty">{escape(table.empty)}</p></section>'

    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f"<{tag}>{_text(cell)}</{tag}>"
            if n < table.text_columns
            else f'<{tag} class="n">{_text(cell)}</{tag}>'
            for n, cell in enumerate(row)
        )

    rows = [f"<tr>{cells('td', row)}</tr>" for row in table.rows]
    if table.total_row:
        rows[-1] = rows[-1].replace("<tr>", '<tr class="total">', 1)
    return (
        f'<section>{title}<div class="wide"><table><thead><tr>{cells("th", table.columns)}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _tiles(tiles: Sequence[tuple[str, str]]) -> str:
    inner = "".join(
        f'<div class="tile"><b>{escape(value)}</b><span>{escape(name)}</span></div>'
        for value, name in tiles
    )
    return f'<div class="tiles">{inner}</div>'


def _figure(caption: str, chart: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{chart}</figure>"


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
    reviews = {day.date: day.reviews for day in report.days}
    charts = [
        _figure(labels["reviews_per_day"], heatmap(reviews, report.study_day, language)),
        _figure(
            labels["due_days"].format(days=len(total.forecast)),
            bars(
                total.forecast,
                forecast_labels(report, language),
                [FORECAST_COLOUR] * len(total.forecast),
                labels["due_chart"],
            ),
        ),
        _figure(
            labels["ratings_given"],
            bars(
                [total.ratings[r] for r in RATINGS],
                [rating_label(r, language).replace(" ", "\n", 1) for r in RATINGS],
                RATING_COLOURS,
                labels["ratings_chart"],
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
    charts = [_figure(labels["recall_per_deck"], chart)]
    return _document(labels["class_progress"], facts, _tiles(tiles), charts, tables, language)
