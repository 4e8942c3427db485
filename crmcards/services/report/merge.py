"""The class view: several students' reports brought together for their teacher.

The view is plain data (frozen dataclasses of numbers, dates and text), built here from the
students' Reports, whichever way they arrived: JSON files (`report --merge`) or a class
database. Every format (md, html, csv, json) shows this one structure.

Per deck and per item: how many students studied and mastered it. What the class finds hard is
read from the reviews, not from the time since: the failure rate (failures per review) and the
FSRS difficulty of the students who studied a card. A student who stopped a month ago has a low
predicted recall on everything, which says when they studied, not what is hard; when each
student last studied is shown on its own. A student is behind schedule with overdue items
(services.backlog), or, before an exam, when the last 7 days' pace is below the reviews a day
the exam needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.services.report.class_statistics import (
    ClassStatistics,
    StudentPeriod,
    class_statistics,
    report_days,
    report_periods,
)
from crmcards.services.report.days import study_date
from crmcards.services.report.figures import ItemFigures, Report
from crmcards.services.report.flagged import FlaggedCard, most_flagged

WEAKEST = 10


@dataclass(frozen=True)
class StudentRow:
    """One student's standing, as their report gave it."""

    name: str
    study_day: date  # of the report
    generated_at: datetime
    last_review: datetime | None  # when they last studied
    idle_days: int | None  # study days from the last review up to the report's study day
    items: int
    mastered: int
    recall: float
    reviews_7d: int
    streak: int
    overdue: int
    exam_date: date | None
    exam_recall: float | None  # if they stop studying now
    exam_per_day: int | None  # reviews a day the exam needs
    behind: bool
    # the last 7 and 30 study days (class_statistics); None: not in this report (made before
    # the statistics)
    statistics: tuple[StudentPeriod, ...] | None = None

    @property
    def pace(self) -> float:
        """Reviews a day over the last 7 days."""
        return self.reviews_7d / 7


@dataclass(frozen=True)
class Mastery:
    """How one item, concept or deck stands across the class."""

    id: str
    deck: str  # deck title
    text: str  # the prompt (of a concept: of its first item)
    students: int  # students whose report has it (concepts: who reviewed it)
    studied: int  # students who reviewed it
    mastered: int  # students who mastered it (a deck: every one of its items)
    recall: float  # mean predicted recall of `students`
    reviews: int
    failures: int
    difficulty: float | None  # mean FSRS difficulty (1-10) of the students who studied it
    last_review: datetime | None  # the latest review by any student

    @property
    def failure_rate(self) -> float:
        return self.failures / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class ClassView:
    students: tuple[StudentRow, ...]
    decks: tuple[Mastery, ...]
    items: tuple[Mastery, ...]  # hardest first (see hardest_first)
    weakest: tuple[Mastery, ...]  # the concepts the class finds hardest
    # the most-flagged cards, with the notes; None when the reports could not bring flags
    # (a class server made before flags)
    flagged: tuple[FlaggedCard, ...] | None = ()
    statistics: ClassStatistics | None = None  # None: no student at all

    @property
    def behind(self) -> tuple[StudentRow, ...]:
        return tuple(s for s in self.students if s.behind)


def hardest_first(mastery: Mastery) -> tuple[float, float, str]:
    """Sort key: highest mean difficulty first, then the highest failure rate; never studied
    last."""
    difficulty = -1.0 if mastery.difficulty is None else mastery.difficulty
    return (-difficulty, -mastery.failure_rate, mastery.id)


@dataclass(frozen=True)
class _Entry:
    """One student's figures for one item, concept or deck."""

    recall: float
    mastered: bool
    reviews: int
    failures: int
    difficulty: float | None  # mean over the items they studied
    last_review: datetime | None


def _latest(moments: Sequence[datetime | None]) -> datetime | None:
    return max((m for m in moments if m is not None), default=None)


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _combine(items: Sequence[ItemFigures]) -> _Entry:
    studied = [i for i in items if i.reviews]
    return _Entry(
        recall=sum(i.recall for i in items) / len(items),
        mastered=all(i.mastered for i in items),
        reviews=sum(i.reviews for i in items),
        failures=sum(i.failures for i in items),
        difficulty=_mean([i.difficulty for i in studied]),
        last_review=_latest([i.last_review for i in items]),
    )


def _mastery(id: str, deck: str, text: str, entries: Sequence[_Entry]) -> Mastery:
    return Mastery(
        id=id,
        deck=deck,
        text=text,
        students=len(entries),
        studied=sum(1 for e in entries if e.reviews),
        mastered=sum(1 for e in entries if e.mastered),
        recall=sum(e.recall for e in entries) / len(entries),
        reviews=sum(e.reviews for e in entries),
        failures=sum(e.failures for e in entries),
        difficulty=_mean([e.difficulty for e in entries]),
        last_review=_latest([e.last_review for e in entries]),
    )


def concept_of(item_id: str) -> str:
    """The note an item belongs to: `deck/note#variant` -> `deck/note`."""
    return item_id.partition("#")[0]


def _student(name: str, report: Report) -> StudentRow:
    exam, total = report.exam, report.total
    last = report.last_review
    pace = total.reviews_7d / 7
    return StudentRow(
        name=name,
        study_day=report.study_day,
        generated_at=report.generated_at,
        last_review=last,
        idle_days=None if last is None else (report.study_day - study_date(last)).days,
        items=total.items,
        mastered=total.mastered,
        recall=total.recall,
        reviews_7d=total.reviews_7d,
        streak=report.streak,
        overdue=total.overdue,
        exam_date=None if exam is None else exam.date,
        exam_recall=None if exam is None else exam.total.recall,
        exam_per_day=None if exam is None else exam.total.per_day,
        behind=total.overdue > 0 or (exam is not None and pace < exam.total.per_day),
        statistics=report_periods(report),
    )


def refuse_duplicates(reports: Sequence[tuple[str, Report]]) -> None:
    """Raise CrmcardsError when two of the (origin, report) pairs are of one student: the same
    file twice, two reports of one history (the same first review), or the same name."""
    seen: dict[object, tuple[str, Report]] = {}
    for origin, report in reports:
        # one history: the same first review, to the microsecond; without any: the same report
        keys: list[object] = [
            ("history", report.first_review)
            if report.first_review
            else ("report", report.student, report.generated_at)
        ]
        if report.student.strip():
            keys.append(("name", report.student.strip().casefold()))
        for key in keys:
            if key in seen:
                other, earlier = seen[key]
                raise CrmcardsError(
                    Said.of(
                        "report_same_student",
                        other=other,
                        origin=origin,
                        student=report.student or earlier.student or Said.of("report_unnamed"),
                        earlier=f"{earlier.generated_at:%Y-%m-%d %H:%M}",
                        later=f"{report.generated_at:%Y-%m-%d %H:%M}",
                    )
                )
            seen[key] = (origin, report)


def class_view(
    reports: Sequence[tuple[str, Report]], *, anonymise: bool = False, with_flags: bool = True
) -> ClassView:
    """`reports` are (name, report) pairs; `anonymise` numbers the students instead;
    `with_flags` False when the reports' flags are not known (see ClassView.flagged)."""
    named = [
        (f"Student {n}" if anonymise else name, report)
        for n, (name, report) in enumerate(reports, start=1)
    ]
    titles: dict[str, str] = {}
    first: dict[str, ItemFigures] = {}  # the first item of each concept, and each item
    entries: dict[str, dict[str, list[_Entry]]] = {
        kind: defaultdict(list) for kind in ("item", "concept", "deck")
    }
    for _, report in named:
        titles.update((deck.id, deck.title) for deck in report.decks)
        mine: dict[str, dict[str, list[ItemFigures]]] = {
            kind: defaultdict(list) for kind in ("concept", "deck")
        }
        for item in report.items:
            first.setdefault(item.id, item)
            first.setdefault(concept_of(item.id), item)
            entries["item"][item.id].append(_combine([item]))
            mine["deck"][item.deck].append(item)
            if item.reviews:
                mine["concept"][concept_of(item.id)].append(item)
        for kind, groups in mine.items():
            for key, items in groups.items():
                entries[kind][key].append(_combine(items))

    def mastery(kind: str) -> list[Mastery]:
        return sorted(
            (
                _mastery(key, titles.get(first[key].deck, first[key].deck), first[key].prompt, e)
                for key, e in entries[kind].items()
            ),
            key=hardest_first,
        )

    decks = tuple(
        _mastery(id, titles.get(id, id), titles.get(id, id), e) for id, e in entries["deck"].items()
    )
    return ClassView(
        students=tuple(_student(name, report) for name, report in named),
        decks=decks,
        items=tuple(mastery("item")),
        weakest=tuple(mastery("concept")[:WEAKEST]),
        flagged=most_flagged(named) if with_flags else None,
        statistics=class_statistics(
            max(report.study_day for _, report in named), (report_days(r) for _, r in named)
        )
        if named
        else None,
    )
