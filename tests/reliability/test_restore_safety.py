"""Restore never loses a database: unique aside names, an atomic swap that a kill cannot break,
and one lock that keeps every other program off the file while it is swapped."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from crmcards.errors import CrmcardsError
from crmcards.services.backups import restore
from crmcards.store import lockfile, replacement
from crmcards.store.asides import temporary_beside
from crmcards.store.lockfile import DatabaseLock
from crmcards.store.repository import Store
from tests.conftest import RunCli, open_session

MOMENT = datetime(2026, 11, 25, 9, 30, 0).astimezone()


def rate(home: Path, times: int) -> None:
    session = open_session(home)
    for _ in range(times):
        session.reveal()
        session.rate(4)
    session.store.close()


def reviews(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        count: int = connection.execute("SELECT count(*) FROM review_log").fetchone()[0]
    connection.close()
    return count


@pytest.fixture
def backup_file(home: Path, tmp_path: Path) -> Path:
    """A backup with one rating; the database itself then gets two more."""
    rate(home, 1)
    store = Store.open(home=home)
    store.backup_to(tmp_path / "backup.db")
    store.close()
    rate(home, 2)
    return tmp_path / "backup.db"


def test_two_restores_in_the_same_second_keep_both_previous_databases(
    home: Path, backup_file: Path
) -> None:
    first = restore(home, backup_file, MOMENT)
    rate(home, 4)  # studied on the restored database: 1 + 4 reviews
    second = restore(home, backup_file, MOMENT)  # the same second (or a clock that went back)
    assert first is not None and second is not None and first != second
    assert reviews(first) == 3 and reviews(second) == 5
    assert reviews(home / "crmcards.db") == 1
    assert not list(home.glob(".*"))  # no temporary file (or its -wal, -shm) stays behind


def test_restore_through_the_command_line_twice(
    crmcards: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    backup_file: Path,
) -> None:
    monkeypatch.setattr("crmcards.services.clock.utc_now", lambda: MOMENT)
    for _ in range(2):
        code, out, _ = crmcards("restore", "--yes", str(backup_file))
        assert code == 0 and "bewaard als" in out
    asides = sorted(home.glob("crmcards.db.before-restore-*"))
    assert [reviews(path) for path in asides] == [3, 1]


def test_an_interrupted_restore_leaves_the_database_as_it_was(
    home: Path, backup_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the worst moment: the copy is made, the old database kept aside, not yet
    swapped. The database is still the complete previous one; the next start says so."""

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(replacement.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        restore(home, backup_file, MOMENT)
    monkeypatch.undo()
    assert reviews(home / "crmcards.db") == 3
    assert not list(home.glob(".*.part"))  # Ctrl-C unwinds: the copy is removed at once


@pytest.mark.usefixtures("english")
def test_the_next_start_removes_what_a_killed_restore_left_and_says_so(
    home: Path, backup_file: Path
) -> None:
    leftover = temporary_beside(home / "crmcards.db", replacement.INCOMING)
    leftover.write_bytes(backup_file.read_bytes()[:5000])  # kill -9 during the copy
    store = Store.open(home=home)
    assert any("a restore did not finish" in str(notice) for notice in store.notices)
    assert "your database was not changed" in str(store.notices[0])
    assert store.review_counts() == {"voorbeeld": 3}
    store.close()
    assert not leftover.exists()


def test_a_restore_killed_at_random_moments_never_leaves_the_database_missing(
    home: Path, tmp_path: Path
) -> None:
    rate(home, 1)
    store = Store.open(home=home)
    store.backup_to(tmp_path / "backup.db")
    store.close()
    randomness = random.Random(11)
    script = (
        "import sys; from pathlib import Path; from datetime import datetime\n"
        "from crmcards.services.backups import restore\n"
        "print('GO', flush=True)\n"
        "for n in range(10_000): restore(Path(sys.argv[1]), Path(sys.argv[2]), datetime.now())\n"
    )
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(home), str(tmp_path / "backup.db")],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None and child.stdout.readline() == b"GO\n"
        time.sleep(randomness.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        store = Store.open(home=home)  # never refused, never a new empty database
        assert store.review_counts() == {"voorbeeld": 1}
        store.close()
        assert not list(home.glob(".*.part"))


def test_a_missing_database_beside_a_kept_one_is_not_replaced_by_an_empty_one(
    crmcards: RunCli, home: Path
) -> None:
    """What an older crmcards left when killed between moving the database and the copy."""
    rate(home, 2)
    os.replace(home / "crmcards.db", home / "crmcards.db.before-restore-20261125-093000")
    code, _, err = crmcards("status")
    assert code == 1
    assert "crmcards restore" in err and "before-restore-20261125-093000" in err
    assert not (home / "crmcards.db").exists()


def test_a_program_that_starts_during_a_restore_waits_or_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate(home, 1)
    monkeypatch.setattr(lockfile, "OPEN_WAIT_SECONDS", 0.2)
    with DatabaseLock.exclusive(home / "crmcards.db"):
        with pytest.raises(CrmcardsError, match="a restore of the database is under way"):
            Store.open(home=home)
        opened: list[Store] = []
        monkeypatch.setattr(lockfile, "OPEN_WAIT_SECONDS", 60)
        waiting = threading.Thread(target=lambda: opened.append(Store.open(home=home)))
        waiting.start()
        time.sleep(0.3)
        assert not opened  # still waiting for the restore
    waiting.join(timeout=60)
    assert len(opened) == 1
    opened[0].close()


def test_a_restore_waits_for_nobody_and_refuses_while_a_store_is_open(
    home: Path, backup_file: Path
) -> None:
    store = Store.open(home=home)
    with pytest.raises(CrmcardsError, match="open in another crmcards"):
        restore(home, backup_file, MOMENT)
    store.close()
    assert restore(home, backup_file, MOMENT) is not None


WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.store.repository import Store

home, planner = Path(sys.argv[1]), Planner()
for n in range(int(sys.argv[2])):
    try:
        store = Store.open(home=home)
    except CrmcardsError:
        continue
    item = f"w/note-{n % 5}#q"
    state = store.states([item]).get(item)
    review = planner.review(state, 4, datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n), duration_ms=n, note_key=item[:-2])
    store.record(item, "w", item[:-2], review)
    store.close()
    print("ACK", n, flush=True)
"""

RESTORER = """
import sys
from datetime import datetime
from pathlib import Path
from crmcards.errors import CrmcardsError
from crmcards.services.backups import restore

for _ in range(int(sys.argv[3])):
    try:
        restore(Path(sys.argv[1]), Path(sys.argv[2]), datetime.now())
    except CrmcardsError:
        pass
print("done", flush=True)
"""


def test_restores_in_a_tight_loop_beside_a_writer_lose_no_acknowledged_rating(
    home: Path, backup_file: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), "300"], stdout=subprocess.PIPE, text=True
    )
    restorer = subprocess.Popen(
        [sys.executable, "-c", RESTORER, str(home), str(backup_file), "120"],
        stdout=subprocess.PIPE,
        text=True,
    )
    written, _ = writer.communicate(timeout=180)
    restored, _ = restorer.communicate(timeout=180)
    assert writer.returncode == 0 and restorer.returncode == 0 and restored.strip() == "done"
    acknowledged = {int(line.split()[1]) for line in written.splitlines()}
    found: set[int] = set()
    databases = [home / "crmcards.db", *home.glob("crmcards.db.before-restore-*")]
    for database in databases:
        with sqlite3.connect(database) as connection:
            found |= {
                row[0]
                for row in connection.execute(
                    "SELECT duration_ms FROM review_log WHERE deck_id='w'"
                )
            }
        connection.close()
    assert len(databases) > 2  # restores did happen in between
    assert acknowledged and acknowledged <= found
