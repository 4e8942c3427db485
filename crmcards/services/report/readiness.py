"""Exam readiness: predicted recall on the exam day if the student stops studying today, and the
reviews a day a realistic plan needs to be ready.

Ready means that an item's predicted recall when the exam day begins reaches the target (the
desired retention). The plan studies day by day until the exam as a review session would: each
day the items the study queue shows (scheduling.queue: the daily new-item limit, one item of a
note a day), each rated 4 (good) and repeated through its learning steps that same day. After
an item's last review its next one falls after the exam, which FSRS only allows while recall
stays above the target. New items the plan cannot start before the exam at the current limit
are "not reached"; then the smallest new-item limit that would start every one is worked out
too (none may exist: a note with more cards than study days left cannot be spread in time).
The exam-planner (`crmcards plan`) builds the full day-by-day plan; this is the report's reading.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.decks.model import Deck
from crmcards.schedule import Schedule
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import (
    Limits,
    Today,
    build_queue,
    due_entries,
    is_learning,
    study_day,
)
from crmcards.services.report.days import day_start, study_date
from crmcards.services.settings import Settings
from crmcards.store.repository import Store

GOOD = 4
STUDY_HOUR = timedelta(hours=14)  # the plan's reviews of a day fall at 18:00 (day starts 04:00)


@dataclass(frozen=True)
class DeckReadiness:
    id: str
    title: str
    recall: float  # mean predicted recall when the exam day begins, if no more study follows
    reviews: int  # reviews the plan makes before the exam (see the module docstring)
    per_day: int  # those reviews spread over the days left, rounded up
    not_reached: int  # new items the plan cannot start before the exam at the current limit


@dataclass(frozen=True)
class Readiness:
    date: date  # of the exam
    days_left: int  # study days before the exam day, today included
    target: float
    new_per_day: int  # the daily new-item limit the plan keeps to
    busiest_day: int  # the most reviews the plan makes on one day
    # the smallest new-item limit that starts every item in time (when the current one does: the
    # current one), None when no limit does
    limit_needed: int | None
    decks: tuple[DeckReadiness, ...]
    total: DeckReadiness

    def ready(self, deck: DeckReadiness) -> bool:
        return deck.recall >= self.target

    @property
    def reachable(self) -> bool:
        """Whether the plan starts every item before the exam at the current limit."""
        return self.total.not_reached == 0


def upcoming_exam(settings: Settings, now: datetime) -> date | None:
    """The exam date in the settings, if one is set and it is after today."""
    if not settings.exam_date:
        return None
    exam = date.fromisoformat(settings.exam_date)
    return exam if exam > study_date(now) else None


def exam_readiness(
    library: Library,
    store: Store,
    exam: date,
    now: datetime,
    planner: Planner,
    limits: Limits = Limits(),
) -> Readiness | None:
    """Every deck's readiness for an exam on `exam`; None unless the exam is after today.

    The target is the planner's desired retention; give a planner without fuzz, so the
    reviews counted do not vary from run to run."""
    decks = [(deck, library.items([deck])) for deck in library.decks]
    today = Today.from_logs(store.logs_since(*study_day(now)))
    return readiness(decks, store.states(), exam, now, planner, limits, today)


@dataclass(frozen=True)
class _Plan:
    reviews: Counter[str]  # per item
    per_day: list[int]
    started: frozenset[str]  # new items the plan starts


def _follow_plan(
    items: Sequence[Item],
    states: dict[str, Schedule],
    today: Today,
    now: datetime,
    exam: date,
    planner: Planner,
    limits: Limits,
) -> _Plan:
    states = dict(states)
    reviews: Counter[str] = Counter()
    per_day: list[int] = []
    started: set[str] = set()
    day = study_date(now)
    while day < exam:
        day_ends = day_start(day + timedelta(days=1))
        when = max(now, day_start(day) + STUDY_HOUR).astimezone(UTC)
        count = 0
        due = due_entries(states, day_ends - timedelta(microseconds=1))
        for item in build_queue(items, due, states, today, limits):
            state = states.get(item.id)
            if state is None:
                started.add(item.id)
            while True:  # through the learning steps that fall on this day
                moment = when if state is None else max(when, state.due)
                state = planner.review(state, GOOD, moment, note_key=item.note_key).after
                reviews[item.id] += 1
                count += 1
                if not (is_learning(state) and state.due < day_ends):
                    break
            states[item.id] = state
        per_day.append(count)
        today = Today(0, 0, frozenset())
        day += timedelta(days=1)
    return _Plan(reviews, per_day, frozenset(started))


def _days_to_start(new_items: Sequence[Item], today: Today, now: datetime, limit: int) -> int:
    """How many study days the queue takes to start every new item at `limit` (at least 1) a
    day: a fresh day always starts one at least, so this ends."""
    left, days = list(new_items), 0
    while left:
        shown = {item.id for item in build_queue(left, (), (), today, Limits(limit, 0))}
        left = [item for item in left if item.id not in shown]
        today, days = Today(0, 0, frozenset()), days + 1
    return days


def _limit_needed(new_items: Sequence[Item], today: Today, now: datetime, days: int) -> int | None:
    """The smallest new-item limit that starts every item within `days` study days, if any."""
    low, high = 1, max(1, len(new_items))
    if _days_to_start(new_items, today, now, high) > days:
        return None
    while low < high:  # more new items a day never takes more days
        middle = (low + high) // 2
        if _days_to_start(new_items, today, now, middle) <= days:
            high = middle
        else:
            low = middle + 1
    return low


def readiness(
    decks: Iterable[tuple[Deck, Sequence[Item]]],
    states: dict[str, Schedule],
    exam: date,
    now: datetime,
    planner: Planner,
    limits: Limits,
    today: Today,
) -> Readiness | None:
    """`today`: what was studied today already (it counts against today's limits)."""
    days_left = (exam - study_date(now)).days
    if days_left < 1:
        return None
    target = planner.desired_retention
    start = day_start(exam)
    decks = list(decks)
    everything = [item for _, items in decks for item in items]
    plan = _follow_plan(everything, states, today, now, exam, planner, limits)
    new = [item for item in everything if item.id not in states]

    def summary(id: str, title: str, items: Sequence[Item]) -> DeckReadiness:
        recall = sum(planner.retrievability(states.get(i.id), start) for i in items)
        reviews = sum(plan.reviews[i.id] for i in items)
        return DeckReadiness(
            id,
            title,
            recall / len(items) if items else 0.0,
            reviews,
            math.ceil(reviews / days_left),
            sum(1 for i in items if i.id not in states and i.id not in plan.started),
        )

    total = summary("", "Total", everything)
    return Readiness(
        date=exam,
        days_left=days_left,
        target=target,
        new_per_day=limits.new_per_day,
        busiest_day=max(plan.per_day, default=0),
        limit_needed=(
            limits.new_per_day
            if total.not_reached == 0
            else _limit_needed(new, today, now, days_left)
        ),
        decks=tuple(summary(deck.id, deck.title, items) for deck, items in decks),
        total=total,
    )
