"""A look at the student's SQLite database through the stdlib sqlite3 alone, for
`crmcards status`: SQLAlchemy and the table models take longer to import than status takes to
read 100,000 schedules.

It reads only a database that needs nothing done on opening: crmcards' current schema, in WAL
mode. Anything else (no file yet, an older schema to upgrade, a newer one, another program's
file, a damaged one) makes `open_reader` give no reader, and any error while reading raises
ReaderGaveUp: the Store then opens the database, does what is needed and tells what is wrong
in its own words. The reader holds the lock file as a Store does and tidies up after killed
programs the same way; it never writes (query_only), so a session rating in another window
goes on as it would beside a Store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from crmcards.messages import Said
from crmcards.store.history_reads import HistoryReads, sqlite_datetime, sqlite_time
from crmcards.store.leftovers import lock_for_use
from crmcards.store.lockfile import DatabaseLock
from crmcards.store.schema import SCHEMA_VERSION

# sqlite3's own wait: a read in WAL mode waits only in rare moments (another program recovering
# the log); longer than this, and the Store tries, with its own wait and message
WAIT_SECONDS = 5.0


class ReaderGaveUp(Exception):
    """The database did not read as expected: the Store is to read it and say what is wrong."""


class SqliteReader(HistoryReads):
    """The status reads (store.history_reads) on one plain sqlite3 connection, under the
    database's shared lock; `close` releases both."""

    def __init__(self, connection: sqlite3.Connection, lock: DatabaseLock) -> None:
        self._connection = connection
        self._lock = lock

    def close(self) -> None:
        self._connection.close()
        self._lock.release()

    def __enter__(self) -> SqliteReader:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        cursor = self._connection.cursor()
        try:
            yield cursor
        except sqlite3.Error as error:
            raise ReaderGaveUp(str(error)) from error
        finally:
            cursor.close()

    def _sql(self, sql: str) -> str:
        return sql  # sqlite3 takes :name as it is

    def _time(self, moment: datetime) -> str:
        return sqlite_time(moment)

    def _datetimes(self) -> Callable[[Any], datetime]:
        return sqlite_datetime

    @property
    def _counted(self) -> bool:
        return True

    def _ready(self) -> bool:
        """Whether the database is crmcards' at the current schema version, in WAL mode."""
        with self._cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
            (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
            version = cursor.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        return bool(mode == "wal" and version == (str(SCHEMA_VERSION),))


def open_reader(database: Path) -> tuple[SqliteReader | None, list[Said]]:
    """A reader of the SQLite file `database`, or None when the Store is to open it (see the
    module's docstring); and what tidying up found to tell the student (also with None)."""
    if not database.is_file():
        return None, []
    lock, notices = lock_for_use(database)
    try:
        # mode=rw: never create the file (a restore may have just moved it away)
        connection = sqlite3.connect(
            f"{database.absolute().as_uri()}?mode=rw",
            uri=True,
            timeout=WAIT_SECONDS,
            isolation_level=None,
        )
    except sqlite3.Error:
        lock.release()
        return None, notices
    reader = SqliteReader(connection, lock)
    try:
        ready = reader._ready()
    except ReaderGaveUp:
        ready = False
    if not ready:
        reader.close()
        return None, notices
    return reader, notices
