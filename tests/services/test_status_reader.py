"""`crmcards status` reads through plain sqlite3 (store.sqlite_reader) when opening the database
would do nothing: the same figures as through the Store, and for any database it cannot read as
it is, the Store's own handling and words."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmcards import api
from crmcards.services.suspension import set_suspended
from crmcards.services.workspace import Workspace
from crmcards.store import sqlite_reader
from crmcards.store.schema import SCHEMA_VERSION
from tests.conftest import DATA, SAMPLE_DECKS, FakeClock, RunCli

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAILY_BACKUP = f"backups/crmcards-{NOW.astimezone():%Y-%m-%d}.db"


def make_history(home: Path) -> None:
    """Ratings ten days ago (part of them overdue by now), one card suspended, one reset to
    new and one rating of a card that is in no deck (orphaned); then today's backup."""
    clock = FakeClock(NOW - timedelta(days=10))
    with api.open(
        home=home, decks=[SAMPLE_DECKS], now=clock, bundled_decks=False, fuzz=False
    ) as ws:
        session = ws.review()
        rated = []
        for rating in (3, 4, 1, 3, 2, 4, 3):
            assert session.current is not None
            rated.append(session.current)
            session.reveal()
            session.rate(rating)
        clock.advance(days=10)
        store = ws.open_store()
        set_suspended(store, [rated[0]], True, clock())
        store.reset_to_new(rated[1].id, clock())
        review = ws.planner().review(None, 4, clock(), note_key="weg/weg")
        store.record("weg/weg#q", "voorbeeld", "weg/weg", review)
    with api.open(home=home, decks=[SAMPLE_DECKS], now=NOW, bundled_decks=False) as ws:
        ws.open_store()  # today's backup
    assert (home / DAILY_BACKUP).exists()


def no_store(_: Workspace) -> None:
    raise AssertionError("the store was opened")


def test_the_reader_gives_the_stores_figures(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_history(home)
    with api.open(home=home, decks=[SAMPLE_DECKS], now=NOW, bundled_decks=False) as ws:
        ws.open_store()
        through_store = ws.status()
    with monkeypatch.context() as patched:
        patched.setattr(Workspace, "open_store", no_store)
        with api.open(home=home, decks=[SAMPLE_DECKS], now=NOW, bundled_decks=False) as ws:
            through_reader = ws.status()
    assert through_reader == through_store
    total = through_store["total"]
    assert isinstance(total, dict)
    # every figure is tried: none is zero in this history
    assert all(total[name] > 0 for name in ("new", "due", "overdue", "reviews", "suspended"))
    assert through_store["orphaned"] == 1


def test_without_todays_backup_status_opens_the_store_and_makes_it(
    crmcards: RunCli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(home)
    (home / DAILY_BACKUP).unlink()
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())
    code, _, _ = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    assert code == 0 and (home / DAILY_BACKUP).exists()


def test_an_older_schema_is_upgraded_by_the_store(
    crmcards: RunCli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir()
    (home / "crmcards.db").write_bytes((DATA / "db" / "schema-v1.db").read_bytes())
    (home / "backups").mkdir()
    (home / DAILY_BACKUP).write_bytes((DATA / "db" / "schema-v1.db").read_bytes())
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())
    code, out, err = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    assert code == 0, err
    with sqlite3.connect(home / "crmcards.db") as connection:
        (version,) = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        (logged,) = connection.execute("SELECT count(*) FROM review_log").fetchone()
    connection.close()
    assert version == str(SCHEMA_VERSION)
    assert json.loads(out)["total"]["reviews"] == logged > 0


def test_a_database_left_in_rollback_mode_is_put_back_in_wal_mode(
    crmcards: RunCli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a restore leaves it: a reader in rollback mode would block a rating in another
    window, so the Store opens it (and switches it to WAL)."""
    make_history(home)
    connection = sqlite3.connect(home / "crmcards.db")
    assert connection.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    connection.close()
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())
    assert crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")[0] == 0
    connection = sqlite3.connect(home / "crmcards.db")
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_status_reads_while_another_program_is_writing(
    crmcards: RunCli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(home)
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())
    code, before, _ = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    writer = sqlite3.connect(home / "crmcards.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM review_log")  # not committed: nobody sees it yet
    try:
        code, during, err = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert code == 0 and during == before, err


def damage_a_table(home: Path) -> None:
    """Overwrite the first page of the schedules' table (the database opens, reading fails)."""
    path = home / "crmcards.db"
    connection = sqlite3.connect(path)
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'item_state'"
    ).fetchone()
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def newer_schema(home: Path) -> None:
    with sqlite3.connect(home / "crmcards.db") as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()


def not_sqlite(home: Path) -> None:
    (home / "crmcards.db").write_bytes(b"this is not a database\n" * 200)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("damage", [damage_a_table, newer_schema, not_sqlite])
def test_a_database_the_reader_cannot_read_gets_the_stores_one_line(
    crmcards: RunCli, home: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    make_history(home)
    assert callable(damage)
    damage(home)
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())
    code, out, err = crmcards("--decks", str(SAMPLE_DECKS), "status")
    with monkeypatch.context() as patched:
        patched.setattr(sqlite_reader, "open_reader", lambda _: (None, []))
        store_code, store_out, store_err = crmcards("--decks", str(SAMPLE_DECKS), "status")
    assert (code, out, err) == (store_code, store_out, store_err)
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
