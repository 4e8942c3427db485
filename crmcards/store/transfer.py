"""Reads for exports: the review log of some decks, oldest first."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import col, select

from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog


def review_history(store: Store, deck_ids: Collection[str]) -> list[ReviewLog]:
    """Every rating logged for the decks `deck_ids`, in the order they were given."""
    statement = (
        select(ReviewLog)
        .where(col(ReviewLog.deck_id).in_(list(deck_ids)))
        .order_by(col(ReviewLog.id))
    )
    with store.reading() as session:
        return list(session.exec(statement))
