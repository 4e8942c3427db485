"""A card's info, as in Anki's card info: every review and reset, its memory state now, and its
predicted recall over time; and putting a card back to new.

A reset keeps the card's history: it is an event beside the review log (whose rows are synced to
the class hub by uid and never deleted), and the state is rebuilt from the ratings after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.mastery import is_mastered
from crmcards.scheduling.planner import Planner
from crmcards.store.card_history import card_history
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog

FORECAST_MIN_DAYS = 30.0  # the recall chart looks at least this far ahead


@dataclass(frozen=True)
class Event:
    """One line of the card's history: a rating (with the interval it gave), or a reset."""

    at: datetime
    rating: int | None  # None: put back to new
    interval: timedelta | None = None
    state_after: Schedule | None = None


@dataclass(frozen=True)
class CardInfo:
    item: Item
    events: list[Event]  # oldest first
    state: Schedule | None  # None: new
    recall_now: float
    suspended: bool
    mastered: bool
    leech: bool


def _after(log: ReviewLog) -> Schedule | None:
    return None if log.after is None else Schedule.from_json(log.after)


def card_info(
    store: Store, planner: Planner, item: Item, now: datetime, leech_lapses: int
) -> CardInfo:
    history = card_history(store, item.id)
    events = [
        Event(
            log.reviewed_at,
            log.rating,
            None if after is None else after.due - log.reviewed_at,
            after,
        )
        for log in history.reviews
        for after in [_after(log)]
    ]
    events += [Event(at, None) for at in history.resets]
    events.sort(key=lambda event: event.at)
    state = history.state
    return CardInfo(
        item=item,
        events=events,
        state=state,
        recall_now=planner.retrievability(state, now),
        suspended=history.suspended_at is not None,
        mastered=is_mastered(state),
        leech=state is not None and state.lapses >= leech_lapses,
    )


def recall_over_time(
    planner: Planner, info: CardInfo, now: datetime, points: int
) -> tuple[list[float], datetime, datetime]:
    """Predicted recall at `points` moments evenly spread from the card's first rating (since its
    last reset) to some way past now (at least FORECAST_MIN_DAYS, or three stabilities), with the
    first and last moment: the forgetting curve, the jumps at reviews, and what comes next.
    Empty for a new card."""
    since = next(
        (i for i in range(len(info.events) - 1, -1, -1) if info.events[i].rating is None), -1
    )
    ratings = [e for e in info.events[since + 1 :] if e.state_after is not None]
    if info.state is None or not ratings or points < 2:
        return [], now, now
    ahead = max(FORECAST_MIN_DAYS, 3 * (info.state.stability or 0.0))
    start, end = ratings[0].at, now + timedelta(days=ahead)
    step = (end - start) / (points - 1)
    curve, index = [], 0
    for n in range(points):
        moment = start + n * step
        while index + 1 < len(ratings) and ratings[index + 1].at <= moment:
            index += 1
        curve.append(planner.retrievability(ratings[index].state_after, moment))
    return curve, start, end


def reset_to_new(store: Store, item: Item, at: datetime) -> bool:
    """Put `item` back to new, keeping its history; False when it was new already."""
    return store.reset_to_new(item.id, at)
