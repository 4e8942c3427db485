from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest
from fsrs import Rating

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import (
    Limits,
    Today,
    build_queue,
    due_entries,
    study_date,
    study_day_start,
)
from crmcards.scheduling.ratings import TO_FSRS, to_fsrs

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_rating_table_follows_the_design() -> None:
    assert TO_FSRS == {
        1: Rating.Again,
        2: Rating.Again,
        3: Rating.Hard,
        4: Rating.Good,
        5: Rating.Easy,
    }
    with pytest.raises(ValueError, match="1 to 5"):
        to_fsrs(6)


def test_better_ratings_never_come_back_sooner(planner: Planner) -> None:
    previews = planner.preview(None, NOW, note_key="d/n")
    assert previews[1] <= previews[2] <= previews[3] <= previews[4] <= previews[5]
    assert previews[5] >= timedelta(days=1)


def test_review_counts_reps_and_lapses(planner: Planner) -> None:
    first = planner.review(None, 5, NOW, note_key="d/n")
    assert (first.after.reps, first.after.lapses, first.rating, first.fsrs_rating) == (1, 0, 5, 4)
    assert first.before is None and first.reviewed_at == NOW
    later = NOW + timedelta(days=30)
    lapse = planner.review(first.after, 2, later, note_key="d/n")
    assert (lapse.after.reps, lapse.after.lapses, lapse.fsrs_rating) == (2, 1, 1)
    assert lapse.before == first.after and lapse.uid != first.uid
    assert planner.retrievability(first.after, later) < planner.retrievability(
        first.after, NOW + timedelta(days=1)
    )
    assert planner.retrievability(None, NOW) == 0.0


def state(due: datetime, kind: int = 2) -> Schedule:
    return Schedule(
        state=kind,
        due=due,
        stability=10,
        difficulty=5,
        last_review=due - timedelta(days=10),
    )


def queue_of(
    items: list[Item], states: dict[str, Schedule], today: Today, limits: Limits
) -> list[Item]:
    """build_queue given what the store would read for `states` at NOW."""
    return build_queue(items, due_entries(states, NOW), states.keys(), today, limits)


def test_queue_due_first_most_overdue_first_then_new_with_limit(library: Library) -> None:
    items = library.items()
    states = {
        "voorbeeld/immersion#all": state(NOW - timedelta(days=1)),
        "voorbeeld/s-crm-huis#1": state(NOW - timedelta(days=3)),
        "voorbeeld/een-gat#all": state(NOW + timedelta(days=3)),
    }
    queue = queue_of(items, states, Today(0, 0, frozenset()), Limits(new_per_day=2))
    assert [i.id for i in queue] == [
        "voorbeeld/s-crm-huis#1",
        "voorbeeld/immersion#all",
        "voorbeeld/crm-definitie#q",
        "voorbeeld/crm-proces-stappen#all",
    ]


def test_queue_shows_one_item_per_note_per_day(library: Library) -> None:
    queue = queue_of(
        library.items(),
        {},
        Today(0, 0, frozenset({"voorbeeld/crm-definitie"})),
        Limits(new_per_day=100),
    )
    notes = [i.note_key for i in queue]
    assert len(notes) == len(set(notes))
    assert "voorbeeld/crm-definitie" not in notes  # already studied today


def test_learning_items_are_shown_despite_siblings_and_limits(library: Library) -> None:
    learning = state(NOW - timedelta(minutes=1), kind=1)
    queue = queue_of(
        library.items(),
        {"voorbeeld/crm-definitie#reverse": learning},
        Today(0, 500, frozenset({"voorbeeld/crm-definitie"})),
        Limits(0, 0),
    )
    assert [i.id for i in queue] == ["voorbeeld/crm-definitie#reverse"]


class Logged(NamedTuple):
    note_key: str
    previous: str | None


def test_daily_limits_count_what_was_done_today() -> None:
    logs = [Logged("a", None), Logged("b", "{}")]
    assert Today.from_logs(logs) == Today(new=1, reviews=1, notes=frozenset({"a", "b"}))


def test_study_day_starts_at_four_in_the_morning() -> None:
    local = datetime(2026, 11, 25, 2, 30).astimezone()
    start = study_day_start(local)
    assert start.hour == 4 and start.date() == (local - timedelta(days=1)).date()


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "America/Santiago", "UTC"])
def test_study_date_is_the_date_the_study_day_starts_on(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every half hour through a year with both clock changes (and one zone whose change falls
    at midnight): the quick study_date agrees with study_day_start."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        while moment.year == 2026:
            assert study_date(moment) == study_day_start(moment).date(), moment
            moment += timedelta(minutes=30)
    finally:
        monkeypatch.undo()
        time.tzset()
