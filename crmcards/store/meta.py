"""The meta table: a few named text values of the database (its schema version, the class it
belongs to, how far a sync has pulled, the cap the review hours are summed with), read and
written in SQLAlchemy's parameter style, which it gives each driver (SQLite, PostgreSQL) as
its own."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, bindparam, text

SCHEMA_VERSION_KEY = "schema_version"  # store.schema's SCHEMA_VERSION once migrated

_READ = text("SELECT key, value FROM meta WHERE key IN :keys").bindparams(
    bindparam("keys", expanding=True)
)
_WRITE = text(
    "INSERT INTO meta (key, value) VALUES (:key, :value)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def meta_values(connection: Connection, *keys: str) -> dict[str, str]:
    """The values of `keys` that are set."""
    return {key: value for key, value in connection.execute(_READ, {"keys": list(keys)})}


def meta_value(connection: Connection, key: str) -> str | None:
    """The value of `key`, if it is set."""
    return meta_values(connection, key).get(key)


def set_meta(connection: Connection, values: Mapping[str, str]) -> None:
    connection.execute(_WRITE, [{"key": key, "value": value} for key, value in values.items()])
