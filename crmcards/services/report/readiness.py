"""Exam readiness: predicted recall on the exam day, and the reviews a day it takes to be ready.

Ready means that an item's predicted recall when the exam day begins reaches the target (the
desired retention). The reviews needed are the ones FSRS would schedule before the exam if every
one of them were rated 4 (good): after the last one the next review falls after the exam, and
FSRS only leaves that much time while recall stays above the target.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.decks.model import Deck
from crmcards.scheduling.planner import Planner
from crmcards.services.report.days import day_start, study_date
from crmcards.services.settings import Settings
from crmcards.store.repository import Store
from crmcards.store.tables import ItemState

GOOD = 4


@dataclass(frozen=True)
class DeckReadiness:
    id: str
    title: str
    recall: float  # mean predicted recall when the exam day begins, without more study
    reviews: int  # reviews needed before the exam (see the module docstring)
    per_day: int  # those reviews spread over the days left, rounded up


@dataclass(frozen=True)
class Readiness:
    date: date  # of the exam
    days_left: int  # study days before the exam day, today included
    target: float
    decks: tuple[DeckReadiness, ...]
    total: DeckReadiness

    def ready(self, deck: DeckReadiness) -> bool:
        return deck.recall >= self.target


def upcoming_exam(settings: Settings, now: datetime) -> date | None:
    """The exam date in the settings, if one is set and it is after today."""
    if not settings.exam_date:
        return None
    exam = date.fromisoformat(settings.exam_date)
    return exam if exam > study_date(now) else None


def exam_readiness(
    library: Library, store: Store, exam: date, now: datetime, planner: Planner
) -> Readiness | None:
    """Every deck's readiness for an exam on `exam`; None unless the exam is after today.

    The target is the planner's desired retention; give a planner without fuzz, so the
    reviews counted do not vary from run to run."""
    decks = [(deck, library.items([deck])) for deck in library.decks]
    return readiness(decks, store.states(), exam, now, planner)


def _reviews_before(planner: Planner, state: ItemState | None, now: datetime, end: datetime) -> int:
    """How many reviews FSRS schedules for an item before `end` when each is rated good."""
    count = 0
    when = now if state is None else max(state.due, now)
    while when < end:
        state = planner.review(
            item_id="", deck_id="", note_key="", state=state, rating=GOOD, now=when
        ).state
        when = state.due
        count += 1
    return count


def readiness(
    decks: Iterable[tuple[Deck, Sequence[Item]]],
    states: dict[str, ItemState],
    exam: date,
    now: datetime,
    planner: Planner,
) -> Readiness | None:
    days_left = (exam - study_date(now)).days
    if days_left < 1:
        return None
    target = planner.desired_retention
    start = day_start(exam)
    new_item_reviews = _reviews_before(planner, None, now, start)  # the same for every new item

    def summary(id: str, title: str, recall: float, reviews: int, items: int) -> DeckReadiness:
        mean = recall / items if items else 0.0
        return DeckReadiness(id, title, mean, reviews, math.ceil(reviews / days_left))

    per_deck: list[DeckReadiness] = []
    total_recall, total_reviews, total_items = 0.0, 0, 0
    for deck, items in decks:
        known = [states[i.id] for i in items if i.id in states]
        recall = sum(planner.retrievability(s, start) for s in known)
        reviews = (len(items) - len(known)) * new_item_reviews + sum(
            _reviews_before(planner, s, now, start) for s in known
        )
        per_deck.append(summary(deck.id, deck.title, recall, reviews, len(items)))
        total_recall += recall
        total_reviews += reviews
        total_items += len(items)
    total = summary("", "Total", total_recall, total_reviews, total_items)
    return Readiness(exam, days_left, target, tuple(per_deck), total)
