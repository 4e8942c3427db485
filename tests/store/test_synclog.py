"""The local side of syncing, without a server: what an undo leaves behind, and merging."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sqlmodel import col, select

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.store.repository import Store
from crmcards.store.suspensions import suspend
from crmcards.store.synclog import (
    Pulled,
    Watermarks,
    claim_unsent,
    confirm_sent,
    merge_pulled,
    set_class,
    unsent_count,
)
from crmcards.store.tables import ReviewLog
from tests.conftest import FakeClock


def rate(store: Store, item: str, rating: int, clock: FakeClock) -> ReviewLog:
    planner = Planner()
    state = store.states([item]).get(item)
    review = planner.review(state, rating, clock(), note_key=item)
    clock.advance(minutes=5)
    return store.record(item, "d", item, review)


def test_undoing_an_unsent_rating_leaves_nothing(store: Store, clock: FakeClock) -> None:
    log = rate(store, "d/a#q", 4, clock)
    assert log.id is not None
    store.undo(log.id)
    outgoing = claim_unsent(store)
    assert (outgoing.reviews, outgoing.retractions) == ([], [])


def test_undoing_a_sent_rating_leaves_a_retraction(store: Store, clock: FakeClock) -> None:
    set_class(store, "class-1")
    sent = rate(store, "d/a#q", 4, clock)
    confirm_sent(store, claim_unsent(store))
    in_flight = rate(store, "d/a#q", 2, clock)
    claim_unsent(store)  # a sync has read it, and may have sent it
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
    # as the server sends it: no schedules, no stage
    exclude = {"id", "previous", "after", "state_before", "interval_before_s"}
    theirs = ReviewLog(**made.model_dump(exclude=exclude))
    pulled = Pulled([theirs], [], [], [], Watermarks(7))
    merged = merge_pulled(store, pulled, partial(replay, Planner()))
    assert (merged.added, merged.items) == (1, 1)
    state = store.states()["d/a#q"]
    assert state.reps == 2 and state.last_review == mine.reviewed_at
    with store.reading() as session:
        logs = session.exec(select(ReviewLog).order_by(col(ReviewLog.reviewed_at))).all()
    # the stage of my rating replayed too: it now follows their 1, which left the card learning
    assert [log.state_before for log in logs] == [0, 1]
    assert unsent_count(store) == 1  # only my own rating is still to be sent
    # merging the same again adds nothing
    assert merge_pulled(store, pulled, partial(replay, Planner())).added == 0


def test_what_a_sync_confirms_is_marked_sent_and_nothing_else(
    store: Store, clock: FakeClock
) -> None:
    rate(store, "d/a#q", 4, clock)
    failed = claim_unsent(store)  # its server never answered: nothing marked
    sending = claim_unsent(store)
    later = rate(store, "d/b#q", 3, clock)  # while the next sync is under way
    confirm_sent(store, sending)
    assert len(failed.reviews) == 1 and unsent_count(store) == 1
    assert [row[0] for row in claim_unsent(store).reviews] == [later.uid]


def test_a_rating_in_the_place_of_one_undone_during_a_sync_is_still_sent(
    store: Store, clock: FakeClock
) -> None:
    set_class(store, "class-1")
    undone = rate(store, "d/a#q", 4, clock)
    sending = claim_unsent(store)
    assert undone.id is not None
    store.undo(undone.id)  # while the sync is under way; the next rating gets its id
    again = rate(store, "d/a#q", 3, clock)
    assert again.id == undone.id
    confirm_sent(store, sending)
    assert [row[0] for row in claim_unsent(store).reviews] == [again.uid]


def test_ratings_written_by_any_path_wait_to_be_sent(store: Store, clock: FakeClock) -> None:
    from sqlalchemy import text

    with store.writing() as session:  # as an import or an older crmcards would add them
        session.execute(
            text(
                "INSERT INTO review_log (uid, item_id, deck_id, note_key, rating, fsrs_rating,"
                " reviewed_at, state_after) VALUES ('u-1', 'd/a#q', 'd', 'd/a', 4, 3,"
                " '2026-09-01 10:00:00.000000', 2)"
            )
        )
        session.commit()
    assert [row[0] for row in claim_unsent(store).reviews] == ["u-1"]


def test_what_waits_to_be_sent_counts_undos_resets_and_suspensions(
    store: Store, clock: FakeClock
) -> None:
    set_class(store, "class-1")
    sent = rate(store, "d/a#q", 4, clock)
    confirm_sent(store, claim_unsent(store))
    assert unsent_count(store) == 0
    assert sent.id is not None
    store.undo(sent.id)
    rate(store, "d/b#q", 3, clock)
    store.reset_to_new("d/b#q", clock.now)
    suspend(store, [("d/c#q", "d")], clock.now)
    outgoing = claim_unsent(store)
    counts = [len(getattr(outgoing, kind)) for kind in ("retractions", "resets", "suspensions")]
    assert (len(outgoing.reviews), counts) == (1, [1, 1, 1])
    assert unsent_count(store) == 4
    confirm_sent(store, outgoing)
    assert unsent_count(store) == 0
    assert claim_unsent(store).count == 0
