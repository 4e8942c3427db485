"""Opening the database: the one place that creates engines, sets SQLite up and runs migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from crmcards.errors import CrmcardsError
from crmcards.store.migrations import migrate

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


class StoreError(CrmcardsError):
    pass


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so that writes can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # a committed rating survives power loss too
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A write transaction takes the write lock at BEGIN: it then waits for the busy timeout
        # instead of failing with "database is locked" when it upgrades from a read.
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database, before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"{path}: cannot read the database: {error.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path}: this file is not a crmcards database (not SQLite); "
            "move it away or restore a backup"
        )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_engine(url: str) -> Engine:
    """An engine on `url` with its schema migrated to the current version."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database:
            path = Path(database)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"{path.parent}: cannot create the data folder: {error.strerror}"
                ) from None
            check_sqlite_file(path)
        _configure_sqlite(engine)
    try:
        migrate(engine)
        inspect(engine)  # the migration left a readable schema
    except DBAPIError as error:
        engine.dispose()
        raise StoreError(f"{engine.url.database or url}: {describe(error)}") from None
    return engine


def describe(error: SQLAlchemyError) -> str:
    """A one-line, user-facing explanation of a database error."""
    original = getattr(error, "orig", None)
    text = str(original or error).strip()
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return f"the database is damaged ({text}); restore a backup"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only; check the folder's permissions"
    if "unable to open" in lowered:
        return "cannot open the database file; check that the folder exists and is writable"
    if "disk" in lowered and "full" in lowered:
        return "the disk is full; free some space and try again"
    if "locked" in lowered:
        return "the database is busy in another program; try again"
    return text
