"""Suspending a card and putting it back to new, from the card browser: a suspended card is in no
session, cram, home count or exam plan and is counted as suspended; a reset keeps every rating in
the log (synced by uid, never deleted) and survives a sync that rebuilds states from the log."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from functools import partial
from itertools import pairwise
from pathlib import Path

from crmcards.api import Workspace
from crmcards.decks.items import Item
from crmcards.locations import DB_FILENAME
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.services.card_info import card_info, recall_over_time, reset_to_new
from crmcards.services.session_request import SessionRequest
from crmcards.services.suspension import set_suspended
from crmcards.store.repository import Store
from crmcards.store.synclog import Pulled, Watermarks, merge_pulled
from crmcards.store.tables import ReviewLog
from tests.conftest import SAMPLE_DECKS, FakeClock


def workspace(home: Path, clock: FakeClock) -> Workspace:
    return Workspace(home, [SAMPLE_DECKS], with_bundled_decks=False, clock=clock, fuzz=False)


def rate_all(ws: Workspace, rating: int) -> list[Item]:
    session = ws.session(SessionRequest())
    rated = []
    while not session.finished and len(rated) < 50:
        assert session.current is not None
        rated.append(session.current)
        session.reveal()
        session.rate(rating)
    return rated


def log_rows(home: Path) -> int:
    with sqlite3.connect(home / DB_FILENAME) as connection:
        return int(connection.execute("SELECT count(*) FROM review_log").fetchone()[0])


def test_a_suspended_card_is_never_studied_and_counted_as_suspended(home: Path) -> None:
    clock = FakeClock()
    ws = workspace(home, clock)
    first = ws.session(SessionRequest()).current
    assert first is not None
    before = ws.status()["total"]
    set_suspended(ws.open_store(), [first], True, clock())

    for request in (SessionRequest(), SessionRequest(cram=True)):
        session = ws.session(request)
        assert first.id not in {i.id for i in (*session.items, *session.queue)}
    counts = ws.todays_counts()
    assert counts.total.new == 7  # another note's card takes the place in today's queue
    total = ws.status()["total"]
    assert isinstance(total, dict) and isinstance(before, dict)
    assert total["suspended"] == 1 and total["cards"] == before["cards"]
    assert total["new"] == before["new"] - 1
    plan = ws.exam_plan(date(2026, 12, 20))
    assert plan is not None
    assert plan.new_left == before["new"] - 1  # the plan leaves it out too

    set_suspended(ws.open_store(), [first], False, clock())
    assert ws.session(SessionRequest()).current.id == first.id  # type: ignore[union-attr]
    assert ws.status()["total"]["suspended"] == 0  # type: ignore[index]


def test_studying_only_the_cards_found(home: Path) -> None:
    ws = workspace(home, FakeClock())
    items = ws.library.items()
    chosen = frozenset(i.id for i in items[3:6])
    session = ws.session(SessionRequest(item_ids=chosen))
    assert {i.id for i in session.items} == chosen


def test_a_reset_card_is_new_again_and_keeps_its_history(home: Path) -> None:
    clock = FakeClock()
    ws = workspace(home, clock)
    rated = rate_all(ws, 4)
    card = rated[0]
    logs = log_rows(home)
    clock.advance(days=3)
    store = ws.open_store()
    assert reset_to_new(store, card, clock())
    assert card.id not in store.states()
    assert log_rows(home) == logs  # no rating deleted
    info = card_info(store, ws.planner(), card, clock(), leech_lapses=6)
    assert info.events[-1].rating is None and {e.rating for e in info.events[:-1]} == {4}
    assert info.state is None and info.recall_now == 0.0

    # the next rating counts as a new card again, and only it shapes the schedule
    clock.advance(hours=1)
    session = ws.session(SessionRequest(item_ids=frozenset({card.id})))
    assert session.current == card
    session.reveal()
    session.rate(5)
    state = store.states()[card.id]
    assert state.reps == 1

    # a sync that rebuilds the card from its log starts after the reset, as this device did
    other = ReviewLog(
        item_id=card.id, deck_id=card.deck.id, note_key=card.note_key, rating=3,
        fsrs_rating=2, reviewed_at=clock() - timedelta(days=2, hours=12), state_after=2,
    )  # fmt: skip
    merge_pulled(
        store, Pulled([other], [], [], [], Watermarks(1)), partial(replay, Planner(fuzz=False))
    )
    assert store.states()[card.id].reps == 1
    assert log_rows(home) == logs + 2  # the rating from the other device is kept too


def test_undo_after_a_reset_puts_the_card_back_to_new(home: Path) -> None:
    clock = FakeClock()
    ws = workspace(home, clock)
    card = rate_all(ws, 1)[0]
    clock.advance(days=1)
    reset_to_new(ws.open_store(), card, clock())
    session = ws.session(SessionRequest(item_ids=frozenset({card.id})))
    session.reveal()
    session.rate(4)
    session.undo()
    assert card.id not in ws.open_store().states()


def test_card_info_lists_every_review_with_its_interval_and_a_recall_curve(home: Path) -> None:
    clock = FakeClock()
    ws = workspace(home, clock)
    card = ws.library.items()[0]
    request = SessionRequest(item_ids=frozenset({card.id}))
    for rating in (3, 4, 4):
        session = ws.session(request)
        if session.current is None:
            clock.advance(days=10)
            session = ws.session(request)
        session.reveal()
        session.rate(rating)
        clock.advance(days=4)
    store: Store = ws.open_store()
    info = card_info(store, ws.planner(), card, clock(), leech_lapses=6)
    assert [e.rating for e in info.events] == [3, 4, 4]
    assert all(e.interval is not None and e.interval > timedelta(0) for e in info.events)
    assert info.state is not None and 0.0 < info.recall_now < 1.0
    curve, start, end = recall_over_time(ws.planner(), info, clock(), points=40)
    assert len(curve) == 40 and start == info.events[0].at and end > clock()
    assert curve[0] > 0.99 and curve[-1] < info.recall_now  # forgetting, looking ahead
    assert any(b > a + 0.05 for a, b in pairwise(curve))  # a review lifts it
