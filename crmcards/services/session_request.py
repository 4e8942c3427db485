"""What a student asked to study. Light on purpose: the home screen builds one before the
database layer is even imported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import TypeVar

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.decks.model import Deck, DeckInfo
from crmcards.decks.outline import DeckOutline, ItemRef

Chosen = TypeVar("Chosen", Deck, DeckOutline)


@dataclass(frozen=True)
class SessionRequest:
    """What a student asked to study: some decks (all when empty; a library's decks or their
    outlines, as `select` gives them), optionally only one tag, or only the cards `item_ids`
    names (the cards found in the browser)."""

    decks: tuple[DeckInfo | DeckOutline, ...] = ()
    tag: str | None = None
    cram: bool = False
    typed: bool = False
    exam_date: date | None = None  # study toward this exam instead of the settings' one
    item_ids: frozenset[str] | None = None

    def _chosen(self, decks: Sequence[Chosen]) -> list[Chosen]:
        """The decks asked for among `decks` (by id, in the order asked), or all of them."""
        if not self.decks:
            return list(decks)
        by_id = {deck.id: deck for deck in decks}
        return [by_id[deck.id] for deck in self.decks if deck.id in by_id]

    def items(self, library: Library) -> list[Item]:
        items = library.items(self._chosen(library.decks))
        if self.item_ids is not None:
            items = [i for i in items if i.id in self.item_ids]
        if self.tag is None:
            return items
        return [i for i in items if self.tag in i.note.tags or self.tag in i.deck.tags]

    def outline_items(self, outlines: Sequence[DeckOutline]) -> list[ItemRef]:
        """The ids `items` gives, from the decks' outlines: no note decoded. Not for a
        request with a tag (a card's tags are in its note)."""
        assert self.tag is None, "a tag is chosen from the notes: use items()"
        refs = list(chain.from_iterable(outline.items for outline in self._chosen(outlines)))
        if self.item_ids is not None:
            refs = [ref for ref in refs if ref.id in self.item_ids]
        return refs
