"""Review items: what a student is actually asked. A note expands into one or more items.

Item ids are `deck/note#variant` and are derived from ids and positions only, never from text,
so fixing a typo in a card keeps its review history. See docs/deck-format.md for the table.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from crmcards.decks.model import Deck, Note

ItemKind = Literal[
    "basic",
    "reverse",
    "list",
    "list-item",
    "table",
    "table-row",
    "parts",
    "part",
    "cloze",
    "cloze-gap",
]

WHOLE_KIND: dict[str, ItemKind] = {
    "list": "list",
    "table": "table",
    "parts": "parts",
    "cloze": "cloze",
}
ELEMENT_KIND: dict[str, ItemKind] = {
    "list": "list-item",
    "table": "table-row",
    "parts": "part",
    "cloze": "cloze-gap",
}


class Item(NamedTuple):
    """One thing to review, with its own schedule; `index` is the element of element kinds.

    A named tuple rather than a frozen dataclass: a large collection has 100,000 items, and a
    tuple is made three times faster."""

    deck: Deck
    note: Note
    variant: str
    kind: ItemKind
    index: int | None = None  # type: ignore[assignment]  # (hides tuple.index, unused)

    @property
    def id(self) -> str:
        return f"{self.deck.id}/{self.note.id}#{self.variant}"

    @property
    def note_key(self) -> str:
        """Identifies the note, shared by all siblings."""
        return f"{self.deck.id}/{self.note.id}"


def expand_note(deck: Deck, note: Note) -> list[Item]:
    if note.type == "basic":
        items = [Item(deck, note, "q", "basic")]
        if note.reverse:
            items.append(Item(deck, note, "reverse", "reverse"))
        return items
    items = [Item(deck, note, "all", WHOLE_KIND[note.type])]
    if note.element_count > 1:
        items.extend(
            Item(deck, note, str(n + 1), ELEMENT_KIND[note.type], n)
            for n in range(note.element_count)
        )
    return items


def expand(deck: Deck) -> list[Item]:
    return [item for note in deck.notes for item in expand_note(deck, note)]
