"""The report and the class view as titled tables of display text, before any format.

Markdown, HTML and the statistics screen all draw these same tables, so a figure reads the same
everywhere. Cells are plain, unescaped text; each format escapes them its own way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from crmcards.scheduling.ratings import LABELS, RATINGS
from crmcards.services.report.figures import DeckFigures, Report
from crmcards.services.report.merge import ClassView, Mastery, Student
from crmcards.services.report.readiness import DeckReadiness, Readiness


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_columns: int = 1  # how many leading columns hold text; the others hold figures
    empty: str = "None."  # shown instead of a table without rows
    total_row: bool = False  # the last row adds up the others


DECK_COLUMNS = (
    "Deck",
    "Items",
    "New",
    "Learning",
    "Review",
    "Mastered",
    "Recall",
    "Overdue",
    "Reviews 7 d",
    "Reviews 30 d",
    "Time 7 d",
    "Time 30 d",
)
STUDENT_COLUMNS = (
    "Student",
    "Report of",
    "Mastered",
    "Recall",
    "Reviews 7 d",
    "Streak",
    "Overdue",
    "Exam: recall, reviews a day",
    "Behind",
)
MASTERY_COLUMNS = ("Recall", "Failures", "Reviews")


def percent(fraction: float) -> str:
    """Rounded half up (12.5 % is 13 %), as people round, not half to even as round() does."""
    return f"{math.floor(fraction * 100 + 0.5)}%"


def duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02} min" if hours else f"{minutes} min"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def rating_label(rating: int) -> str:
    return f"{rating} {LABELS['en'][rating]}"


def forecast_labels(report: Report) -> list[str]:
    """`Today`, then the dates of the days the forecast counts."""
    ahead = range(1, len(report.total.forecast))
    return ["Today", *(f"{report.study_day + timedelta(days=n):%d/%m}" for n in ahead)]


def heat_days(today: date, weeks: int) -> list[date]:
    """The days of a heatmap `weeks` wide: from a Monday up to today."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    return [first + timedelta(days=n) for n in range((today - first).days + 1)]


def heat_levels(reviews: Mapping[date, int], days: Sequence[date]) -> list[int]:
    """Per day 0 without reviews, else 1-4: the quartile of the busy days its count falls in."""
    busy = sorted(reviews[day] for day in days if reviews.get(day))
    steps = [busy[len(busy) * q // 4] for q in (1, 2, 3)] if busy else []
    counts = [reviews.get(day, 0) for day in days]
    return [0 if count == 0 else 1 + sum(count > step for step in steps) for count in counts]


def report_facts(report: Report) -> list[str]:
    """Who and when: the line under a report's title."""
    return [
        f"Student: {report.student or 'unnamed'}",
        f"study day {report.study_day.isoformat()}",
        f"made {report.generated_at:%Y-%m-%d %H:%M} UTC",
    ]


def _deck_row(deck: DeckFigures) -> tuple[str, ...]:
    return (
        deck.title,
        *map(str, (deck.items, deck.new, deck.learning, deck.review, deck.mastered)),
        percent(deck.recall),
        str(deck.overdue),
        str(deck.reviews_7d),
        str(deck.reviews_30d),
        duration(deck.seconds_7d),
        duration(deck.seconds_30d),
    )


def _hardest(report: Report, title: str, ids: tuple[str, ...], *, with_deck: bool) -> Table:
    titles = {deck.id: deck.title for deck in report.decks}
    rows = (
        (
            item.prompt,
            *([titles[item.deck]] if with_deck else []),
            str(item.failures),
            str(item.reviews),
            percent(item.recall),
        )
        for item in map(report.item, ids)
    )
    return Table(
        title,
        ("Item", *(["Deck"] if with_deck else []), "Failures", "Reviews", "Recall"),
        tuple(rows),
        text_columns=2 if with_deck else 1,
        empty="No reviews yet.",
    )


def report_tables(report: Report) -> list[Table]:
    decks = (*report.decks, report.total)
    tables = [
        Table(
            "Decks",
            DECK_COLUMNS,
            tuple(_deck_row(deck) for deck in decks),
            total_row=True,
        )
    ]
    exam = report.exam
    if exam is not None:
        tables.append(
            Table(
                f"Exam readiness: {exam.date.isoformat()}, "
                f"{plural(exam.days_left, 'study day')} left, target {percent(exam.target)}",
                ("Deck", "Recall at the exam", "Reviews needed", "Reviews a day", "Ready"),
                tuple(_readiness_row(exam, d) for d in (*exam.decks, exam.total)),
                total_row=True,
            )
        )
    tables += [
        Table(
            "Ratings given",
            ("Deck", *map(rating_label, RATINGS)),
            tuple((d.title, *(str(d.ratings[r]) for r in RATINGS)) for d in decks),
            total_row=True,
        ),
        Table(
            "Due in the next days (today includes overdue items)",
            ("Deck", *forecast_labels(report)),
            tuple((d.title, *map(str, d.forecast)) for d in decks),
            total_row=True,
        ),
        _hardest(report, "Hardest items", report.total.hardest, with_deck=True),
    ]
    tables += [
        _hardest(report, f"Hardest items: {deck.title}", deck.hardest, with_deck=False)
        for deck in report.decks
        if deck.hardest
    ]
    return tables


def _readiness_row(exam: Readiness, deck: DeckReadiness) -> tuple[str, ...]:
    ready = "yes" if exam.ready(deck) else "no"
    return (deck.title, percent(deck.recall), str(deck.reviews), str(deck.per_day), ready)


def _exam_per_day(student: Student) -> str:
    exam = student.report.exam
    return "-" if exam is None else str(exam.total.per_day)


def _mastery_figures(mastery: Mastery) -> tuple[str, str, str]:
    return percent(mastery.recall), str(mastery.failures), str(mastery.reviews)


def _exam_cell(student: Student) -> str:
    exam = student.report.exam
    if exam is None:
        return "-"
    return f"{percent(exam.total.recall)} on {exam.date.isoformat()}, {exam.total.per_day} a day"


def class_tables(view: ClassView) -> list[Table]:
    students = view.students
    return [
        Table(
            "Students",
            STUDENT_COLUMNS,
            tuple(
                (
                    s.name,
                    s.report.study_day.isoformat(),
                    f"{s.report.total.mastered} of {s.report.total.items}",
                    percent(s.report.total.recall),
                    str(s.report.total.reviews_7d),
                    plural(s.report.streak, "day"),
                    str(s.report.total.overdue),
                    _exam_cell(s),
                    "yes" if s.behind else "",
                )
                for s in students
            ),
            text_columns=2,
        ),
        Table(
            "Students behind schedule",
            ("Student", "Overdue", "Reviews a day, last 7 days", "Reviews a day for the exam"),
            tuple(
                (s.name, str(s.report.total.overdue), f"{s.pace:.1f}", _exam_per_day(s))
                for s in view.behind
            ),
            empty="No student is behind schedule.",
        ),
        Table(
            "Decks",
            ("Deck", "Students", "Mastered every item", "Recall"),
            tuple(
                (d.deck, str(d.students), str(d.mastered), percent(d.recall)) for d in view.decks
            ),
        ),
        Table(
            "Weakest concepts (lowest recall among the students who studied them)",
            ("Concept", "Deck", "Students", *MASTERY_COLUMNS),
            tuple((m.text, m.deck, str(m.students), *_mastery_figures(m)) for m in view.weakest),
            text_columns=2,
            empty="Nobody has studied yet.",
        ),
        Table(
            "Items",
            ("Item", "Deck", "Mastered by", *MASTERY_COLUMNS),
            tuple(
                (m.text, m.deck, f"{m.mastered} of {m.students}", *_mastery_figures(m))
                for m in view.items
            ),
            text_columns=2,
        ),
    ]
