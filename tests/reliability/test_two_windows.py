"""Two windows on one database, and the same card rated in both: undo refuses to throw away the
other window's rating, retries build on every rating made meanwhile, and a write lock held by
another program neither freezes the review screen nor lets a key act on the wrong card."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.session import RatingConflict, ReviewSession, UndoRefused
from crmcards.store.repository import StaleState, Store
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.tui.helpers import make_app, settled, text_of

FIRST_ITEM = "voorbeeld/crm-definitie#q"


def window(home: Path, clock: FakeClock) -> ReviewSession:
    """One terminal: its own connection, a session on the first card of the sample deck."""
    item = next(i for i in Library.load([SAMPLE_DECKS]).items() if i.id == FIRST_ITEM)
    return ReviewSession(Store.open(home=home), Planner(fuzz=False), [item], clock=clock)


def logged(home: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(home / "crmcards.db") as connection:
        rows = connection.execute("SELECT item_id, rating FROM review_log ORDER BY id").fetchall()
    connection.close()
    return rows


def test_undo_refuses_when_another_window_rated_the_card_since(home: Path) -> None:
    clock = FakeClock()
    a, b = window(home, clock), window(home, clock)
    a.reveal()
    a.rate(4)
    clock.advance(minutes=1)
    b.reveal()
    b.rate(2)  # built on A's rating (StaleState, computed again)
    with pytest.raises(UndoRefused) as refused:
        a.undo()
    assert "rated again in another window" in refused.value.message
    assert logged(home) == [(FIRST_ITEM, 4), (FIRST_ITEM, 2)]  # both ratings stay
    state = Store.open(home=home).states()[FIRST_ITEM]
    assert state.reps == 2  # the state row is B's, not deleted or rolled back
    assert a.states[FIRST_ITEM].reps == 2  # A now builds on it
    b.undo()  # B's own last rating is still B's to take back
    assert logged(home) == [(FIRST_ITEM, 4)]
    a.undo()  # and then A's is the latest again
    assert logged(home) == []
    assert FIRST_ITEM not in Store.open(home=home).states()


def test_a_second_stale_state_while_retrying_builds_on_both_other_ratings(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    a, other = window(home, clock), Store.open(home=home)
    planner = Planner(fuzz=False)
    real_record = a.store.record
    interruptions = []

    def rated_elsewhere_first(*args: object, **kwargs: object) -> object:
        if len(interruptions) < 2:  # before each of A's first two attempts, someone else rates
            state = other.states([FIRST_ITEM]).get(FIRST_ITEM)
            review = planner.review(state, 3, clock(), note_key="voorbeeld/crm-definitie")
            interruptions.append(
                other.record(FIRST_ITEM, "voorbeeld", "voorbeeld/crm-definitie", review)
            )
        return real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(a.store, "record", rated_elsewhere_first)
    a.reveal()
    a.rate(5)
    assert logged(home) == [(FIRST_ITEM, 3), (FIRST_ITEM, 3), (FIRST_ITEM, 5)]
    assert Store.open(home=home).states()[FIRST_ITEM].reps == 3


def test_a_card_that_keeps_changing_elsewhere_is_one_clear_error(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    a = window(home, clock)

    def always_stale(*_args: object, **_kwargs: object) -> object:
        raise StaleState(None)

    monkeypatch.setattr(a.store, "record", always_stale)
    a.reveal()
    with pytest.raises(RatingConflict, match="being rated in another window"):
        a.rate(4)
    assert a.revealed and a.current is not None and a.current.id == FIRST_ITEM


def rate_in_another_window(home: Path, item_id: str, clock: FakeClock) -> None:
    other = Store.open(home=home)
    state = other.states([item_id])[item_id]
    clock.advance(minutes=1)
    review = Planner(fuzz=False).review(state, 2, clock(), note_key=item_id.split("#")[0])
    other.record(item_id, "voorbeeld", item_id.split("#")[0], review)
    other.close()


@pytest.mark.parametrize("where", ["review", "summary"])
async def test_the_app_says_so_when_undo_is_refused(home: Path, where: str) -> None:
    clock = FakeClock()
    app = make_app(home, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4")
        if where == "summary":
            await pilot.press("q")
        rate_in_another_window(home, logged(home)[0][0], clock)
        for _ in range(2):  # twice: the same refusal, never a crash
            await pilot.press("u")
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("in een ander venster opnieuw beoordeeld" in m for m in messages), messages
        assert app.is_running and app.screen.session.done == 1  # type: ignore[attr-defined]
    assert [rating for _, rating in logged(home)] == [4, 2]


async def test_a_locked_database_keeps_the_screen_alive_and_drops_keys_meant_for_the_card(
    home: Path,
) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        first = app.screen.session.current  # type: ignore[attr-defined]
        blocker = sqlite3.connect(home / "crmcards.db", isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await pilot.press("space", "4")
        await pilot.pause()
        assert "De database is bezig in een ander programma" in text_of(app, "#hint")
        await pilot.press("u", "space", "5", "q")  # impatient keys: none may act
        await pilot.pause()
        assert app.screen.session.current is first  # type: ignore[attr-defined]
        blocker.execute("ROLLBACK")
        blocker.close()
        while app.screen.pending:  # type: ignore[attr-defined]
            await pilot.pause(0.05)
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        assert session.done == 1 and session.current is not first and not session.revealed
        assert "Denk na en druk op spatie" in text_of(app, "#hint")
    assert [rating for _, rating in logged(home)] == [4]


WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from crmcards.scheduling.planner import Planner
from crmcards.store.repository import StaleState, Store

store, planner, item = Store.open(home=Path(sys.argv[1])), Planner(), "d/same-card#q"
start = datetime(2026, 1, 1, tzinfo=UTC)
for n in range(int(sys.argv[2])):
    state = store.states([item]).get(item)
    while True:
        review = planner.review(state, 1 + n % 5, start + timedelta(minutes=n), note_key="d/same-card")
        try:
            store.record(item, "d", "d/same-card", review)
            break
        except StaleState as stale:
            state = stale.current
print("done", flush=True)
"""


def test_two_writers_on_the_same_card_lose_no_rating_and_no_update(home: Path) -> None:
    Store.open(home=home).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), "80"],
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done", err
    assert len(logged(home)) == 160
    assert Store.open(home=home).states()["d/same-card#q"].reps == 160  # each built on the last


def test_every_connection_commits_durably(home: Path) -> None:
    """A committed rating must survive a power cut: WAL with synchronous=FULL on every
    connection the store opens (OFF or NORMAL could lose the last commits)."""
    store = Store.open(home=home)
    connections = [store.engine.raw_connection() for _ in range(3)]  # three at once: all new
    try:
        for connection in connections:
            cursor = connection.cursor()
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            cursor.close()
    finally:
        for connection in connections:
            connection.close()
        store.close()
