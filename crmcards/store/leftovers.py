"""What programs that were killed leave beside the database, and tidying it up.

Kept apart from `store.replacement` (which leaves them) so that the plain sqlite3 reader can
tidy up as a Store does without importing SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

from crmcards.locations import RESTORE_ASIDE
from crmcards.messages import Said
from crmcards.store.errors import StoreError
from crmcards.store.lockfile import DatabaseLock

INCOMING = "restore"  # the temporary copy of the file being restored: .crmcards.db.restore-*.part


def _temporaries(database: Path, kind: str) -> list[Path]:
    return sorted(database.parent.glob(f".{database.name}.{kind}-*.part"))


def tidy_up(database: Path) -> list[Said]:
    """Clean up after crmcards programs that were killed; returns what to tell the student.

    Called only while no other crmcards has the database open (so no temporary file is in use).
    Refuses to let a new, empty database be made where a restore left only the previous one.
    """
    notices = []
    if _temporaries(database, INCOMING):
        notices.append(Said.of("restore_unfinished", path=database))
    for leftover in database.parent.glob(f".{database.name}.*.part*"):
        leftover.unlink(missing_ok=True)
    if not database.exists():
        asides = sorted(
            database.parent.glob(f"{database.name}.{RESTORE_ASIDE}-*"),
            key=lambda path: path.stat().st_mtime,
        )
        if asides:
            raise StoreError(Said.of("restore_missing_database", path=database, aside=asides[-1]))
    return notices


def lock_for_use(database: Path) -> tuple[DatabaseLock, list[Said]]:
    """The shared lock every program that uses `database` holds (store.lockfile), taken after
    tidying up if no other crmcards has it open; and what tidying found to tell the student."""
    notices: list[Said] = []

    def tidy() -> None:
        notices.extend(tidy_up(database))

    return DatabaseLock.shared(database, when_alone=tidy), notices
