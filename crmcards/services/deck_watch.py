"""`crmcards lint --watch`: notice when deck files are saved, by polling their size and time."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from crmcards.decks.catalog import deck_files

POLL_SECONDS = 0.5
Stamp = dict[Path, tuple[int, int]]


def stamp(paths: Sequence[Path]) -> Stamp:
    """Each deck file in `paths` with its modification time and size (a vanished one: absent)."""
    found: Stamp = {}
    for path in deck_files(p for p in paths if p.exists()):
        try:
            info = path.stat()
        except OSError:  # removed between listing and looking
            continue
        found[path] = (info.st_mtime_ns, info.st_size)
    return found


def saves(
    paths: Sequence[Path], wait: Callable[[float], None], interval: float = POLL_SECONDS
) -> Iterator[list[Path]]:
    """Yields the files saved, added or removed since the last look, each time there are any.
    Runs until the caller stops (Ctrl-C)."""
    before = stamp(paths)
    while True:
        wait(interval)
        now = stamp(paths)
        changed = sorted(p for p in before.keys() | now.keys() if before.get(p) != now.get(p))
        before = now
        if changed:
            yield changed
