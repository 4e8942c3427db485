"""Studying toward one exam date: what sessions do differently once an exam is set.

FSRS alone aims at a steady retention forever; a student needs the most recall on one morning.
These rules turn FSRS's schedule into an exam plan:

- New cards are spread so every card is introduced at least INTRODUCE_BEFORE days before the
  exam (time to learn it), instead of a fixed number a day that may run out too late. Notes with
  the most cards left go first, because siblings are shown on different days.
- When a review's next interval would jump past the exam and the card would then be below the
  target on exam morning, the review is pulled back to the day that gives the most expected
  exam-day recall (the memory model's own forecast, success and failure weighed).
- Among days that are about as good (within NEAR_BEST), the least loaded is chosen, so no day
  is far above the others; days the student marked as off are never chosen, nor days that
  already hold the student's daily review limit (while another day is left).
- A review is not planned on a day a sibling of its note is already planned for (nor moved to
  one): the queue shows one card of a note a day, so the second would wait, and in the crowded
  last days miss the exam.
- When siblings are due together all the same, the note's card of the day goes to the one a
  review saves for the exam (lifted above EXAM_FLOOR), else to the one that gains the most
  exam-morning recall, not simply to the most overdue (see review_priority).
- In the last study days, the cards predicted lowest on exam morning are swept through once
  more. A note shows one card a day, so a note with n cards needs n days for its cards' last
  reviews: its sweep starts n study days before the exam (SWEEP_DAYS at least), instead of all
  of them crowding the same last days, where only one of them can be shown each day.

All predictions use the student's memory model; when a re-fit replaces it, every card's memory
is re-read from its history by the new model (services.personal_model.save_model).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property

import fsrs_rs_python as fsrs_rs
from fsrs import State

from crmcards.decks.items import note_key_of
from crmcards.schedule import DueEntry, Schedule
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.scheduling.queue import (
    Limits,
    S,
    Studied,
    Today,
    build_queue,
    day_start,
    due_entries,
    study_date,
)

EXAM_TARGET = 0.98  # the predicted exam-morning recall every card is planned to reach
EXAM_FLOOR = 0.9  # below this on exam morning a card counts as at risk (see review_priority)
INTRODUCE_BEFORE = 7  # days before the exam by which every card has been introduced
SWEEP_DAYS = 3  # last study days with a sweep over the weakest cards (more for larger notes)
SWEEP_BELOW = 0.99  # cards predicted below this on exam morning are swept
SWEEP_SHARE = 0.25  # at most this share of the cards a sweep day (the lowest first)
URGENT_SLACK = 3  # a note is urgent when its new cards need all but this many days left
NEAR_BEST = 0.01  # days this close to the best expected recall count as equally good


@dataclass
class ExamPlanner:
    """The exam rules for one student: their exam day, memory model and days off.

    `load` counts the reviews already planned per day, `note_load` per note and day; sessions
    refresh both from the stored states (`plan_load`) and every planned review adds to them.
    """

    day: date
    model: MemoryModel = DEFAULT_MODEL
    off_days: frozenset[int] = frozenset()
    desired_retention: float = 0.9
    reviews_per_day: int | None = None  # the student's daily review limit; None: no limit
    target: float = EXAM_TARGET
    load: Counter[date] = field(default_factory=Counter)
    note_load: Counter[tuple[str, date]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._engine = fsrs_rs.FSRS(self.model.parameters)
        # A forecast weighs the same cards again every day until they are reviewed (review_day):
        # the study days and each memory state's expected recall are computed once.
        self._study_days: dict[tuple[date, date], tuple[date, ...]] = {}
        self._expected: dict[tuple[float, float, date], array[float]] = {}
        # per memory state: the indices of _expected, from the best expected recall down
        self._best_first: dict[tuple[float, float, date], tuple[int, ...]] = {}
        # per item: its state and whether it needs a review before the exam
        self._needs: dict[str, tuple[Schedule, bool]] = {}

    # -- days ----------------------------------------------------------------------------
    @cached_property
    def morning(self) -> datetime:
        return day_start(self.day)

    def is_study_day(self, day: date) -> bool:
        return day.weekday() not in self.off_days

    def study_days(self, start: date, end: date) -> tuple[date, ...]:
        """Study days from `start` up to, not including, `end`."""
        known = self._study_days.get((start, end))
        if known is None:
            count = max(0, (end - start).days)
            days = (start + timedelta(days=n) for n in range(count))
            known = self._study_days[start, end] = tuple(d for d in days if self.is_study_day(d))
        return known

    def introduction_days(self, today: date) -> tuple[date, ...]:
        """The days left to introduce new cards on (at least today, if it is before the exam)."""
        last = self.day - timedelta(days=INTRODUCE_BEFORE)
        days = self.study_days(today, last + timedelta(days=1))
        return days or self.study_days(today, self.day)[:1]

    def new_quota(self, new_left: int, today: date, at_least: int = 0) -> int:
        """New cards to introduce today so that all `new_left` are in on time."""
        days = self.introduction_days(today)
        if not days or days[0] != today:
            return 0
        return min(new_left, max(at_least, math.ceil(new_left / len(days))))

    # -- recall --------------------------------------------------------------------------
    def exam_recall(self, state: Schedule | None) -> float:
        """Predicted recall on exam morning if the card is not studied again (0 for new)."""
        if state is None or state.stability is None or state.last_review is None:
            return 0.0
        elapsed = (self.morning - state.last_review).total_seconds() / 86400
        return self.model.recall(elapsed, state.stability)

    def _expected_exam_recall(self, state: Schedule, last_day: date, day: date) -> float:
        """Expected exam-morning recall when the card is reviewed once more on `day`."""
        assert state.stability is not None and state.difficulty is not None
        elapsed = (day - last_day).days
        memory = fsrs_rs.MemoryState(state.stability, state.difficulty)
        recall_then = self.model.recall(elapsed, state.stability)
        after = self._engine.next_states(memory, self.desired_retention, elapsed)
        relearned = self._engine.next_states(after.again.memory, self.desired_retention, 0)
        left = (self.day - day).days
        return recall_then * self.model.recall(left, after.good.memory.stability) + (
            1 - recall_then
        ) * self.model.recall(left, relearned.good.memory.stability)

    def review_day(self, state: Schedule, first: date, note_key: str) -> date | None:
        """The day from `first` on, before the exam, to review the card on (see the module
        docstring); None when no study day is left."""
        assert state.last_review is not None
        days = self.study_days(first, self.day)
        if not days:
            return None
        expected = dict(zip(days, self._expected_on(state, days), strict=True))
        free = self._open(note_key, days)
        best = max(expected[d] for d in free)
        good = [d for d in free if expected[d] >= best - NEAR_BEST]
        return min(good, key=lambda d: (self.load[d], -d.toordinal()))

    def _expected_on(self, state: Schedule, days: tuple[date, ...]) -> array[float]:
        """_expected_exam_recall on each of `days` (the study days from one day up to the exam),
        kept per memory state: a later day's study days are the end of an earlier day's."""
        known, _ = self._expected_from(state, days)
        return known[len(known) - len(days) :]

    def _expected_from(
        self, state: Schedule, days: tuple[date, ...]
    ) -> tuple[array[float], tuple[int, ...]]:
        """The expected recall kept for `state`, of `days` or more days (its last len(days)
        are those of `days`), and its indices from the best expected recall down."""
        assert state.stability is not None and state.difficulty is not None
        assert state.last_review is not None
        last_day = study_date(state.last_review)
        key = (state.stability, state.difficulty, last_day)
        known = self._expected.get(key)
        if known is None or len(known) < len(days):
            known = array("d", (self._expected_exam_recall(state, last_day, d) for d in days))
            self._expected[key] = known
            self._best_first[key] = tuple(sorted(range(len(known)), key=lambda n: -known[n]))
        return known, self._best_first[key]

    def review_day_is(self, day: date, state: Schedule, note_key: str) -> bool:
        """Whether review_day(state, day, note_key) is `day` itself. A forecast asks this of
        every waiting card every day: mostly a day clearly better than `day` is one of the free
        days review_day chooses from (_open), which settles it without weighing every day."""
        days = self.study_days(day, self.day)
        if not days or days[0] != day:
            return False
        known, best_first = self._expected_from(state, days)
        first = len(known) - len(days)
        full_but_better = False  # a day clearly better, without a sibling but full
        for index in best_first:
            if index < first:
                continue
            if not known[first] < known[index] - NEAR_BEST:
                break
            better = days[index - first]
            if self.sibling_planned(note_key, better):
                continue
            if not self.is_full(better):
                return False  # `better` is free (_open), so the best free day is better still
            full_but_better = True
        if full_but_better and all(self.is_full(d) for d in days):
            return False  # with every day full, the free days are those without a sibling
        return self.review_day(state, day, note_key) == day

    def _needs_review(self, item_id: str, state: Schedule) -> bool:
        """needs_review_before_exam, kept per item while its state stays the same."""
        known = self._needs.get(item_id)
        if known is None or known[0] is not state:
            known = self._needs[item_id] = (state, self.needs_review_before_exam(state))
        return known[1]

    def sibling_planned(self, note_key: str, day: date) -> bool:
        """Whether a card of the note is already planned for `day`."""
        return self.note_load[note_key, day] > 0

    # -- applying the rules --------------------------------------------------------------
    def needs_review_before_exam(self, state: Schedule) -> bool:
        return (
            state.state == State.Review.value
            and study_date(state.due) >= self.day
            and self.exam_recall(state) < self.target
        )

    def adjust(
        self, state: Schedule, note_key: str, now: datetime, *, book: bool = True
    ) -> Schedule:
        """The state FSRS computed for a review, with its due day planned toward the exam;
        `book` counts it in the day's load (not for previews)."""
        if state.state != State.Review.value:
            return state
        today = study_date(now)
        due_day = study_date(state.due)
        planned = due_day
        if self.needs_review_before_exam(state):
            planned = self.review_day(state, today + timedelta(days=1), note_key) or due_day
        elif due_day < self.day and not self._is_free(note_key, due_day):
            planned = self._nearest_free_day(note_key, due_day, today)
        if book and planned < self.day:
            self.load[planned] += 1
            self.note_load[note_key, planned] += 1
        if planned == due_day:
            return state
        return replace(state, due=day_start(planned))

    def _is_free(self, note_key: str, day: date) -> bool:
        return (
            self.is_study_day(day)
            and not self.sibling_planned(note_key, day)
            and not self.is_full(day)
        )

    def is_full(self, day: date) -> bool:
        """Whether the reviews planned for `day` reach the daily review limit."""
        return self.reviews_per_day is not None and self.load[day] >= self.reviews_per_day

    def _nearest_free_day(self, note_key: str, day: date, today: date) -> date:
        """The study day nearest to `day` (the earlier one on a tie) without a sibling
        planned and below the review limit (see _open), after today and before the exam; `day`
        itself when there is none."""
        days = self.study_days(today + timedelta(days=1), self.day)
        free = self._open(note_key, days)
        return min(free, key=lambda d: (abs((d - day).days), d), default=day)

    def _open(self, note_key: str, days: Sequence[date]) -> Sequence[date]:
        """The days of `days` without a sibling planned and below the daily review limit; else
        those without a sibling; else all of them."""
        free = [d for d in days if not self.sibling_planned(note_key, d)] or days
        return [d for d in free if not self.is_full(d)] or free

    def plan_load(self, states: Mapping[str, Schedule], now: datetime) -> None:
        """Count the reviews planned per day (and per note and day) from the stored states."""
        today = study_date(now)
        planned = [
            (note_key_of(item_id), d)
            for item_id, s in states.items()
            if s.state == State.Review.value and today < (d := study_date(s.due)) < self.day
        ]
        self.note_load = Counter(planned)
        self.load = Counter(d for _, d in planned)

    def due_today(self, items: Sequence[S], states: dict[str, Schedule], now: datetime) -> list[S]:
        """Cards that are not due by FSRS but by the plan today: reviews that would jump past
        the exam (e.g. planned before the exam date was set), and in the last days the sweep
        over the cards predicted lowest on exam morning, lowest first (a note's sweep starts as
        many study days before the exam as it has cards, SWEEP_DAYS at least)."""
        today = study_date(now)
        if today >= self.day:
            return []
        not_due = [i for i in items if i.id in states and states[i.id].due > now]
        chosen = [
            i
            for i in not_due
            if self._needs_review(i.id, states[i.id])
            and self.review_day_is(today, states[i.id], i.note_key)
        ]
        if self.is_study_day(today):
            days_left = len(self.study_days(today, self.day))
            note_size = Counter(i.note_key for i in items)
            taken = {i.id for i in chosen}
            weak = [
                i
                for i in not_due
                if i.id not in taken
                and days_left <= max(SWEEP_DAYS, note_size[i.note_key])
                and states[i.id].state == State.Review.value
                and self.exam_recall(states[i.id]) < SWEEP_BELOW
                and study_date(states[i.id].last_review or now) < today
            ]
            weak.sort(key=lambda i: self.exam_recall(states[i.id]))
            chosen += weak[: max(10, round(SWEEP_SHARE * len(items)))]
        return sorted(chosen, key=lambda i: self.exam_recall(states[i.id]))

    def review_priority(self, state: Schedule, today: date) -> tuple[int, float]:
        """The order in which due cards are taken today, lowest first. A note shows one card a
        day, so when siblings are due together the order decides which one is reviewed: first
        cards in (re)learning (shown anyway), then cards that a review today lifts from below
        EXAM_FLOOR to above it on exam morning, then the cards whose exam-morning recall gains
        most from a review today. (A card that no review can hold until the exam, and one that
        is safe without it, gain little.)"""
        if state.state != State.Review.value or state.last_review is None:
            return (0, 0.0)
        without = self.exam_recall(state)
        reviewed = self._expected_exam_recall(state, study_date(state.last_review), today)
        lifted = without < EXAM_FLOOR <= reviewed
        return (1 if lifted else 2, without - reviewed)

    def urgent_notes(self, new: Sequence[Studied], today: date) -> frozenset[str]:
        """Notes with so many new cards left that they need nearly every introduction day
        left: their new card goes before a sibling's review (which waits a day)."""
        days = len(self.introduction_days(today))
        left = Counter(i.note_key for i in new)
        return frozenset(note for note, count in left.items() if count >= days - URGENT_SLACK)

    def new_order(self, new: Sequence[S]) -> list[S]:
        """New cards, notes with the most cards still new first (siblings need separate days)."""
        left = Counter(i.note_key for i in new)
        position = {item.id: n for n, item in enumerate(new)}
        return sorted(new, key=lambda i: (-left[i.note_key], position[i.id]))

    def due_by_plan(
        self, items: Sequence[S], states: dict[str, Schedule], now: datetime
    ) -> list[DueEntry]:
        """The reviews due by the plan at `now`, FSRS's and the plan's own (due_today), in the
        order the day takes them (review_priority)."""
        due = due_entries(states, now, planned=self.due_today(items, states, now))
        today = study_date(now)
        due.sort(key=lambda entry: self.review_priority(states[entry[0]], today))
        return due

    def queue(
        self,
        items: Sequence[S],
        states: dict[str, Schedule],
        studied: Today,
        now: datetime,
        limits: Limits,
        due: Sequence[DueEntry] | None = None,
    ) -> list[S]:
        """The day's queue by the plan: FSRS's due reviews, the plan's own, and new cards as
        the plan spreads them (`limits.new_per_day` is a minimum here). `due`: what
        `due_by_plan` gives for these states at `now`, if it was worked out already."""
        new = [i for i in items if i.id not in states]
        today = study_date(now)
        if due is None:
            due = self.due_by_plan(items, states, now)
        return build_queue(
            items,
            due,
            states,
            studied,
            self.limits_today(items, states, studied, now, limits),
            order_new=self.new_order,
            urgent_notes=self.urgent_notes(new, today),
        )

    def limits_today(
        self,
        items: Sequence[Studied],
        states: dict[str, Schedule],
        today: Today,
        now: datetime,
        limits: Limits,
    ) -> Limits:
        """Today's limits by the plan: its share of new cards (at least the student's own)."""
        new_left = sum(1 for i in items if i.id not in states)
        quota = self.new_quota(new_left + today.new, study_date(now), limits.new_per_day)
        return replace(limits, new_per_day=quota)
