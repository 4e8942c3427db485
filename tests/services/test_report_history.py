"""The review log summed up in SQL (crmcards.store.history) for the reports."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.store.database import waiting_at_most
from crmcards.store.history import (
    day_tallies,
    first_review,
    item_review_counts,
)
from crmcards.store.repository import Store
from crmcards.store.review_hours import HourTally, from_log, log_sums
from tests.reports import record


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


HISTORY = [
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 24, 10), 4),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 24, 11), 6),
    ("voorbeeld/crm-definitie#reverse", 4, utc(2026, 11, 24, 12), 5),
    ("voorbeeld/een-gat#all", 2, utc(2026, 11, 25, 9, 59), 3),
]


def tally(
    hour: int, stages: tuple[int, int, int], ms: tuple[int, int, int], **more: int
) -> HourTally:
    """A tally of deck 'voorbeeld': reviews and milliseconds per stage, the rest by name."""
    fields = dict.fromkeys(HourTally._fields[8:], 0) | more
    return HourTally("voorbeeld", hour, *stages, *ms, **fields)


def from_the_log(store: Store, bounds: list[datetime], cap_ms: int) -> list[list[HourTally]]:
    """What day_tallies gives, summed up from the log itself (as other databases do)."""
    with store._cursor() as cursor:

        def log(since: datetime, until: datetime) -> list[tuple[object, ...]]:
            times = {"since": store._time(since), "until": store._time(until), "cap": cap_ms}
            cursor.execute(log_sums("sqlite"), times)
            return cursor.fetchall()  # type: ignore[no-any-return]

        return from_log(log, bounds)


def test_first_review(store: Store, library: Library) -> None:
    assert first_review(store) is None
    record(store, library, HISTORY)
    assert first_review(store) == utc(2026, 11, 24, 10)


def test_tallies_per_period_deck_and_hour_by_stage_and_rating(
    store: Store, library: Library
) -> None:
    record(store, library, HISTORY)
    bounds = [utc(2026, 11, 24), utc(2026, 11, 24, 11), utc(2026, 11, 25), utc(2026, 11, 26)]
    first, second, third = day_tallies(store, bounds, 60_000)
    # hours count from the period's start; 11:00 belongs to the next period
    assert first == [tally(10, (1, 0, 0), (4_000, 0, 0), rated_1=1)]
    assert second == [
        tally(0, (1, 0, 0), (6_000, 0, 0), rated_4=1),  # in learning after the 1 at 10:00
        tally(1, (1, 0, 0), (5_000, 0, 0), rated_4=1),  # the reverse: new counts as learning
    ]
    assert third == [tally(9, (1, 0, 0), (3_000, 0, 0), rated_2=1)]
    assert day_tallies(store, [utc(2026, 1, 1), utc(2026, 2, 1)], 60_000) == [[]]
    assert day_tallies(store, [], 60_000) == []
    for cap in (5_000, 60_000, 5_000):  # each answer counts for at most the cap: 6 s becomes 5 s
        capped = day_tallies(store, bounds[1:3], cap)[0]
        assert [t.learning_ms for t in capped] == [min(6_000, cap), 5_000]
        assert capped == from_the_log(store, bounds[1:3], cap)[0]


def test_tallies_tell_young_from_mature_reviews(store: Store, library: Library) -> None:
    item = "voorbeeld/crm-definitie#q"
    record(store, library, [(item, 4, utc(2026, 9, 1, 10), 4), (item, 4, utc(2026, 9, 2, 10), 4)])
    due = store.states()[item].due
    record(store, library, [(item, 4, due, 4)])  # on time, after an interval of a few days
    long = store.states()[item]
    assert long.last_review is not None and (long.due - long.last_review).days >= 21
    record(store, library, [(item, 1, long.due, 4)])
    assert store.states()[item].state == 3  # relearning: reviewed again the next day
    record(store, library, [(item, 3, long.due + timedelta(days=1), 4)])
    tallies = day_tallies(store, [utc(2026, 9, 1), utc(2027, 9, 1)], 60_000)[0]
    assert [
        (t.learning, t.review, t.relearning, t.review_passed, t.mature, t.mature_passed)
        for t in sorted(tallies, key=lambda t: t.hour)
    ] == [
        (1, 0, 0, 0, 0, 0),  # new
        (1, 0, 0, 0, 0, 0),  # in learning
        (0, 1, 0, 1, 0, 0),  # in review, young, passed
        (0, 1, 0, 0, 1, 0),  # in review, mature, failed
        (0, 0, 1, 0, 0, 0),  # relearning
    ]


def test_the_sums_per_hour_stay_those_of_the_log_through_undo_moves_and_changes(
    store: Store, library: Library
) -> None:
    record(store, library, HISTORY)
    bounds = [utc(2026, 11, 24), utc(2026, 11, 25), utc(2026, 11, 26)]
    with store.reading() as session:
        ids = [
            row[0]
            for row in session.connection().exec_driver_sql("SELECT id FROM review_log ORDER BY id")
        ]
    store.undo(ids[-1])  # the 2 on the 25th taken back
    assert day_tallies(store, bounds, 60_000)[1] == []
    with store.engine.begin() as connection:  # a deck renamed, a rating and a stage changed
        connection.exec_driver_sql(f"UPDATE review_log SET deck_id = 'ander' WHERE id = {ids[0]}")
        connection.exec_driver_sql(
            f"UPDATE review_log SET rating = 5, state_before = 2 WHERE id = {ids[1]}"
        )
    tallies = day_tallies(store, bounds, 60_000)
    assert tallies == from_the_log(store, bounds, 60_000)
    assert sorted(t.deck_id for t in tallies[0]) == ["ander", "voorbeeld", "voorbeeld"]
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM review_log")
        assert connection.exec_driver_sql("SELECT count(*) FROM review_hour").scalar() == 0


@pytest.mark.parametrize(
    "offset", [timedelta(hours=5, minutes=30), timedelta(hours=-9, minutes=-45)]
)
def test_a_day_that_starts_inside_an_hour_is_split_at_its_start(
    store: Store, library: Library, offset: timedelta
) -> None:
    """In a time zone half an hour off UTC, study days start inside a UTC hour: that hour is
    read from the log, each part for its own day."""
    zone = timezone(offset)
    start = datetime(2026, 11, 24, 4, tzinfo=zone)  # a study day's start there, inside an hour
    item = "voorbeeld/crm-definitie#q"
    moments = [
        start - timedelta(minutes=10),
        start + timedelta(minutes=10),
        start + timedelta(hours=30),
    ]
    record(store, library, [(item, 4, moment.astimezone(UTC), 4) for moment in moments])
    bounds = [
        start - timedelta(days=1),
        start,
        start + timedelta(days=1),
        start + timedelta(days=2),
    ]
    tallies = day_tallies(store, bounds, 60_000)
    assert [sum(t.learning + t.review for t in day) for day in tallies] == [1, 1, 1]
    assert tallies == from_the_log(store, bounds, 60_000)
    assert day_tallies(store, bounds[1:3], 60_000) == from_the_log(store, bounds[1:3], 60_000)


def test_counts_per_item(store: Store, library: Library) -> None:
    record(store, library, HISTORY)
    reviews = {"voorbeeld/crm-definitie#q": 2, "voorbeeld/crm-definitie#reverse": 1}
    failures = {"voorbeeld/crm-definitie#q": 1, "voorbeeld/een-gat#all": 1}
    assert item_review_counts(store) == ({**reviews, "voorbeeld/een-gat#all": 1}, failures)
    with store.reading() as session:
        ids = [
            row[0]
            for row in session.connection().exec_driver_sql("SELECT id FROM review_log ORDER BY id")
        ]
    store.undo(ids[-1])  # the 2 of een-gat taken back
    with store.engine.begin() as connection:  # the 4 of the reverse made a 1
        connection.exec_driver_sql(f"UPDATE review_log SET rating = 1 WHERE id = {ids[2]}")
    failures = {"voorbeeld/crm-definitie#q": 1, "voorbeeld/crm-definitie#reverse": 1}
    assert item_review_counts(store) == (reviews, failures)


def test_reviews_without_a_duration(store: Store, library: Library) -> None:
    record(store, library, HISTORY[:1])
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE review_log SET duration_ms = NULL")
    assert day_tallies(store, [utc(2026, 11, 24), utc(2026, 11, 25)], 60_000) == [
        [tally(10, (1, 0, 0), (0, 0, 0), rated_1=1)]
    ]


def test_the_store_sums_up_as_the_scheduler_and_the_settings_count() -> None:
    from fsrs import State

    from crmcards.scheduling.ratings import FAILED, RATINGS
    from crmcards.services.settings import Settings
    from crmcards.store import review_hours

    assert review_hours.REVIEW_STATE == State.Review.value
    assert review_hours.RELEARNING_STATE == State.Relearning.value
    assert review_hours.RATINGS == RATINGS
    assert {r for r in RATINGS if r >= review_hours.FIRST_PASSING_RATING} == set(RATINGS) - FAILED
    assert review_hours.DEFAULT_CAP_MS == Settings().answer_seconds_cap * 1000


def test_tallies_do_not_wait_for_a_session_writing_in_another_terminal(
    store: Store, library: Library, home: Path
) -> None:
    """A report's read takes no write lock while the hours are summed with its cap: another
    process holding the write lock (a study session committing) does not hold it up."""
    record(store, library, HISTORY)
    bounds = [utc(2026, 11, 24), utc(2026, 11, 26)]
    expected = day_tallies(store, bounds, 60_000)
    other = sqlite3.connect(home / "crmcards.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with waiting_at_most(0):
            assert day_tallies(store, bounds, 60_000) == expected
    finally:
        other.execute("ROLLBACK")
        other.close()
