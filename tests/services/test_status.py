"""`status` counts in SQL exactly what crmcards.scheduling.mastery decides item by item."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.schedule import Schedule
from crmcards.scheduling.mastery import is_mastered
from crmcards.scheduling.planner import Planner
from crmcards.services.status import status
from crmcards.store.repository import Store
from tests.conftest import FakeClock

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_counts_agree_with_the_mastery_rule_item_by_item(
    library: Library, store: Store, planner: Planner
) -> None:
    rng = random.Random(13)
    items = library.items()
    states = {}
    for item in items[: len(items) - 3]:  # the last three stay new
        # stabilities and ages around the mastery boundary, whole days and fractions of days
        stability = rng.choice([0.5, 3.2, 10.0, 20.99, 21.0, 21.01, 40.0])
        age = timedelta(days=stability * rng.choice([0.5, 0.99, 1.0, 1.01, 2.0]))
        age += timedelta(hours=rng.choice([0, 1, 23]))
        state = Schedule(
            state=rng.choice([1, 2, 2, 2, 3]),
            stability=stability,
            difficulty=5.0,
            due=NOW + timedelta(days=rng.uniform(-3, 3)),
            last_review=NOW - age,
            reps=3,
        )
        review = replace(planner.review(None, 4, NOW - age, note_key=item.note_key), after=state)
        store.record(item.id, item.deck.id, item.note_key, review)
        states[item.id] = state
    # an item whose card is gone (orphaned) is not counted anywhere
    orphan = Schedule(
        state=2, stability=100.0, due=NOW - timedelta(days=1), last_review=NOW - timedelta(days=2)
    )
    review = replace(planner.review(None, 4, NOW, note_key="weg/weg"), after=orphan)
    store.record("weg/weg#q", library.decks[0].id, "weg/weg", review)

    counts = status(library.outlines, store, NOW).total
    assert counts.cards == len(items)
    assert counts.new == 3
    assert counts.due == sum(s.due <= NOW for s in states.values())
    assert counts.mastered == sum(is_mastered(s) for s in states.values())
    assert 0 < counts.mastered < len(states)  # the test data is on both sides of the line
    assert counts.reviews == len(states) + 1  # the orphan's rating is in its deck's log


def test_a_rating_moves_an_item_from_new_to_scheduled(
    library: Library, store: Store, planner: Planner
) -> None:
    from crmcards.services.session import ReviewSession

    clock = FakeClock(NOW)
    before = status(library.outlines, store, NOW).total
    session = ReviewSession(store, planner, library.items(), clock=clock)
    session.reveal()
    session.rate(5)
    after = status(library.outlines, store, NOW).total
    assert (after.new, after.reviews) == (before.new - 1, before.reviews + 1)
