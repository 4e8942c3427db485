"""Backups are checked before they count: a damaged database never replaces a good backup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmcards.services.backups import daily_backup, numbered_backup
from crmcards.store.database import DamagedDatabase
from crmcards.store.repository import Store
from crmcards.tui.review import ReviewScreen
from tests.conftest import FakeClock, RunCli, open_session
from tests.tui.helpers import backup_done, make_app, settled

PAGE = 4096


def studied_database(home: Path, ratings: int = 60) -> None:
    """A database with enough history to span several pages."""
    session = open_session(home)
    for n in range(ratings):
        if session.finished:
            break
        session.reveal()
        session.rate(1 + n % 5)
    with session.store.writing() as connection:  # padding, so that the file has many pages
        connection.connection().exec_driver_sql(
            "CREATE TABLE padding AS SELECT randomblob(200) AS b FROM review_log, review_log"
        )
        connection.commit()
    session.store.close()


def zero_pages(database: Path, first: int = 3, count: int = 4) -> None:
    """What a failing disk does: whole pages of the file become zeros."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(database.read_bytes())
    assert len(data) > (first + count) * PAGE
    data[first * PAGE : (first + count) * PAGE] = bytes(count * PAGE)
    database.write_bytes(bytes(data))


def good_dailies(home: Path, start: datetime) -> dict[str, bytes]:
    store = Store.open(home=home)
    for n in range(7):
        daily_backup(store, home, start + timedelta(days=n))
    store.close()
    return {path.name: path.read_bytes() for path in (home / "backups").iterdir()}


def test_a_damaged_database_is_never_copied_and_the_good_backups_stay(home: Path) -> None:
    studied_database(home)
    start = datetime(2026, 11, 1, 9, 0).astimezone()
    kept = good_dailies(home, start)
    zero_pages(home / "crmcards.db")
    store = Store.open(home=home)
    for n in range(7, 10):  # three more days of starting the app on the damaged database
        with pytest.raises(DamagedDatabase, match="damaged") as refused:
            daily_backup(store, home, start + timedelta(days=n))
        assert f"crmcards restore {home / 'backups' / 'crmcards-2026-11-07.db'}" in str(
            refused.value
        )
    with pytest.raises(DamagedDatabase):
        numbered_backup(store, home, start)
    store.close()
    now = {path.name: path.read_bytes() for path in (home / "backups").iterdir()}
    assert now == kept  # nothing rotated out, nothing damaged added, no temporary files left
    assert not list(home.glob(".*.part"))


@pytest.mark.usefixtures("english")
def test_crmcards_backup_refuses_a_damaged_database(
    crmcards: RunCli,
    home: Path,
    tmp_path: Path,
) -> None:
    studied_database(home)
    zero_pages(home / "crmcards.db")
    code, _, err = crmcards("backup", "-o", str(tmp_path / "copy.db"))
    assert code == 1 and "the database is damaged" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "copy.db").exists()
    code, _, err = crmcards("backup")
    assert code == 1 and "damaged" in err
    assert not list((home / "backups").glob("*.db"))


async def test_the_app_stops_on_a_damaged_database_instead_of_backing_it_up(home: Path) -> None:
    studied_database(home)
    zero_pages(home / "crmcards.db")  # pages the home screen's counts read
    app = make_app(home, review=False)
    async with app.run_test() as pilot:
        await settled(pilot)
    assert app.failure is not None  # the command line prints it, exit code 1
    assert "the database is damaged" in app.failure.message
    assert "restore a backup" in app.failure.message
    assert not list((home / "backups").glob("*.db"))


def zero_pages_nothing_reads(database: Path) -> None:
    """Damage that only a check of the whole file finds: pages near the end, in the padding
    table, which no count and no session reads."""
    zero_pages(database, first=database.stat().st_size // PAGE - 6)


async def test_damage_found_by_the_backup_after_the_first_card_stops_the_app(home: Path) -> None:
    """The day's backup is made once the first card is on screen; when its check finds the
    database damaged, the app stops (the command line prints the line, exit code 1) and the
    good backups stay as they were."""
    studied_database(home)
    kept = good_dailies(home, datetime(2026, 11, 1, 9, 0).astimezone())  # the app's day: 25th
    zero_pages_nothing_reads(home / "crmcards.db")
    # straight into a session, as `crmcards review`, weeks later: cards are due
    app = make_app(home, clock=FakeClock(datetime(2026, 12, 20, 9, tzinfo=UTC)))
    async with app.run_test() as pilot:
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.current is not None
        await backup_done(pilot)
    assert isinstance(app.failure, DamagedDatabase)
    newest = home / "backups" / "crmcards-2026-11-07.db"
    assert f"crmcards restore {newest}" in app.failure.message
    assert {path.name: path.read_bytes() for path in (home / "backups").iterdir()} == kept
    assert not list(home.glob(".*.part"))


def test_the_day_backup_is_a_sound_copy(home: Path) -> None:
    studied_database(home)
    store = Store.open(home=home)
    made = daily_backup(store, home, datetime(2026, 11, 1, 9).astimezone())
    store.close()
    assert made is not None
    with sqlite3.connect(made) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM review_log").fetchone()[0] > 0
    copy.close()


def test_two_backups_in_the_same_second_are_two_files(home: Path) -> None:
    studied_database(home, ratings=3)
    store = Store.open(home=home)
    moment = datetime(2026, 11, 1, 9).astimezone()
    first = numbered_backup(store, home, moment)
    second = numbered_backup(store, home, moment)
    store.close()
    assert first != second and first.exists() and second.exists()


@pytest.mark.usefixtures("english")
async def test_a_start_up_backup_that_cannot_be_written_warns_and_studying_goes_on(
    home: Path,
) -> None:
    studied_database(home, ratings=2)
    (home / "backups").write_text("a file where the backups folder should be")  # as a full disk
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("space", "4")
        await backup_done(pilot)  # it starts a moment after the first card
        assert any("cannot write a backup" in n.message for n in app._notifications)
        assert app.failure is None
    assert Store.open(home=home).review_counts()["voorbeeld"] == 3
