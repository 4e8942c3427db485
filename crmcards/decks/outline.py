"""A deck's outline: its id, title and item ids, without its notes.

Counting where a student stands (`status`) needs no card text: only which items each deck has.
Decoding 25,000 notes to learn that costs far more than the counting itself, so the deck cache
keeps each deck's outline in a small file of its own (crmcards.decks.cache)."""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.items import expand
from crmcards.decks.model import Deck


@dataclass(frozen=True)
class DeckOutline:
    id: str
    title: str
    item_ids: tuple[str, ...]  # in deck order, as `expand` gives the items

    @classmethod
    def of(cls, deck: Deck) -> DeckOutline:
        return cls(deck.id, deck.title, tuple(item.id for item in expand(deck)))
