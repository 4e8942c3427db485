"""Versioned schema migrations, run when the database is opened.

A new database gets the current schema at once and is stamped with SCHEMA_VERSION. An older one
is brought up to date step by step: MIGRATIONS[n] takes a database from version n + 1 to n + 2.
To change the schema, change the tables and append a step here; never edit an existing step.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from crmcards.errors import CrmcardsError
from crmcards.store import tables  # noqa: F401 - registers the tables with SQLModel.metadata


def _add_note_fingerprints(connection: Connection) -> None:
    """Version 2: remember each studied note's content fingerprint (lint warns on reused ids)."""
    connection.execute(
        text(
            "CREATE TABLE note_fingerprint ("
            " note_key VARCHAR(300) NOT NULL PRIMARY KEY,"
            " fingerprint BIGINT NOT NULL,"
            " recorded_at TIMESTAMP NOT NULL)"
        )
    )


MIGRATIONS: list[Callable[[Connection], None]] = [_add_note_fingerprints]
SCHEMA_VERSION = 1 + len(MIGRATIONS)


def schema_version(connection: Connection) -> int:
    """The version stamped in the database; 0 for a database without crmcards tables."""
    if not inspect(connection).has_table("meta"):
        return 0
    row = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine, before_upgrade: Callable[[int], None] | None = None) -> None:
    """Bring the schema to SCHEMA_VERSION; `before_upgrade(version)` runs first when an existing
    database is about to be changed (to keep a copy of it)."""
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
    if version and before_upgrade is not None:
        before_upgrade(version)
    with engine.execution_options(write=True).begin() as connection:
        version = schema_version(connection)  # another process may have migrated meanwhile
        if version == 0:
            SQLModel.metadata.create_all(connection)
        else:
            for step in MIGRATIONS[version - 1 :]:
                step(connection)
        connection.execute(
            text(
                "INSERT INTO meta (key, value) VALUES ('schema_version', :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"v": str(SCHEMA_VERSION)},
        )
