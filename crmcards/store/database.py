"""Opening the database: the one place that creates engines, sets SQLite up and runs migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import DBAPIError

from crmcards.locations import aside, schema_aside_label
from crmcards.messages import Said
from crmcards.store.asides import publish, temporary_beside

# the store's errors live in store.errors (no SQLAlchemy there); importable from here as well
from crmcards.store.errors import DamagedDatabase as DamagedDatabase
from crmcards.store.errors import DatabaseBusy as DatabaseBusy
from crmcards.store.errors import StoreError as StoreError
from crmcards.store.migrations import migrate, version_number
from crmcards.store.schema import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so that writes can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # a committed rating survives power loss too
        # no checkpoint inside a commit: the store's Checkpointer makes them in the background
        cursor.execute("PRAGMA wal_autocheckpoint = 0")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the write lock at BEGIN: it then waits for the busy timeout
        # instead of failing with "database is locked" when it upgrades from a read.
        if connection.get_execution_options().get("write"):
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {_write_wait_ms.get()}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN DEFERRED")


# How long a write waits for another program's write lock; lowered per thread by `waiting_at_most`.
_write_wait_ms: ContextVar[int] = ContextVar("write_wait_ms", default=BUSY_TIMEOUT_MS)


@contextmanager
def waiting_at_most(milliseconds: int) -> Iterator[None]:
    """Writes made in this block (by this thread) wait at most `milliseconds` for the write
    lock, then fail with DatabaseBusy, so that the app can stay responsive and retry."""
    token = _write_wait_ms.set(milliseconds)
    try:
        yield
    finally:
        _write_wait_ms.reset(token)


def is_busy(error: Exception) -> bool:
    text = str(getattr(error, "orig", None) or error).lower()
    return "database is locked" in text or "database is busy" in text


def _header(path: Path) -> bytes | None:
    """The first bytes of `path` (None when there is no such file)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(Said.of("db_unreadable", path=path, error=error.strerror)) from None


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database, before SQLite touches it."""
    header = _header(path)
    if header == b"":  # SQLite would silently take an empty file as a new database
        raise StoreError(Said.of("db_empty", path=path))
    if header and header != SQLITE_HEADER:
        raise StoreError(Said.of("db_not_sqlite", path=path))
    if header:
        _refuse_foreign_tables(path)


_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


def _refuse_foreign_tables(path: Path) -> None:
    """Another program's SQLite database (it has tables, but not ours): crmcards would add its
    tables to it. Looked at through a plain connection, before anything is changed."""
    try:
        connection = sqlite3.connect(path)
        try:
            tables = [row[0] for row in connection.execute(_TABLES)]
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return  # damaged: opening it reports that, in the words of `describe`
    if tables and "meta" not in tables:
        raise StoreError(Said.of("db_foreign", path=path, tables=", ".join(sorted(tables)[:3])))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite `url` (its folder created if need be); None for other databases
    and for SQLite in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(Said.of("db_no_folder", path=path.parent, error=error.strerror)) from None
    return path


def open_engine(url: str) -> Engine:
    """An engine on `url` with its schema migrated to the current version."""
    engine = create_engine(url)
    before_upgrade = None
    if engine.dialect.name == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            before_upgrade = partial(_copy_before_upgrade, engine, path)
            check_sqlite_file(path)
        _configure_sqlite(engine)
    try:
        migrate(engine, before_upgrade)
        inspect(engine)  # the migration left a readable schema
    except DBAPIError as error:
        engine.dispose()
        raise StoreError(
            Said.of("at", where=engine.url.database or url, message=describe(error))
        ) from None
    return engine


def copy_database(engine: Engine, target: Path) -> None:
    """A consistent copy of a SQLite database in `target`, made with SQLite's online backup API
    (safe while other sessions write), and checked: a copy of a damaged database is refused
    with DamagedDatabase, so that it never takes the place of a good backup."""
    if engine.dialect.name != "sqlite":
        raise StoreError(Said.of("backup_of_shared"))
    connection = engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            connection.driver_connection.backup(copy)  # type: ignore[union-attr]
            verdict = "; ".join(row[0] for row in copy.execute("PRAGMA quick_check"))
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        if "malformed" in str(error) or "not a database" in str(error):
            verdict = str(error)
        else:
            raise StoreError(
                Said.of("backup_copy_failed", path=target, error=describe(error))
            ) from None
    finally:
        connection.close()
    if verdict != "ok":
        raise DamagedDatabase(
            Said.of("db_damaged", path=engine.url.database, verdict=_shorten(verdict))
        )


def _shorten(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


def _copy_before_upgrade(engine: Engine, path: Path, version: int) -> None:
    """Keep the database as it was before a schema upgrade, next to it (never overwriting an
    earlier such copy)."""
    temporary = temporary_beside(path, "aside")
    try:
        copy_database(engine, temporary)
        publish(temporary, aside(path, schema_aside_label(version + 1)))
    finally:
        temporary.unlink(missing_ok=True)


def describe(error: Exception) -> Said | str:
    """A one-line, user-facing explanation of a database error."""
    original = getattr(error, "orig", None)
    text = str(original or error).strip()
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return Said.of("db_describe_damaged", error=text)
    if "readonly" in lowered or "read-only" in lowered:
        return Said.of("db_read_only")
    if "unable to open" in lowered:
        return Said.of("db_cannot_open")
    if "disk" in lowered and "full" in lowered:
        return Said.of("disk_full")
    if "disk i/o error" in lowered:  # e.g. no room left for the write-ahead log's shared memory
        return Said.of("disk_io_error")
    if "locked" in lowered:
        return Said.of("db_busy")
    return text


def check_database_file(path: Path) -> None:
    """Refuse anything that is not a sound crmcards database this version can read."""
    header = _header(path)
    if header is None:
        raise StoreError(Said.of("no_such_file", path=path))
    if header != SQLITE_HEADER:
        raise StoreError(Said.of("restore_not_sqlite", path=path))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(Said.of("restore_unusable", path=path, error=error)) from None
    if integrity != "ok":
        raise StoreError(Said.of("restore_damaged", path=path, verdict=integrity))
    version = None if row is None else version_number(row[0])
    if version is None or not 1 <= version <= SCHEMA_VERSION:
        raise StoreError(Said.of("restore_other_version", path=path))


def detach(path: Path) -> None:
    """Make `path` a self-contained file no program is using, so that it can be moved away.

    Leaving WAL mode needs the only connection to the database: if another crmcards is still
    open on it, this fails instead of pulling the file from under that program (its ratings
    would then go to a file that is no longer the database). On success the write-ahead log has
    been folded into the file and removed; the next open switches back to WAL.
    """
    connection = sqlite3.connect(path, timeout=0)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"
    finally:
        connection.close()
    if mode != "delete":
        raise StoreError(Said.of("db_open_elsewhere", path=path))
