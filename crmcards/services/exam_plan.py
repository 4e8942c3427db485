"""`crmcards plan`: the day-by-day plan until the exam, what following it predicts for exam
morning, and what skipping today would cost.

The plan is a forecast made with the sessions' own rules (scheduling.exam) and the student's own
daily limits: every day from today to the day before the exam, the cards the session would show
are rated "good" (4), new cards are introduced as the plan spreads them, and the predicted recall
on exam morning is read from the resulting memory states. The plan keeps each day's reviews
within the daily review limit where it can; where it cannot, the reviews the limit leaves for
later are counted (`PlanDay.waiting`) and the plan says which limit would be needed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.exam import ExamPlanner
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import (
    Limits,
    Today,
    day_start,
    is_learning,
    study_date,
)

GOOD = 4
SECONDS_NEW = 20.0  # until the log says how long this student takes
SECONDS_REVIEW = 8.0
TOO_MANY_NEW = 60  # new cards a day beyond which the plan says it is too much
TOO_MANY_MINUTES = 120  # minutes a day beyond which the plan says it is too much
STUDY_HOUR = timedelta(hours=10)  # when a planned day's session is assumed to start
NOBODY = Today(new=0, reviews=0, notes=frozenset())


class PlanStopped(Exception):
    """The plan was no longer wanted (its screen closed, the app quit) and stopped part-way:
    with many thousands of cards it takes minutes, and quitting must not wait for it."""


@dataclass(frozen=True)
class PlanDay:
    date: date
    new: int
    reviews: int
    minutes: int
    off: bool
    waiting: int = 0  # due reviews the daily review limit leaves for a later day
    needed: int = 0  # the reviews that day would show without the limit (when it waits)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "new": self.new,
            "reviews": self.reviews,
            "minutes": self.minutes,
            "off": self.off,
            "waiting": self.waiting,
        }


@dataclass(frozen=True)
class Forecast:
    days: tuple[PlanDay, ...]
    recall: tuple[float, ...]  # per item, on exam morning
    never_introduced: int
    # per item: how often the plan shows it (its introduction and learning steps included);
    # the report's readiness reads its figures per deck from this
    shown: Counter[str] = field(default_factory=Counter)

    @property
    def mean(self) -> float:
        return sum(self.recall) / len(self.recall) if self.recall else 0.0

    @property
    def study_days(self) -> int:
        """The days it plans study on (days off not)."""
        return sum(1 for d in self.days if not d.off)


@dataclass(frozen=True)
class ExamPlan:
    exam_date: date
    target: float
    forecast: Forecast
    skipped_today: Forecast  # the same plan with today left out
    new_left: int
    review_limit: int  # the student's daily review limit, which the plan keeps to

    @property
    def study_days(self) -> int:
        """Days left to study before the exam, today included and days off not."""
        return self.forecast.study_days

    @property
    def days_waiting(self) -> int:
        """Days on which the daily review limit leaves due reviews for a later day."""
        return sum(1 for d in self.forecast.days if d.waiting)

    @property
    def most_waiting(self) -> int:
        """The most due reviews the daily review limit leaves for a later day on one day."""
        return max((d.waiting for d in self.forecast.days), default=0)

    @property
    def limit_needed(self) -> int | None:
        """The daily review limit the plan needs so no review waits (at least the most reviews
        one day would show); None when the student's limit is enough."""
        waits = [d.needed for d in self.forecast.days if d.waiting]
        return max(waits) if waits else None

    @property
    def today(self) -> PlanDay | None:
        return self.forecast.days[0] if self.forecast.days else None

    @property
    def skip_cost(self) -> float:
        """Points of mean exam-day recall lost by not studying today."""
        return max(0.0, self.forecast.mean - self.skipped_today.mean)

    @property
    def next_study_day(self) -> date | None:
        """The first day after today that is not a day off, before the exam."""
        return next((d.date for d in self.forecast.days[1:] if not d.off), None)

    @property
    def tomorrow(self) -> tuple[int, int]:
        """Cards (new and reviews) on the next study day: when today is skipped, and by the
        plan."""

        def cards(days: Sequence[PlanDay]) -> int:
            day = next((d for d in days if d.date == self.next_study_day), None)
            return 0 if day is None else day.new + day.reviews

        return cards(self.skipped_today.days), cards(self.forecast.days)

    @property
    def too_much(self) -> bool:
        busy = [d for d in self.forecast.days if not d.off]
        return self.forecast.never_introduced > 0 or any(
            d.new > TOO_MANY_NEW or d.minutes > TOO_MANY_MINUTES for d in busy
        )

    def as_dict(self) -> dict[str, Any]:
        recall = self.forecast.recall
        busy = [d for d in self.forecast.days if not d.off]
        return {
            "exam_date": self.exam_date.isoformat(),
            "target": self.target,
            "days": [d.as_dict() for d in self.forecast.days],
            "predicted": {
                "mean": self.forecast.mean,
                "min": min(recall, default=0.0),
                "at_target": (
                    sum(1 for r in recall if r >= self.target) / len(recall) if recall else 0.0
                ),
            },
            "skip_today": {
                "mean": self.skipped_today.mean,
                "cost": self.skip_cost,
                "tomorrow": self.tomorrow[0],
                "tomorrow_planned": self.tomorrow[1],
            },
            "new_left": self.new_left,
            "review_limit": {
                "per_day": self.review_limit,
                "days_waiting": self.days_waiting,
                "most_waiting": self.most_waiting,
                "needed": self.limit_needed,
            },
            "never_introduced": self.forecast.never_introduced,
            "too_much": self.too_much,
            "per_day": {
                "new": max((d.new for d in busy), default=0),
                "reviews": math.ceil(sum(d.reviews for d in busy) / len(busy)) if busy else 0,
                "minutes": math.ceil(sum(d.minutes for d in busy) / len(busy)) if busy else 0,
            },
        }


def forecast(
    new_planner: Callable[[], Planner],
    items: Sequence[Item],
    states: dict[str, Schedule],
    now: datetime,
    *,
    first: date,
    seconds: tuple[float, float] = (SECONDS_NEW, SECONDS_REVIEW),
    limits: Limits = Limits(),
    studied: Today = NOBODY,
    stop: Callable[[], bool] | None = None,
) -> Forecast:
    """Follow the plan from day `first` (today, or later to see what skipping costs) to the
    exam, rating every card shown "good"; `new_planner` makes a planner with an exam plan,
    `limits` are the student's daily limits (as the sessions have them: new cards are at
    least `new_per_day`), `studied` is what was done today already. Raises PlanStopped as soon
    as `stop()` returns True (asked before each planned day)."""
    planner = new_planner()
    plan = planner.exam
    assert plan is not None, "a plan needs an exam date"
    before, states = states, dict(states)
    plan.plan_load(states, now)
    days: list[PlanDay] = []
    day = max(first, study_date(now))
    while day < plan.day:
        if stop is not None and stop():
            raise PlanStopped
        if not plan.is_study_day(day):
            days.append(PlanDay(day, 0, 0, 0, off=True))
        else:
            done = studied if day == study_date(now) else NOBODY
            days.append(_study(planner, plan, items, states, now, day, seconds, limits, done))
        day += timedelta(days=1)
    recall = tuple(plan.exam_recall(states.get(i.id)) for i in items)
    shown = Counter({i.id: _reps(states.get(i.id)) - _reps(before.get(i.id)) for i in items})
    return Forecast(tuple(days), recall, sum(1 for i in items if i.id not in states), +shown)


def _reps(state: Schedule | None) -> int:
    """The ratings an item has had (each one counts, learning steps too)."""
    return 0 if state is None else state.reps


def _study(
    planner: Planner,
    plan: ExamPlanner,
    items: Sequence[Item],
    states: dict[str, Schedule],
    now: datetime,
    day: date,
    seconds: tuple[float, float],
    limits: Limits,
    studied: Today,
) -> PlanDay:
    """One planned day's session, every card rated good (`states` is updated)."""
    at = max(now, day_start(day) + STUDY_HOUR).astimezone(UTC)  # FSRS takes UTC only
    end_of_day = day_start(day + timedelta(days=1)) - timedelta(seconds=1)
    due = plan.due_by_plan(items, states, end_of_day)
    queue = plan.queue(items, states, studied, end_of_day, limits, due)
    shown = _reviews_in(queue, states)
    waiting = needed = 0
    if shown >= limits.reviews_per_day - studied.reviews:  # the limit may hold some back
        unlimited = replace(limits, reviews_per_day=10**9)
        needed = _reviews_in(plan.queue(items, states, studied, end_of_day, unlimited, due), states)
        waiting = needed - shown
    new = reviews = 0
    for item in queue:
        state = states.get(item.id)
        if state is None:
            new += 1
        else:
            reviews += 1
        when = at
        while True:
            state = planner.review(state, GOOD, when, note_key=item.note_key).after
            if not is_learning(state):
                break
            when = max(when, state.due)  # a learning step, later in the same session
            reviews += 1
        states[item.id] = state
    minutes = math.ceil((new * seconds[0] + reviews * seconds[1]) / 60)
    if not waiting:
        needed = 0
    return PlanDay(day, new, reviews, minutes, off=False, waiting=waiting, needed=needed)


def _reviews_in(queue: Sequence[Item], states: dict[str, Schedule]) -> int:
    """The cards of `queue` that count against the daily review limit (not new, not learning)."""
    return sum(1 for i in queue if i.id in states and not is_learning(states[i.id]))


def exam_plan(
    new_planner: Callable[[], Planner],
    items: Sequence[Item],
    states: dict[str, Schedule],
    now: datetime,
    *,
    seconds: tuple[float | None, float | None] = (None, None),
    limits: Limits = Limits(),
    studied: Today = NOBODY,
    stop: Callable[[], bool] | None = None,
) -> ExamPlan:
    """The plan from today, and the same plan starting tomorrow (what skipping today costs)."""
    typical = (seconds[0] or SECONDS_NEW, seconds[1] or SECONDS_REVIEW)
    today = study_date(now)
    kwargs: dict[str, Any] = {"seconds": typical, "limits": limits, "stop": stop}
    full = forecast(new_planner, items, states, now, first=today, studied=studied, **kwargs)
    skipped = forecast(new_planner, items, states, now, first=today + timedelta(days=1), **kwargs)
    planner = new_planner()
    assert planner.exam is not None
    return ExamPlan(
        exam_date=planner.exam.day,
        target=planner.exam.target,
        forecast=full,
        skipped_today=skipped,
        new_left=sum(1 for i in items if i.id not in states),
        review_limit=limits.reviews_per_day,
    )
