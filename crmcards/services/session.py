"""Study sessions: the queue, reveal, rate, undo and summary.

The TUI and the tests drive these same objects. What happens to a rating is the session's
recorder: a review session's recorder commits every rating to the database before `rate`
returns (so the next card is only shown once the previous rating is safe on disk); a cram
session's recorder writes nothing and only brings failed items back a few items later.

Undo is exact: each rating remembers where the session stood just before it (queue, learning
list, the item's state), and undo puts all of it back after taking the rating out of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Protocol

from crmcards.decks.fingerprint import fingerprint
from crmcards.decks.items import Item
from crmcards.errors import CrmcardsError
from crmcards.schedule import Schedule
from crmcards.scheduling.planner import LEARNING_STATES, Planner
from crmcards.scheduling.queue import (
    HeldSchedules,
    Limits,
    S,
    ScheduleReads,
    Studied,
    Today,
    Waiting,
    build_queue,
    choose_queue,
    due_entries,
    is_learning,
    study_day,
    waiting,
)
from crmcards.scheduling.ratings import FAILED
from crmcards.scheduling.replay import replay
from crmcards.services.clock import Clock, utc_now
from crmcards.services.personal_model import Optimization, refit_if_due
from crmcards.store.repository import StaleState, Store

# Items in learning that are due within this time are shown early when nothing else is left.
LEARN_AHEAD = timedelta(minutes=20)
# A rating computed on a state another window changed is computed again, this often at most.
STALE_RETRIES = 5
# In a cram session a failed item comes back after this many other items.
CRAM_REPEAT_AFTER = 3


@dataclass(frozen=True)
class Position:
    """Where a session stood when an item was shown: what undo puts back."""

    queue: tuple[Studied, ...]  # the shown item not included
    learning: tuple[Item, ...]


@dataclass(frozen=True)
class Rated:
    item: Item
    rating: int
    log_id: int | None  # None in a cram session: nothing was stored
    previous: Schedule | None
    before: Position


@dataclass(frozen=True)
class Recorded:
    """What a recorder did with a rating: the log entry, and the item's state before and after
    (`after` is None when the schedule was not changed)."""

    log_id: int | None
    previous: Schedule | None
    after: Schedule | None


@dataclass
class Summary:
    reviewed: int
    ratings: dict[int, int]
    seconds: float
    next_due: datetime | None
    learning_left: int = 0
    leeches: list[Item] = field(default_factory=list)


class SessionError(Exception):
    """A session method was called at the wrong moment (a programming error, not user input)."""


class UndoRefused(CrmcardsError):
    """The card was rated again in another window after this session's rating: taking that
    rating back would throw away the later one, so it stays. `current` is the card's state now."""

    def __init__(self, item: Item, current: Schedule | None) -> None:
        super().__init__(
            f"{item.id}: this card was rated again in another window since; "
            "your rating stays (it cannot be undone here)"
        )
        self.item, self.current = item, current


class RatingConflict(CrmcardsError):
    """The card was rated in other windows again and again while this rating was stored."""

    def __init__(self, item: Item) -> None:
        super().__init__(
            f"{item.id}: this card is being rated in another window at the same time; rate it again"
        )
        self.item = item


class Recorder(Protocol):
    """What a session does with ratings: which items it starts with, how a rating is kept (or
    not) and which rated items come back in the same session."""

    writes: bool

    def first_queue(self, items: Sequence[Studied]) -> tuple[list[Studied], dict[str, Schedule]]:
        """The items to show, in order, and the states it read (at least those of the queue)."""
        ...

    def record(
        self, item: Item, previous: Schedule | None, rating: int, now: datetime, duration_ms: int
    ) -> Recorded: ...

    def unrecord(self, rated: Rated) -> None: ...

    def comes_back(
        self, item: Item, rating: int, after: Schedule | None, queue: list[Studied]
    ) -> bool:
        """Put `item` back into `queue` if it is shown again in this session; True when it
        should wait in the learning list instead (shown again when due)."""
        ...


def studied_today(store: Store, now: datetime) -> Today:
    return Today.from_logs(store.logs_since(*study_day(now)))


@dataclass(frozen=True)
class Schedules:
    """What today's queue is chosen from: the schedules as the queue reads them, and every
    state only with an exam plan, which looks ahead through all of them."""

    reads: ScheduleReads
    states: dict[str, Schedule] | None

    @classmethod
    def read(cls, store: Store, planner: Planner, now: datetime) -> Schedules:
        """Read at once, for many queues (the home screen counts one per deck): the items due
        now (by the due index) and the ids of every scheduled item."""
        if planner.exam is None:
            return cls(HeldSchedules(store.due_entries(now), store.scheduled_ids()), None)
        return cls.of_states(store.states(), now)

    @classmethod
    def of_states(cls, states: dict[str, Schedule], now: datetime) -> Schedules:
        return cls(HeldSchedules(due_entries(states, now), states), states)

    @classmethod
    @contextmanager
    def reading(cls, store: Store, planner: Planner, now: datetime) -> Iterator[Schedules]:
        """For one queue: read as the queue asks (a few pages of the due index, the scheduled
        ids of the decks it takes new items from), in one read transaction."""
        if planner.exam is not None:
            yield cls.of_states(store.states(), now)
            return
        with store.queue_reads(now, LEARNING_STATES) as reads:
            yield cls(reads, None)


def todays_queue(
    planner: Planner,
    items: Sequence[S],
    schedules: Schedules,
    studied: Today,
    now: datetime,
    limits: Limits,
    index: Mapping[str, S] | None = None,
) -> list[S]:
    """What a session started now shows: FSRS's due items and new ones up to the limits, or,
    with an exam date, what the exam plan gives today (scheduling.exam). `index`: see
    choose_queue."""
    exam = planner.exam
    if exam is None or schedules.states is None:
        return choose_queue(items, schedules.reads, studied, limits, index=index)
    exam.plan_load(schedules.states, now)
    return exam.queue(items, schedules.states, studied, now, limits)


class ScheduledRecorder:
    """Today's due and new items; FSRS schedules every rating and the store keeps it at once."""

    writes = True

    def __init__(
        self,
        store: Store,
        planner: Planner,
        limits: Limits,
        clock: Clock,
        index: Mapping[str, Studied] | None = None,
    ) -> None:
        self.store, self.planner, self.limits, self.clock = store, planner, limits, clock
        self.index = index  # see choose_queue

    def first_queue(self, items: Sequence[Studied]) -> tuple[list[Studied], dict[str, Schedule]]:
        """Chosen from the due index and the scheduled ids, read only as far as the queue
        needs; only the states of the queued items are read (a large collection has 100,000)."""
        now = self.clock()
        store = self.store
        studied = studied_today(store, now)
        with Schedules.reading(store, self.planner, now) as schedules:
            queue = todays_queue(
                self.planner, items, schedules, studied, now, self.limits, self.index
            )
        if schedules.states is not None:
            return queue, schedules.states
        return queue, store.states(item.id for item in queue)

    def record(
        self, item: Item, previous: Schedule | None, rating: int, now: datetime, duration_ms: int
    ) -> Recorded:
        for _attempt in range(STALE_RETRIES):
            try:
                return self._store(item, previous, rating, now, duration_ms)
            except StaleState as stale:  # rated in another window meanwhile: build on that
                previous = stale.current
        raise RatingConflict(item)

    def _store(
        self, item: Item, previous: Schedule | None, rating: int, now: datetime, duration_ms: int
    ) -> Recorded:
        review = self.planner.review(
            previous, rating, now, note_key=item.note_key, duration_ms=duration_ms
        )
        log = self.store.record(
            item.id, item.deck.id, item.note_key, review, fingerprint=fingerprint(item.note)
        )
        return Recorded(log.id, previous, review.after)

    def unrecord(self, rated: Rated) -> None:
        assert rated.log_id is not None
        try:
            rebuild = partial(replay, self.planner)
            self.store.undo(rated.log_id, rebuild=rebuild, only_if_latest=True)
        except StaleState as stale:
            raise UndoRefused(rated.item, stale.current) from None

    def comes_back(
        self, item: Item, rating: int, after: Schedule | None, queue: list[Studied]
    ) -> bool:
        return is_learning(after)


class CramRecorder:
    """Every item of the selection, weakest first; nothing is written, no schedule changes.
    For the days before an exam: a failed item comes back a few items later until it is known."""

    writes = False

    def __init__(self, store: Store, planner: Planner, clock: Clock) -> None:
        self.store, self.planner, self.clock = store, planner, clock

    def first_queue(self, items: Sequence[Studied]) -> tuple[list[Studied], dict[str, Schedule]]:
        now = self.clock()
        states = self.store.states()
        queue = sorted(items, key=lambda i: self.planner.retrievability(states.get(i.id), now))
        return queue, states

    def record(
        self, item: Item, previous: Schedule | None, rating: int, now: datetime, duration_ms: int
    ) -> Recorded:
        return Recorded(None, previous, None)

    def unrecord(self, rated: Rated) -> None:
        """Nothing was stored; the session puts its queue back itself."""

    def comes_back(
        self, item: Item, rating: int, after: Schedule | None, queue: list[Studied]
    ) -> bool:
        if rating in FAILED:
            queue.insert(min(CRAM_REPEAT_AFTER, len(queue)), item)
        return False


def _shown_as_given(items: Sequence[Studied]) -> Callable[[str], Item | None]:
    """Items by id when the selection is made of the items themselves."""
    return {item.id: item for item in items if isinstance(item, Item)}.get


class ReviewSession:
    """A study session over `items`: scheduled (every rating stored), or with `cram=True` a run
    through every item that changes no schedule.

    The queue is chosen from the items' ids alone; `item_of` gives the item to show for an id
    (None: it is no longer in its deck), only when it is its turn. A session on a large
    collection is made of decks.outline.ItemRef and decodes only the notes it shows
    (decks.on_demand); by default `items` are the decks.items.Item to show."""

    def __init__(
        self,
        store: Store,
        planner: Planner,
        items: Sequence[Studied],
        *,
        item_of: Callable[[str], Item | None] | None = None,
        cram: bool = False,
        limits: Limits = Limits(),
        leech_lapses: int = 6,
        clock: Clock = utc_now,
        index: Mapping[str, Studied] | None = None,
    ) -> None:
        self.store = store
        self.planner = planner
        self.clock = clock
        self.items = list(items)
        self.item_of = item_of or _shown_as_given(self.items)
        self.leech_lapses = leech_lapses
        self.limits = limits
        self.recorder: Recorder = (
            CramRecorder(store, planner, clock)
            if cram
            else ScheduledRecorder(store, planner, limits, clock, index)
        )
        self.started = clock()
        self.queue, self.states = self.recorder.first_queue(self.items)
        self.learning: list[Item] = []  # rated items that come back in this session when due
        self.history: list[Rated] = []
        self.current: Item | None = None
        self.revealed = False
        self.shown_at = self.started
        self._position = Position((), ())
        self._advance()

    @property
    def cram(self) -> bool:
        """Whether this session leaves every schedule as it was."""
        return not self.recorder.writes

    # -- what to show ---------------------------------------------------------------------
    def _advance(self, now: datetime | None = None) -> None:
        now = now or self.clock()

        def due(item: Item) -> datetime:
            return self.states[item.id].due

        due_learning = sorted((i for i in self.learning if due(i) <= now), key=due)
        chosen: Item | None = None
        if due_learning:
            chosen = due_learning[0]
        else:
            chosen = self._next_in_queue()
            if chosen is None and self.learning:
                soonest = min(self.learning, key=due)
                if due(soonest) - now <= LEARN_AHEAD:
                    chosen = soonest
        if chosen is not None and chosen in self.learning:
            self.learning.remove(chosen)
        self.current = chosen
        self.revealed = False
        self.shown_at = now
        self._position = Position(tuple(self.queue), tuple(self.learning))

    def _next_in_queue(self) -> Item | None:
        """The queue's next item to show, taken off the queue (passing over any that is no
        longer in its deck: edited since the queue was chosen)."""
        while self.queue:
            item = self.item_of(self.queue.pop(0).id)
            if item is not None:
                return item
        return None

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def done(self) -> int:
        return len(self.history)

    @property
    def remaining(self) -> int:
        """Items still to show, the current one included."""
        return len(self.queue) + len(self.learning) + (0 if self.current is None else 1)

    def _in_session(self) -> list[Studied]:
        return [*self.queue, *self.learning, *([self.current] if self.current else [])]

    def waiting(self) -> Waiting | None:
        """What today's limits and sibling rule hold back from this selection, and when its next
        item comes due: the reasons an empty session gives (None in a cram session)."""
        if self.cram:
            return None
        now = self.clock()
        store = self.store
        today = studied_today(store, now)
        in_session = self._in_session()
        left_out = {i.id for i in self.items} - {i.id for i in in_session}
        return waiting(
            self.items,
            in_session,
            {item_id for item_id, _, _ in store.due_entries(now)},
            store.scheduled_ids(),
            today,
            store.soonest_due(left_out, after=now),
        )

    def new_limit_today(self) -> int:
        """Today's new-card limit: the student's own, or with an exam plan the plan's share."""
        exam = self.planner.exam
        if exam is None or self.cram:
            return self.limits.new_per_day
        now = self.clock()
        today = studied_today(self.store, now)
        return exam.limits_today(
            self.items, self.store.states(), today, now, self.limits
        ).new_per_day

    def add_new(self, count: int) -> int:
        """Raise today's new-card limit once by `count`: up to that many more new items (one per
        note, as always) join the end of the queue. Returns how many did."""
        if self.cram:
            return 0
        now = self.clock()
        in_session = self._in_session()
        today = studied_today(self.store, now)
        today = replace(today, notes=today.notes | {i.note_key for i in in_session})
        more = Limits(new_per_day=today.new + count, reviews_per_day=0)
        queued = {i.id for i in in_session}
        scheduled = self.store.scheduled_ids()
        new = [
            i
            for i in build_queue(self.items, (), scheduled, today, more)
            if i.id not in scheduled and i.id not in queued
        ]
        self.queue.extend(new)
        if self.current is None:
            self._advance()
        self._position = Position(tuple(self.queue), tuple(self.learning))
        return len(new)

    def is_leech(self, item: Item) -> bool:
        """An item the student keeps forgetting: worth rewriting or studying differently."""
        state = self.states.get(item.id)
        return state is not None and state.lapses >= self.leech_lapses

    def previews(self) -> dict[int, timedelta]:
        """For the current item: how long until it comes back after each rating."""
        if self.current is None:
            raise SessionError("no current item")
        current = self.current
        return self.planner.preview(
            self.states.get(current.id), self.clock(), note_key=current.note_key
        )

    # -- actions --------------------------------------------------------------------------
    def reveal(self) -> None:
        if self.current is None:
            raise SessionError("no current item to reveal")
        self.revealed = True

    def rate(self, rating: int, now: datetime | None = None) -> Rated:
        """Rate the current item 1–5, record it, and move on to the next item.

        `now`: when the rating was given (default: the session's clock)."""
        item = self.current
        if item is None or not self.revealed:
            raise SessionError("rate an item only after revealing it")
        now = now or self.clock()
        duration_ms = int((now - self.shown_at).total_seconds() * 1000)
        recorded = self.recorder.record(item, self.states.get(item.id), rating, now, duration_ms)
        rated = Rated(item, rating, recorded.log_id, recorded.previous, self._position)
        self.history.append(rated)
        if recorded.after is not None:
            self.states[item.id] = recorded.after
        if self.recorder.comes_back(item, rating, recorded.after, self.queue):
            self.learning.append(item)
        self._advance(now)
        return rated

    def undo(self) -> Rated | None:
        """Take back the last rating (in the database too) and show that item again, with the
        queue, the learning list and the counters exactly as they were when it was shown."""
        if not self.history:
            return None
        last = self.history[-1]
        try:
            self.recorder.unrecord(last)  # first, so a failing database leaves the session as is
        except UndoRefused as refused:  # the rating stays; later ratings build on the card now
            if refused.current is None:
                self.states.pop(last.item.id, None)
            else:
                self.states[last.item.id] = refused.current
            raise
        self.history.pop()
        if last.previous is None:
            self.states.pop(last.item.id, None)
        else:
            self.states[last.item.id] = last.previous
        self.queue = list(last.before.queue)
        self.learning = list(last.before.learning)
        self._position = last.before
        self.current = last.item
        self.revealed = False
        self.shown_at = self.clock()
        return last

    def end(self) -> Optimization | None:
        """The session is over: every so many reviews, re-fit the memory model quietly (a fit
        is kept only when it predicts the student's history better)."""
        if self.cram or not self.history:
            return None
        return refit_if_due(self.store, self.clock(), len(self.history))

    def summary(self) -> Summary:
        ratings = Counter(r.rating for r in self.history)
        reviewed = list(dict.fromkeys(r.item for r in self.history))
        return Summary(
            reviewed=len(self.history),
            ratings={r: ratings.get(r, 0) for r in range(1, 6)},
            seconds=(self.clock() - self.started).total_seconds(),
            next_due=None if self.cram else self.store.soonest_due({i.id for i in self.items}),
            learning_left=len(self.learning),
            leeches=[item for item in reviewed if self.is_leech(item)],
        )
