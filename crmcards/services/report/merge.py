"""The class view: several students' JSON reports brought together for their teacher.

Per deck and per item: how many students have mastered it. The weakest concepts (notes) are the
ones with the lowest predicted recall among the students who studied them. A student is behind
schedule with reviews left over from earlier days, or, before an exam, when the last 7 days'
pace is below the reviews a day the exam needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crmcards.services.report.figures import ItemFigures, Report
from crmcards.services.report.flagged import FlaggedCard, most_flagged

WEAKEST = 10


@dataclass(frozen=True)
class Student:
    name: str
    report: Report

    @property
    def pace(self) -> float:
        """Reviews a day over the last 7 days."""
        return self.report.total.reviews_7d / 7

    @property
    def behind(self) -> bool:
        exam = self.report.exam
        return self.report.total.overdue > 0 or (
            exam is not None and self.pace < exam.total.per_day
        )


@dataclass(frozen=True)
class Mastery:
    """How one item, concept or deck stands across the class."""

    id: str
    deck: str  # deck title
    text: str  # the prompt (of a concept: of its first item)
    students: int  # students whose report has it (for concepts: who reviewed it)
    mastered: int  # students who mastered it (a deck: every one of its items)
    recall: float  # mean predicted recall of those students
    reviews: int
    failures: int


@dataclass(frozen=True)
class ClassView:
    students: tuple[Student, ...]
    decks: tuple[Mastery, ...]
    items: tuple[Mastery, ...]
    weakest: tuple[Mastery, ...]
    # the most-flagged cards, with the notes; None when the reports could not bring flags
    # (a class server made before flags)
    flagged: tuple[FlaggedCard, ...] | None = ()

    @property
    def behind(self) -> tuple[Student, ...]:
        return tuple(s for s in self.students if s.behind)


@dataclass(frozen=True)
class _Entry:
    """One student's figures for one item, concept or deck."""

    recall: float
    mastered: bool
    reviews: int
    failures: int


def _combine(items: Sequence[ItemFigures]) -> _Entry:
    return _Entry(
        recall=sum(i.recall for i in items) / len(items),
        mastered=all(i.mastered for i in items),
        reviews=sum(i.reviews for i in items),
        failures=sum(i.failures for i in items),
    )


def _mastery(id: str, deck: str, text: str, entries: Sequence[_Entry]) -> Mastery:
    return Mastery(
        id=id,
        deck=deck,
        text=text,
        students=len(entries),
        mastered=sum(1 for e in entries if e.mastered),
        recall=sum(e.recall for e in entries) / len(entries),
        reviews=sum(e.reviews for e in entries),
        failures=sum(e.failures for e in entries),
    )


def concept_of(item_id: str) -> str:
    """The note an item belongs to: `deck/note#variant` -> `deck/note`."""
    return item_id.partition("#")[0]


def class_view(
    reports: Sequence[tuple[str, Report]], *, anonymise: bool = False, with_flags: bool = True
) -> ClassView:
    """`reports` are (name, report) pairs; `anonymise` numbers the students instead;
    `with_flags` False when the reports' flags are not known (see ClassView.flagged)."""
    students = tuple(
        Student(f"Student {n}" if anonymise else name, report)
        for n, (name, report) in enumerate(reports, start=1)
    )
    titles: dict[str, str] = {}
    first: dict[str, ItemFigures] = {}  # the first item of each concept, and each item
    entries: dict[str, dict[str, list[_Entry]]] = {
        kind: defaultdict(list) for kind in ("item", "concept", "deck")
    }
    for student in students:
        titles.update((deck.id, deck.title) for deck in student.report.decks)
        mine: dict[str, dict[str, list[ItemFigures]]] = {
            kind: defaultdict(list) for kind in ("concept", "deck")
        }
        for item in student.report.items:
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
        return [
            _mastery(key, titles.get(first[key].deck, first[key].deck), first[key].prompt, e)
            for key, e in entries[kind].items()
        ]

    weakest = sorted(mastery("concept"), key=lambda m: (m.recall, -m.failures, m.id))[:WEAKEST]
    decks = tuple(
        _mastery(id, titles.get(id, id), titles.get(id, id), e) for id, e in entries["deck"].items()
    )
    flagged = most_flagged([(s.name, s.report) for s in students]) if with_flags else None
    return ClassView(students, decks, tuple(mastery("item")), tuple(weakest), flagged)
