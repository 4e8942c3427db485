"""The report and the class view as CSV: one row per deck, or per item.

Written as UTF-8 with a byte order mark (ENCODING), which spreadsheets need to read accents
right. A text cell that starts with = + - @ (or a tab or carriage return) gets a leading quote,
so a spreadsheet shows it as text instead of running it as a formula.

CSV is data, as JSON is: the cells hold raw figures (fractions, seconds, ISO dates, the states'
codes) and the column names are fixed identifiers, the same whatever the UI language, so a
spreadsheet or script that reads one student's file reads every student's
(docs/report-schema.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import DeckFigures, ItemFigures, Report
from crmcards.services.report.merge import ClassView, Mastery

ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


def neutralise(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


def _recall(fraction: float) -> float:
    return round(fraction, 4)


ITEM_COLUMNS = (
    "student",
    "item",
    "deck",
    "kind",
    "prompt",
    "state",
    "recall",
    "mastered",
    "reviews",
    "failures",
    "due",
)
DECK_COLUMNS = (
    "student",
    "deck_id",
    "deck",
    "items",
    "new",
    "learning",
    "review",
    "mastered",
    "recall",
    "overdue",
    "reviews_7d",
    "reviews_30d",
    "seconds_7d",
    "seconds_30d",
)
EXAM_COLUMNS = ("exam_date", "exam_recall", "exam_reviews", "exam_reviews_a_day")


def _item_row(report: Report, item: ItemFigures) -> tuple[Cell, ...]:
    return (
        report.student,
        item.id,
        item.deck,
        item.kind,
        item.prompt,
        item.state,
        _recall(item.recall),
        item.mastered,
        item.reviews,
        item.failures,
        item.due.isoformat() if item.due else "",
    )


def _deck_row(report: Report, deck: DeckFigures) -> tuple[Cell, ...]:
    exam: tuple[Cell, ...] = ("",) * len(EXAM_COLUMNS)
    if report.exam is not None:
        ready = next(d for d in report.exam.decks if d.id == deck.id)
        exam = (report.exam.date.isoformat(), _recall(ready.recall), ready.reviews, ready.per_day)
    return (
        report.student,
        deck.id,
        deck.title,
        deck.items,
        deck.new,
        deck.learning,
        deck.review,
        deck.mastered,
        _recall(deck.recall),
        deck.overdue,
        deck.reviews_7d,
        deck.reviews_30d,
        deck.seconds_7d,
        deck.seconds_30d,
        *(deck.ratings[r] for r in RATINGS),
        *deck.forecast,
        *exam,
    )


def report_csv(report: Report, *, items: bool = False) -> str:
    if items:
        return _csv(ITEM_COLUMNS, (_item_row(report, item) for item in report.items))
    header = (
        *DECK_COLUMNS,
        *(f"rating_{r}" for r in RATINGS),
        *(f"due_day_{n}" for n in range(1, len(report.total.forecast) + 1)),
        *EXAM_COLUMNS,
    )
    return _csv(header, (_deck_row(report, deck) for deck in report.decks))


def _mastery_row(m: Mastery) -> tuple[Cell, ...]:
    return (m.id, m.deck, m.students, m.mastered, _recall(m.recall), m.reviews, m.failures)


def class_csv(view: ClassView, *, items: bool = False) -> str:
    figures = ("students", "mastered_by", "recall", "reviews", "failures")
    if items:
        return _csv(
            ("item", "deck", "prompt", *figures),
            ((m.id, m.deck, m.text, *_mastery_row(m)[2:]) for m in view.items),
        )
    return _csv(("deck_id", "deck", *figures), map(_mastery_row, view.decks))
