"""The write-ahead log is folded into the database file in the background, never in a commit."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from crmcards.locations import DB_FILENAME
from crmcards.schedule import Schedule
from crmcards.store.database import open_engine, sqlite_url
from crmcards.store.repository import Store
from crmcards.store.tables import ItemState

DUE = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ROWS = 6000  # well over the 1,000 log pages at which SQLite's own checkpoint would run


def write_many_states(store: Store) -> None:
    """One write transaction of several thousand log pages."""
    schedule = Schedule(state=2, step=None, stability=3.0, difficulty=5.0, due=DUE)
    with store.writing() as session:
        for n in range(ROWS):
            note = f"d/{'n' * 200}{n}"
            session.add(ItemState.of(f"{note}#q", "d", note, schedule))
        session.commit()


def log_size(database: Path) -> int:
    return Path(f"{database}-wal").stat().st_size


def test_a_commit_leaves_its_pages_in_the_log(home: Path) -> None:
    database = home / DB_FILENAME
    store = Store(open_engine(sqlite_url(database)))  # no background checkpoints
    try:
        before = database.stat().st_size
        write_many_states(store)
        assert len(store.states()) == ROWS  # committed, for every reader
        assert database.stat().st_size == before  # but the commit copied nothing over
        assert log_size(database) > 1000 * 4096
    finally:
        store.close()


def test_the_store_checkpoints_once_quiet_after_a_write(home: Path) -> None:
    store = Store.open(home=home)
    try:
        checkpointer = store.checkpointer
        assert checkpointer is not None
        write_many_states(store)
        database = home / DB_FILENAME
        deadline = time.monotonic() + 60  # a generous bound, not a figure that is checked
        while database.stat().st_size < log_size(database) // 2:  # the rows copied over
            assert time.monotonic() < deadline, "the log was never checkpointed"
            time.sleep(0.05)
    finally:
        store.close()
    assert store.checkpointer is None


def test_closing_the_store_ends_its_checkpoint_thread(home: Path) -> None:
    store = Store.open(home=home)
    checkpointer = store.checkpointer
    assert checkpointer is not None
    store.close()
    assert not checkpointer.running
