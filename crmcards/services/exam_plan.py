"""A day-by-day study plan until the exam, in the shape of `plan --json` (design.md).

Built on exam readiness (services/report/readiness.py) until the exam planner takes over: the
reviews needed before the exam are spread evenly over the days left, and so are the new items.
Minutes follow this student's own pace over the last 30 days (10 seconds a review without one).
`predicted` is recall when the exam day begins without more study, over every item (a new
item counts as 0): its mean, its lowest value, and the share of items at the target or above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.readiness import exam_readiness
from crmcards.store.history import period_tallies
from crmcards.store.repository import Store

DEFAULT_SECONDS_PER_REVIEW = 10.0
PACE_DAYS = 30


@dataclass(frozen=True)
class PlanDay:
    date: date
    new: int
    reviews: int
    minutes: int


@dataclass(frozen=True)
class Predicted:
    mean: float
    min: float
    at_target: float


@dataclass(frozen=True)
class ExamPlan:
    exam_date: date
    target: float
    days: tuple[PlanDay, ...]
    predicted: Predicted

    def as_dict(self) -> dict[str, object]:
        return {
            "exam_date": self.exam_date.isoformat(),
            "target": self.target,
            "days": [
                {
                    "date": d.date.isoformat(),
                    "new": d.new,
                    "reviews": d.reviews,
                    "minutes": d.minutes,
                }
                for d in self.days
            ],
            "predicted": vars(self.predicted).copy(),
        }


def seconds_per_review(store: Store, now: datetime) -> float:
    """This student's mean time per review over the last PACE_DAYS days."""
    (tallies,) = period_tallies(store, [now - timedelta(days=PACE_DAYS), now])
    reviews = sum(t.reviews for t in tallies)
    milliseconds = sum(t.duration_ms for t in tallies)
    return milliseconds / 1000 / reviews if reviews and milliseconds else DEFAULT_SECONDS_PER_REVIEW


def _spread(total: int, days: int) -> list[int]:
    """`total` split over `days` as evenly as whole numbers allow, the larger shares first."""
    return [(total * (day + 1)) // days - (total * day) // days for day in range(days)][::-1]


def exam_plan(
    library: Library, store: Store, exam: date, now: datetime, planner: Planner
) -> ExamPlan | None:
    """The plan for an exam on `exam`; None unless the exam is after today."""
    ready = exam_readiness(library, store, exam, now, planner)
    if ready is None:
        return None
    items = library.items()
    states = store.states([item.id for item in items])
    start = day_start(exam)
    recall = [planner.retrievability(states.get(item.id), start) for item in items]
    new = sum(1 for item in items if item.id not in states)
    pace = seconds_per_review(store, now)
    today = study_date(now)
    days = tuple(
        PlanDay(
            today + timedelta(days=offset),
            new_today,
            reviews_today,
            math.ceil(reviews_today * pace / 60),
        )
        for offset, (new_today, reviews_today) in enumerate(
            zip(
                _spread(new, ready.days_left),
                _spread(ready.total.reviews, ready.days_left),
                strict=True,
            )
        )
    )
    predicted = Predicted(
        mean=sum(recall) / len(recall) if recall else 0.0,
        min=min(recall, default=0.0),
        at_target=(sum(1 for r in recall if r >= ready.target) / len(recall) if recall else 0.0),
    )
    return ExamPlan(exam, ready.target, days, predicted)
