"""Exam readiness: predicted recall on the exam day if the student stops studying today, and what
getting ready takes by the exam plan (services.exam_plan, `crmcards plan`).

Ready means that the predicted recall when the exam day begins, if the student stops studying
today, reaches the target: the exam plan's own (scheduling.exam.EXAM_TARGET, the recall it plans
every card to have on exam morning, which `crmcards plan` shows too), not the desired retention
of everyday study. Next to it stands what the plan predicts if it is followed (`planned`), so the
two readings of one target are seen together. What getting ready takes is read from the one exam
plan the sessions follow
and `crmcards plan` shows, never simulated a second time here, so the report, the statistics
screen, the home screen and `crmcards plan` give the same figures: its study days (the student's
days off left out), the cards it shows until the exam (new ones included), its busiest day, the
new cards a day it introduces, and the cards it cannot start in time (a note with more cards than
study days left: one card of a note a day).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from crmcards.decks.items import Item
from crmcards.decks.model import Deck
from crmcards.schedule import Schedule
from crmcards.scheduling.planner import Planner
from crmcards.services.exam_plan import Forecast
from crmcards.services.report.days import day_start, study_date
from crmcards.services.settings import Settings


@dataclass(frozen=True)
class DeckReadiness:
    id: str
    title: str
    recall: float  # mean predicted recall when the exam day begins, if no more study follows
    reviews: int  # the cards the plan shows of this deck before the exam (new ones included)
    per_day: int  # those spread over the plan's study days, rounded up
    not_reached: int  # new items the plan cannot start before the exam


@dataclass(frozen=True)
class Readiness:
    date: date  # of the exam
    days_left: int  # the plan's study days before the exam day: today included, days off not
    target: float  # the exam plan's target recall on exam morning (scheduling.exam.EXAM_TARGET)
    new_per_day: int  # the most new cards the plan introduces on one day
    busiest_day: int  # the most cards the plan shows on one day
    decks: tuple[DeckReadiness, ...]
    total: DeckReadiness
    # the mean recall on exam morning the plan predicts if it is followed (Forecast.mean); None
    # in reports written before it was kept
    planned: float | None = None

    def ready(self, deck: DeckReadiness) -> bool:
        return deck.recall >= self.target

    @property
    def reachable(self) -> bool:
        """Whether the plan starts every item before the exam."""
        return self.total.not_reached == 0


def upcoming_exam(settings: Settings, now: datetime) -> date | None:
    """The exam date in the settings, if one is set and it is after today."""
    if not settings.exam_date:
        return None
    exam = date.fromisoformat(settings.exam_date)
    return exam if exam > study_date(now) else None


def readiness(
    decks: Iterable[tuple[Deck, Sequence[Item]]],
    states: dict[str, Schedule],
    exam: date,
    plan: Forecast,
    now: datetime,
    planner: Planner,
    target: float,
) -> Readiness | None:
    """The readiness of each of `decks` (with the items the plan covers) for an exam on `exam`,
    from the exam plan's forecast from today (`plan`), which aims at `target`; None when no
    study day is left before it. `planner` predicts the recall if the student stops today."""
    if exam <= study_date(now) or not plan.study_days:
        return None
    study = [day for day in plan.days if not day.off]
    start = day_start(exam)

    def summary(id: str, title: str, items: Sequence[Item]) -> DeckReadiness:
        recall = sum(planner.retrievability(states.get(i.id), start) for i in items)
        reviews = sum(plan.shown[i.id] for i in items)
        return DeckReadiness(
            id,
            title,
            recall / len(items) if items else 0.0,
            reviews,
            math.ceil(reviews / plan.study_days),
            sum(1 for i in items if i.id not in states and not plan.shown[i.id]),
        )

    decks = list(decks)
    return Readiness(
        date=exam,
        days_left=plan.study_days,
        target=target,
        new_per_day=max(day.new for day in study),
        busiest_day=max(day.new + day.reviews for day in study),
        decks=tuple(summary(deck.id, deck.title, items) for deck, items in decks),
        total=summary("", "Total", [item for _, items in decks for item in items]),
        planned=plan.mean,
    )
