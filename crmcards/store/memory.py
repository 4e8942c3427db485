"""Reads and writes for the personal memory model: the review log as fitting needs it, and the
saved parameters per profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlmodel import col, func, select, update

from crmcards.store.repository import Rebuild, Store
from crmcards.store.synclog import rebuild_items
from crmcards.store.tables import ItemState, MemoryParameters, ReviewLog


def review_history(store: Store) -> list[tuple[str, int, datetime]]:
    """Every logged rating as (item id, raw rating, time), in the order they were made."""
    statement = select(ReviewLog.item_id, ReviewLog.rating, ReviewLog.reviewed_at).order_by(
        col(ReviewLog.id)
    )
    with store.reading() as session:
        return [(item_id, rating, at) for item_id, rating, at in session.exec(statement)]


def review_count(store: Store) -> int:
    with store.reading() as session:
        return session.exec(select(func.count()).select_from(ReviewLog)).one()


def saved_parameters(store: Store, profile: str) -> MemoryParameters | None:
    with store.reading() as session:
        return session.get(MemoryParameters, profile)


def save_parameters_and_states(
    store: Store, row: MemoryParameters, states: Mapping[str, tuple[float, float]]
) -> None:
    """Save new parameters together with the (stability, difficulty) they give each item, in
    one transaction; due dates stay as they are."""
    with store.writing() as session:
        session.merge(row)
        for item_id, (stability, difficulty) in states.items():
            session.exec(
                update(ItemState)
                .where(col(ItemState.item_id) == item_id)
                .values(stability=stability, difficulty=difficulty)
            )
        session.commit()


def typical_durations(store: Store, longest_ms: int = 120_000) -> tuple[float | None, float | None]:
    """Mean seconds for introducing a new item and for a review (pauses longer than
    `longest_ms` left out); None where the log has none."""
    duration = col(ReviewLog.duration_ms)
    statement = (
        select(col(ReviewLog.previous).is_(None), func.avg(duration))
        .where(duration.is_not(None), duration <= longest_ms)
        .group_by(col(ReviewLog.previous).is_(None))
    )
    with store.reading() as session:
        means = {bool(new): ms for new, ms in session.exec(statement)}
    new, review = means.get(True), means.get(False)
    return (None if new is None else new / 1000, None if review is None else review / 1000)


def add_history(store: Store, reviews: Sequence[ReviewLog], rebuild: Rebuild) -> tuple[int, int]:
    """Add ratings brought from elsewhere (another tool's log) that are not in the log yet, and
    rebuild the state of every item that got some: one transaction. Returns (ratings added,
    items rebuilt); a rating whose uid is already here is not added again."""
    with store.writing() as session:
        present: set[str] = set()
        uids = [r.uid for r in reviews]
        for start in range(0, len(uids), 500):  # stay under SQL parameter limits
            chunk = uids[start : start + 500]
            present.update(session.exec(select(ReviewLog.uid).where(col(ReviewLog.uid).in_(chunk))))
        added = [r for r in reviews if r.uid not in present]
        session.add_all(added)
        session.flush()
        items = sorted({r.item_id for r in added})
        rebuild_items(session, items, rebuild)
        session.commit()
        return len(added), len(items)
