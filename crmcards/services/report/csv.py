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
from datetime import date, datetime

from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.class_statistics import CLASS_PERIODS, StudentPeriod
from crmcards.services.report.figures import DeckFigures, ItemFigures, Report
from crmcards.services.report.merge import ClassView, Mastery, StudentRow
from crmcards.services.report.statistics import STAGES

ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


def neutralise(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


DIALECTS = ("raw", "excel-nl")


def _spreadsheet_nl(cell: Cell) -> Cell:
    """A number as Dutch Excel reads one: a decimal comma (there is no thousands separator)."""
    return str(cell).replace(".", ",") if isinstance(cell, float) else cell


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: str = "raw") -> str:
    """`dialect` "raw": commas and decimal points, for scripts; "excel-nl": semicolons and
    decimal commas, so a double-click in a Dutch Excel opens the columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dialect == "excel-nl" else ",")
    writer.writerow(header)
    for row in rows:
        cells = [neutralise(cell) for cell in row]
        writer.writerow(map(_spreadsheet_nl, cells) if dialect == "excel-nl" else cells)
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


def report_csv(report: Report, *, items: bool = False, dialect: str = "raw") -> str:
    if items:
        return _csv(ITEM_COLUMNS, (_item_row(report, item) for item in report.items), dialect)
    header = (
        *DECK_COLUMNS,
        *(f"rating_{r}" for r in RATINGS),
        *(f"due_day_{n}" for n in range(1, len(report.total.forecast) + 1)),
        *EXAM_COLUMNS,
    )
    return _csv(header, (_deck_row(report, deck) for deck in report.decks), dialect)


def _optional(value: Cell) -> Cell:
    return "" if value is None else value


def _moment(moment: datetime | date | None) -> str:
    return "" if moment is None else moment.isoformat()


STUDENT_COLUMNS = (
    "student",
    "study_day",
    "generated_at",
    "last_review",
    "idle_days",
    "items",
    "mastered",
    "recall",
    "reviews_7d",
    "streak",
    "overdue",
    "behind",
    "exam_date",
    "exam_recall",
    "exam_reviews_a_day",
)
# per period of class_statistics (empty cells: not in the student's report)
PERIOD_FIGURES = (
    "days_studied",
    "reviews_per_day",
    *(f"reviews_{stage}" for stage in STAGES),
    "seconds",
    "young_reviews",
    "young_passed",
    "retention_young",
    "mature_reviews",
    "mature_passed",
    "retention_mature",
)
STATISTICS_COLUMNS = tuple(f"{figure}_{p}" for p in CLASS_PERIODS for figure in PERIOD_FIGURES)


def _rate(part: int, whole: int) -> Cell:
    return _recall(part / whole) if whole else ""


def _period_cells(p: StudentPeriod) -> tuple[Cell, ...]:
    retention = p.retention
    return (
        p.days_studied,
        round(p.reviews_per_day, 2),
        *p.reviews.values(),
        p.seconds.total,
        retention.young_reviews,
        retention.young_passed,
        _rate(retention.young_passed, retention.young_reviews),
        retention.mature_reviews,
        retention.mature_passed,
        _rate(retention.mature_passed, retention.mature_reviews),
    )


def _statistics_cells(s: StudentRow) -> tuple[Cell, ...]:
    if s.statistics is None:
        return ("",) * len(STATISTICS_COLUMNS)
    return tuple(cell for p in s.statistics for cell in _period_cells(p))


def _student_row(s: StudentRow) -> tuple[Cell, ...]:
    return (
        s.name,
        s.study_day.isoformat(),
        s.generated_at.isoformat(),
        _moment(s.last_review),
        _optional(s.idle_days),
        s.items,
        s.mastered,
        _recall(s.recall),
        s.reviews_7d,
        s.streak,
        s.overdue,
        s.behind,
        _moment(s.exam_date),
        "" if s.exam_recall is None else _recall(s.exam_recall),
        _optional(s.exam_per_day),
        *_statistics_cells(s),
    )


MASTERY_FIGURES = (
    "students",
    "studied_by",
    "mastered_by",
    "recall",
    "reviews",
    "failures",
    "failure_rate",
    "difficulty",
    "last_review",
)


def _mastery_figures(m: Mastery) -> tuple[Cell, ...]:
    return (
        m.students,
        m.studied,
        m.mastered,
        _recall(m.recall),
        m.reviews,
        m.failures,
        _recall(m.failure_rate),
        "" if m.difficulty is None else round(m.difficulty, 2),
        _moment(m.last_review),
    )


def class_csv(view: ClassView, *, rows: str = "deck", dialect: str = "raw") -> str:
    """A row per deck, per item (`rows="item"`) or per student (`rows="student"`)."""
    if rows == "student":
        header = (*STUDENT_COLUMNS, *STATISTICS_COLUMNS)
        return _csv(header, map(_student_row, view.students), dialect)
    if rows == "item":
        return _csv(
            ("item", "deck", "prompt", *MASTERY_FIGURES),
            ((m.id, m.deck, m.text, *_mastery_figures(m)) for m in view.items),
            dialect,
        )
    return _csv(
        ("deck_id", "deck", *MASTERY_FIGURES),
        ((m.id, m.deck, *_mastery_figures(m)) for m in view.decks),
        dialect,
    )
