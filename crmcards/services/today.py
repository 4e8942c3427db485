"""What a session would show today, per deck and for everything: the home screen's counts.

A deck's "new" and "due" totals (services.status) say what exists; these say what today's limits
and the one-item-per-note rule let through, so a count on the home screen is what a session
started from it really contains.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import Schedules, studied_today, todays_queue
from crmcards.services.suspension import studyable
from crmcards.store.repository import Store


@dataclass(frozen=True)
class Available:
    new: int
    due: int


@dataclass(frozen=True)
class TodaysCounts:
    total: Available
    decks: dict[str, Available]


def available_today(
    library: Library,
    store: Store,
    planner: Planner,
    limits: Limits,
    now: datetime,
    suspended: Collection[str] = frozenset(),
) -> TodaysCounts:
    """Read once (from the due index and the scheduled ids), then counted deck by deck; the
    `suspended` cards are never studied, so never counted."""
    schedules = Schedules.read(store, planner, now)
    studied = studied_today(store, now)

    def available(items: Sequence[Item]) -> Available:
        queue = todays_queue(planner, studyable(items, suspended), schedules, studied, now, limits)
        reads = schedules.reads
        new = sum(1 for item in queue if item.id not in reads.scheduled_in(item.deck.id))
        return Available(new=new, due=len(queue) - new)

    return TodaysCounts(
        total=available(library.items()),
        decks={deck.id: available(library.items([deck])) for deck in library.decks},
    )
