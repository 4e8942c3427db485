"""Small helpers for the class hub tests: a device that studies, and looking at the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock, RunCli


def study(
    home: Path,
    ratings: list[int],
    clock: FakeClock,
    *,
    undo_last: bool = False,
    library: Library | None = None,
    planner: Planner | None = None,
) -> None:
    """A review session on `home`: rate the cards shown with `ratings`, one a minute (until
    the session has no card left)."""
    store = Store.open(home=home)
    try:
        items = (library or Library.load([SAMPLE_DECKS])).items()
        session = ReviewSession(store, planner or Planner(), items, clock=clock)
        for rating in ratings:
            if session.current is None:
                break
            session.reveal()
            session.rate(rating)
            clock.advance(minutes=1)
        if undo_last:
            session.undo()
    finally:
        store.close()


def undo_latest(home: Path, count: int) -> None:
    """Undo the `count` newest ratings, newest first, as a session's undo does."""
    from sqlmodel import col, select

    from crmcards.store.tables import ReviewLog

    store = Store.open(home=home)
    try:
        with store.reading() as session:
            ids = session.exec(select(ReviewLog.id).order_by(col(ReviewLog.id).desc())).all()
        for log_id in ids[:count]:
            assert log_id is not None
            store.undo(log_id)
    finally:
        store.close()


def history(home: Path) -> dict[str, tuple[str, int, Any]]:
    """uid -> (item, rating, time) of every rating in the local log."""
    from sqlmodel import select

    from crmcards.store.tables import ReviewLog

    store = Store.open(home=home)
    try:
        with store.reading() as session:
            return {
                log.uid: (log.item_id, log.rating, log.reviewed_at)
                for log in session.exec(select(ReviewLog))
            }
    finally:
        store.close()


def states(home: Path) -> dict[str, tuple[Any, ...]]:
    store = Store.open(home=home)
    try:
        return {
            item: (s.state, s.stability, s.difficulty, s.due, s.reps, s.lapses)
            for item, s in store.states().items()
        }
    finally:
        store.close()


def server_rows(admin_url: str, query: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(admin_url) as connection:
        return connection.execute(query).fetchall()


class Cli:
    """`crmcards` run through its real entry point, with `--home` when given."""

    def __init__(self, crmcards: RunCli):
        self.crmcards = crmcards

    def __call__(self, *args: str, home: Path | None = None) -> tuple[int, str, str]:
        prefix = ("--home", str(home)) if home is not None else ()
        return self.crmcards(*prefix, *args)

    def ok(self, *args: str, home: Path | None = None) -> str:
        code, out, err = self(*args, home=home)
        assert code == 0, err
        return out
