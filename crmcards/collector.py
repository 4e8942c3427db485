"""When Python's cycle collector runs: not while a program starts, nor while decks are built.

The collector walks every tracked object of the program each time its oldest generation is
collected. crmcards makes most of its objects at once and keeps them (the imported libraries,
the decks, the settings), so walking them again finds nothing and only costs time: a start set
off 263 passes, ~110 ms before the first card. That is why the collector is off while crmcards
starts and while it builds decks, and why what exists once a start is over is frozen out of it
(gc.freeze, as the Python documentation suggests for objects that live as long as the program).
Only what lives that long is frozen: a frozen object in a reference cycle is never freed, so
the app's screens and sessions, which come and go, are not (the first one is made with the
collector still off, but after the freeze). Nothing else is left uncollected for long:
reference counting frees all that is not in a cycle, and the collector is on again as soon as
the start is over, whatever ended it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_starting = False  # whether the collector is off for a start that is not over yet
_kept = False  # whether what that start made is frozen already


@contextmanager
def off_while_starting() -> Iterator[None]:
    """The collector off for the program run in this block until `started()` says its start
    is over (the command's own work begins, or the study app's first screen is drawn), and on
    again when the block ends in any case."""
    global _starting, _kept
    was_enabled = gc.isenabled()
    gc.disable()
    _starting, _kept = True, False
    try:
        yield
    finally:
        _starting = False
        if was_enabled:
            gc.enable()


def keep_the_start() -> None:
    """What the start has made so far lives as long as the program (libraries, settings, the
    decks): frozen out of the collector's passes, once. The study app calls this before it
    makes its first screen, which is not to be frozen. Does nothing outside a start."""
    global _kept
    if _starting and not _kept:
        gc.freeze()  # before any screen: the app's own objects live as long as the program
        _kept = True


_screens_come_and_go = False  # the study app is up: nothing more may be frozen


def keep_what_was_built() -> None:
    """What was just built lives as long as the program (the decks, the outlines' items):
    frozen out of the collector, which would otherwise walk it in every full pass. Not while
    the study app is up: its screens and sessions would be frozen with it, and a frozen object
    in a reference cycle is never freed (one session would be kept per session studied)."""
    if not _screens_come_and_go:
        gc.freeze()


@contextmanager
def app_running() -> Iterator[None]:
    """The study app's screens and sessions come and go while this block runs: nothing is
    frozen (`keep_what_was_built` leaves what it built to the collector's passes)."""
    global _screens_come_and_go
    before = _screens_come_and_go
    _screens_come_and_go = True
    try:
        yield
    finally:
        _screens_come_and_go = before


def started() -> None:
    """The start is over: what it made is kept out of the collector (`keep_the_start`, unless
    that was done) and the collector is on again. Does nothing outside a start
    (`off_while_starting`) or once it is over."""
    global _starting
    if not _starting:
        return
    keep_the_start()
    _starting = False
    gc.enable()


@contextmanager
def collector_paused(*, kept: bool = False) -> Iterator[None]:
    """Python's cycle collector off while decks are built: loading 25,000 cards makes a million
    objects, which would set off collections that walk all of them again and again (more than
    doubling the load time). Decks hold no reference cycles, so nothing is left uncollected.

    `kept`: what was built lives as long as the program, so it is frozen before the collector is
    back on (`keep_what_was_built`: not while the study app is up); otherwise the collector's
    first pass walks all of it at once (100,000 items: a 50 ms pause just before the first
    card)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept:
            keep_what_was_built()
        if was_enabled:
            gc.enable()
