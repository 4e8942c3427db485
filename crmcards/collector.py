"""When Python's cycle collector runs: not while a program starts, nor while decks are built.

The collector walks every tracked object of the program each time its oldest generation is
collected. crmcards makes most of its objects at once and keeps them (the imported libraries,
the decks, the app's widgets), so walking them again finds nothing and only costs time: a
pass over the start-up's objects takes 30-80 ms, and a start set off several. That is why the
collector is off while crmcards starts and while it builds decks, and why what exists once a
start is over is frozen out of it (gc.freeze, as the Python documentation suggests for objects
that live as long as the program). Nothing here is left uncollected for long: reference
counting frees all that is not in a cycle, and the collector is on again as soon as the start
is over, whatever ended it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_starting = False  # whether the collector is off for a start that is not over yet


@contextmanager
def off_while_starting() -> Iterator[None]:
    """The collector off for the program run in this block until `started()` says its start
    is over (the command's own work begins, or the app's first screen is drawn), and on again
    when the block ends in any case."""
    global _starting
    was_enabled = gc.isenabled()
    gc.disable()
    _starting = True
    try:
        yield
    finally:
        _starting = False
        if was_enabled:
            gc.enable()


def started() -> None:
    """The start is over: what it made lives as long as the program (libraries, settings, the
    app and its first screen), so it is frozen out of the collector's passes, and the collector
    is on again. Does nothing outside a start (`off_while_starting`) or once it is over."""
    global _starting
    if not _starting:
        return
    _starting = False
    gc.freeze()
    gc.enable()


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
