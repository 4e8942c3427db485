"""The per-item review counts SQLite keeps by triggers agree with the log after every kind of
write (status reads them instead of a million log rows)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crmcards.locations import DB_FILENAME
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.store.repository import Store
from tests.store.test_store import rate

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


Counts = list[tuple[str, str, int, int]]  # item, deck, reviews, failures (rated 1 or 2)


def counts_and_log(home: Path) -> tuple[Counts, Counts]:
    with sqlite3.connect(home / DB_FILENAME) as connection:
        kept = connection.execute(
            "SELECT item_id, deck_id, reviews, failures FROM review_count ORDER BY 1, 2"
        ).fetchall()
        logged = connection.execute(
            "SELECT item_id, deck_id, count(*), sum(rating < 3) FROM review_log"
            " GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
    return kept, logged


def test_the_counts_follow_ratings_undo_reset_and_forget(
    store: Store, planner: Planner, home: Path
) -> None:
    ids = {}
    ratings = [("d/a#q", 1), ("d/a#r", 3), ("d/b#q", 2), ("d/a#q", 3), ("d/c#q", 3), ("d/c#q", 1)]
    for day, (item_id, rating) in enumerate(ratings):
        ids[item_id] = rate(store, planner, item_id, rating, NOW + timedelta(days=day))
    kept, logged = counts_and_log(home)
    assert (
        kept
        == logged
        == [("d/a#q", "d", 2, 1), ("d/a#r", "d", 1, 0), ("d/b#q", "d", 1, 1), ("d/c#q", "d", 2, 1)]
    )

    store.undo(ids["d/c#q"], rebuild=lambda logs: replay(planner, logs))
    store.reset_to_new("d/b#q", NOW + timedelta(days=9))  # its rating stays in the log
    store.forget(["d/a#r"])
    kept, logged = counts_and_log(home)
    assert kept == logged == [("d/a#q", "d", 2, 1), ("d/b#q", "d", 1, 1), ("d/c#q", "d", 1, 0)]
    assert store.review_counts() == {"d": 4}
    # the reset item has ratings but no schedule: it is still an item with history
    assert store.items_with_history() == {"d/a#q", "d/b#q", "d/c#q"}

    store.forget(["d/a#q", "d/b#q", "d/c#q"])
    assert counts_and_log(home) == ([], [])
    assert store.review_counts() == {}
