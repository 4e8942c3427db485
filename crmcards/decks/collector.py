"""Building many deck objects at once without Python's cycle collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, kept: bool = False) -> Iterator[None]:
    """Python's cycle collector off while decks are built: loading 25,000 cards makes a million
    objects, which would set off collections that walk all of them again and again (more than
    doubling the load time). Decks hold no reference cycles, so nothing is left uncollected.

    `kept`: what was built lives as long as the program, so it is frozen (gc.freeze) before the
    collector is back on; otherwise the collector's first pass walks all of it at once (100,000
    items: a 50 ms pause just before the first card)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept:
            gc.freeze()
        if was_enabled:
            gc.enable()
