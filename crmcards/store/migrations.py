"""Versioned schema migrations, run when the database is opened.

Version 1 is the first schema. To change the schema, append a function to MIGRATIONS that takes
the database from version N to N+1 (plain SQL through the connection), never edit an old one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from crmcards.errors import CrmcardsError
from crmcards.store import tables

SCHEMA_VERSION = 1


def _create_v1(connection: Connection) -> None:
    SQLModel.metadata.create_all(
        connection,
        tables=[tables.ItemState.__table__, tables.ReviewLog.__table__,  # type: ignore[attr-defined]
                tables.Meta.__table__],  # type: ignore[attr-defined]
    )


# MIGRATIONS[n] takes the schema from version n to n + 1; version 0 is an empty database.
MIGRATIONS: list[Callable[[Connection], None]] = [_create_v1]
assert len(MIGRATIONS) == SCHEMA_VERSION


def schema_version(connection: Connection) -> int:
    if not inspect(connection).has_table("meta"):
        return 0
    row = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> None:
    with engine.connect() as probe:
        version = schema_version(probe)
    if version > SCHEMA_VERSION:
        raise CrmcardsError(
            f"{engine.url.database or engine.url}: the database was written by a newer crmcards "
            f"(schema {version}, this version knows up to {SCHEMA_VERSION}); upgrade crmcards. "
            "The database was left untouched."
        )
    if version == SCHEMA_VERSION:
        return
    with engine.execution_options(write=True).begin() as connection:
        version = schema_version(connection)  # another process may have migrated meanwhile
        for step in MIGRATIONS[version:]:
            step(connection)
        connection.execute(
            text("INSERT INTO meta (key, value) VALUES ('schema_version', :v) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
            {"v": str(SCHEMA_VERSION)},
        )
