"""Files kept beside the database: copies under names that are never used twice, and
temporary files for work in progress (`.crmcards.db.KIND-*.part`, removed when done or, after a
kill, by the next program that opens the database)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

from crmcards.locations import aside


def temporary_beside(database: Path, kind: str) -> Path:
    """A new, empty file next to `database` for work in progress of `kind`."""
    handle, name = tempfile.mkstemp(
        dir=database.parent, prefix=f".{database.name}.{kind}-", suffix=".part"
    )
    os.close(handle)
    return Path(name)


def _candidates(wanted: Path) -> Iterator[Path]:
    yield wanted
    for n in count(2):
        yield wanted.with_name(f"{wanted.name}-{n}")


def publish(temporary: Path, wanted: Path) -> Path:
    """Give the complete file `temporary` the name `wanted`, or `wanted-2`, `-3`... if that is
    taken: an existing file is never overwritten (a hard link fails instead of replacing)."""
    for candidate in _candidates(wanted):
        try:
            os.link(temporary, candidate)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: the caller's lock keeps this safe
            if candidate.exists():
                continue
            os.rename(temporary, candidate)
            return candidate
        temporary.unlink()
        return candidate
    raise AssertionError("unreachable")  # pragma: no cover - count() never ends


def keep_aside(database: Path, label: str) -> Path:
    """A copy of `database` (a self-contained file: no write-ahead log) under a name of its own,
    `crmcards.db.LABEL`, never overwriting an earlier copy."""
    temporary = temporary_beside(database, "aside")
    shutil.copyfile(database, temporary)
    flush(temporary)
    return publish(temporary, aside(database, label))


def flush(path: Path) -> None:
    """Make the file's content durable before it is given its final name."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def flush_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows, where folders cannot be opened (and renames are durable)
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
