"""The FSRS scheduler applied to stored item states: next state, interval previews, recall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Scheduler, State

from crmcards.scheduling.fuzz import fuzzed_interval
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.scheduling.ratings import RATINGS, to_fsrs
from crmcards.store.tables import ItemState, ReviewLog, new_uid

if TYPE_CHECKING:
    from crmcards.scheduling.exam import ExamPlanner

LEARNING_STATES = frozenset({State.Learning.value, State.Relearning.value})


def _card(state: ItemState | None, now: datetime) -> Card:
    # card_id is passed because fsrs.Card() sleeps a millisecond to make up a unique one.
    if state is None:
        return Card(card_id=0, due=now)
    return Card(
        card_id=0,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


@dataclass(frozen=True)
class Review:
    """A rating applied: the item's new state and the log entry to store with it."""

    state: ItemState
    log: ReviewLog


class Planner:
    """FSRS with the student's memory model; with an `exam`, due days follow the exam plan."""

    def __init__(
        self,
        desired_retention: float = 0.9,
        *,
        fuzz: bool = True,
        model: MemoryModel = DEFAULT_MODEL,
        exam: ExamPlanner | None = None,
    ) -> None:
        self.model = model
        self.exam = exam
        # Fuzz is applied here, seeded by each rating's uid (see scheduling.fuzz).
        self.scheduler = Scheduler(
            parameters=model.parameters, desired_retention=desired_retention, enable_fuzzing=False
        )
        self.fuzz = fuzz

    @property
    def desired_retention(self) -> float:
        return float(self.scheduler.desired_retention)

    def _next(
        self,
        state: ItemState | None,
        rating: int,
        now: datetime,
        *,
        note_key: str,
        fuzz_seed: str | None = None,
        book: bool = True,
    ) -> ItemState:
        """The item's state after `rating` (item and deck ids left empty), fuzzed by `fuzz_seed`
        when given; `book` as in ExamPlanner.adjust."""
        card, _ = self.scheduler.review_card(
            _card(state, now), to_fsrs(rating, self.model.two_means), now
        )
        if fuzz_seed is not None and self.fuzz and card.state == State.Review:
            interval = fuzzed_interval(
                card.due - now, seed=fuzz_seed, maximum_days=self.scheduler.maximum_interval
            )
            card.due = now + interval
        was_review = state is not None and state.state == State.Review.value
        new_state = ItemState(
            item_id="",
            deck_id="",
            note_key=note_key,
            state=card.state.value,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            reps=(state.reps if state else 0) + 1,
            lapses=(state.lapses if state else 0)
            + (1 if was_review and card.state == State.Relearning else 0),
        )
        if self.exam is not None:
            new_state = self.exam.adjust(new_state, now, book=book)
        return new_state

    def review(
        self,
        *,
        item_id: str,
        deck_id: str,
        note_key: str,
        state: ItemState | None,
        rating: int,
        now: datetime,
        duration_ms: int | None = None,
        uid: str | None = None,
    ) -> Review:
        """Apply `rating` at `now`. `uid` is the rating's id (a new one by default); the same
        state, rating, time and uid always give the same result, so a log can be replayed
        (without an exam plan, whose choices also weigh the days' load)."""
        uid = uid or new_uid()
        new_state = self._next(state, rating, now, note_key=note_key, fuzz_seed=uid)
        new_state.item_id, new_state.deck_id = item_id, deck_id
        log = ReviewLog(
            uid=uid,
            item_id=item_id,
            deck_id=deck_id,
            note_key=note_key,
            rating=rating,
            fsrs_rating=to_fsrs(rating, self.model.two_means).value,
            reviewed_at=now,
            duration_ms=duration_ms,
            state_after=new_state.state,
        )
        return Review(new_state, log)

    def preview(self, state: ItemState | None, now: datetime) -> dict[int, timedelta]:
        """For each 1–5 rating, how long until the item would come back (before fuzz)."""
        note_key = state.note_key if state else ""
        return {
            rating: self._next(state, rating, now, note_key=note_key, book=False).due - now
            for rating in RATINGS
        }

    def retrievability(self, state: ItemState | None, now: datetime) -> float:
        """Predicted probability of recalling the item at `now` (0 for a new item)."""
        if state is None:
            return 0.0
        return float(self.scheduler.get_card_retrievability(_card(state, now), now))
