"""crmcards' public Python API: one entry point for scripts, benches and checks.

    from crmcards import api

    with api.open(home="/tmp/study", now=datetime(2026, 12, 1, 9, tzinfo=UTC)) as ws:
        ws.status()                          # the dict `crmcards status --json` prints
        s = ws.review(decks=["online-crm"])  # the session the TUI drives
        s.reveal(); s.rate(4); s.undo()
        ws.report()                          # the dict `crmcards report --format json` writes
        ws.plan("2027-01-15")                # the dict `plan --json` prints

The command line and the study app are built on these same objects. See docs/api.md; this
module is kept stable, and changes are noted there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmcards.errors import CrmcardsError
from crmcards.services.clock import Clock, Now, clock_of
from crmcards.services.workspace import Workspace

if TYPE_CHECKING:
    from crmcards.services.session import Rated, ReviewSession, Summary

__all__ = [
    "Clock",
    "CrmcardsError",
    "Now",
    "Rated",
    "ReviewSession",
    "Summary",
    "Workspace",
    "open",
]

_SESSION_TYPES = ("Rated", "ReviewSession", "Summary")


@contextmanager
def open(
    home: str | Path | None = None,
    decks: Sequence[str | Path] = (),
    now: Now = None,
    *,
    bundled_decks: bool = True,
    fuzz: bool = True,
) -> Iterator[Workspace]:
    """The workspace at `home` (default: $CRMCARDS_HOME, else the user data folder), with the
    bundled decks (unless `bundled_decks` is false), those in `home`/decks and the folders in
    `decks`.

    `now` is a datetime (the clock stands still), a callable returning one, or None for the
    real clock; a naive datetime is local time. `fuzz=False` turns off FSRS's small random
    spread of due dates, for results that repeat exactly. The database is opened on first use
    (and the day's backup made then) and closed when the block ends."""
    workspace = Workspace.resolve(
        None if home is None else Path(home),
        [Path(d) for d in decks],
        clock=clock_of(now),
        with_bundled_decks=bundled_decks,
        fuzz=fuzz,
    )
    try:
        yield workspace
    finally:
        workspace.close()


def __getattr__(name: str) -> Any:
    # The session types live with SQLAlchemy; import them only when asked for, so that
    # `import crmcards.api` stays as quick as `crmcards lint`.
    if name in _SESSION_TYPES:
        from crmcards.services import session

        return getattr(session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
