"""Putting another database file in place of the current one, without a moment in which a
kill (Ctrl-C, kill -9, a power cut) can lose either of them.

`replace_database` copies the new file next to the database under a temporary name, keeps the
current database under a name that is never used twice, and only then renames the copy over
`crmcards.db` (one atomic rename): at every instant `crmcards.db` is the old database or the new
one, complete. What a killed restore leaves behind is only its temporary copy;
`store.leftovers.tidy_up`, run by the first program that opens the database afterwards,
removes it and says so.

The caller holds the database lock exclusively (see `store.lockfile`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from crmcards.locations import RESTORE_ASIDE
from crmcards.messages import Said
from crmcards.store.asides import flush, flush_folder, keep_aside, temporary_beside
from crmcards.store.database import StoreError, check_database_file, detach
from crmcards.store.leftovers import INCOMING


def replace_database(database: Path, source: Path, stamp: str) -> Path | None:
    """Make a copy of `source` the database; returns where the previous database was kept
    (None if there was none)."""
    incoming = temporary_beside(database, INCOMING)
    try:
        shutil.copyfile(source, incoming)
        flush(incoming)
        check_database_file(incoming)  # the copy itself is sound (the disk may be failing)
        aside = None
        if database.exists():
            detach(database)  # fold the write-ahead log in, so the file alone is the database
            aside = keep_aside(database, f"{RESTORE_ASIDE}-{stamp}")
        for suffix in ("-wal", "-shm"):  # never let an old log be replayed into the new file
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, database)
        flush_folder(database.parent)
    except OSError as error:
        raise StoreError(Said.of("restore_failed", path=database, error=error.strerror)) from None
    finally:
        for leftover in (incoming, Path(f"{incoming}-wal"), Path(f"{incoming}-shm")):
            leftover.unlink(missing_ok=True)  # checking a WAL-mode copy leaves these beside it
    return aside
