"""The day's queue as a session reads it from the database (crmcards.store.queue_reads, read
only as far as the queue needs) is the queue of the plain rule applied to every state in hand,
on random collections: due items most overdue first, (re)learning always, reviews and new items
up to their limits, one item per note and day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import delete

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.locations import bundled_decks_dir
from crmcards.scheduling.planner import LEARNING_STATES
from crmcards.scheduling.queue import Limits, Today, choose_queue
from crmcards.store.repository import Store
from crmcards.store.tables import ItemState
from tests.conftest import SAMPLE_DECKS

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LIBRARY = Library.load([SAMPLE_DECKS, bundled_decks_dir()])
ITEMS = LIBRARY.items()
NOTES = sorted({item.note_key for item in ITEMS})


def plain_queue(
    items: Sequence[Item], states: dict[str, ItemState], today: Today, limits: Limits
) -> list[Item]:
    """The rule as written down, over every state at once."""
    in_selection = {item.id for item in items}
    due = sorted((s for s in states.values() if s.due <= NOW), key=lambda s: (s.due, s.item_id))
    queue: list[Item] = []
    shown = set(today.notes)
    reviews_left = max(0, limits.reviews_per_day - today.reviews)
    new_left = max(0, limits.new_per_day - today.new)
    by_id = {item.id: item for item in items}
    for state in due:
        if state.item_id not in in_selection:
            continue
        if state.state in LEARNING_STATES:
            queue.append(by_id[state.item_id])
        elif reviews_left and state.note_key not in shown:
            queue.append(by_id[state.item_id])
            reviews_left -= 1
        shown.add(state.note_key)
    for item in items:
        if new_left and item.id not in states and item.note_key not in shown:
            queue.append(item)
            shown.add(item.note_key)
            new_left -= 1
    return queue


@st.composite
def collections(draw: st.DrawFn) -> tuple[list[Item], dict[str, ItemState], Today, Limits]:
    # whole notes, so that siblings meet: a due one holds a new one back
    notes = set(draw(st.lists(st.sampled_from(NOTES), min_size=1, max_size=12)))
    pool = [item for item in ITEMS if item.note_key in notes and draw(st.integers(0, 4))]
    states = {}
    for item in pool:
        if draw(st.booleans()):
            continue  # new
        states[item.id] = ItemState(
            item_id=item.id,
            deck_id=item.deck.id,
            note_key=item.note_key,
            state=draw(st.sampled_from([1, 2, 2, 2, 3])),
            due=NOW + timedelta(hours=draw(st.integers(-48, 24))),  # ties on purpose
            stability=5,
            difficulty=5,
            last_review=NOW - timedelta(days=3),
        )
    # the session's selection: part of the collection (states of other items stay stored)
    selection = [item for item in pool if draw(st.integers(0, 3))]
    today = Today(
        new=draw(st.integers(0, 3)),
        reviews=draw(st.integers(0, 3)),
        notes=frozenset(draw(st.lists(st.sampled_from(sorted(notes)), max_size=3))),
    )
    limits = Limits(new_per_day=draw(st.integers(0, 8)), reviews_per_day=draw(st.integers(0, 8)))
    return selection, states, today, limits


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(collection=collections())
def test_the_queue_read_from_the_database_is_the_plain_rule(
    store: Store, collection: tuple[list[Item], dict[str, ItemState], Today, Limits]
) -> None:
    selection, states, today, limits = collection
    with store.writing() as session:
        session.exec(delete(ItemState))  # type: ignore[call-overload]
        session.add_all(ItemState(**s.model_dump()) for s in states.values())
        session.commit()
    expected = [i.id for i in plain_queue(selection, states, today, limits)]
    # the index a caller may pass: the selection's own, or the library's (all of ITEMS)
    for index in (None, {i.id: i for i in selection}, {i.id: i for i in ITEMS}):
        with store.queue_reads(NOW, LEARNING_STATES) as reads:
            read = choose_queue(selection, reads, today, limits, index=index)
        assert [i.id for i in read] == expected
    # the same selection as the decks' outlines give it (item ids only, no note)
    chosen = {item.id for item in selection}
    refs = [ref for outline in LIBRARY.outlines for ref in outline.items if ref.id in chosen]
    with store.queue_reads(NOW, LEARNING_STATES) as reads:
        assert [ref.id for ref in choose_queue(refs, reads, today, limits)] == expected
