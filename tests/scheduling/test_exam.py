"""The exam planner's rules, one at a time."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.scheduling.exam import NEAR_BEST, SWEEP_BELOW, ExamPlanner
from crmcards.scheduling.queue import day_start, study_date
from crmcards.scheduling.weekdays import parse_off_days
from crmcards.store.tables import ItemState

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
TODAY = study_date(NOW)


def reviewed(stability: float, due_in_days: float, at: datetime = NOW) -> ItemState:
    return ItemState(
        item_id="d/n#q",
        deck_id="d",
        note_key="d/n",
        state=State.Review.value,
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
    day = plan.review_day(reviewed(20, 40), TODAY + timedelta(days=1))
    assert day is not None and day.weekday() < 5


def test_a_review_that_would_jump_past_the_exam_is_pulled_back() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=10))
    state = reviewed(stability=15, due_in_days=15)
    assert plan.exam_recall(state) < plan.target
    adjusted = plan.adjust(state, NOW)
    day = study_date(adjusted.due)
    assert TODAY < day < plan.day and adjusted.due == day_start(day)
    assert plan.load[day] == 1
    plan.adjust(reviewed(stability=15, due_in_days=15), NOW, book=False)
    assert sum(plan.load.values()) == 1  # a preview books nothing


def test_a_card_already_safe_for_the_exam_keeps_its_interval() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=10))
    strong = reviewed(stability=2000, due_in_days=400)
    assert plan.exam_recall(strong) >= plan.target
    assert plan.adjust(strong, NOW).due == strong.due


def test_the_least_loaded_of_the_nearly_best_days_is_chosen() -> None:
    plan = ExamPlanner(TODAY + timedelta(days=20))
    state = reviewed(stability=12, due_in_days=30)
    first = plan.review_day(state, TODAY + timedelta(days=1))
    assert first is not None
    plan.load = Counter({first: 100})
    second = plan.review_day(state, TODAY + timedelta(days=1))
    assert second is not None and second != first
    last_day = study_date(NOW)
    expected = plan._expected_exam_recall
    assert expected(state, last_day, second) >= expected(state, last_day, first) - NEAR_BEST


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
    assert plan.due_today(library_items, states, NOW - timedelta(days=3)) == []  # not yet


def test_notes_with_most_new_cards_left_come_first(library_items: list[Item]) -> None:
    plan = ExamPlanner(TODAY + timedelta(days=30))
    ordered = plan.new_order(library_items)
    left = Counter(i.note_key for i in library_items)
    assert [left[i.note_key] for i in ordered] == sorted(
        (left[i.note_key] for i in library_items), reverse=True
    )
