"""Which items a study session shows today, and in what order.

Due reviews come first (most overdue first), then new items up to the daily limit. Items that
are still in (re)learning are always shown when due. Otherwise only one item of a note is shown
per day: its siblings wait for another day, so one card does not give away the next.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from operator import attrgetter
from typing import Protocol, TypeVar

from crmcards.decks.items import note_key_of
from crmcards.schedule import DueEntry, Schedule
from crmcards.scheduling.planner import LEARNING_STATES

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
    """The study day `moment` falls in (the date `study_day_start` gives, without working out
    the start's UTC offset: overdue asks this for thousands of items)."""
    local = moment.astimezone()
    return local.date() if local.time() >= DAY_STARTS_AT else local.date() - timedelta(days=1)


def day_start(day: date) -> datetime:
    """When study day `day` begins, as an aware datetime."""
    return datetime.combine(day, DAY_STARTS_AT).astimezone()


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class Studied(Protocol):
    """What a queue is chosen from: an item's ids, as a decks.items.Item has them and as a
    decks.outline.ItemRef has them without its note (a session decodes only what it shows)."""

    @property
    def id(self) -> str: ...
    @property
    def note_key(self) -> str: ...
    @property
    def deck(self) -> _Identified: ...


S = TypeVar("S", bound=Studied)


class LoggedToday(Protocol):
    """What is read of a rating logged today (the store's log rows have it)."""

    @property
    def note_key(self) -> str: ...
    @property
    def previous(self) -> str | None: ...  # None: the item was new


@dataclass(frozen=True)
class Today:
    """What has already been studied today: the basis for limits and sibling burying."""

    new: int
    reviews: int
    notes: frozenset[str]

    @classmethod
    def from_logs(cls, logs: Iterable[LoggedToday]) -> Today:
        logs = list(logs)
        new = sum(1 for log in logs if log.previous is None)
        return cls(new=new, reviews=len(logs) - new, notes=frozenset(log.note_key for log in logs))


def is_learning(state: Schedule | None) -> bool:
    return state is not None and state.state in LEARNING_STATES


def due_entries(
    states: dict[str, Schedule], now: datetime, planned: Sequence[Studied] = ()
) -> list[DueEntry]:
    """From states in hand, what Store.due_entries reads (most overdue first, ties by item id),
    followed by the `planned` items (an exam plan's own reviews)."""
    due = sorted(
        ((i, s) for i, s in states.items() if s.due <= now), key=lambda e: (e[1].due, e[0])
    )
    return [(item_id, note_key_of(item_id), s.state) for item_id, s in due] + [
        (i.id, i.note_key, states[i.id].state) for i in planned
    ]


class ScheduleReads(Protocol):
    """What the day's queue is chosen from, asked for only as far as `choose_queue` needs it:
    a large collection has 100,000 schedules and thousands due, a session shows a few hundred."""

    def due(self) -> Iterable[DueEntry]:
        """Every item due now, most overdue first (ties by item id)."""
        ...

    def learning_due(self) -> Iterable[DueEntry]:
        """The items in (re)learning among `due()`, in the same order."""
        ...

    def due_in_note(self, note_key: str) -> Collection[str]:
        """The ids of the items of note `note_key` that are among `due()`."""
        ...

    def scheduled_in(self, deck_id: str) -> Container[str]:
        """The ids of the items of deck `deck_id` that have a schedule (the others are new)."""
        ...


class HeldSchedules:
    """ScheduleReads over what is already in hand: the due entries and every scheduled id."""

    def __init__(self, due: Iterable[DueEntry], scheduled: Container[str]) -> None:
        self.entries = list(due)
        self.scheduled = scheduled
        self._due_by_note: dict[str, list[str]] | None = None

    def due(self) -> Iterable[DueEntry]:
        return self.entries

    def learning_due(self) -> Iterable[DueEntry]:
        return [entry for entry in self.entries if entry[2] in LEARNING_STATES]

    def due_in_note(self, note_key: str) -> Collection[str]:
        if self._due_by_note is None:
            self._due_by_note = defaultdict(list)
            for item_id, key, _ in self.entries:
                self._due_by_note[key].append(item_id)
        return self._due_by_note.get(note_key, ())

    def scheduled_in(self, deck_id: str) -> Container[str]:
        return self.scheduled


def build_queue(
    items: Sequence[S],
    due: Iterable[DueEntry],
    scheduled: Container[str],
    today: Today,
    limits: Limits,
    *,
    order_new: Callable[[list[S]], list[S]] | None = None,
    urgent_notes: frozenset[str] = frozenset(),
) -> list[S]:
    """Today's queue from states in hand: `due` lists the items due now (most overdue first;
    see `due_entries`), `scheduled` holds the id of every item with a schedule, the others are
    new. See `choose_queue`."""
    return choose_queue(
        items,
        HeldSchedules(due, scheduled),
        today,
        limits,
        order_new=order_new,
        urgent_notes=urgent_notes,
    )


def choose_queue(
    items: Sequence[S],
    reads: ScheduleReads,
    today: Today,
    limits: Limits,
    *,
    order_new: Callable[[list[S]], list[S]] | None = None,
    urgent_notes: frozenset[str] = frozenset(),
    index: Mapping[str, S] | None = None,
) -> list[S]:
    """Today's queue: due items in (re)learning, due reviews up to the limit and then new items
    up to the limit, one item per note and day. Nothing here looks at the schedule of an item
    that is not due, and `reads` is asked only as far as needed: the due items until the review
    limit is reached (then only those in learning), the scheduled ids deck by deck until enough
    new items are found.

    An exam plan adds its own reviews at the end of the due items, orders the new items
    (`order_new`, default: deck order) and may name notes whose next new item goes first,
    before a sibling's review (`urgent_notes`).

    `index` maps the ids of a set of items that holds `items` (the library's) to the items:
    when it has as many as `items`, it is their index, and building one is saved (100,000
    items take a third of the queue's time)."""
    by_id: Mapping[str, S] = (
        index
        if index is not None and len(index) == len(items)
        else dict(zip(map(ITEM_ID, items), items, strict=True))
    )
    new: Iterable[S] = _new_items(items, reads)
    if order_new is not None or urgent_notes:
        new = list(new) if order_new is None else order_new(list(new))
    queue: list[S] = []
    shown_notes = set(today.notes)
    reviews_left = max(0, limits.reviews_per_day - today.reviews)
    new_left = max(0, limits.new_per_day - today.new)

    if urgent_notes:
        for item in new:
            if new_left and item.note_key in urgent_notes and item.note_key not in shown_notes:
                queue.append(item)
                shown_notes.add(item.note_key)
                new_left -= 1
    # Due items, until the review limit is reached; past it only items in learning are shown
    # (read apart), and the notes of the other due items are looked up for the new items only.
    read: set[str] = set()
    every_due_read = True
    for item_id, note_key, state in reads.due():
        if not reviews_left:
            every_due_read = False
            break
        read.add(item_id)
        due_item = by_id.get(item_id)
        if due_item is None:  # not in this session's selection
            continue
        if state in LEARNING_STATES:
            queue.append(due_item)
        elif note_key not in shown_notes:
            queue.append(due_item)
            reviews_left -= 1
        shown_notes.add(note_key)
    if not every_due_read:
        for item_id, note_key, _ in reads.learning_due():
            due_item = by_id.get(item_id)
            if item_id not in read and due_item is not None:
                queue.append(due_item)
                shown_notes.add(note_key)

    def held_by_due_sibling(note_key: str) -> bool:
        return not every_due_read and any(i in by_id for i in reads.due_in_note(note_key))

    for item in new:
        if not new_left:
            break
        if item.note_key in shown_notes:
            continue
        if held_by_due_sibling(item.note_key):
            shown_notes.add(item.note_key)
            continue
        queue.append(item)
        shown_notes.add(item.note_key)
        new_left -= 1
    return queue


ITEM_ID = attrgetter("id")


def _new_items(items: Sequence[S], reads: ScheduleReads) -> Iterator[S]:
    """The items of `items` without a schedule, in order. A collection of 100,000 items may
    have its new ones only in its last decks: a run of items of one deck that all have a
    schedule is passed over without a Python step per item."""
    scheduled: dict[str, Container[str]] = {}
    for deck, run in groupby(items, key=attrgetter("deck")):
        if deck.id not in scheduled:
            scheduled[deck.id] = reads.scheduled_in(deck.id)
        known = scheduled[deck.id]
        deck_items = list(run)
        if not all(map(known.__contains__, map(ITEM_ID, deck_items))):
            yield from (item for item in deck_items if item.id not in known)


@dataclass(frozen=True)
class Waiting:
    """What a selection holds back today besides its queue: the reasons an empty session gives."""

    new_over_limit: int  # new items the daily new-card limit keeps for another day
    reviews_over_limit: int  # due reviews the daily review limit keeps for another day
    siblings: int  # items of notes already studied today: they wait until tomorrow
    next_due: datetime | None  # when the next scheduled item of the selection comes due


def waiting(
    items: Sequence[Studied],
    queue: Sequence[Studied],
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
