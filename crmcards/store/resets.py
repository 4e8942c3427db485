"""Cards put back to new. A reset is an event (table `item_reset`), never a deletion of ratings:
the review log is synced by uid and only ever grows, so a card's state is rebuilt from the ratings
made after its last reset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, func, select

from crmcards.store.tables import ItemReset, ReviewLog


def last_resets(session: Session, item_ids: Sequence[str]) -> dict[str, datetime]:
    """When each of `item_ids` that was ever reset was reset last."""
    if not item_ids:
        return {}
    statement = (
        select(ItemReset.item_id, func.max(ItemReset.reset_at))
        .where(col(ItemReset.item_id).in_(item_ids))
        .group_by(col(ItemReset.item_id))
    )
    return dict(session.exec(statement).all())  # max() keeps the column's type: aware UTC


def since_reset(logs: Sequence[ReviewLog], reset_at: datetime | None) -> list[ReviewLog]:
    """The ratings of one item that count for its state: those after its last reset."""
    if reset_at is None:
        return list(logs)
    return [log for log in logs if log.reviewed_at > reset_at]
