"""What a student asked to study. Light on purpose: the home screen builds one before the
database layer is even imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.decks.model import Deck


@dataclass(frozen=True)
class SessionRequest:
    """What a student asked to study: some decks (all when empty), optionally only one tag,
    or only the cards `item_ids` names (the cards found in the browser)."""

    decks: tuple[Deck, ...] = ()
    tag: str | None = None
    cram: bool = False
    typed: bool = False
    exam_date: date | None = None  # study toward this exam instead of the settings' one
    item_ids: frozenset[str] | None = None

    def items(self, library: Library) -> list[Item]:
        items = library.items(self.decks or None)
        if self.item_ids is not None:
            items = [i for i in items if i.id in self.item_ids]
        if self.tag is None:
            return items
        return [i for i in items if self.tag in i.note.tags or self.tag in i.deck.tags]
