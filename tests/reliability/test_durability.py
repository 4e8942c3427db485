"""A review session killed with SIGKILL at random moments never loses an acknowledged rating."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DECKS

# The child drives the same session object as the TUI, prints "ACK item rating" once `rate`
# has returned (i.e. once the next card would be shown), and goes on until it is killed.
CHILD = f"""
import random, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store

store = Store.open(home=Path(sys.argv[1]))
library = Library.load([Path({str(SAMPLE_DECKS)!r})])
now = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=int(sys.argv[2]) * 400)]
clock = lambda: now[0]
print("READY", flush=True)
while True:
    session = ReviewSession(store, Planner(), library.items(), limits=Limits(1000, 1000), clock=clock)
    while not session.finished:
        item = session.current
        session.reveal()
        rating = random.randint(1, 5)
        session.rate(rating)
        print("ACK", item.id, rating, flush=True)
        now[0] += timedelta(hours=7)
"""


def read_available(pipe: int) -> bytes:
    data = b""
    while True:
        try:
            chunk = os.read(pipe, 65536)
        except BlockingIOError:
            return data
        if not chunk:
            return data
        data += chunk


def logged(home: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(home / "crmcards.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute("SELECT item_id, rating FROM review_log ORDER BY id").fetchall()


@pytest.mark.parametrize("seed", range(2))
def test_sigkill_at_random_moments_loses_nothing(home: Path, seed: int) -> None:
    randomness = random.Random(seed)
    acknowledged: list[tuple[str, int]] = []
    for run in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(home), str(seed * 10 + run)],
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        pipe = child.stdout.fileno()
        os.set_blocking(pipe, False)
        output = b""
        started = time.monotonic()
        while b"READY" not in output:  # started and the database is open
            assert child.poll() is None and time.monotonic() - started < 60, output
            output += read_available(pipe)
            time.sleep(0.005)
        deadline = time.monotonic() + randomness.uniform(0.05, 1.0)
        while time.monotonic() < deadline:
            output += read_available(pipe)
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait()
        output += read_available(pipe)
        child.stdout.close()
        complete = output.decode().split("\n")[
            :-1
        ]  # a line cut off by the kill was not acknowledged
        acknowledged += [
            (line.split()[1], int(line.split()[2])) for line in complete if line.startswith("ACK")
        ]
        log = logged(home)
        # every acknowledged rating is there, in order; at most the one being shown when the
        # kill came may have been committed without its acknowledgement being printed
        assert log[: len(acknowledged)] == acknowledged
        assert len(log) - len(acknowledged) in (0, 1)
        acknowledged = log
    assert len(acknowledged) > 10  # the children really did rate
