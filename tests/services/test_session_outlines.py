"""A session started before the library is loaded chooses its queue from the decks' outlines
and decodes only the cards it shows (decks.on_demand): on random collections it shows the same
cards in the same order as a session on the whole library, and the same items."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import delete

from crmcards.decks.catalog import Library
from crmcards.locations import bundled_decks_dir
from crmcards.services.session import ReviewSession
from crmcards.services.session_request import SessionRequest
from crmcards.services.workspace import Workspace
from crmcards.store.tables import ItemState
from tests.conftest import SAMPLE_DECKS, FakeClock

LIBRARY = Library.load([bundled_decks_dir(), SAMPLE_DECKS])
ITEMS = LIBRARY.items()
DECKS = [deck.id for deck in LIBRARY.decks]
CLOCK = FakeClock()


def workspace(home: Path) -> Workspace:
    return Workspace(home, [SAMPLE_DECKS], clock=CLOCK, fuzz=False)


def shown(session: ReviewSession) -> list[str]:
    """The ids of the cards the session shows, in order, before anything is rated."""
    return [item.id for item in [session.current, *session.queue] if item is not None]


Collection = tuple[list[ItemState], list[str], frozenset[str] | None]


@st.composite
def collections(draw: st.DrawFn) -> Collection:
    """Schedules (about half the items new), the decks asked for, maybe the cards found."""
    states = []
    for item in ITEMS:
        kind = draw(st.integers(0, 5))
        if kind < 3:
            continue  # new
        states.append(
            ItemState(
                item_id=item.id,
                deck_id=item.deck.id,
                note_key=item.note_key,
                state=draw(st.sampled_from([1, 2, 2, 2, 3])),
                due=CLOCK() + timedelta(hours=draw(st.integers(-72, 24))),  # ties on purpose
                stability=5,
                difficulty=5,
                last_review=CLOCK() - timedelta(days=3),
            )
        )
    decks = draw(st.lists(st.sampled_from(DECKS), max_size=3, unique=True))
    if draw(st.booleans()):
        return states, decks, None
    ids = draw(st.sets(st.sampled_from([item.id for item in ITEMS]), max_size=60))
    return states, decks, frozenset(ids)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(collection=collections())
def test_a_session_on_the_outlines_shows_what_one_on_the_library_shows(
    home: Path, collection: Collection
) -> None:
    states, decks, item_ids = collection
    with_library = workspace(home)
    try:
        request = SessionRequest(with_library.library.select(decks), item_ids=item_ids)
        store = with_library.open_store()
        with store.writing() as session:
            session.exec(delete(ItemState))  # type: ignore[call-overload]
            session.add_all(states)
            session.commit()
        full = with_library.session(request)
        assert with_library.library_loaded
        outlined_workspace = workspace(home)
        try:
            outlined = outlined_workspace.session(request)
            assert not outlined_workspace.library_loaded  # no note decoded but those shown
            assert shown(outlined) == shown(full)
            if full.current is not None:
                assert outlined.current is not None
                mine, theirs = outlined.current, full.current
                assert (mine.note, mine.shape, mine.note_key, mine.deck.title) == (
                    theirs.note,
                    theirs.shape,
                    theirs.note_key,
                    theirs.deck.title,
                )
        finally:
            outlined_workspace.close()
    finally:
        with_library.close()
