"""Backups of the student's database: a daily automatic copy, `backup` and `restore`.

Copies are made with SQLite's online backup API, so they are consistent even while a review
session is writing, and each copy is checked before it counts: a damaged database is never
copied, so it can never push a good backup out of the last seven. A restore checks the file
first, keeps the current database aside under a name of its own and swaps the files atomically,
holding the database lock throughout (see `store.replacement` and `store.lockfile`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from crmcards.locations import DAILY_BACKUP_PATTERN, Locations
from crmcards.messages import Said
from crmcards.services.output_file import replacing
from crmcards.store.asides import flush, publish, temporary_beside
from crmcards.store.database import DamagedDatabase, StoreError, check_database_file
from crmcards.store.lockfile import DatabaseLock
from crmcards.store.replacement import replace_database
from crmcards.store.repository import Store

KEEP_DAILY = 7


def backups_dir(home: Path) -> Path:
    return Locations(home).backups


def _checked_copy(store: Store, temporary: Path, home: Path) -> None:
    """Copy the database into `temporary`; a damaged database is refused with the way back."""
    try:
        store.backup_to(temporary)
    except DamagedDatabase as error:
        good = sorted(backups_dir(home).glob("crmcards-*.db"), key=lambda p: p.stat().st_mtime)
        assert error.said is not None
        if good:
            said = Said.of("db_damaged_backups_kept", **error.said.fields, newest=good[-1])
        else:
            said = Said.of("db_damaged_restore", **error.said.fields)
        raise DamagedDatabase(said) from None


@contextmanager
def _copy_in_backups(store: Store, home: Path) -> Iterator[Path]:
    """A checked, durable copy of the database under a temporary name beside it, to be given
    its name in the backups folder; a killed backup leaves only that temporary file, which the
    next program to open the database removes."""
    folder = backups_dir(home)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = temporary_beside(
            Path(store.engine.url.database or Locations(home).database), "backup"
        )
    except OSError as error:
        raise StoreError(
            Said.of("backup_cannot_write_here", path=folder, error=error.strerror)
        ) from None
    try:
        _checked_copy(store, temporary, home)
        flush(temporary)
        yield temporary
    except OSError as error:
        raise StoreError(
            Said.of("backup_cannot_write", path=folder, error=error.strerror)
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


def backup(store: Store, target: Path, home: Path) -> Path:
    """Copy the database to `target` (written under a temporary name, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target, force=True, what=Said.of("file_the_backup")) as temporary:
        _checked_copy(store, temporary, home)
    return target


def numbered_backup(store: Store, home: Path, now: datetime) -> Path:
    """`crmcards backup` without -o: a new file in the backups folder that replaces none."""
    with _copy_in_backups(store, home) as temporary:
        return publish(temporary, Locations(home).backup(now))


def daily_backup(store: Store, home: Path, today: datetime, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's automatic backup unless it exists; keep it and the newest `keep` - 1 others.

    Older copies are deleted only after today's copy was made and found sound. Today's copy is
    never among them, even when a clock once set ahead left copies named after later days.
    """
    if store.engine.dialect.name != "sqlite":
        return None
    target = Locations(home).daily_backup(today.date())
    if target.exists():
        return None
    with _copy_in_backups(store, home) as temporary:
        os.replace(temporary, target)
    others = sorted(path for path in target.parent.glob(DAILY_BACKUP_PATTERN) if path != target)
    for old in others[: max(0, len(others) - (keep - 1))]:
        old.unlink()
    return target


def restore(home: Path, source: Path, now: datetime) -> Path | None:
    """Replace the database with `source`; returns where the previous database was kept.

    Refused while any program (the caller's own Store included) has the database open; a
    program that starts meanwhile waits until the restore is over.
    """
    check_database_file(source)
    current = Locations(home).database
    home.mkdir(parents=True, exist_ok=True)
    with DatabaseLock.exclusive(current):
        return replace_database(current, source, f"{now:%Y%m%d-%H%M%S}")
