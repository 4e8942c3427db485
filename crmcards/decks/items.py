"""Review items: what a student is actually asked. A note expands into one or more items.

Item ids are `deck/note#variant` and are derived from ids and positions only, never from text,
so fixing a typo in a card keeps its review history. See docs/deck-format.md for the table.
"""

from __future__ import annotations

from typing import NamedTuple

from crmcards.decks.model import Deck, DeckInfo, ItemKind, ItemShape, Note

__all__ = ["Item", "ItemKind", "expand", "expand_note"]


class Item(NamedTuple):
    """One thing to review, with its own schedule; `index` is the element of element kinds.

    A named tuple made by `Item.of`, with its ids worked out once: a large collection has
    100,000 items, and the queue and the counts look at every id."""

    deck: DeckInfo
    note: Note
    variant: str
    kind: ItemKind
    index: int | None  # type: ignore[assignment]  # (hides tuple.index, which nothing uses)
    id: str  # deck/note#variant
    note_key: str  # deck/note: identifies the note, shared by all siblings

    @classmethod
    def of(
        cls, deck: DeckInfo, note: Note, variant: str, kind: ItemKind, index: int | None = None
    ) -> Item:
        note_key = f"{deck.id}/{note.id}"
        return cls(deck, note, variant, kind, index, f"{note_key}#{variant}", note_key)

    @property
    def shape(self) -> ItemShape:
        return ItemShape(self.variant, self.kind, self.index)


def note_key_of(item_id: str) -> str:
    """The note key in an item id (`deck/note#variant`: deck and note ids never hold a '#')."""
    return item_id.partition("#")[0]


def expand_note(deck: DeckInfo, note: Note) -> list[Item]:
    note_key = f"{deck.id}/{note.id}"
    return [
        Item(deck, note, variant, kind, index, f"{note_key}#{variant}", note_key)
        for variant, kind, index in note.body.shapes()
    ]


def expand(deck: Deck) -> list[Item]:
    return [item for note in deck.notes for item in expand_note(deck, note)]


def item_count(deck: Deck) -> int:
    """How many items `expand` makes of `deck`, without making them (lint's summary)."""
    return sum(len(note.body.shapes()) for note in deck.notes)
