"""Suspended cards: set aside by the student, shown in no session, cram or plan until taken back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select

from crmcards.store.repository import CHUNK, Store
from crmcards.store.tables import Suspension


def suspend(store: Store, items: Iterable[tuple[str, str]], at: datetime) -> None:
    """Set aside the cards `items` names as (item id, deck id), durably."""
    with store.writing() as session:
        for item_id, deck_id in items:
            session.merge(Suspension(item_id=item_id, deck_id=deck_id, suspended_at=at))
        session.commit()


def unsuspend(store: Store, item_ids: Iterable[str]) -> None:
    """Take the cards back into study."""
    ids = list(item_ids)
    with store.writing() as session:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            session.execute(delete(Suspension).where(col(Suspension.item_id).in_(chunk)))
        session.commit()


def suspended_ids(store: Store) -> set[str]:
    """The ids of every suspended card."""
    with store.reading() as session:
        return set(session.exec(select(Suspension.item_id)))
