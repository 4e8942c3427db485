"""Suspended cards: set aside by the student, shown in no session, cram or plan until taken back.

Each change is also kept as an event (SuspensionChange), which a sync sends to the class server
and brings to the student's other devices; of a card's changes the latest decides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from crmcards.store.history_reads import CHUNK
from crmcards.store.repository import Store
from crmcards.store.tables import Suspension, SuspensionChange


def suspend(store: Store, items: Iterable[tuple[str, str]], at: datetime) -> None:
    """Set aside the cards `items` names as (item id, deck id), durably."""
    with store.writing() as session:
        for item_id, deck_id in items:
            session.merge(Suspension(item_id=item_id, deck_id=deck_id, suspended_at=at))
            session.add(
                SuspensionChange(item_id=item_id, deck_id=deck_id, suspended=True, changed_at=at)
            )
        session.commit()


def unsuspend(store: Store, items: Iterable[tuple[str, str]], at: datetime) -> None:
    """Take the cards `items` names as (item id, deck id) back into study."""
    listed = list(items)
    with store.writing() as session:
        for start in range(0, len(listed), CHUNK):
            chunk = [item_id for item_id, _ in listed[start : start + CHUNK]]
            session.execute(delete(Suspension).where(col(Suspension.item_id).in_(chunk)))
        session.add_all(
            SuspensionChange(item_id=item_id, deck_id=deck_id, suspended=False, changed_at=at)
            for item_id, deck_id in listed
        )
        session.commit()


def apply_changes(session: Session, changes: Sequence[SuspensionChange]) -> None:
    """Add `changes` made elsewhere (on another device) and set each card they concern as its
    latest change, here or there, says."""
    session.add_all(changes)
    session.flush()
    for item_id in sorted({change.item_id for change in changes}):
        latest = session.exec(
            select(SuspensionChange)
            .where(col(SuspensionChange.item_id) == item_id)
            .order_by(col(SuspensionChange.changed_at).desc(), col(SuspensionChange.uid).desc())
        ).first()
        if latest is None:  # never: one of `changes` at least
            continue
        current = session.get(Suspension, item_id)
        if latest.suspended and current is None:
            session.add(
                Suspension(item_id=item_id, deck_id=latest.deck_id, suspended_at=latest.changed_at)
            )
        elif not latest.suspended and current is not None:
            session.delete(current)
