"""One card's whole story, for its card info: every rating, every reset, whether it is suspended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from crmcards.schedule import Schedule
from crmcards.store.repository import Store
from crmcards.store.tables import ItemReset, ItemState, ReviewLog, Suspension, schedule_of


@dataclass(frozen=True)
class CardHistory:
    state: Schedule | None  # None: new (never studied, or reset since)
    reviews: list[ReviewLog]  # oldest first
    resets: list[datetime]  # oldest first
    suspended_at: datetime | None


def card_history(store: Store, item_id: str) -> CardHistory:
    with store.reading() as session:
        reviews = session.exec(
            select(ReviewLog)
            .where(col(ReviewLog.item_id) == item_id)
            .order_by(col(ReviewLog.reviewed_at), col(ReviewLog.uid))
        ).all()
        resets = session.exec(
            select(ItemReset.reset_at)
            .where(col(ItemReset.item_id) == item_id)
            .order_by(col(ItemReset.reset_at))
        ).all()
        suspension = session.get(Suspension, item_id)
        return CardHistory(
            state=schedule_of(session.get(ItemState, item_id)),
            reviews=list(reviews),
            resets=list(resets),
            suspended_at=None if suspension is None else suspension.suspended_at,
        )
