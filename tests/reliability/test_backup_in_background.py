"""The study app makes the day's automatic backup in the background, once its first card is on
screen: quitting waits for it, a kill leaves only a temporary file that the next start removes,
and damage found by its check ends `crmcards review` with one line and keeps the good backups."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from crmcards import api
from crmcards.services import backups
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, RunCli
from tests.reliability.test_backup_integrity import (
    good_dailies,
    studied_database,
    zero_pages_nothing_reads,
)
from tests.reliability.test_real_terminal import DEADLINE, Terminal

TODAY = "2027-03-01"  # CRMCARDS_NOW's day: weeks after the studied history, cards are due


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRMCARDS_NOW", f"{TODAY}T09:00+00:00")
    return Path(f"backups/crmcards-{TODAY}.db")


def sound(backup: Path) -> bool:
    with sqlite3.connect(backup) as copy:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()
    copy.close()
    return verdict == ("ok",)


def temporaries(home: Path) -> list[Path]:
    return list(home.glob(".crmcards.db.*.part"))


def test_quitting_at_the_first_card_leaves_the_days_backup_made(home: Path, today: Path) -> None:
    terminal = Terminal(home)
    try:
        terminal.wait_for(lambda: b"spatie" in terminal.output, "first card")
        terminal.type("q")  # the summary
        terminal.wait_for(lambda: b"Sessie gestopt" in terminal.output, "the summary")
        terminal.type("q")
        assert terminal.ended() == 0
    finally:
        terminal.close()
    assert sound(home / today)
    assert not temporaries(home)


# `crmcards` (its arguments after the code) with a backup that is copied only once the student
# has quit (the test then writes the file `quit` into the data folder)
SLOW_BACKUP = """
import sys, time
from crmcards.cli.main import run
from crmcards.services import backups

real_copy = backups._checked_copy

def slow_copy(store, temporary, home):
    while not (home / "quit").exists():
        time.sleep(0.01)
    real_copy(store, temporary, home)

backups._checked_copy = slow_copy
sys.argv[0] = "crmcards"
run()
"""


def test_quitting_while_the_backup_is_made_says_so_and_waits_for_it(
    home: Path, today: Path
) -> None:
    terminal = Terminal(home, python=("-c", SLOW_BACKUP))
    try:
        terminal.wait_for(lambda: b"spatie" in terminal.output, "first card")
        terminal.type("q")
        terminal.wait_for(lambda: b"Sessie gestopt" in terminal.output, "the summary")
        terminal.type("q")
        terminal.wait_for(lambda: b"afgemaakt" in terminal.output, "the app saying it waits")
        (home / "quit").touch()
        assert terminal.ended() == 0
    finally:
        terminal.close()
    assert "de reservekopie van vandaag wordt afgemaakt" in terminal.output.decode()
    assert sound(home / today)
    assert not temporaries(home)


def test_damage_found_after_the_first_card_ends_review_with_one_line(
    home: Path, today: Path
) -> None:
    studied_database(home)
    kept = good_dailies(home, datetime(2026, 11, 1, 9, 0).astimezone())
    zero_pages_nothing_reads(home / "crmcards.db")
    terminal = Terminal(home)
    try:
        started = time.monotonic()
        while terminal.process.poll() is None:  # the app stops by itself
            assert time.monotonic() - started < DEADLINE, terminal.output[-500:]
            terminal.read()
            time.sleep(0.02)
        terminal.read()
    finally:
        terminal.close()
    assert terminal.process.returncode == 1
    assert b"spatie" in terminal.output  # the first card was on screen before
    text = terminal.output.decode(errors="replace")
    lines = [line for line in text.splitlines() if "beschadigd" in line]
    assert len(lines) == 1 and "Traceback" not in text
    assert f"crmcards restore {home / 'backups' / 'crmcards-2026-11-07.db'}" in lines[0]
    assert {path.name: path.read_bytes() for path in (home / "backups").iterdir()} == kept
    assert not temporaries(home)


def test_closing_waits_for_a_backup_under_way(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What quitting the app does: the workspace closes the database only after the copy."""
    events: list[str] = []
    copying, go_on = threading.Event(), threading.Event()
    real_copy, real_close = backups._checked_copy, Store.close

    def slow_copy(store: Store, temporary: Path, home: Path) -> None:
        copying.set()
        go_on.wait()
        real_copy(store, temporary, home)
        events.append("copied")

    def close(store: Store) -> None:
        events.append("closed")
        real_close(store)

    monkeypatch.setattr(backups, "_checked_copy", slow_copy)
    monkeypatch.setattr(Store, "close", close)
    with api.open(home=home, decks=[SAMPLE_DECKS]) as workspace:
        workspace.backup_on_open = False  # as the app has it
        workspace.open_store()
        backup = threading.Thread(target=workspace.make_daily_backup)
        backup.start()
        copying.wait()
        threading.Timer(0.3, go_on.set).start()  # the copy goes on while close() is called
    backup.join()
    assert events == ["copied", "closed"]
    assert sound(next((home / "backups").glob("crmcards-*.db")))
    assert not temporaries(home)


# Makes the day's backup as the app does (a thread of its own, the store open) and is killed
# once the copy is written under its temporary name, before it gets its place in the backups.
KILLED_IN_THE_MIDDLE = f"""
import sys, threading, time
from pathlib import Path
from crmcards import api
from crmcards.services import backups

real_copy = backups._checked_copy

def copy_then_hang(store, temporary, home):
    real_copy(store, temporary, home)
    print("COPIED", flush=True)
    time.sleep(600)

backups._checked_copy = copy_then_hang
with api.open(home=Path(sys.argv[1]), decks=[Path({str(SAMPLE_DECKS)!r})]) as workspace:
    workspace.backup_on_open = False
    workspace.open_store()
    threading.Thread(target=workspace.make_daily_backup).start()
    time.sleep(600)
"""


def test_a_kill_during_the_backup_leaves_a_temporary_the_next_start_removes(
    home: Path, today: Path, crmcards: RunCli
) -> None:
    studied_database(home, ratings=5)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IN_THE_MIDDLE, str(home)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == b"COPIED\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert len(temporaries(home)) == 1 and not (home / today).exists()
    code, _, err = crmcards("status")
    assert code == 0 and "Traceback" not in err
    assert not temporaries(home)
    assert sound(home / today)
