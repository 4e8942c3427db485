"""Two sessions on one database (two terminals, or the TUI beside `crmcards report`)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock

WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from crmcards.scheduling.planner import Planner
from crmcards.store.repository import Store

store = Store.open(home=Path(sys.argv[1]))
planner = Planner()
now = datetime(2026, 1, 1, tzinfo=UTC)
for n in range(int(sys.argv[3])):
    item = f"{sys.argv[2]}/note-{n % 7}#q"
    state = store.states([item]).get(item)
    review = planner.review(state, 1 + n % 5, now + timedelta(minutes=n), note_key=item[:-2])
    store.record(item, sys.argv[2], item[:-2], review)
print("done", flush=True)
"""

READER = """
import sys
from pathlib import Path
from crmcards.store.repository import Store

store = Store.open(home=Path(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    store.review_counts()
    store.states()
print("done", flush=True)
"""


def test_two_writers_and_a_reader_at_once_never_fail_or_lose_a_rating(home: Path) -> None:
    Store.open(home=home).close()
    env = {**os.environ}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), deck, "150"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for deck in ("a", "b")
    ] + [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(home), "150"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.strip() == "done"
    with sqlite3.connect(home / "crmcards.db") as connection:
        counts = dict(
            connection.execute("SELECT deck_id, count(*) FROM review_log GROUP BY deck_id")
        )
    assert counts == {"a": 150, "b": 150}


def test_a_stale_session_builds_on_the_rating_made_elsewhere(home: Path, planner: Planner) -> None:
    library = Library.load([SAMPLE_DECKS])
    item = library.items()[0]
    clock = FakeClock()
    first = ReviewSession(Store.open(home=home), planner, [item], clock=clock)
    second = ReviewSession(Store.open(home=home), planner, [item], clock=clock)
    first.reveal()
    first.rate(5)
    second.reveal()
    second.rate(4)  # this session still thought the item was new
    state = Store.open(home=home).states()[item.id]
    assert state.reps == 2
    assert Store.open(home=home).review_counts() == {"voorbeeld": 2}
