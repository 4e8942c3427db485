"""Suspended cards: set aside by the student (from the card browser) until taken back.

A suspended card appears in no session, no cram and no exam plan, and the home counts leave it
out; `status` and reports count it as suspended. Everything that chooses cards to study takes
them through `studyable`, so no path can forget a suspension.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from crmcards.decks.items import Item
from crmcards.scheduling.queue import S
from crmcards.store.repository import Store
from crmcards.store.suspensions import suspend, unsuspend


def studyable(items: Iterable[S], suspended: Collection[str]) -> list[S]:
    """`items` without the suspended ones, in their order."""
    if not suspended:  # usually: no pass over (100,000) items
        return list(items)
    return [item for item in items if item.id not in suspended]


def set_suspended(store: Store, items: Sequence[Item], suspended: bool, at: datetime) -> None:
    """Suspend `items` (or take them back), durably."""
    if suspended:
        suspend(store, ((item.id, item.deck.id) for item in items), at)
    else:
        unsuspend(store, ((item.id, item.deck.id) for item in items), at)
