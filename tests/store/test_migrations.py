"""Upgrades: a database made by the first schema (tests/data/db/schema-v1.db) opens and keeps
everything; a newer one is refused untouched (see test_store.py)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import inspect

from crmcards.store import DB_FILENAME
from crmcards.store.migrations import SCHEMA_VERSION
from crmcards.store.repository import Store
from tests.conftest import DATA

V1_DATABASE = DATA / "db" / "schema-v1.db"


def columns(store: Store) -> dict[str, set[str]]:
    inspector = inspect(store.engine)
    return {
        table: {c["name"] for c in inspector.get_columns(table)}
        for table in inspector.get_table_names()
    }


def test_first_schema_database_is_upgraded_and_keeps_its_history(
    home: Path, tmp_path: Path
) -> None:
    home.mkdir()
    shutil.copyfile(V1_DATABASE, home / DB_FILENAME)
    store = Store.open(home=home)
    try:
        assert store.review_counts() == {"voorbeeld": 3}
        assert set(store.states()) == {
            "voorbeeld/crm-definitie#q",
            "voorbeeld/crm-proces-stappen#all",
        }
        assert store.states()["voorbeeld/crm-definitie#q"].reps == 2
        assert store.fingerprints() == {}
        migrated = columns(store)
    finally:
        store.close()
    with sqlite3.connect(home / DB_FILENAME) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    kept = home / f"{DB_FILENAME}.before-schema-2"
    assert kept.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(kept) as connection:
        assert connection.execute("SELECT count(*) FROM review_log").fetchone() == (3,)

    fresh = Store.open(home=tmp_path / "fresh")
    try:
        assert columns(fresh) == migrated  # an upgraded database has the schema of a new one
    finally:
        fresh.close()


def test_the_fixture_is_really_the_first_schema() -> None:
    with sqlite3.connect(f"file:{V1_DATABASE}?mode=ro", uri=True) as connection:
        assert connection.execute("SELECT value FROM meta").fetchone() == ("1",)
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables == {"item_state", "review_log", "meta"}
