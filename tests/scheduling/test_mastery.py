"""One definition of "mastered": in review with a stability of at least 21 days (Anki's mature)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crmcards.schedule import Schedule
from crmcards.scheduling.mastery import MASTERED_STABILITY_DAYS, is_mastered
from crmcards.scheduling.planner import Planner

START = datetime(2026, 11, 1, 9, tzinfo=UTC)


def rated(*ratings_and_days: tuple[int, float]) -> Schedule | None:
    planner, state = Planner(fuzz=False), None
    for rating, day in ratings_and_days:
        now = START + timedelta(days=day)
        state = planner.review(state, rating, now, note_key="d/n").after
    return state


def test_a_new_card_rated_perfect_once_is_not_mastered() -> None:
    assert not is_mastered(None)
    once = rated((5, 0))
    assert once is not None and once.state == 2  # in review at once...
    assert not is_mastered(once)  # ...but its memory is not expected to last three weeks yet


def test_successful_reviews_spread_over_weeks_master_a_card() -> None:
    state = rated((4, 0), (4, 0.01), (4, 3), (4, 12))
    assert state is not None and state.stability is not None
    assert is_mastered(state) == (state.stability >= MASTERED_STABILITY_DAYS)
    assert is_mastered(rated((5, 0), (5, 8)))


def test_a_lapse_unmasters_a_card() -> None:
    mastered = rated((5, 0), (5, 8))
    assert is_mastered(mastered)
    assert not is_mastered(rated((5, 0), (5, 8), (1, 60)))  # forgotten: relearning
