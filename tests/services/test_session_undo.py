"""Undo is exact: any sequence of ratings and undos leaves the session and the database as if
the undone ratings had never been given (checked against a model with hypothesis)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock

LIBRARY = Library.load([SAMPLE_DECKS])
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Seen:
    """Everything a student (or the database) can observe of a session at one moment."""

    current: str | None
    queue: tuple[str, ...]
    learning: tuple[str, ...]
    done: int
    remaining: int
    states: tuple[tuple[str, int, int, datetime], ...]

    @classmethod
    def of(cls, session: ReviewSession) -> Seen:
        stored = session.store.states()
        return cls(
            current=session.current.id if session.current else None,
            queue=tuple(i.id for i in session.queue),
            learning=tuple(i.id for i in session.learning),
            done=session.done,
            remaining=session.remaining,
            states=tuple(sorted((i, s.state, s.reps, s.due) for i, s in stored.items())),
        )


def logged(store: Store) -> list[tuple[str, int]]:
    return [(log.item_id, log.rating) for log in store.logs_since(EPOCH)]


def new_session(home: Path, clock: FakeClock, *, cram: bool = False) -> ReviewSession:
    return ReviewSession(
        Store.open(home=home),
        Planner(fuzz=False),
        LIBRARY.items(),
        cram=cram,
        limits=Limits(new_per_day=4),
        clock=clock,
    )


minutes = st.integers(min_value=0, max_value=15)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("rate"), st.integers(min_value=1, max_value=5), minutes),
        st.tuples(st.just("undo"), st.just(0), minutes),
    ),
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=actions, cram=st.booleans())
def test_random_ratings_and_undos_match_the_model(
    actions: list[tuple[str, int, int]], cram: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock()
        session = new_session(Path(folder) / "a", clock, cram=cram)
        # the model: what was seen before each rating still standing, and those ratings
        before: list[Seen] = []
        kept: list[tuple[str, int, datetime]] = []
        for action, rating, wait in actions:
            clock.advance(minutes=wait)
            if action == "undo":
                undone = session.undo()
                assert (undone is None) == (not before)
                if before:
                    assert Seen.of(session) == before.pop()
                    kept.pop()
            elif session.current is not None:
                before.append(Seen.of(session))
                kept.append((session.current.id, rating, clock.now))
                session.reveal()
                session.rate(rating)
            seen = Seen.of(session)
            shown = [*seen.queue, *seen.learning, *([seen.current] if seen.current else [])]
            assert len(shown) == len(set(shown)) == seen.remaining  # nothing shown twice
            assert seen.done == len(kept)
            assert logged(session.store) == ([] if cram else [(i, r) for i, r, _ in kept])
        # the same ratings, never undone, given at the same moments to a fresh session
        replay_clock = FakeClock()
        replay = new_session(Path(folder) / "b", replay_clock, cram=cram)
        for item_id, rating, when in kept:
            replay_clock.now = when
            assert replay.current is not None and replay.current.id == item_id
            replay.reveal()
            replay.rate(rating)
        replay_clock.now = clock.now
        final, expected = Seen.of(session), Seen.of(replay)
        assert (final.queue, final.learning, final.done, final.remaining, final.states) == (
            expected.queue,
            expected.learning,
            expected.done,
            expected.remaining,
            expected.states,
        )
        session.store.close()
        replay.store.close()


def test_the_reported_sequence_a4_b4_a4_then_three_undos(store: Store, clock: FakeClock) -> None:
    """Issue 16: two new cards, A 4, B 4, A 4 (shown again), then u u u."""
    session = ReviewSession(
        store, Planner(fuzz=False), LIBRARY.items(), limits=Limits(new_per_day=2), clock=clock
    )
    a = session.current
    start = Seen.of(session)
    assert start.remaining == 2
    for _ in range(3):
        session.reveal()
        session.rate(4)
        clock.advance(minutes=1)
    for _ in range(3):
        session.undo()
    assert Seen.of(session) == start
    assert session.current == a and logged(store) == []


def test_undoing_the_last_failed_card_of_a_cram_session(store: Store, clock: FakeClock) -> None:
    session = ReviewSession(store, Planner(fuzz=False), LIBRARY.items()[:2], cram=True, clock=clock)
    session.reveal()
    session.rate(5)
    last = session.current
    session.reveal()
    session.rate(1)  # failed: comes back at once, being the only one left
    assert session.current == last
    session.reveal()
    session.rate(1)
    assert session.undo() is not None and session.current == last and session.remaining == 1
    assert session.undo() is not None and session.current == last and session.remaining == 1
