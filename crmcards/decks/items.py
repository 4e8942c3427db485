"""Review items: what a student is actually asked. A note expands into one or more items.

Item ids are `deck/note#variant` and are derived from ids and positions only, never from text,
so fixing a typo in a card keeps its review history. See docs/deck-format.md for the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.model import Deck, ItemKind, ItemShape, Note

__all__ = ["Item", "ItemKind", "expand", "expand_note"]


@dataclass(frozen=True)
class Item:
    """One thing to review, with its own schedule; `index` is the element of element kinds."""

    deck: Deck
    note: Note
    variant: str
    kind: ItemKind
    index: int | None = None

    @property
    def id(self) -> str:
        return f"{self.deck.id}/{self.note.id}#{self.variant}"

    @property
    def note_key(self) -> str:
        """Identifies the note, shared by all siblings."""
        return f"{self.deck.id}/{self.note.id}"

    @property
    def shape(self) -> ItemShape:
        return ItemShape(self.variant, self.kind, self.index)


def expand_note(deck: Deck, note: Note) -> list[Item]:
    return [Item(deck, note, s.variant, s.kind, s.index) for s in note.body.shapes()]


def expand(deck: Deck) -> list[Item]:
    return [item for note in deck.notes for item in expand_note(deck, note)]
