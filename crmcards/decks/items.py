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

    A named tuple made by `Item.of`, with its ids worked out once: a large collection has
    100,000 items, and the queue and the counts look at every id."""

    deck: Deck
    note: Note
    variant: str
    kind: ItemKind
    index: int | None  # type: ignore[assignment]  # (hides tuple.index, which nothing uses)
    id: str  # deck/note#variant
    note_key: str  # deck/note: identifies the note, shared by all siblings

    @classmethod
    def of(
        cls, deck: Deck, note: Note, variant: str, kind: ItemKind, index: int | None = None
    ) -> Item:
        note_key = f"{deck.id}/{note.id}"
        return cls(deck, note, variant, kind, index, f"{note_key}#{variant}", note_key)


def expand_note(deck: Deck, note: Note) -> list[Item]:
    if note.type == "basic":
        items = [Item.of(deck, note, "q", "basic")]
        if note.reverse:
            items.append(Item.of(deck, note, "reverse", "reverse"))
        return items
    items = [Item.of(deck, note, "all", WHOLE_KIND[note.type])]
    if note.element_count > 1:
        items.extend(
            Item.of(deck, note, str(n + 1), ELEMENT_KIND[note.type], n)
            for n in range(note.element_count)
        )
    return items


def expand(deck: Deck) -> list[Item]:
    return [item for note in deck.notes for item in expand_note(deck, note)]
