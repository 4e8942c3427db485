from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.locations import DB_FILENAME
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import ReviewSession, SessionError
from crmcards.store.repository import Store
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


def test_siblings_of_a_note_are_not_shown_on_the_same_day(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock, Limits(new_per_day=100))
    seen = []
    while not session.finished:
        assert session.current is not None
        seen.append(session.current.note_key)
        session.reveal()
        session.rate(5)
    assert len(seen) == len(set(seen)) == 7  # one item of each of the 7 notes
    clock.advance(days=1)
    tomorrow = new_session(store, planner, library, clock, Limits(new_per_day=100))
    # the next sibling of each note (een-gat has a single item, so no sibling)
    assert tomorrow.current is not None and tomorrow.remaining == 6


def test_review_limit_caps_due_items(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock, Limits(new_per_day=100))
    while not session.finished:
        session.reveal()
        session.rate(5)
    clock.advance(days=60)  # everything is due again
    capped = new_session(store, planner, library, clock, Limits(new_per_day=0, reviews_per_day=2))
    assert capped.remaining == 2


def test_leeches_are_flagged_and_listed_in_the_summary(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = ReviewSession(store, planner, library.items()[:1], leech_lapses=2, clock=clock)
    item = session.current
    assert item is not None
    for _ in range(3):  # learn it, then forget it twice
        session.reveal()
        session.rate(5)
        while not session.finished:
            session.reveal()
            session.rate(5)
        clock.advance(days=40)
        session = ReviewSession(store, planner, [item], leech_lapses=2, clock=clock)
        assert session.current == item
        session.reveal()
        session.rate(1)
        clock.advance(minutes=15)
        session = ReviewSession(store, planner, [item], leech_lapses=2, clock=clock)
    state = store.states()[item.id]
    assert state.lapses == 3
    assert session.is_leech(item)
    session.reveal()
    session.rate(4)
    assert session.summary().leeches == [item]


def test_cram_goes_through_everything_and_changes_nothing(
    store: Store, planner: Planner, library: Library, clock: FakeClock, home: Path
) -> None:
    session = ReviewSession(store, planner, library.items(), cram=True, clock=clock)
    assert session.remaining == len(library.items())  # no daily limits, siblings included
    first = session.current
    session.reveal()
    session.rate(1)  # failed: comes back three items later
    for _ in range(3):
        assert session.current != first
        session.reveal()
        session.rate(5)
    assert session.current == first
    session.reveal()
    session.rate(2)
    assert session.undo() is not None and session.current == first
    assert logged(home) == [] and store.states() == {}
    assert session.summary().next_due is None


def test_a_missing_rating_in_the_middle_is_impossible_after_undo(
    store: Store, planner: Planner, library: Library, clock: FakeClock, home: Path
) -> None:
    """Undo several levels deep restores the database exactly, in order."""
    session = new_session(store, planner, library, clock)
    for rating in (3, 4, 5):
        session.reveal()
        session.rate(rating)
    session.undo()
    session.undo()
    assert [r for _, r in logged(home)] == [3]
    session.reveal()
    session.rate(1)
    assert [r for _, r in logged(home)] == [3, 1]


def test_a_session_can_be_limited_to_decks_or_a_tag(library: Library, tmp_path: Path) -> None:
    from crmcards.decks.loader import load_file
    from crmcards.services.session_request import SessionRequest

    other = tmp_path / "ander.yaml"
    other.write_text(
        "deck: Ander\ntags: [week-6]\ncards:\n"
        "  - id: a\n    q: V\n    a: A\n    tags: [examen]\n"
        "  - id: b\n    q: V2\n    a: A2\n",
        encoding="utf-8",
    )
    both = Library((*library.decks, load_file(other)))
    ander = both.select(["ander"])
    assert {i.deck.id for i in SessionRequest(decks=ander).items(both)} == {"ander"}
    assert len(SessionRequest().items(both)) == len(library.items()) + 2
    assert [i.id for i in SessionRequest(tag="examen").items(both)] == ["ander/a#q"]
    assert len(SessionRequest(tag="week-6").items(both)) == 2  # a deck tag selects its cards
    assert SessionRequest(tag="geen").items(both) == []


def test_an_empty_session_knows_what_waits_and_add_new_brings_more(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = new_session(store, planner, library, clock, Limits(new_per_day=2))
    for _ in range(2):
        session.reveal()
        session.rate(5)
    assert session.finished
    waiting = session.waiting()
    assert waiting is not None
    studied_notes = {r.item.note_key for r in session.history}
    siblings = sum(1 for i in library.items() if i.note_key in studied_notes) - 2
    assert (waiting.siblings, waiting.reviews_over_limit) == (siblings, 0)
    assert waiting.new_over_limit == len(library.items()) - 2 - siblings
    assert waiting.next_due is not None and waiting.next_due > clock.now
    assert session.add_new(3) == 3 and session.remaining == 3
    assert {i.note_key for i in [session.current, *session.queue]}.isdisjoint(studied_notes)  # type: ignore[union-attr]
    again = new_session(store, planner, library, clock, Limits(new_per_day=2))
    assert again.finished  # the raised limit was for that session only


def test_a_cram_session_has_no_limits_to_explain(
    store: Store, planner: Planner, library: Library, clock: FakeClock
) -> None:
    session = ReviewSession(store, planner, library.items(), cram=True, clock=clock)
    assert session.waiting() is None and session.add_new(5) == 0
