"""The report and the class view as titled tables of display text, before any format.

Markdown, HTML and the statistics screen all draw these same tables, so a figure reads the same
everywhere. Cells are plain, unescaped text; each format escapes them its own way. Every text
is in the language asked for (labels.py).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crmcards.scheduling.ratings import LABELS as RATING_LABELS
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.class_statistics import ClassStatistics
from crmcards.services.report.days import study_date
from crmcards.services.report.figures import DeckFigures, Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.merge import ClassView, Mastery, StudentRow
from crmcards.services.report.readiness import DeckReadiness, Readiness
from crmcards.services.report.statistics import (
    PERIODS,
    STAGES,
    CardCounts,
    DeckStatistics,
    Distribution,
    Period,
)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str  # shown instead of a table without rows
    text_columns: int = 1  # how many leading columns hold text; the others hold figures
    total_row: bool = False  # the last row adds up the others
    deck_column: int | None = None  # the column of deck titles, if any (the TUI never breaks
    # a word in it)


DECK_COLUMNS = (
    "deck",
    "items",
    "new",
    "learning",
    "in_review",
    "mastered",
    "recall",
    "overdue",
    "reviews_7d",
    "reviews_30d",
    "time_7d",
    "time_30d",
)
STUDENT_COLUMNS = (
    "student_column",
    "report_of",
    "last_studied",
    "mastered",
    "recall",
    "reviews_7d",
    "streak",
    "overdue",
    "exam_column",
    "behind",
)
HARDNESS_COLUMNS = ("studied_by", "difficulty", "failure_rate", "failures", "reviews")


def _headings(language: str, keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(LABELS[language][key] for key in keys)


def percent(fraction: float) -> str:
    """Rounded half up (12.5 % is 13 %), as people round, not half to even as round() does."""
    return f"{math.floor(fraction * 100 + 0.5)}%"


def day_text(day: date, language: str) -> str:
    return LABELS[language]["date"].format(day)


def decimal(number: float, language: str) -> str:
    """With one decimal, after the language's decimal point."""
    return f"{number:.1f}".replace(".", LABELS[language]["decimal_point"])


def duration(seconds: int, language: str) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return LABELS[language]["hours"].format(hours=hours, minutes=minutes)
    return f"{minutes} min"


def plural(count: int, noun: str, language: str) -> str:
    """`count` and the form of `noun` (a key of LABELS, written `one|many`) that goes with it."""
    one, many = LABELS[language][noun].split("|")
    return f"{count} {one if count == 1 else many}"


def rating_label(rating: int, language: str) -> str:
    return f"{rating} {RATING_LABELS[language][rating]}"


def forecast_labels(report: Report, language: str) -> list[str]:
    """`Today`, then the dates of the days the forecast counts."""
    labels = LABELS[language]
    ahead = range(1, len(report.total.forecast))
    dates = (labels["day_month"].format(report.study_day + timedelta(days=n)) for n in ahead)
    return [labels["today"], *dates]


MAX_HEAT_WEEKS = 53  # a year


def heat_weeks(first: date | None, today: date, most: int = MAX_HEAT_WEEKS) -> int:
    """How many weeks a heatmap spans: from the week of the first study day (the whole course,
    not a year of empty weeks) up to today's, at most `most`."""
    if first is None:
        return 1
    monday = first - timedelta(days=first.weekday())
    return max(1, min(most, (today - monday).days // 7 + 1))


def heat_days(today: date, weeks: int) -> list[date]:
    """The days of a heatmap `weeks` wide: from a Monday up to today."""
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    return [first + timedelta(days=n) for n in range((today - first).days + 1)]


def _heat_steps(reviews: Mapping[date, int], days: Sequence[date]) -> list[int]:
    """The counts that split the busy days among `days` into quartiles."""
    busy = sorted(reviews[day] for day in days if reviews.get(day))
    return [busy[len(busy) * q // 4] for q in (1, 2, 3)] if busy else []


def heat_levels(reviews: Mapping[date, int], days: Sequence[date]) -> list[int]:
    """Per day 0 without reviews, else 1-4: the quartile of the busy days its count falls in."""
    steps = _heat_steps(reviews, days)
    counts = [reviews.get(day, 0) for day in days]
    return [0 if count == 0 else 1 + sum(count > step for step in steps) for count in counts]


def heat_legend(reviews: Mapping[date, int], days: Sequence[date]) -> list[str]:
    """What each level 0-4 of heat_levels stands for, as counts ("0", "1-4", "5-9", ...); a level
    no count can reach is empty."""
    steps = _heat_steps(reviews, days)
    if not steps:
        return ["0", "", "", "", ""]
    most = max(reviews.get(day, 0) for day in days)
    lows, highs = [1, *(step + 1 for step in steps)], [*steps, most]
    return ["0"] + [
        "" if high < low else str(low) if low == high else f"{low}-{high}"
        for low, high in zip(lows, highs, strict=True)
    ]


def moment_text(moment: datetime, language: str) -> str:
    """A moment in local time (as the clock on the wall showed it)."""
    return LABELS[language]["moment"].format(moment.astimezone())


def report_facts(report: Report, language: str) -> list[str]:
    """Who and when: the line under a report's title."""
    labels = LABELS[language]
    return [
        labels["student_fact"].format(name=report.student or labels["unnamed"]),
        labels["study_day_fact"].format(date=day_text(report.study_day, language)),
        labels["made_fact"].format(moment=moment_text(report.generated_at, language)),
    ]


def exam_sentences(exam: Readiness, language: str, *, short: bool = False) -> list[str]:
    """What the readiness figures say and assume, in words: the reports and the statistics
    screen show these; `short`: in a line or two, for the home screen."""
    labels = LABELS[language]
    key = "exam_line" if short else "exam_sentence"
    unreachable = "exam_line_unreachable" if short else "exam_unreachable"
    sentences = [
        labels[key].format(
            date=day_text(exam.date, language),
            days=plural(exam.days_left, "study_day", language),
            recall=percent(exam.total.recall),
            planned="-" if exam.planned is None else percent(exam.planned),
            target=percent(exam.target),
            per_day=exam.total.per_day,
            busiest=exam.busiest_day,
            new=exam.new_per_day,
        )
    ]
    if not exam.reachable:
        count = plural(exam.total.not_reached, "card", language)
        sentences.append(labels[unreachable].format(count=count))
    return sentences


def mastered_fact(report: Report, language: str) -> str:
    total = report.total
    return LABELS[language]["mastered_fact"].format(mastered=total.mastered, items=total.items)


def streak_fact(report: Report, language: str) -> str:
    return LABELS[language]["streak_fact"].format(days=plural(report.streak, "day", language))


def _title(deck: DeckFigures | DeckReadiness, language: str) -> str:
    """A deck's title; the total's (whose id is empty) in the language asked for."""
    return deck.title if deck.id else LABELS[language]["total"]


def _deck_row(deck: DeckFigures, language: str) -> tuple[str, ...]:
    return (
        _title(deck, language),
        *map(str, (deck.items, deck.new, deck.learning, deck.review, deck.mastered)),
        percent(deck.recall),
        str(deck.overdue),
        str(deck.reviews_7d),
        str(deck.reviews_30d),
        duration(deck.seconds_7d, language),
        duration(deck.seconds_30d, language),
    )


def _hardest(
    report: Report, title: str, ids: tuple[str, ...], language: str, *, with_deck: bool
) -> Table:
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
    columns = ("item", *(["deck"] if with_deck else []), "failures", "reviews", "recall")
    return Table(
        title,
        _headings(language, columns),
        tuple(rows),
        LABELS[language]["no_reviews"],
        text_columns=2 if with_deck else 1,
        deck_column=1 if with_deck else None,
    )


def exam_table(exam: Readiness, language: str) -> Table:
    labels = LABELS[language]
    title = labels["exam_title"].format(
        date=day_text(exam.date, language),
        days=plural(exam.days_left, "study_day", language),
        target=percent(exam.target),
    )
    columns = ("deck", "recall_at_exam", "reviews_needed", "reviews_a_day", "not_reached", "ready")
    return Table(
        title,
        _headings(language, columns),
        tuple(_readiness_row(exam, d, language) for d in (*exam.decks, exam.total)),
        labels["none"],
        total_row=True,
        deck_column=0,
    )


def hardest_table(report: Report, deck: str, language: str) -> Table:
    """The hardest items of one deck, or of all (with `deck` empty: then with their deck)."""
    labels = LABELS[language]
    if not deck:
        return _hardest(report, labels["hardest"], report.total.hardest, language, with_deck=True)
    figures = next(d for d in report.decks if d.id == deck)
    title = labels["hardest_in"].format(deck=figures.title)
    return _hardest(report, title, figures.hardest, language, with_deck=False)


def report_tables(report: Report, language: str) -> list[Table]:
    labels = LABELS[language]
    decks = (*report.decks, report.total)
    tables = [
        Table(
            labels["decks"],
            _headings(language, DECK_COLUMNS),
            tuple(_deck_row(deck, language) for deck in decks),
            labels["none"],
            total_row=True,
        )
    ]
    statistics = report.statistics_of("")
    if statistics is not None:
        tables += statistics_tables(statistics, language)
    if report.exam is not None:
        tables.append(exam_table(report.exam, language))
    tables += [
        Table(
            labels["ratings_given"],
            (labels["deck"], *(rating_label(r, language) for r in RATINGS)),
            tuple((_title(d, language), *(str(d.ratings[r]) for r in RATINGS)) for d in decks),
            labels["none"],
            total_row=True,
        ),
        Table(
            labels["due_title"],
            (labels["deck"], *forecast_labels(report, language)),
            tuple((_title(d, language), *map(str, d.forecast)) for d in decks),
            labels["none"],
            total_row=True,
        ),
        hardest_table(report, "", language),
        *(hardest_table(report, deck.id, language) for deck in report.decks if deck.hardest),
        flags_table(report, language),
    ]
    return tables


def period_names(language: str) -> list[str]:
    """The periods of the statistics, named in `language`, in the order of PERIODS."""
    return [LABELS[language][f"period_{name}"] for name, _ in PERIODS]


def _rate(part: int, whole: int, language: str) -> str:
    if not whole:
        return "-"
    rate = percent(part / whole)
    return LABELS[language]["rate_of"].format(rate=rate, part=part, whole=whole)


def seconds_text(seconds: float | None, language: str) -> str:
    """A short time with one decimal ("7,5 s"), or "-"."""
    return "-" if seconds is None else f"{decimal(seconds, language)} s"


def _period_rows(periods: Sequence[Period], language: str) -> list[tuple[str, ...]]:
    labels = LABELS[language]

    def row(key: str, cells: Sequence[str]) -> tuple[str, ...]:
        return (labels.get(key, key), *cells)

    rows = [
        row(
            "days_studied",
            [labels["days_of"].format(studied=p.days_studied, days=p.days) for p in periods],
        ),
        row("reviews", [str(p.reviews.total) for p in periods]),
        *(
            row(
                labels["of_which"].format(stage=labels[f"stage_{stage}"]),
                [str(p.reviews.values()[n]) for p in periods],
            )
            for n, stage in enumerate(STAGES)
        ),
        row("study_time", [duration(p.seconds.total, language) for p in periods]),
        row("time_per_review", [seconds_text(p.seconds_per_review, language) for p in periods]),
        row(
            "retention_young",
            [_rate(p.retention.young_passed, p.retention.young_reviews, language) for p in periods],
        ),
        row(
            "retention_mature",
            [
                _rate(p.retention.mature_passed, p.retention.mature_reviews, language)
                for p in periods
            ],
        ),
        row(
            "retention_total",
            [
                _rate(
                    p.retention.young_passed + p.retention.mature_passed,
                    p.retention.young_reviews + p.retention.mature_reviews,
                    language,
                )
                for p in periods
            ],
        ),
    ]
    return rows


CARD_STAGES = tuple(CardCounts.__dataclass_fields__)  # new, learning, ... suspended


def card_rows(cards: CardCounts, language: str) -> list[tuple[str, str, str]]:
    """(stage name, count, share of all items) per stage."""
    counts = [getattr(cards, stage) for stage in CARD_STAGES]
    whole = sum(counts)
    return [
        (LABELS[language][f"cards_{stage}"], str(count), percent(count / whole if whole else 0))
        for stage, count in zip(CARD_STAGES, counts, strict=True)
    ]


def statistics_tables(
    statistics: DeckStatistics, language: str, periods: Sequence[str] | None = None
) -> list[Table]:
    """The periods side by side (or only `periods`, names in PERIODS), and the items by stage."""
    labels = LABELS[language]
    chosen = [p for p in statistics.periods if periods is None or p.period in periods]
    names = dict(zip((name for name, _ in PERIODS), period_names(language), strict=True))
    return [
        Table(
            labels["periods_title"],
            (labels["figure"], *(names[p.period] for p in chosen)),
            tuple(_period_rows(chosen, language)),
            labels["none"],
        ),
        Table(
            labels["cards_title"],
            _headings(language, ("stage", "count", "share")),
            tuple(card_rows(statistics.cards, language)),
            labels["none"],
        ),
    ]


def bucket_labels(distribution: Distribution, kind: str) -> list[str]:
    """A short name per bucket: "0-1", ..., "365+" (days), "1-2" (difficulty), "90-100%"."""
    if kind == "recall":
        percents = [round(edge * 100) for edge in (*distribution.edges, 1.0)]
        return [f"{low}-{high}%" for low, high in itertools.pairwise(percents)]
    edges = [f"{edge:g}" for edge in distribution.edges]
    last = "10" if kind == "difficulty" else ""  # days have no upper end: "365+"
    uppers = [*edges[1:], last]
    return [f"{low}-{high}" if high else f"{low}+" for low, high in zip(edges, uppers, strict=True)]


def flags_table(report: Report, language: str) -> Table:
    labels = LABELS[language]
    titles = {deck.id: deck.title for deck in report.decks}
    prompts = {item.id: item.prompt for item in report.items}
    return Table(
        labels["flagged_cards"],
        _headings(language, ("item", "deck", "flag_note", "flagged_at")),
        tuple(
            (
                prompts.get(flag.item, flag.item),
                titles.get(flag.deck, flag.deck),
                flag.note or "-",
                labels["moment"].format(flag.time),
            )
            for flag in report.flags
        ),
        labels["no_flags"],
        text_columns=4,
        deck_column=1,
    )


def _readiness_row(exam: Readiness, deck: DeckReadiness, language: str) -> tuple[str, ...]:
    return (
        _title(deck, language),
        percent(deck.recall),
        str(deck.reviews),
        str(deck.per_day),
        str(deck.not_reached),
        LABELS[language]["yes" if exam.ready(deck) else "no"],
    )


def _optional(value: int | None) -> str:
    return "-" if value is None else str(value)


def _hardness(mastery: Mastery, language: str) -> tuple[str, ...]:
    difficulty = "-" if mastery.difficulty is None else decimal(mastery.difficulty, language)
    return (
        str(mastery.studied),
        difficulty,
        percent(mastery.failure_rate),
        str(mastery.failures),
        str(mastery.reviews),
    )


def last_studied(student: StudentRow, language: str) -> str:
    labels = LABELS[language]
    if student.last_review is None or student.idle_days is None:
        return labels["never"]
    ago = (
        labels["studied_today"]
        if student.idle_days == 0
        else labels["days_ago"].format(days=plural(student.idle_days, "day", language))
    )
    day = day_text(study_date(student.last_review), language)
    return labels["studied_ago"].format(date=day, ago=ago)


def _exam_cell(student: StudentRow, language: str) -> str:
    if student.exam_date is None or student.exam_recall is None:
        return "-"
    return LABELS[language]["exam_cell"].format(
        recall=percent(student.exam_recall),
        date=day_text(student.exam_date, language),
        per_day=student.exam_per_day,
    )


def _part_of(part: int, whole: int, language: str) -> str:
    return LABELS[language]["part_of"].format(part=part, whole=whole)


def _last_review(mastery: Mastery, language: str) -> str:
    if mastery.last_review is None:
        return LABELS[language]["never"]
    return day_text(study_date(mastery.last_review), language)


STUDENT_STATISTICS_COLUMNS = (
    "student_column",
    "period",
    "days_studied",
    "reviews",
    "reviews_a_day",
    "study_time",
    "retention_young",
    "retention_mature",
)


def _student_statistics_rows(student: StudentRow, language: str) -> list[tuple[str, ...]]:
    """A row per period of the student's statistics (or one saying the report has none)."""
    labels = LABELS[language]
    if student.statistics is None:
        blank = ("-",) * (len(STUDENT_STATISTICS_COLUMNS) - 2)
        return [(student.name, labels["not_in_report"], *blank)]
    return [
        (
            student.name,
            labels[f"period_{p.period}"],
            labels["days_of"].format(studied=p.days_studied, days=p.days),
            str(p.reviews.total),
            decimal(p.reviews_per_day, language),
            duration(p.seconds.total, language),
            _rate(p.retention.young_passed, p.retention.young_reviews, language),
            _rate(p.retention.mature_passed, p.retention.mature_reviews, language),
        )
        for p in student.statistics
    ]


def class_days_title(statistics: ClassStatistics, students: int, language: str) -> str:
    """What the class's per-day figures show, and of whom when not of every student."""
    labels = LABELS[language]
    title = labels["class_days"].format(days=len(statistics.days))
    if statistics.students == students:
        return title
    return labels["class_days_of"].format(title=title, known=statistics.students, students=students)


def _class_days_table(view: ClassView, language: str) -> Table:
    labels = LABELS[language]
    statistics = view.statistics
    days = () if statistics is None else statistics.days
    return Table(
        labels["class_days"].format(days=len(days))
        if statistics is None
        else class_days_title(statistics, len(view.students), language),
        (
            labels["day_column"],
            labels["reviews"],
            *(labels[f"stage_{stage}"] for stage in STAGES),
            labels["study_time"],
        ),
        tuple(
            (
                day_text(day.date, language),
                str(day.reviews.total),
                *map(str, day.reviews.values()),
                duration(day.seconds.total, language),
            )
            for day in days
        ),
        labels["nobody_studied"],
    )


def class_tables(view: ClassView, language: str) -> list[Table]:
    labels = LABELS[language]
    students = view.students
    return [
        Table(
            labels["students"],
            _headings(language, STUDENT_COLUMNS),
            tuple(
                (
                    s.name,
                    day_text(s.study_day, language),
                    last_studied(s, language),
                    _part_of(s.mastered, s.items, language),
                    percent(s.recall),
                    str(s.reviews_7d),
                    plural(s.streak, "day", language),
                    str(s.overdue),
                    _exam_cell(s, language),
                    labels["yes"] if s.behind else "",
                )
                for s in students
            ),
            labels["none"],
            text_columns=3,
        ),
        Table(
            labels["behind_title"],
            _headings(language, ("student_column", "last_studied", "overdue", "pace", "exam_pace")),
            tuple(
                (
                    s.name,
                    last_studied(s, language),
                    str(s.overdue),
                    decimal(s.pace, language),
                    _optional(s.exam_per_day),
                )
                for s in view.behind
            ),
            labels["nobody_behind"],
            text_columns=2,
        ),
        Table(
            labels["student_statistics"],
            _headings(language, STUDENT_STATISTICS_COLUMNS),
            tuple(row for s in students for row in _student_statistics_rows(s, language)),
            labels["none"],
            text_columns=2,
        ),
        _class_days_table(view, language),
        Table(
            labels["decks"],
            _headings(language, ("deck", "students", "mastered_every_item", "recall")),
            tuple(
                (d.deck, str(d.students), str(d.mastered), percent(d.recall)) for d in view.decks
            ),
            labels["none"],
        ),
        Table(
            labels["weakest"],
            _headings(language, ("concept", "deck", *HARDNESS_COLUMNS, "last_studied")),
            tuple(
                (m.text, m.deck, *_hardness(m, language), _last_review(m, language))
                for m in view.weakest
            ),
            labels["nobody_studied"],
            text_columns=2,
        ),
        Table(
            labels["items_hardest_first"],
            _headings(language, ("item", "deck", *HARDNESS_COLUMNS, "mastered_by", "recall")),
            tuple(
                (
                    m.text,
                    m.deck,
                    *_hardness(m, language),
                    _part_of(m.mastered, m.students, language),
                    percent(m.recall),
                )
                for m in view.items
            ),
            labels["none"],
            text_columns=2,
        ),
        Table(
            labels["most_flagged"],
            _headings(language, ("item", "deck", "flag_notes", "flagged_by", "flag_count")),
            tuple(
                (f.text, f.deck, " · ".join(f.notes) or "-", str(f.students), str(f.flags))
                for f in view.flagged or ()
            ),
            labels["no_flags" if view.flagged is not None else "flags_not_live"],
            text_columns=3,
        ),
    ]
