"""The review log summed up in SQL (crmcards.store.history) for the reports."""

from __future__ import annotations

from datetime import UTC, datetime

from crmcards.decks.catalog import Library
from crmcards.store.history import (
    Tally,
    first_review,
    item_rating_counts,
    item_review_counts,
    period_tallies,
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


def test_tallies_per_period_deck_and_rating(store: Store, library: Library) -> None:
    record(store, library, HISTORY)
    bounds = [utc(2026, 11, 24), utc(2026, 11, 24, 11), utc(2026, 11, 25), utc(2026, 11, 26)]
    first, second, third = period_tallies(store, bounds, 60_000)
    assert first == [Tally("voorbeeld", 1, 1, 4_000)]  # 11:00 belongs to the next period
    assert sorted(second, key=lambda t: t.rating) == [Tally("voorbeeld", 4, 2, 11_000)]
    assert third == [Tally("voorbeeld", 2, 1, 3_000)]
    assert period_tallies(store, [utc(2026, 1, 1), utc(2026, 2, 1)], 60_000) == [[]]
    assert period_tallies(store, [], 60_000) == []
    # each answer counts for at most the cap: 6 s and 5 s become 5 s and 5 s
    assert period_tallies(store, bounds[1:3], 5_000) == [[Tally("voorbeeld", 4, 2, 10_000)]]


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
    assert period_tallies(store, [utc(2026, 11, 24), utc(2026, 11, 25)], 60_000) == [
        [Tally("voorbeeld", 1, 1, 0)]
    ]
