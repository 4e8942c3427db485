"""Finding cards: by text, tag, kind and study state, as `crmcards cards` filters them.

Text matching folds case and accents (as type-the-answer does), so "differentieren" finds
"differentiëren". The study states need the database: they are looked up only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from crmcards.decks.content import item_view
from crmcards.decks.items import Item
from crmcards.decks.plaintext import blocks_text
from crmcards.services.typed_answer import normalise

if TYPE_CHECKING:
    from crmcards.store.repository import Store

STATES = ("new", "due", "learning", "leech", "mastered", "flagged")


@dataclass(frozen=True)
class CardQuery:
    text: str | None = None
    tag: str | None = None
    kind: str | None = None
    state: str | None = None  # one of STATES


def searchable_text(item: Item) -> str:
    card = item_view(item)
    return normalise(f"{blocks_text(card.prompt)} {blocks_text(card.answer)} {card.extra}")


def _state_test(
    state: str, store: Store, now: datetime, leech_lapses: int
) -> Callable[[Item], bool]:
    from crmcards.scheduling.mastery import is_mastered
    from crmcards.scheduling.queue import is_learning
    from crmcards.store.flags import all_flags

    states = store.states()
    if state == "flagged":
        flagged = {flag.item_id for flag in all_flags(store)}
        return lambda item: item.id in flagged
    tests: dict[str, Callable[[Item], bool]] = {
        "new": lambda item: item.id not in states,
        "due": lambda item: item.id in states and states[item.id].due <= now,
        "learning": lambda item: is_learning(states.get(item.id)),
        "leech": lambda item: item.id in states and states[item.id].lapses >= leech_lapses,
        "mastered": lambda item: is_mastered(states.get(item.id)),
    }
    return tests[state]


def search(
    items: Sequence[Item],
    query: CardQuery,
    *,
    store: Store | None = None,
    now: datetime | None = None,
    leech_lapses: int = 6,
) -> list[Item]:
    """The items matching every part of `query`; a state needs `store` and `now`."""
    words = normalise(query.text).split() if query.text else []
    in_state: Callable[[Item], bool] = lambda item: True  # noqa: E731
    if query.state is not None:
        if query.state not in STATES:
            raise ValueError(f"unknown state {query.state!r}")
        assert store is not None and now is not None, "a state filter needs the database"
        in_state = _state_test(query.state, store, now, leech_lapses)
    return [
        item
        for item in items
        if (query.tag is None or query.tag in (*item.note.tags, *item.deck.tags))
        and (query.kind is None or item.kind == query.kind)
        and (not words or all(w in searchable_text(item) for w in words))
        and in_state(item)
    ]
