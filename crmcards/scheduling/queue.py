"""Which items a study session shows today, and in what order.

Due reviews come first (most overdue first), then new items up to the daily limit. Items that
are still in (re)learning are always shown when due. Otherwise only one item of a note is shown
per day: its siblings wait for another day, so one card does not give away the next.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from crmcards.decks.items import Item
from crmcards.scheduling.planner import LEARNING_STATES
from crmcards.store.tables import ItemState, ReviewLog

DueEntry = tuple[str, str, int]  # item id, note key, FSRS state: as Store.due_entries reads them
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


def due_entries(
    states: dict[str, ItemState], now: datetime, planned: Sequence[Item] = ()
) -> list[DueEntry]:
    """From states in hand, what Store.due_entries reads (most overdue first), followed by the
    `planned` items (an exam plan's own reviews)."""
    due = sorted((s for s in states.values() if s.due <= now), key=lambda s: s.due)
    return [(s.item_id, s.note_key, s.state) for s in due] + [
        (i.id, i.note_key, states[i.id].state) for i in planned
    ]


def build_queue(
    items: Sequence[Item],
    due: Iterable[DueEntry],
    scheduled: Container[str],
    today: Today,
    limits: Limits,
    *,
    order_new: Callable[[list[Item]], list[Item]] | None = None,
    urgent_notes: frozenset[str] = frozenset(),
) -> list[Item]:
    """Today's queue from what the store reads quickly: `due` lists the items due now (most
    overdue first; see `due_entries`), `scheduled` holds the id of every item with a schedule,
    the others are new. Nothing here looks at the schedule of an item that is not due.

    An exam plan adds its own reviews at the end of `due`, orders the new items (`order_new`,
    default: deck order) and may name notes whose next new item goes first, before a sibling's
    review (`urgent_notes`)."""
    by_id = {item.id: item for item in items}
    new = [i for i in items if i.id not in scheduled]
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
    for item_id, note_key, state in due:
        due_item = by_id.get(item_id)
        if due_item is None:  # not in this session's selection
            continue
        if state in LEARNING_STATES:
            queue.append(due_item)
        elif reviews_left and note_key not in shown_notes:
            queue.append(due_item)
            reviews_left -= 1
        shown_notes.add(note_key)
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
    due_now: Container[str],
    scheduled: Container[str],
    today: Today,
    next_due: datetime | None,
) -> Waiting:
    """Why the items of `items` that `build_queue` left out of `queue` are not shown today;
    `due_now` and `scheduled` are ids as the store reads them, `next_due` is when the first
    item left out falls due after now."""
    queued = {i.id for i in queue}
    studied_notes = today.notes | {i.note_key for i in queue}
    new_over = reviews_over = siblings = 0
    for item in items:
        if item.id in queued:
            continue
        is_new = item.id not in scheduled
        if not is_new and item.id not in due_now:
            continue  # due later: counted in next_due
        if item.note_key in studied_notes:
            siblings += 1
        elif is_new:
            new_over += 1
        else:
            reviews_over += 1
    return Waiting(new_over, reviews_over, siblings, next_due)
