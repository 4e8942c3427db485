from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmcards.errors import CrmcardsError
from crmcards.locations import DB_FILENAME
from crmcards.scheduling.planner import Planner
from crmcards.store import history_reads
from crmcards.store.repository import Store
from crmcards.store.schema import SCHEMA_VERSION

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def rate(store: Store, planner: Planner, item_id: str, rating: int, now: datetime = NOW) -> int:
    review = planner.review(
        store.states().get(item_id), rating, now, note_key=item_id.split("#")[0]
    )
    log = store.record(item_id, "d", item_id.split("#")[0], review)
    assert log.id is not None
    return log.id


def test_database_is_wal_with_schema_version(store: Store, home: Path) -> None:
    connection = sqlite3.connect(home / DB_FILENAME)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(SCHEMA_VERSION),
    )


def test_a_recorded_rating_is_visible_to_a_new_connection(
    store: Store, planner: Planner, home: Path
) -> None:
    rate(store, planner, "d/n#q", 4)
    rows = (
        sqlite3.connect(home / DB_FILENAME)
        .execute("SELECT item_id, rating, fsrs_rating, reviewed_at FROM review_log")
        .fetchall()
    )
    assert rows == [("d/n#q", 4, 3, "2026-11-25 12:00:00.000000")]


def test_undo_restores_the_previous_state_exactly(store: Store, planner: Planner) -> None:
    rate(store, planner, "d/n#q", 5)  # easy: straight to review
    before = store.states()["d/n#q"]
    log_id = rate(store, planner, "d/n#q", 1, NOW + timedelta(days=9))
    assert store.states()["d/n#q"].lapses == 1
    restored = store.undo(log_id)
    assert restored is not None
    assert restored == before
    assert store.states()["d/n#q"] == before
    assert store.review_counts() == {"d": 1}


def test_undo_of_a_first_rating_makes_the_item_new_again(store: Store, planner: Planner) -> None:
    log_id = rate(store, planner, "d/n#q", 3)
    assert store.undo(log_id) is None
    assert store.states() == {}
    assert store.review_counts() == {}


def test_times_come_back_as_aware_utc(store: Store, planner: Planner) -> None:
    rate(store, planner, "d/n#q", 4)
    state = store.states()["d/n#q"]
    assert state.due.tzinfo is not None and state.last_review == NOW


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / DB_FILENAME
    path.write_bytes(b"this is my thesis, not a database")
    with pytest.raises(CrmcardsError, match="not a crmcards database"):
        Store.open(home=home)
    assert path.read_bytes() == b"this is my thesis, not a database"


def test_a_database_from_a_newer_version_is_refused_and_left_alone(
    store: Store, home: Path
) -> None:
    path = home / DB_FILENAME
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()
    before = path.read_bytes()
    with pytest.raises(CrmcardsError, match="newer crmcards"):
        Store.open(home=home)
    assert path.read_bytes() == before


def test_the_queue_reads_due_items_by_due_time_and_the_scheduled_ids(
    store: Store, planner: Planner
) -> None:
    rate(store, planner, "d/late#q", 5, NOW - timedelta(days=40))  # due long ago
    rate(store, planner, "d/soon#q", 5, NOW - timedelta(days=20))
    rate(store, planner, "d/learning#q", 1, NOW - timedelta(minutes=30))
    rate(store, planner, "d/fresh#q", 5, NOW)  # due in days
    due_at = {item_id: s.due for item_id, s in store.states().items()}
    assert due_at["d/late#q"] < due_at["d/soon#q"] < due_at["d/learning#q"] <= NOW
    assert store.due_entries(NOW) == [
        ("d/late#q", "d/late", 2),
        ("d/soon#q", "d/soon", 2),
        ("d/learning#q", "d/learning", 1),
    ]
    assert store.scheduled_ids() == {"d/late#q", "d/soon#q", "d/learning#q", "d/fresh#q"}
    assert store.soonest_due({"d/fresh#q", "d/soon#q"}) == due_at["d/soon#q"]
    assert store.soonest_due({"d/fresh#q"}) == due_at["d/fresh#q"]
    assert store.soonest_due({"d/new#q"}) is None
    assert store.due_before(due_at["d/learning#q"]) == {
        "d/late#q": (2, due_at["d/late#q"]),
        "d/soon#q": (2, due_at["d/soon#q"]),
    }
    assert store.due_before(due_at["d/late#q"]) == {}


@pytest.mark.parametrize("recent", [20_000, 1], ids=["by time", "note by note"])
def test_a_notes_reviews_since_a_moment(
    store: Store, planner: Planner, monkeypatch: pytest.MonkeyPatch, recent: int
) -> None:
    monkeypatch.setattr(history_reads, "RECENT_REVIEWS", recent)
    for days, item_id in [(9, "d/a#q"), (5, "d/a#r"), (4, "d/b#q"), (3, "d/c#q"), (1, "d/a#q")]:
        rate(store, planner, item_id, 3, NOW - timedelta(days=days, hours=12))
    since = NOW - timedelta(days=5)
    assert sorted(store.note_reviews_since({"d/a", "d/b", "d/x"}, since)) == [
        ("d/a", NOW - timedelta(days=1, hours=12)),
        ("d/b", NOW - timedelta(days=4, hours=12)),
    ]
