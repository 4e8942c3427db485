"""One lock file beside the database, so that no program ever has the file swapped under it.

Every Store on a SQLite file holds a *shared* lock on `crmcards.db.lock` for as long as it is
open; a restore holds it *exclusively* from its first check to its last rename. So a restore
waits for (or refuses) programs that have the database open, and a program that starts during a
restore waits until the restore is over: its ratings can never go to a file that is being moved
away (SQLite's own locks cannot do this: they protect pages, not the file's name).

Whoever gets the lock exclusively knows that no other crmcards has the database open: Store.open
uses that moment to tidy up after programs that were killed (see `store.replacement`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import portalocker

from crmcards.messages import Said
from crmcards.store.errors import StoreError

POLL_SECONDS = 0.05
OPEN_WAIT_SECONDS = 15.0  # a restore takes about a second; a stuck one is reported
RESTORE_WAIT_SECONDS = 1.0  # long enough for a `crmcards status` elsewhere to finish


def lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.lock")


class DatabaseLock:
    """A held lock on the lock file of `database`; `release` (or garbage collection) drops it."""

    def __init__(self, database: Path, handle: IO[bytes]) -> None:
        self.database = database
        self._handle = handle

    @classmethod
    def shared(cls, database: Path, when_alone: Callable[[], None] | None = None) -> DatabaseLock:
        """The lock as a program that uses the database takes it: shared with other users,
        waiting while a restore runs. `when_alone` runs first if no other crmcards has the
        database open (then it may change files beside the database)."""
        lock = cls(database, _open(database))
        try:
            if when_alone is not None and lock._try(portalocker.LockFlags.EXCLUSIVE):
                when_alone()
            # From exclusive this is a downgrade; otherwise wait for a running restore to end.
            lock._wait(
                portalocker.LockFlags.SHARED,
                OPEN_WAIT_SECONDS,
                Said.of("db_restore_running", path=database),
            )
        except BaseException:
            lock.release()
            raise
        return lock

    @classmethod
    def exclusive(cls, database: Path) -> DatabaseLock:
        """The lock as a restore takes it: no other crmcards may have the database open."""
        lock = cls(database, _open(database))
        try:
            lock._wait(
                portalocker.LockFlags.EXCLUSIVE,
                RESTORE_WAIT_SECONDS,
                Said.of("db_open_elsewhere", path=database),
            )
        except BaseException:
            lock.release()
            raise
        return lock

    def _try(self, flags: portalocker.LockFlags) -> bool:
        try:
            portalocker.lock(self._handle, flags | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException:
            return False
        return True

    def _wait(self, flags: portalocker.LockFlags, seconds: float, refusal: Said) -> None:
        deadline = time.monotonic() + seconds
        while not self._try(flags):
            if time.monotonic() >= deadline:
                raise StoreError(refusal)
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        self._handle.close()  # closing the file drops the lock

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _open(database: Path) -> IO[bytes]:
    try:
        return lock_path(database).open("ab")
    except OSError as error:
        raise StoreError(
            Said.of("db_lock_unusable", path=lock_path(database), error=error.strerror)
        ) from None
