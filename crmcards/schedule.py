"""An item's FSRS schedule as a value, and a rating applied to one: what the scheduling layer
computes and the store keeps.

Both layers import this module and nothing else of each other: the planner maps a `Schedule`
to the next one (scheduling/planner.py), the store maps its rows to and from it
(store/tables.py), and the review log keeps the schedule before and after each rating in the
one JSON encoding below (for undo, the class server and the Anki export). Pure: no I/O.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    """Where one item stands in FSRS. No schedule (None) means the item is new."""

    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def to_json(self) -> str:
        values: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        for name in ("due", "last_review"):
            if values[name] is not None:
                values[name] = values[name].isoformat()
        return json.dumps(values)

    @classmethod
    def from_json(cls, text: str) -> Schedule:
        values = json.loads(text)
        for name in ("due", "last_review"):
            if values.get(name) is not None:
                values[name] = datetime.fromisoformat(values[name])
        return cls(**values)


_FIELDS = tuple(field.name for field in fields(Schedule))  # the JSON's keys, in this order


# An item due now, as the store reads them and the day's queue takes them: id, note key, state.
DueEntry = tuple[str, str, int]


def new_uid() -> str:
    """A globally unique id for a rating: the same rating has the same id on every device and on
    the class server, so syncing is a union of logs (and the id seeds the rating's fuzz)."""
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Review:
    """A student's rating applied to an item's schedule: what the review log stores."""

    uid: str
    rating: int  # the student's own 1-5
    fsrs_rating: int  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: datetime
    duration_ms: int | None
    before: Schedule | None  # None: the item was new
    after: Schedule
