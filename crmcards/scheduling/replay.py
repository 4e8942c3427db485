"""An item's FSRS state rebuilt from its review log: what a sync does for every item whose log
changed (ratings from another device, or a rating undone there)."""

from __future__ import annotations

from collections.abc import Sequence

from crmcards.scheduling.planner import Planner
from crmcards.store.snapshots import snapshot
from crmcards.store.tables import ItemState, ReviewLog


def replay(planner: Planner, logs: Sequence[ReviewLog]) -> ItemState | None:
    """The state the ratings in `logs` (one item's, in any order) lead to: applied in the order
    they were made (uid breaks ties, the same on every device). Each log's `previous`, `after`,
    `state_after` and `fsrs_rating` are set to match. None when there are no ratings."""
    state: ItemState | None = None
    for log in sorted(logs, key=lambda log: (log.reviewed_at, log.uid)):
        review = planner.review(
            item_id=log.item_id,
            deck_id=log.deck_id,
            note_key=log.note_key,
            state=state,
            rating=log.rating,
            now=log.reviewed_at,
            duration_ms=log.duration_ms,
            uid=log.uid,
        )
        log.previous = None if state is None else snapshot(state)
        log.after = snapshot(review.state)
        log.state_after = review.log.state_after
        log.fsrs_rating = review.log.fsrs_rating
        state = review.state
    return state
