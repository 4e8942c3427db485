"""The local side of syncing, without a server: what an undo leaves behind, and merging."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.store.repository import Store
from crmcards.store.synclog import claim_unsent, confirm_sent, merge_pulled, unsent_count
from crmcards.store.tables import ReviewLog
from tests.conftest import FakeClock


def rate(store: Store, item: str, rating: int, clock: FakeClock) -> ReviewLog:
    planner = Planner()
    state = store.states([item]).get(item)
    review = planner.review(
        item_id=item, deck_id="d", note_key=item, state=state, rating=rating, now=clock()
    )
    clock.advance(minutes=5)
    return store.record(review.state, review.log, expected=state)


def test_undoing_an_unsent_rating_leaves_nothing(store: Store, clock: FakeClock) -> None:
    log = rate(store, "d/a#q", 4, clock)
    assert log.id is not None
    store.undo(log.id)
    outgoing = claim_unsent(store)
    assert (outgoing.reviews, outgoing.retractions) == ([], [])


def test_undoing_a_sent_rating_leaves_a_retraction(store: Store, clock: FakeClock) -> None:
    sent = rate(store, "d/a#q", 4, clock)
    confirm_sent(store, claim_unsent(store))
    in_flight = rate(store, "d/a#q", 2, clock)
    claim_unsent(store)  # a sync has taken it, and may have sent it
    for log in (in_flight, sent):
        assert log.id is not None
        store.undo(log.id)
    outgoing = claim_unsent(store)
    assert outgoing.reviews == []
    assert {r.review_uid for r in outgoing.retractions} == {sent.uid, in_flight.uid}
    assert store.states() == {}


def test_merging_rebuilds_the_state_from_the_whole_log(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    mine = rate(store, "d/a#q", 4, clock)
    elsewhere = Store.open(home=tmp_path / "other")
    try:
        earlier = FakeClock(clock.now.replace(year=clock.now.year - 1))
        made = rate(elsewhere, "d/a#q", 1, earlier)
    finally:
        elsewhere.close()
    theirs = ReviewLog(**made.model_dump(exclude={"id", "sync", "previous", "after"}))
    merged = merge_pulled(store, [theirs], [], (7, 0), partial(replay, Planner()))
    assert (merged.added, merged.items) == (1, 1)
    state = store.states()["d/a#q"]
    assert state.reps == 2 and state.last_review == mine.reviewed_at
    assert unsent_count(store) == 1  # only my own rating is still to be sent
    # merging the same again adds nothing
    assert merge_pulled(store, [theirs], [], (7, 0), partial(replay, Planner())).added == 0


def test_a_sync_that_goes_through_ends_every_earlier_one_under_way(
    store: Store, clock: FakeClock
) -> None:
    rate(store, "d/a#q", 4, clock)
    failed = claim_unsent(store)  # its server never answered
    confirm_sent(store, claim_unsent(store))  # the next sync sends it again, and goes through
    assert failed.reviews and unsent_count(store) == 0
    unsent = rate(store, "d/a#q", 3, clock)
    assert unsent.id is not None
    store.undo(unsent.id)  # no sync under way any more: nothing to tell the server
    assert claim_unsent(store).retractions == []
