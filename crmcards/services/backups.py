"""Backups of the student's database: a daily automatic copy, `backup` and `restore`.

Copies are made with SQLite's online backup API, so they are consistent even while a review
session is writing. A restore checks the file first and keeps the current database aside.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from crmcards.services.output_file import replacing
from crmcards.store import DB_FILENAME
from crmcards.store.database import check_database_file, detach
from crmcards.store.repository import Store

BACKUP_DIR = "backups"
KEEP_DAILY = 7


def backups_dir(home: Path) -> Path:
    return home / BACKUP_DIR


def backup(store: Store, target: Path) -> Path:
    """Copy the database to `target` (written under a temporary name, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target, force=True, what="the backup") as temporary:
        store.backup_to(temporary)
    return target


def daily_backup(store: Store, home: Path, today: datetime, keep: int = KEEP_DAILY) -> Path | None:
    """Make today's automatic backup unless it exists; keep the newest `keep` of them."""
    if store.engine.dialect.name != "sqlite":
        return None
    folder = backups_dir(home)
    target = folder / f"crmcards-{today:%Y-%m-%d}.db"
    if target.exists():
        return None
    backup(store, target)
    daily = sorted(folder.glob("crmcards-????-??-??.db"))
    for old in daily[:-keep]:
        old.unlink()
    return target


def restore(home: Path, source: Path, now: datetime) -> Path:
    """Replace the database with `source`; returns where the previous database was kept.

    Refused while any program (the caller's own Store included) has the database open.
    """
    check_database_file(source)
    current = home / DB_FILENAME
    aside = home / f"{DB_FILENAME}.before-restore-{now:%Y%m%d-%H%M%S}"
    if current.exists():
        detach(current)
        os.replace(current, aside)
    for suffix in ("-wal", "-shm"):
        Path(f"{current}{suffix}").unlink(missing_ok=True)
    with replacing(current, force=True, what="the database") as temporary:
        shutil.copyfile(source, temporary)
    return aside
