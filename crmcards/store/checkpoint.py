"""Folding the write-ahead log into the database file in the background, never inside a rating.

In WAL mode a commit is durable once its pages are appended to the log and the log is synced
(synchronous=FULL); copying them into the database file later (a checkpoint) changes nothing
about that. SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000
pages: in a large database that commit then also writes and syncs the main file, 10-100 times a
normal commit's time, in the middle of a study session. So the store's connections have the
automatic checkpoint off (crmcards.store.database), and a `Checkpointer` thread does a PASSIVE
checkpoint (it never waits for, or blocks, a reader or a writer) once the store has been quiet
for a moment after a write, i.e. while the student reads the next card, or after a number of
writes without a pause. The last connection to close checkpoints as well (SQLite does that).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

QUIET_SECONDS = 0.5  # a pause after a write this long: the student is reading, not rating
WRITES_WITHOUT_PAUSE = 200  # a bulk writer that never pauses: about 4,000 log pages


class Checkpointer:
    """The background checkpoints of one SQLite database file (see the module docstring)."""

    def __init__(
        self,
        database: Path,
        *,
        quiet_seconds: float = QUIET_SECONDS,
        writes_without_pause: int = WRITES_WITHOUT_PAUSE,
    ) -> None:
        self._database = database
        self._quiet_seconds = quiet_seconds
        self._writes_without_pause = writes_without_pause
        self._changed = threading.Condition()
        self._writes = 0  # since the last checkpoint
        self._stopping = False
        self.checkpoints = 0  # how many have run (for tests and benches)
        self._thread = threading.Thread(target=self._run, name="crmcards-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        """A write transaction has committed: a checkpoint is due once the store is quiet."""
        with self._changed:
            self._writes += 1
            self._changed.notify()

    def stop(self) -> None:
        """End the thread after the checkpoint it may be running; pending pages are left to the
        checkpoint SQLite makes when the last connection closes."""
        with self._changed:
            self._stopping = True
            self._changed.notify()
        self._thread.join()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _due(self) -> bool:
        """Wait (holding the condition) until a checkpoint is due; False once stopping."""
        while not self._stopping:
            if not self._writes:
                self._changed.wait()
                continue
            seen = self._writes
            if seen >= self._writes_without_pause:
                return True
            self._changed.wait(self._quiet_seconds)
            if self._writes == seen and not self._stopping:
                return True  # no write for a moment
        return False

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            while True:
                with self._changed:
                    if not self._due():
                        return
                    self._writes = 0
                if connection is None:
                    connection = sqlite3.connect(self._database, isolation_level=None)
                    # the file is synced before the log is reused, as the store's own commits
                    connection.execute("PRAGMA synchronous = FULL")
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error:
                    pass  # busy or gone: the next write asks again, and closing checkpoints too
        finally:
            if connection is not None:
                connection.close()
