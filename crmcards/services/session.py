"""Study sessions: the queue, reveal, rate, undo and summary.

The TUI and the tests drive these same objects. In a review session every rating is committed to
the database before `rate` returns, so the next card is only shown once the previous rating is
safe on disk. A cram session goes through the same motions without touching the schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crmcards.decks.fingerprint import fingerprint
from crmcards.decks.items import Item
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits, Today, build_queue, is_learning, study_day_start
from crmcards.scheduling.ratings import FAILED
from crmcards.services.clock import Clock, utc_now
from crmcards.store.repository import StaleState, Store
from crmcards.store.tables import ItemState

# Items in learning that are due within this time are shown early when nothing else is left.
LEARN_AHEAD = timedelta(minutes=20)
# In a cram session a failed item comes back after this many other items.
CRAM_REPEAT_AFTER = 3


@dataclass(frozen=True)
class Rated:
    item: Item
    rating: int
    log_id: int | None  # None in a cram session: nothing was stored
    previous: ItemState | None


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


class ReviewSession:
    """Today's due and new items, scheduled by FSRS, every rating stored at once."""

    cram = False

    def __init__(
        self,
        store: Store,
        planner: Planner,
        items: Sequence[Item],
        *,
        limits: Limits = Limits(),
        leech_lapses: int = 6,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.planner = planner
        self.clock = clock
        self.items = list(items)
        self.leech_lapses = leech_lapses
        now = clock()
        self.started = now
        self.states = store.states()
        self.queue = self._initial_queue(limits, now)
        self.learning: list[Item] = []  # rated items that come back in this session
        self.history: list[Rated] = []
        self.current: Item | None = None
        self.revealed = False
        self.shown_at = now
        self._advance()

    def _initial_queue(self, limits: Limits, now: datetime) -> list[Item]:
        today = Today.from_logs(self.store.logs_since(study_day_start(now)))
        return build_queue(self.items, self.states, today, now, limits)

    # -- what to show ---------------------------------------------------------------------
    def _advance(self) -> None:
        now = self.clock()

        def due(item: Item) -> datetime:
            return self.states[item.id].due

        due_learning = sorted((i for i in self.learning if due(i) <= now), key=due)
        chosen: Item | None = None
        if due_learning:
            chosen = due_learning[0]
        elif self.queue:
            chosen = self.queue.pop(0)
        elif self.learning:
            soonest = min(self.learning, key=due)
            if due(soonest) - now <= LEARN_AHEAD:
                chosen = soonest
        if chosen in self.learning:
            self.learning.remove(chosen)
        self.current = chosen
        self.revealed = False
        self.shown_at = now

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

    def is_leech(self, item: Item) -> bool:
        """An item the student keeps forgetting: worth rewriting or studying differently."""
        state = self.states.get(item.id)
        return state is not None and state.lapses >= self.leech_lapses

    def previews(self) -> dict[int, timedelta]:
        """For the current item: how long until it comes back after each rating."""
        if self.current is None:
            raise SessionError("no current item")
        return self.planner.preview(self.states.get(self.current.id), self.clock())

    # -- actions --------------------------------------------------------------------------
    def reveal(self) -> None:
        if self.current is None:
            raise SessionError("no current item to reveal")
        self.revealed = True

    def rate(self, rating: int) -> Rated:
        """Rate the current item 1–5, commit it, and move on to the next item."""
        item = self.current
        if item is None or not self.revealed:
            raise SessionError("rate an item only after revealing it")
        rated = self._record(item, rating)
        self.history.append(rated)
        self._advance()
        return rated

    def _record(self, item: Item, rating: int) -> Rated:
        now = self.clock()
        duration_ms = int((now - self.shown_at).total_seconds() * 1000)
        try:
            return self._store_review(item, rating, now, duration_ms)
        except StaleState as stale:  # rated in another terminal meanwhile: build on that rating
            self._set_state(item, stale.current)
            return self._store_review(item, rating, now, duration_ms)

    def _store_review(self, item: Item, rating: int, now: datetime, duration_ms: int) -> Rated:
        previous = self.states.get(item.id)
        review = self.planner.review(
            item_id=item.id,
            deck_id=item.deck.id,
            note_key=item.note_key,
            state=previous,
            rating=rating,
            now=now,
            duration_ms=duration_ms,
        )
        log = self.store.record(
            review.state, review.log, expected=previous, fingerprint=fingerprint(item.note)
        )
        self.states[item.id] = review.state
        if is_learning(review.state):
            self.learning.append(item)
        return Rated(item, rating, log.id, previous)

    def _set_state(self, item: Item, state: ItemState | None) -> None:
        if state is None:
            self.states.pop(item.id, None)
        else:
            self.states[item.id] = state

    def undo(self) -> Rated | None:
        """Take back the last rating (in the database too) and show that item again."""
        if not self.history:
            return None
        last = self.history[-1]
        self._unrecord(last)  # first, so a failing database leaves the session as it was
        self.history.pop()
        if last.item in self.learning:
            self.learning.remove(last.item)
        if self.current is not None and self.current != last.item:
            self.queue.insert(0, self.current)
        self.current = last.item
        self.revealed = False
        self.shown_at = self.clock()
        return last

    def _unrecord(self, rated: Rated) -> None:
        assert rated.log_id is not None
        self.store.undo(rated.log_id)
        self._set_state(rated.item, rated.previous)

    def summary(self) -> Summary:
        ratings = Counter(r.rating for r in self.history)
        ids = {item.id for item in self.items}
        future = [state.due for item_id, state in self.states.items() if item_id in ids]
        reviewed = list(dict.fromkeys(r.item for r in self.history))
        return Summary(
            reviewed=len(self.history),
            ratings={r: ratings.get(r, 0) for r in range(1, 6)},
            seconds=(self.clock() - self.started).total_seconds(),
            next_due=None if self.cram or not future else min(future),
            learning_left=len(self.learning),
            leeches=[item for item in reviewed if self.is_leech(item)],
        )


class CramSession(ReviewSession):
    """Every item of the selection, weakest first, without changing any schedule.

    For the days before an exam: ratings are not stored; a failed item comes back a few
    items later until it is known.
    """

    cram = True

    def _initial_queue(self, limits: Limits, now: datetime) -> list[Item]:
        def recall(item: Item) -> float:
            return self.planner.retrievability(self.states.get(item.id), now)

        return sorted(self.items, key=recall)

    def _record(self, item: Item, rating: int) -> Rated:
        if rating in FAILED:
            self.queue.insert(min(CRAM_REPEAT_AFTER, len(self.queue)), item)
        return Rated(item, rating, None, self.states.get(item.id))

    def _unrecord(self, rated: Rated) -> None:
        if rated.rating in FAILED:
            self.queue.remove(rated.item)
