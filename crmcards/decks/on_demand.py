"""Review items decoded one at a time, when a study session comes to them.

A session chooses its queue from the decks' outlines (item ids only, crmcards.decks.outline) and
shows a few hundred items of a collection that may have 100,000: decoding every note first
would cost more than everything else before the first card. The items shown are read from the
deck cache, only their own notes decoded, each checked as strictly as a whole deck is; a deck
whose cached data is missing, stale or of the wrong shape is read from its file again, as
`Library.load` would (and its cache entry rewritten).
"""

from __future__ import annotations

from collections.abc import Iterable

from crmcards.decks.cache import CachedNotes, DeckCache
from crmcards.decks.items import Item, expand, expand_note
from crmcards.decks.loader import check_file
from crmcards.decks.outline import DeckOutline


class ItemsOnDemand:
    """The items of the decks in `outlines`, by id, each deck read at most once."""

    def __init__(self, outlines: Iterable[DeckOutline], cache: DeckCache | None) -> None:
        self.paths = {outline.id: outline.path for outline in outlines}
        self.cache = cache
        self._cached: dict[str, CachedNotes | None] = {}
        self._read_again: dict[str, dict[str, Item]] = {}  # decks read from their files
        self._items: dict[str, Item] = {}

    def item(self, item_id: str) -> Item | None:
        """The item `item_id`; None when its deck has no such item (any more: the deck was
        edited, or it broke, since its outline was read)."""
        known = self._items.get(item_id)
        if known is not None:
            return known
        deck_id, _, rest = item_id.partition("/")
        if deck_id not in self.paths:
            return None
        found = self._decoded(deck_id, rest.partition("#")[0], item_id)
        if found is None:
            found = self._from_file(deck_id).get(item_id)
        if found is not None:
            self._items[item_id] = found
        return found

    def _decoded(self, deck_id: str, note_id: str, item_id: str) -> Item | None:
        """The item as the deck cache has it, its note alone decoded; None if it cannot."""
        if deck_id in self._read_again:
            return None
        if deck_id not in self._cached:
            self._cached[deck_id] = (
                None if self.cache is None else self.cache.get_notes(self.paths[deck_id])
            )
        cached = self._cached[deck_id]
        note = None if cached is None else cached.note(note_id)
        if cached is None or note is None:
            return None
        return next((item for item in expand_note(cached.info, note) if item.id == item_id), None)

    def _from_file(self, deck_id: str) -> dict[str, Item]:
        """Every item of the deck, parsed from its file (none if it no longer loads): the
        cache did not have the item, so its entry is not trusted but rewritten."""
        if deck_id not in self._read_again:
            path = self.paths[deck_id]
            deck, _problems = check_file(path)
            if deck is not None and self.cache is not None:
                self.cache.put(path, deck)
            self._read_again[deck_id] = {} if deck is None else {i.id: i for i in expand(deck)}
        return self._read_again[deck_id]
