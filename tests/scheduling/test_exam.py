"""The exam planner's rules, one at a time."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.exam import (
    EXAM_FLOOR,
    NEAR_BEST,
    SWEEP_BELOW,
    SWEEP_DAYS,
    ExamPlanner,
)
from crmcards.scheduling.queue import Limits, Today, day_start, study_date
from crmcards.scheduling.weekdays import parse_off_days

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
TODAY = study_date(NOW)
NOTE = "d/n"  # the note of the cards below (d/n#q, ...)


def reviewed(
    stability: float,
    due_in_days: float,
    at: datetime = NOW,
    state: State = State.Review,
) -> Schedule:
    return Schedule(
        state=state.value,
        stability=stability,
        difficulty=5.0,
        due=at + timedelta(days=due_in_days),
        last_review=at,
    )


@pytest.fixture
def library_items(library: Library) -> list[Item]:
    return library.items()


def test_new_cards_are_spread_so_all_are_in_a_week_before_the_exam() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=42))
    assert plan.new_quota(546, TODAY) == 16  # 546 over the 36 days up to a week before
    assert plan.new_quota(546, TODAY, at_least=20) == 20
    assert ExamPlanner(TODAY + timedelta(days=14)).new_quota(546, TODAY) == 69  # 8 days left
    late = ExamPlanner(TODAY + timedelta(days=3))  # too late for a week: all of them now
    assert late.new_quota(100, TODAY) == 100


def test_days_off_get_no_new_cards_and_no_planned_reviews() -> None:
    weekend = parse_off_days("za, zo")
    assert weekend == parse_off_days("Saturday,sun") == {5, 6}
    with pytest.raises(ValueError, match="zaterdg"):
        parse_off_days("zaterdg")
    plan = ExamPlanner(TODAY + timedelta(days=30), off_days=weekend)
    saturday = TODAY + timedelta(days=(5 - TODAY.weekday()) % 7)
    assert plan.new_quota(300, saturday) == 0
    assert all(d.weekday() < 5 for d in plan.study_days(TODAY, plan.day))
    day = plan.review_day(reviewed(20, 40), TODAY + timedelta(days=1), NOTE)
    assert day is not None and day.weekday() < 5


def test_a_review_that_would_jump_past_the_exam_is_pulled_back() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=10))
    state = reviewed(stability=15, due_in_days=15)
    assert plan.exam_recall(state) < plan.target
    adjusted = plan.adjust(state, NOTE, NOW)
    day = study_date(adjusted.due)
    assert TODAY < day < plan.day and adjusted.due == day_start(day)
    assert plan.load[day] == 1
    plan.adjust(reviewed(stability=15, due_in_days=15), NOTE, NOW, book=False)
    assert sum(plan.load.values()) == 1  # a preview books nothing


def test_a_card_already_safe_for_the_exam_keeps_its_interval() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=10))
    strong = reviewed(stability=2000, due_in_days=400)
    assert plan.exam_recall(strong) >= plan.target
    assert plan.adjust(strong, NOTE, NOW).due == strong.due


def test_the_least_loaded_of_the_nearly_best_days_is_chosen() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=20))
    state = reviewed(stability=12, due_in_days=30)
    first = plan.review_day(state, TODAY + timedelta(days=1), NOTE)
    assert first is not None
    plan.load = Counter({first: 100})
    second = plan.review_day(state, TODAY + timedelta(days=1), NOTE)
    assert second is not None and second != first
    last_day = study_date(NOW)
    expected = plan._expected_exam_recall
    assert expected(state, last_day, second) >= expected(state, last_day, first) - NEAR_BEST


def test_a_review_is_not_planned_on_a_day_that_holds_the_daily_review_limit() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=20), reviews_per_day=3)
    state = reviewed(stability=12, due_in_days=30)
    tomorrow = TODAY + timedelta(days=1)
    days = plan.study_days(tomorrow, plan.day)
    open_day = days[2]  # not a day the exam-morning recall prefers
    plan.load = Counter({day: 3 for day in days if day != open_day})
    assert plan.review_day(state, tomorrow, NOTE) == open_day
    due_soon = reviewed(stability=3, due_in_days=4)  # FSRS's own day, before the exam: full
    assert study_date(plan.adjust(due_soon, "d/m", NOW).due) == open_day
    plan.load[open_day] = 3  # every day full: the plan's own choice, the limit cannot be kept
    assert plan.review_day(state, tomorrow, NOTE) is not None


def test_a_review_is_not_planned_on_a_day_a_sibling_is_planned_for() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=20))
    state = reviewed(stability=12, due_in_days=30)
    tomorrow = TODAY + timedelta(days=1)
    best = plan.review_day(state, tomorrow, NOTE)
    assert best is not None
    plan.note_load = Counter({(NOTE, best): 1})
    assert plan.review_day(state, tomorrow, NOTE) not in (None, best)
    assert plan.review_day(reviewed(stability=12, due_in_days=30), tomorrow, "d/m") == best


def test_a_review_due_on_a_day_a_sibling_is_planned_for_moves_to_the_nearest_free_day() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=30))
    state = reviewed(stability=10, due_in_days=5)  # due well before the exam: FSRS's day
    due_day = study_date(state.due)
    sibling = reviewed(stability=10, due_in_days=5, at=NOW - timedelta(hours=1))
    plan.plan_load({f"{NOTE}#reverse": sibling}, NOW)
    assert plan.note_load == Counter({(NOTE, due_day): 1})
    moved = study_date(plan.adjust(state, NOTE, NOW).due)
    assert moved == due_day - timedelta(days=1)  # the earlier of the two nearest
    assert plan.note_load[NOTE, moved] == 1 and plan.load[moved] == 1
    other_note = reviewed(stability=10, due_in_days=5)
    assert plan.adjust(other_note, "d/m", NOW).due == other_note.due


def test_siblings_due_together_the_card_a_review_saves_for_the_exam_goes_first() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=2))
    learning = reviewed(stability=1, due_in_days=0, state=State.Relearning)
    at_risk = reviewed(stability=3, due_in_days=0, at=NOW - timedelta(days=2))
    hopeless = reviewed(stability=0.1, due_in_days=0, at=NOW - timedelta(days=1))
    safe = reviewed(stability=500, due_in_days=0, at=NOW - timedelta(days=10))
    assert plan.exam_recall(at_risk) < EXAM_FLOOR and plan.exam_recall(hopeless) < EXAM_FLOOR
    cards = {"learning": learning, "at risk": at_risk, "hopeless": hopeless, "safe": safe}
    order = sorted(cards, key=lambda name: plan.review_priority(cards[name], TODAY))
    # hopeless gains more from a review than safe does, but stays below the floor
    assert order == ["learning", "at risk", "hopeless", "safe"]


def test_the_plans_queue_gives_a_notes_one_card_of_the_day_to_the_card_at_risk(
    library_items: list[Item],
) -> None:
    note = Counter(i.note_key for i in library_items).most_common(1)[0][0]
    first, second = [i for i in library_items if i.note_key == note][:2]
    plan = ExamPlanner(TODAY + timedelta(days=2))
    states = {
        first.id: reviewed(stability=0.1, due_in_days=-0.5, at=NOW - timedelta(days=1)),
        second.id: reviewed(stability=3, due_in_days=0, at=NOW - timedelta(days=2)),
    }
    queue = plan.queue([first, second], states, Today(0, 0, frozenset()), NOW, Limits(0))
    assert queue == [second]  # the other waits, although it was due first


def test_the_last_days_sweep_over_the_weakest_cards(library_items: list[Item]) -> None:
    exam = TODAY + timedelta(days=2)
    plan = ExamPlanner(exam)
    earlier = NOW - timedelta(days=5)
    states = {
        item.id: reviewed(stability=5 + 10 * n, due_in_days=30, at=earlier)
        for n, item in enumerate(library_items[:6])
    }
    swept = plan.due_today(library_items, states, NOW)
    assert swept and all(plan.exam_recall(states[i.id]) < SWEEP_BELOW for i in swept)
    recall = [plan.exam_recall(states[i.id]) for i in swept]
    assert recall == sorted(recall)  # the weakest first
    five_days_before = plan.due_today(library_items, states, NOW - timedelta(days=3))
    size = Counter(i.note_key for i in library_items)
    assert all(size[i.note_key] >= 5 for i in five_days_before)  # only the largest notes yet
    assert plan.due_today(library_items, states, NOW - timedelta(days=5)) == []  # none yet


def test_a_notes_sweep_starts_as_many_study_days_before_the_exam_as_it_has_cards(
    library_items: list[Item],
) -> None:
    size = Counter(i.note_key for i in library_items)
    largest = max(size, key=size.__getitem__)  # 6 cards: its sweep starts 6 study days before
    small = min(size, key=size.__getitem__)  # 1 card: SWEEP_DAYS before
    assert size[largest] > SWEEP_DAYS >= size[small]
    cards = [i for i in library_items if i.note_key in (largest, small)]
    earlier = NOW - timedelta(days=5)
    states = {i.id: reviewed(stability=5, due_in_days=30, at=earlier) for i in cards}
    # a low target: no review is pulled back, what comes is the sweep's
    plan = ExamPlanner(TODAY + timedelta(days=size[largest]), target=0.5)
    assert {i.note_key for i in plan.due_today(cards, states, NOW)} == {largest}
    later = NOW + timedelta(days=size[largest] - SWEEP_DAYS)
    assert {i.note_key for i in plan.due_today(cards, states, later)} == {largest, small}
    before = NOW - timedelta(days=1)  # 7 study days left: no sweep yet
    assert plan.due_today(cards, states, before) == []


def test_notes_with_most_new_cards_left_come_first(library_items: list[Item]) -> None:
    plan = ExamPlanner(TODAY + timedelta(days=30))
    ordered = plan.new_order(library_items)
    left = Counter(i.note_key for i in library_items)
    assert [left[i.note_key] for i in ordered] == sorted(
        (left[i.note_key] for i in library_items), reverse=True
    )


@settings(max_examples=300, deadline=None)
@given(
    stability=st.floats(0.5, 200),
    last_review_days_ago=st.integers(0, 60),
    exam_in=st.integers(2, 40),
    limit=st.one_of(st.none(), st.integers(1, 4)),
    loads=st.lists(st.integers(0, 5), min_size=40, max_size=40),
    siblings=st.lists(st.booleans(), min_size=40, max_size=40),
    off=st.sets(st.integers(0, 6), max_size=2),
    ask_on=st.integers(0, 3),
)
def test_asking_whether_a_review_falls_on_a_day_answers_as_choosing_the_day(
    stability: float,
    last_review_days_ago: int,
    exam_in: int,
    limit: int | None,
    loads: list[int],
    siblings: list[bool],
    off: set[int],
    ask_on: int,
) -> None:
    """review_day_is (the forecast's shortcut) says what review_day's choice says, whatever
    the days' loads, the siblings planned and the days off."""
    plan = ExamPlanner(
        TODAY + timedelta(days=exam_in), off_days=frozenset(off), reviews_per_day=limit
    )
    days = [TODAY + timedelta(days=n) for n in range(exam_in)]
    plan.load = Counter({d: load for d, load in zip(days, loads, strict=False) if load})
    plan.note_load = Counter(
        {(NOTE, d): 1 for d, sibling in zip(days, siblings, strict=False) if sibling}
    )
    state = reviewed(stability, 1000, at=NOW - timedelta(days=last_review_days_ago))
    for day in days[ask_on:]:
        assert plan.review_day_is(day, state, NOTE) == (plan.review_day(state, day, NOTE) == day)
