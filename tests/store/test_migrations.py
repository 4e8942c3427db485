"""Upgrades: a database made by the first schema (tests/data/db/schema-v1.db) opens and keeps
everything; a newer one is refused untouched (see test_store.py)."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import inspect

from crmcards.locations import DB_FILENAME
from crmcards.store.repository import Store
from crmcards.store.schema import SCHEMA_VERSION
from tests.conftest import DATA
from tests.reports import utc

V1_DATABASE = DATA / "db" / "schema-v1.db"


def columns(store: Store) -> dict[str, set[str]]:
    """Each table's columns, its indexes by name and columns, and its triggers by name."""
    inspector = inspect(store.engine)
    with store.engine.connect() as connection:
        triggers = connection.exec_driver_sql(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
        ).all()
    return {
        table: {c["name"] for c in inspector.get_columns(table)}
        | {f"index {i['name']} {i['column_names']}" for i in inspector.get_indexes(table)}
        | {f"trigger {name}" for on, name in triggers if on == table}
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


def test_upgrade_gives_each_rating_a_unique_id_and_the_state_it_led_to(home: Path) -> None:
    from collections import defaultdict

    from sqlmodel import col, select

    from crmcards.store.synclog import unsent_count
    from crmcards.store.tables import ReviewLog

    home.mkdir()
    shutil.copyfile(V1_DATABASE, home / DB_FILENAME)
    store = Store.open(home=home)
    try:
        with store.reading() as session:
            logs = list(session.exec(select(ReviewLog).order_by(col(ReviewLog.reviewed_at))))
        states = store.states()
        unsent = unsent_count(store)
    finally:
        store.close()
    assert len({uuid.UUID(log.uid) for log in logs}) == len(logs) == 3
    assert unsent == 3  # all still to be sent to a class
    by_item = defaultdict(list)
    for log in logs:
        by_item[log.item_id].append(log)
    for item_id, item_logs in by_item.items():
        for earlier, later in pairwise(item_logs):
            assert earlier.after == later.previous
        assert item_logs[-1].after == states[item_id].to_json()


def test_upgrade_reads_each_rating_s_stage_from_the_state_before_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 9 keeps the stage each rating was given in (state and interval before it) as
    columns, read from `previous`, a few rows at a time."""
    from sqlmodel import col, select

    from crmcards.store import migrations
    from crmcards.store.history import day_tallies
    from crmcards.store.tables import ReviewLog

    home.mkdir()
    shutil.copyfile(V1_DATABASE, home / DB_FILENAME)
    with sqlite3.connect(home / DB_FILENAME) as connection:  # a second rating in review, mature
        connection.execute(
            "INSERT INTO review_log (item_id, deck_id, note_key, rating, fsrs_rating,"
            " reviewed_at, duration_ms, state_after, previous) VALUES ('voorbeeld/crm-definitie#q',"
            " 'voorbeeld', 'voorbeeld/crm-definitie', 2, 1, '2026-12-20 09:00:00.000000', 5000,"
            """ 3, '{"state": 2, "step": null, "stability": 30.0, "difficulty": 1.0,"""
            """ "due": "2026-12-19T09:00:00+00:00", "last_review": "2026-11-07T09:00:00+00:00","""
            """ "reps": 2, "lapses": 0}')"""
        )
    monkeypatch.setattr(migrations, "_STAGE_CHUNK", 1)
    store = Store.open(home=home)
    try:
        with store.reading() as session:
            logs = session.exec(select(ReviewLog).order_by(col(ReviewLog.reviewed_at))).all()
        tallies = day_tallies(store, [utc(2026, 11, 1), utc(2027, 1, 1)], 60_000)[0]
    finally:
        store.close()
    assert [(log.state_before, log.interval_before_s) for log in logs] == [
        (0, None),  # new
        (0, None),
        (2, 8 * 86400),  # in review, due 8 days after its last review
        (2, 42 * 86400),
    ]
    # the sums per hour (version 13) are filled in from the log, stages and all
    assert sum(t.learning for t in tallies) == 2
    assert sum(t.review for t in tallies) == 2
    assert sum(t.mature for t in tallies) == 1
