"""Which items a study session shows today, and in what order.

Due reviews come first (most overdue first), then new items up to the daily limit. Items that
are still in (re)learning are always shown when due. Otherwise only one item of a note is shown
per day: its siblings wait for another day, so one card does not give away the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from crmcards.decks.items import Item
from crmcards.scheduling.planner import LEARNING_STATES
from crmcards.store.tables import ItemState, ReviewLog

DAY_STARTS_AT = time(4, 0)  # like Anki: a late-night session still counts as the same day


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 20
    reviews_per_day: int = 200


def study_day_start(now: datetime, starts_at: time = DAY_STARTS_AT) -> datetime:
    """When the current study day began, in local time, as an aware datetime.

    The day is stepped back on the calendar and only then given its UTC offset, so the night
    a clock springs forward or falls back does not move the start by an hour."""
    local = now.astimezone()
    day = local.date() if local.time() >= starts_at else local.date() - timedelta(days=1)
    return _local(day, starts_at)


def study_day(now: datetime, starts_at: time = DAY_STARTS_AT) -> tuple[datetime, datetime]:
    """The current study day as [start, end): ratings dated after its end (a clock that ran
    ahead) are not today's."""
    start = study_day_start(now, starts_at)
    return start, _local(start.date() + timedelta(days=1), starts_at)


def _local(day: date, at: time) -> datetime:
    """`at` on `day` in the computer's time zone, with the UTC offset in force on that day."""
    return datetime.combine(day, at).astimezone()  # a naive time is taken as local time


def study_date(moment: datetime) -> date:
    """The study day `moment` falls in."""
    return study_day_start(moment).date()


def day_start(day: date) -> datetime:
    """When study day `day` begins, as an aware datetime."""
    return datetime.combine(day, DAY_STARTS_AT).astimezone()


@dataclass(frozen=True)
class Today:
    """What has already been studied today: the basis for limits and sibling burying."""

    new: int
    reviews: int
    notes: frozenset[str]

    @classmethod
    def from_logs(cls, logs: Iterable[ReviewLog]) -> Today:
        logs = list(logs)
        new = sum(1 for log in logs if log.previous is None)
        return cls(new=new, reviews=len(logs) - new, notes=frozenset(log.note_key for log in logs))


def is_learning(state: ItemState | None) -> bool:
    return state is not None and state.state in LEARNING_STATES


def build_queue(
    items: Sequence[Item],
    states: dict[str, ItemState],
    today: Today,
    now: datetime,
    limits: Limits,
    *,
    planned: Sequence[Item] = (),
    order_new: Callable[[list[Item]], list[Item]] | None = None,
    urgent_notes: frozenset[str] = frozenset(),
) -> list[Item]:
    """An exam plan adds `planned` reviews after the due ones, orders the new items
    (`order_new`, default: deck order) and may name notes whose next new item goes first, before
    a sibling's review (`urgent_notes`)."""
    due = sorted(
        (i for i in items if i.id in states and states[i.id].due <= now),
        key=lambda i: states[i.id].due,
    )
    due += planned
    new = [i for i in items if i.id not in states]
    if order_new is not None:
        new = order_new(new)
    queue: list[Item] = []
    shown_notes = set(today.notes)
    reviews_left = max(0, limits.reviews_per_day - today.reviews)
    new_left = max(0, limits.new_per_day - today.new)

    for item in new:
        if new_left and item.note_key in urgent_notes and item.note_key not in shown_notes:
            queue.append(item)
            shown_notes.add(item.note_key)
            new_left -= 1
    for item in due:
        if is_learning(states[item.id]):
            queue.append(item)
        elif reviews_left and item.note_key not in shown_notes:
            queue.append(item)
            reviews_left -= 1
        shown_notes.add(item.note_key)
    for item in new:
        if not new_left:
            break
        if item.note_key not in shown_notes:
            queue.append(item)
            shown_notes.add(item.note_key)
            new_left -= 1
    return queue


@dataclass(frozen=True)
class Waiting:
    """What a selection holds back today besides its queue: the reasons an empty session gives."""

    new_over_limit: int  # new items the daily new-card limit keeps for another day
    reviews_over_limit: int  # due reviews the daily review limit keeps for another day
    siblings: int  # items of notes already studied today: they wait until tomorrow
    next_due: datetime | None  # when the next scheduled item of the selection comes due


def waiting(
    items: Sequence[Item],
    queue: Sequence[Item],
    states: dict[str, ItemState],
    today: Today,
    now: datetime,
    limits: Limits,
) -> Waiting:
    """Why the items of `items` that `build_queue` left out of `queue` are not shown today."""
    queued = {i.id for i in queue}
    studied_notes = today.notes | {i.note_key for i in queue}
    new_over = reviews_over = siblings = 0
    later: list[datetime] = []
    for item in items:
        if item.id in queued:
            continue
        state = states.get(item.id)
        if state is not None and state.due > now:
            later.append(state.due)
        elif item.note_key in studied_notes:
            siblings += 1
        elif state is None:
            new_over += 1
        else:
            reviews_over += 1
    return Waiting(new_over, reviews_over, siblings, min(later, default=None))
