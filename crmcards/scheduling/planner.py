"""The FSRS scheduler applied to item schedules: the next schedule, interval previews, recall."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Scheduler, State

from crmcards.schedule import Review, Schedule, new_uid
from crmcards.scheduling.fuzz import fuzzed_interval
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.scheduling.ratings import RATINGS, to_fsrs

if TYPE_CHECKING:
    from crmcards.scheduling.exam import ExamPlanner

LEARNING_STATES = frozenset({State.Learning.value, State.Relearning.value})


def _card(state: Schedule | None, now: datetime) -> Card:
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
        state: Schedule | None,
        rating: int,
        now: datetime,
        *,
        note_key: str,
        fuzz_seed: str | None = None,
        book: bool = True,
    ) -> Schedule:
        """The item's schedule after `rating`, fuzzed by `fuzz_seed` when given; `note_key` and
        `book` as in ExamPlanner.adjust."""
        card, _ = self.scheduler.review_card(
            _card(state, now), to_fsrs(rating, self.model.two_means), now
        )
        if fuzz_seed is not None and self.fuzz and card.state == State.Review:
            interval = fuzzed_interval(
                card.due - now, seed=fuzz_seed, maximum_days=self.scheduler.maximum_interval
            )
            card.due = now + interval
        was_review = state is not None and state.state == State.Review.value
        new_state = Schedule(
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
            new_state = self.exam.adjust(new_state, note_key, now, book=book)
        return new_state

    def review(
        self,
        state: Schedule | None,
        rating: int,
        now: datetime,
        *,
        note_key: str,
        duration_ms: int | None = None,
        uid: str | None = None,
    ) -> Review:
        """Apply `rating` at `now` to the schedule `state` (None: a new item) of an item of note
        `note_key` (an exam plan keeps a note's cards on different days). `uid` is the rating's
        id (a new one by default); the same schedule, rating, time and uid always give the same
        result, so a log can be replayed (without an exam plan, whose choices also weigh the
        days' load)."""
        uid = uid or new_uid()
        return Review(
            uid=uid,
            rating=rating,
            fsrs_rating=to_fsrs(rating, self.model.two_means).value,
            reviewed_at=now,
            duration_ms=duration_ms,
            before=state,
            after=self._next(state, rating, now, note_key=note_key, fuzz_seed=uid),
        )

    def preview(
        self, state: Schedule | None, now: datetime, *, note_key: str
    ) -> dict[int, timedelta]:
        """For each 1–5 rating, how long until the item would come back (before fuzz)."""
        return {
            rating: self._next(state, rating, now, note_key=note_key, book=False).due - now
            for rating in RATINGS
        }

    def retrievability(self, state: Schedule | None, now: datetime) -> float:
        """Predicted probability of recalling the item at `now` (0 for a new item)."""
        if state is None:
            return 0.0
        return float(self.scheduler.get_card_retrievability(_card(state, now), now))
