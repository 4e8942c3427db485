from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import ReviewSession, SessionError
from crmcards.store.repository import DB_FILENAME, Store
from tests.conftest import FakeClock


def logged(home: Path) -> list[tuple[str, int]]:
    """The review log as another program sees it."""
    with sqlite3.connect(home / DB_FILENAME) as connection:
        return connection.execute("SELECT item_id, rating FROM review_log ORDER BY id").fetchall()


def new_session(
    store: Store, planner: Planner, library: Library, clock: FakeClock, limits: Limits = Limits()
) -> ReviewSession:
    return ReviewSession(store, planner, library.items(), limits=limits, clock=clock)


def test_rating_is_committed_before_the_next_item_is_shown(
    store: Store, planner: Planner, library: Library, clock: FakeClock, home: Path
) -> None:
    session = new_session(store, planner, library, clock)
    first = session.current
    assert first is not None
    session.reveal()
    clock.advance(seconds=7)
    rated = session.rate(4)
    assert rated.item == first
    assert session.current != first
    assert logged(home) == [(first.id, 4)]
    with sqlite3.connect(home / DB_FILENAME) as connection:
        assert connection.execute("SELECT duration_ms FROM review_log").fetchone() == (7000,)


def test_rating_before_reveal_is_refused(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock)
    with pytest.raises(SessionError):
        session.rate(3)


def test_undo_removes_the_rating_and_shows_the_item_again(
    store: Store, planner: Planner, library: Library, clock: FakeClock, home: Path
) -> None:
    session = new_session(store, planner, library, clock)
    first, remaining = session.current, session.remaining
    session.reveal()
    session.rate(5)
    second = session.current
    session.reveal()
    session.rate(5)
    assert session.undo() is not None
    assert session.current == second and not session.revealed
    assert session.undo() is not None
    assert session.current == first
    assert session.remaining == remaining
    assert logged(home) == []
    assert store.states() == {}
    assert session.undo() is None


def test_items_in_learning_come_back_in_the_same_session(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock, Limits(new_per_day=1))
    first = session.current
    session.reveal()
    session.rate(1)  # again: back in a minute
    assert session.current == first  # nothing else left, due within the learn-ahead window
    session.reveal()
    session.rate(5)
    assert session.finished
    summary = session.summary()
    assert summary.reviewed == 2
    assert summary.ratings == {1: 1, 2: 0, 3: 0, 4: 0, 5: 1}


def test_a_new_session_respects_what_was_done_today(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock, Limits(new_per_day=3))
    for _ in range(3):
        session.reveal()
        session.rate(5)
    assert session.finished
    again = new_session(store, planner, library, clock, Limits(new_per_day=3))
    assert again.finished  # the daily new limit is used up
