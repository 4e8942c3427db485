"""A simulated class over six weeks, studied through real review sessions (the queue's limits and
sibling rule, FSRS, every rating committed): a diligent student who studies every evening, an
irregular one who studies on some days, and one who stopped after two weeks.

Each answer takes 4-20 seconds, except that the irregular student leaves one card open for half
an hour (which counts as the answer-time cap). Whether an answer is right is drawn from the
item's predicted recall, so the histories look like real ones; the same seed gives the same
class.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.report.days import day_start
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import FakeClock

LAST_DAY = date(2026, 11, 25)  # "today": the class is looked at at 12:00 UTC that day
COURSE_DAYS = 42
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
EVENING = timedelta(hours=14)  # 18:00 in Amsterdam in winter (a study day starts at 04:00)


@dataclass(frozen=True)
class Student:
    name: str
    studies: Callable[[int], bool]  # on course day n (0 first)?
    skill: float  # how much of the predicted recall turns into a right answer


def _diligent(day: int) -> bool:
    return True


def _irregular(day: int) -> bool:
    return day in IRREGULAR_DAYS


def _stopped(day: int) -> bool:
    return day < 14


# the irregular student's study days: bursts and gaps, the last one three days ago
IRREGULAR_DAYS = frozenset({0, 1, 2, 6, 9, 10, 17, 18, 19, 25, 31, 32, 38})
STUDENTS = (
    Student("Diligent Dana", _diligent, 0.97),
    Student("Irregular Ivo", _irregular, 0.85),
    Student("Stopped Sam", _stopped, 0.9),
)
LEFT_OPEN_DAY = 18  # the irregular student's card left open for 30 minutes on this day


def course_day(n: int) -> date:
    return LAST_DAY - timedelta(days=COURSE_DAYS - 1 - n)


def last_study_day(student: Student) -> date | None:
    days = [n for n in range(COURSE_DAYS) if student.studies(n)]
    return course_day(days[-1]) if days else None


def _session(
    store: Store,
    planner: Planner,
    library: Library,
    start: datetime,
    rng: random.Random,
    student: Student,
    left_open: bool,
) -> None:
    clock = FakeClock(start)
    session = ReviewSession(store, planner, library.items(), clock=clock)
    while not session.finished:
        item = session.current
        assert item is not None
        state = session.states.get(item.id)
        session.reveal()
        if left_open:
            clock.advance(minutes=30)
            left_open = False
        else:
            clock.advance(seconds=rng.uniform(4, 20))
        recall = planner.retrievability(state, clock.now) if state else 0.5
        right = rng.random() < student.skill * max(recall, 0.5)
        session.rate(rng.choice((3, 4, 4, 5)) if right else rng.choice((1, 2)))


def simulate(home: Path, library: Library, student: Student, planner: Planner) -> Store:
    """`student`'s six weeks in a store under `home` (left open for the caller)."""
    store = Store.open(home=home)
    rng = random.Random(student.name)
    for n in range(COURSE_DAYS):
        if student.studies(n):
            start = (day_start(course_day(n)) + EVENING).astimezone(UTC)
            if course_day(n) == LAST_DAY:
                start = NOW - timedelta(hours=2)  # today's session is done by noon
            left_open = student.name.startswith("Irregular") and n == LEFT_OPEN_DAY
            _session(store, planner, library, start, rng, student, left_open)
    return store
