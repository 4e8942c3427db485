"""Exam day: how much the student is predicted to recall now, and the weakest cards for a last
look before the exam (a cram run over them: no schedule changes on the exam's own morning)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.exam import EXAM_FLOOR
from crmcards.scheduling.planner import Planner

LAST_LOOK_CARDS = 20  # at most this many of the weakest cards in the last look


@dataclass(frozen=True)
class ExamMorning:
    mean: float  # predicted recall now over every studyable card (0 for a card never studied)
    below: int  # cards predicted below EXAM_FLOOR now
    weakest: tuple[str, ...]  # ids of the cards for a last look, weakest first

    @property
    def floor(self) -> float:
        return EXAM_FLOOR


def exam_morning(
    planner: Planner, items: Sequence[Item], states: dict[str, Schedule], now: datetime
) -> ExamMorning:
    """The exam morning's figures; the last look takes the weakest cards below EXAM_FLOOR
    (at most LAST_LOOK_CARDS) that were studied before (a card never studied is not learnt in a
    last look)."""
    recall = {i.id: planner.retrievability(states.get(i.id), now) for i in items}
    studied = sorted((r, i) for i, r in recall.items() if i in states and r < EXAM_FLOOR)
    return ExamMorning(
        mean=sum(recall.values()) / len(recall) if recall else 0.0,
        below=sum(1 for r in recall.values() if r < EXAM_FLOOR),
        weakest=tuple(i for _, i in studied[:LAST_LOOK_CARDS]),
    )
