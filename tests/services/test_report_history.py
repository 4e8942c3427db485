"""The review log summed up in SQL (crmcards.store.history) for the reports."""

from __future__ import annotations

from datetime import UTC, datetime

from crmcards.decks.catalog import Library
from crmcards.store.history import (
    Tally,
    day_tallies,
    first_review,
    item_rating_counts,
    item_review_counts,
)
from crmcards.store.repository import Store
from tests.reports import record


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


HISTORY = [
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 24, 10), 4),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 24, 11), 6),
    ("voorbeeld/crm-definitie#reverse", 4, utc(2026, 11, 24, 12), 5),
    ("voorbeeld/een-gat#all", 2, utc(2026, 11, 25, 9, 59), 3),
]


def test_first_review(store: Store, library: Library) -> None:
    assert first_review(store) is None
    record(store, library, HISTORY)
    assert first_review(store) == utc(2026, 11, 24, 10)


def test_tallies_per_period_deck_hour_stage_and_rating(store: Store, library: Library) -> None:
    record(store, library, HISTORY)
    bounds = [utc(2026, 11, 24), utc(2026, 11, 24, 11), utc(2026, 11, 25), utc(2026, 11, 26)]
    first, second, third = day_tallies(store, bounds, 60_000)
    # hours count from the period's start; 11:00 belongs to the next period
    assert first == [Tally("voorbeeld", 10, 0, False, 1, 1, 4_000)]
    assert sorted(second) == [
        Tally("voorbeeld", 0, 1, False, 4, 1, 6_000),  # in learning after the 1 at 10:00
        Tally("voorbeeld", 1, 0, False, 4, 1, 5_000),  # the reverse: new
    ]
    assert third == [Tally("voorbeeld", 9, 0, False, 2, 1, 3_000)]
    assert day_tallies(store, [utc(2026, 1, 1), utc(2026, 2, 1)], 60_000) == [[]]
    assert day_tallies(store, [], 60_000) == []
    # each answer counts for at most the cap: 6 s and 5 s become 5 s and 5 s
    capped = day_tallies(store, bounds[1:3], 5_000)[0]
    assert sorted(t.duration_ms for t in capped) == [5_000, 5_000]


def test_tallies_tell_young_from_mature_reviews(store: Store, library: Library) -> None:
    item = "voorbeeld/crm-definitie#q"
    record(store, library, [(item, 4, utc(2026, 9, 1, 10), 4), (item, 4, utc(2026, 9, 2, 10), 4)])
    due = store.states()[item].due
    record(store, library, [(item, 4, due, 4)])  # on time, after an interval of a few days
    long = store.states()[item]
    assert long.last_review is not None and (long.due - long.last_review).days >= 21
    record(store, library, [(item, 3, long.due, 4)])
    tallies = day_tallies(store, [utc(2026, 9, 1), utc(2027, 9, 1)], 60_000)[0]
    assert [(t.stage, t.mature, t.rating) for t in sorted(tallies, key=lambda t: t.hour)] == [
        (0, False, 4),  # new
        (1, False, 4),  # in learning
        (2, False, 4),  # in review, young
        (2, True, 3),  # in review, mature
    ]


def test_counts_per_item(store: Store, library: Library) -> None:
    record(store, library, HISTORY)
    assert item_review_counts(store) == {
        "voorbeeld/crm-definitie#q": 2,
        "voorbeeld/crm-definitie#reverse": 1,
        "voorbeeld/een-gat#all": 1,
    }
    assert item_rating_counts(store, {1, 2}) == {
        "voorbeeld/crm-definitie#q": 1,
        "voorbeeld/een-gat#all": 1,
    }
    assert item_rating_counts(store, {5}) == {}


def test_reviews_without_a_duration(store: Store, library: Library) -> None:
    record(store, library, HISTORY[:1])
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE review_log SET duration_ms = NULL")
    assert day_tallies(store, [utc(2026, 11, 24), utc(2026, 11, 25)], 60_000) == [
        [Tally("voorbeeld", 10, 0, False, 1, 1, 0)]
    ]


def test_the_store_counts_the_review_state_as_the_scheduler_does() -> None:
    from crmcards.scheduling.mastery import REVIEW_STATE
    from crmcards.store import history

    assert history.REVIEW_STATE == REVIEW_STATE
