"""An item's FSRS schedule rebuilt from its review log: what a sync does for every item whose log
changed (ratings from another device, or a rating undone there), and an import with history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from crmcards.schedule import Review, Schedule
from crmcards.scheduling.planner import Planner


class LoggedRating(Protocol):
    """What a replay reads of a logged rating (the store's log rows have it)."""

    @property
    def uid(self) -> str: ...
    @property
    def note_key(self) -> str: ...
    @property
    def rating(self) -> int: ...
    @property
    def reviewed_at(self) -> datetime: ...
    @property
    def duration_ms(self) -> int | None: ...


def replay(planner: Planner, logs: Sequence[LoggedRating]) -> list[Review]:
    """The ratings in `logs` (one item's, in any order) applied again in the order they were made
    (uid breaks ties, the same on every device): one Review per rating, oldest first, the last
    one's `after` being where the item stands now. Empty when there are no ratings."""
    reviews: list[Review] = []
    schedule: Schedule | None = None
    for log in sorted(logs, key=lambda log: (log.reviewed_at, log.uid)):
        review = planner.review(
            schedule,
            log.rating,
            log.reviewed_at,
            note_key=log.note_key,
            duration_ms=log.duration_ms,
            uid=log.uid,
        )
        reviews.append(review)
        schedule = review.after
    return reviews
