"""A full disk, a data folder that cannot be one, deleted decks, backups and restores."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from crmcards.decks.catalog import Library
from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.services.backups import daily_backup, restore
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock, RunCli, open_session
from tests.tui.helpers import make_app, text_of


def fill_the_disk(store: Store) -> None:
    """Every new connection may not grow the file any more: SQLite reports 'database or disk is full'."""
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_a_clear_error_and_the_session_keeps_its_card(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = ReviewSession(store, planner, library.items(), clock=clock)
    fill_the_disk(store)
    current = session.current
    session.reveal()
    with pytest.raises(CrmcardsError, match="disk is full"):
        for _ in range(500):  # the first writes still fit in free pages; 'again' keeps cards coming
            session.rate(1)
            session.reveal()
    assert session.current is not None and session.revealed
    done = session.done
    assert store.review_counts().get("voorbeeld", 0) == done
    assert current is not None


async def test_the_review_screen_reports_a_full_disk_and_stays_on_the_card(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        fill_the_disk(app.workspace.open_store())
        for _ in range(500):
            await pilot.press("space", "1")
            if app._notifications:
                break
        await pilot.pause()
        assert any("schijf is vol" in n.message for n in app._notifications)
        assert app.screen.session.revealed  # type: ignore[attr-defined]
        assert "How well" in text_of(app, "#hint") or "Hoe goed" in text_of(app, "#hint")


def test_a_data_folder_that_cannot_exist_is_one_clear_error(
    crmcards: RunCli, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = crmcards("--home", str(blocker / "home"), "status")
    assert code == 1
    assert "Not a directory" in err and str(blocker) in err and "Traceback" not in err


def test_history_of_a_deleted_deck_is_kept_shown_as_orphaned_and_pruned_only_on_request(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, home: Path, tmp_path: Path
) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(SAMPLE_DECKS, decks)
    session = open_session(home, decks)
    store = session.store
    for _ in range(3):
        session.reveal()
        session.rate(4)
    store.close()
    (decks / "sample.yaml").unlink()

    code, out, _ = crmcards("--decks", str(decks), "status", "--json")
    assert code == 0 and '"orphaned": 3' in out
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    code, out, _ = crmcards("--decks", str(decks), "gc")
    assert code == 1 and "3 item(s) hebben een herhaalgeschiedenis" in out
    assert Store.open(home=home).review_counts() == {"voorbeeld": 3}  # nothing deleted
    code, out, _ = crmcards("--decks", str(decks), "gc", "--yes")
    assert code == 0 and "de geschiedenis van 3 item(s) verwijderd (3 beoordeling(en))" in out
    assert Store.open(home=home).review_counts() == {}


def test_daily_backups_are_made_once_a_day_and_the_newest_are_kept(
    store: Store, home: Path
) -> None:
    day = datetime(2026, 11, 1, 9, 0).astimezone()
    for n in range(10):
        assert daily_backup(store, home, day + timedelta(days=n), keep=7) is not None
        assert daily_backup(store, home, day + timedelta(days=n, hours=3), keep=7) is None
    kept = sorted(p.name for p in (home / "backups").iterdir())
    assert kept == [f"crmcards-2026-11-{d:02}.db" for d in range(4, 11)]


def test_todays_backup_is_kept_after_the_clock_was_set_ahead_for_a_week(
    store: Store, home: Path
) -> None:
    ahead = datetime(2027, 3, 1, 9, 0).astimezone()
    for n in range(7):  # a clock a few months fast: a week of copies named after 2027
        daily_backup(store, home, ahead + timedelta(days=n), keep=7)
    today = daily_backup(store, home, datetime(2026, 12, 1, 9, 0).astimezone(), keep=7)
    assert today is not None and today.exists()
    kept = sorted(p.name for p in (home / "backups").iterdir())
    assert kept == [
        "crmcards-2026-12-01.db",
        *(f"crmcards-2027-03-{d:02}.db" for d in range(2, 8)),
    ]


@pytest.mark.usefixtures("english")
def test_restore_checks_the_file_and_keeps_the_current_database_aside(
    crmcards: RunCli, home: Path, tmp_path: Path
) -> None:
    session = open_session(home)
    store = session.store
    session.reveal()
    session.rate(4)
    code, out, _ = crmcards("backup", "-o", str(tmp_path / "one.db"))
    assert code == 0 and "one.db" in out
    session.reveal()
    session.rate(5)
    store.close()

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"no database here")
    before = (home / "crmcards.db").read_bytes()
    code, _, err = crmcards("restore", str(garbage), "--yes")
    assert code == 1 and "not a crmcards database" in err
    assert (home / "crmcards.db").read_bytes() == before

    code, out, _ = crmcards("restore", str(tmp_path / "one.db"), "--yes")
    assert code == 0 and "kept as" in out
    assert Store.open(home=home).review_counts() == {"voorbeeld": 1}
    aside = next(home.glob("crmcards.db.before-restore-*"))
    with sqlite3.connect(aside) as connection:
        assert connection.execute("SELECT count(*) FROM review_log").fetchone() == (2,)


@pytest.mark.usefixtures("english")
def test_restore_of_a_missing_file(crmcards: RunCli, tmp_path: Path) -> None:
    code, _, err = crmcards("restore", str(tmp_path / "nope.db"), "--yes")
    assert code == 1 and "no such file" in err


def test_restore_service_refuses_a_damaged_file(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    Store.open(home=tmp_path / "x").close()
    data = bytearray((tmp_path / "x" / "crmcards.db").read_bytes())
    data[100:4096] = b"\xff" * 3996  # the whole first page after the header: the schema
    broken.write_bytes(bytes(data))
    with pytest.raises(CrmcardsError):
        restore(home, broken, datetime.now())
    assert not (home / "crmcards.db").exists()


def test_restore_is_refused_while_the_database_is_open_elsewhere(
    home: Path, tmp_path: Path
) -> None:
    session = open_session(home)
    store = session.store
    session.reveal()
    session.rate(4)
    store.backup_to(tmp_path / "copy.db")
    with pytest.raises(CrmcardsError, match="open in another crmcards"):
        restore(home, tmp_path / "copy.db", datetime.now())
    session.reveal()
    session.rate(5)  # the open session goes on writing to the real database
    store.close()
    assert Store.open(home=home).review_counts() == {"voorbeeld": 2}
    assert not list(home.glob("crmcards.db.before-restore-*"))


def test_a_disk_io_error_is_told_in_the_ui_language() -> None:
    """On a disk with no room even for the write-ahead log's shared memory (seen on a full
    tmpfs), SQLite answers "disk I/O error" when the database opens: said as a disk problem, in
    the student's language, not as SQLite's words."""
    from crmcards.messages import Said
    from crmcards.store.database import describe

    said = describe(sqlite3.OperationalError("disk I/O error"))
    assert isinstance(said, Said)
    assert said.shown("nl").startswith("het databasebestand is niet te lezen of te schrijven")
    assert "is the disk full" in said.shown("en")


def test_a_copy_that_cannot_be_written_says_why_in_the_ui_language(
    store: Store, tmp_path: Path
) -> None:
    from crmcards.store.database import StoreError, copy_database

    with pytest.raises(StoreError) as refused:
        copy_database(store.engine, tmp_path / "gone" / "copy.db")
    assert refused.value.shown("nl").endswith(
        ": de kopie kan niet worden geschreven: het databasebestand gaat niet open; controleer "
        "of de map bestaat en schrijfbaar is"
    )
