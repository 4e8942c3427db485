"""A deck's outline: its id, title and item ids, without its notes.

Counting where a student stands (`status`) and choosing a session's queue need no card text:
only which items each deck has. Decoding 25,000 notes to learn that costs far more than the
counting itself, so the deck cache keeps each deck's outline in a small file of its own
(crmcards.decks.cache), and a session decodes only the notes it shows (crmcards.decks.on_demand).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from crmcards.collector import collector_paused
from crmcards.decks.items import expand, note_key_of
from crmcards.decks.model import Deck


@dataclass(frozen=True)
class DeckOutline:
    id: str
    title: str
    item_ids: tuple[str, ...]  # in deck order, as `expand` gives the items
    path: Path  # the deck file (the cache keeps the outline by it, not in it)

    @classmethod
    def of(cls, deck: Deck) -> DeckOutline:
        return cls(deck.id, deck.title, tuple(item.id for item in expand(deck)), deck.path)

    @cached_property
    def items(self) -> tuple[ItemRef, ...]:
        """Each item by its id alone, in deck order: what a session's queue is chosen from.
        Made as plain tuples (no Python call per item: a large deck has thousands), without
        the cycle collector (which would walk every object of the program a few times); they
        live as long as their outline, which lives as long as the program."""
        with collector_paused(kept=True):
            return tuple(map(tuple.__new__, repeat(ItemRef), zip(repeat(self), self.item_ids)))


class ItemRef(NamedTuple):
    """An item known only by its id and its deck's outline: enough to choose a queue
    (crmcards.scheduling.queue); the items shown are decoded from it (decks.on_demand)."""

    deck: DeckOutline
    id: str

    @property
    def note_key(self) -> str:
        return note_key_of(self.id)
