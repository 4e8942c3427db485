"""Items decoded one by one from the deck cache (decks.on_demand): the same items a library
has, only their own notes decoded, and never anything the cache got wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import crmcards.decks.cache as cache_module
from crmcards.decks.cache import DeckCache
from crmcards.decks.catalog import Library, load_outlines
from crmcards.decks.items import Item
from crmcards.decks.on_demand import ItemsOnDemand
from tests.decks.test_cache import entries, parse_forbidden, rewrite_body


def on_demand(deck_dir: Path, cache: DeckCache) -> ItemsOnDemand:
    outlines, _ = load_outlines([deck_dir], cache)
    return ItemsOnDemand(outlines, cache)


def same_item(a: Item | None, b: Item) -> bool:
    return a is not None and (a.id, a.note, a.shape, a.deck.id, a.deck.title, a.deck.path) == (
        b.id,
        b.note,
        b.shape,
        b.deck.id,
        b.deck.title,
        b.deck.path,
    )


def test_each_item_is_the_librarys_with_only_its_own_note_decoded(
    deck_dir: Path, cache: DeckCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library.load([deck_dir], cache)
    items = on_demand(deck_dir, cache)
    parse_forbidden(monkeypatch)
    decoded: list[object] = []
    decode_note = cache_module._decode_note
    monkeypatch.setattr(
        cache_module, "_decode_note", lambda value: decoded.append(value) or decode_note(value)
    )
    first, *others = library.items()
    assert same_item(items.item(first.id), first)
    assert len(decoded) == 1  # one note of the deck's 8
    assert all(same_item(items.item(item.id), item) for item in others)
    assert len(decoded) == len(library.decks[0].notes)  # each note once, for all its items
    assert items.item("no-such-deck/a#q") is None
    monkeypatch.undo()  # a card the cache does not have: the deck file is read to be sure
    assert items.item("voorbeeld/no-such-card#q") is None


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["notes"][0].__setitem__(1, "not a line number"),
        lambda data: data["notes"][0].__setitem__(6, "no-such-type"),
        lambda data: data["notes"][0].pop(),
        lambda data: data["notes"].pop(0),  # the note is missing
        lambda data: data.__setitem__("tags", "crm"),
    ],
)
def test_a_cached_note_of_the_wrong_shape_is_never_used(
    deck_dir: Path, cache: DeckCache, change: object
) -> None:
    expected = Library.load([deck_dir], cache).items()[0]
    items = on_demand(deck_dir, cache)
    (entry,) = entries(cache)
    rewrite_body(entry, change)
    assert same_item(items.item(expected.id), expected)  # read from the deck file again
    assert cache.get(deck_dir / "sample.yaml") is not None  # and the cache rewritten


def test_a_deck_edited_or_broken_since_its_outline_is_read_again(
    deck_dir: Path, cache: DeckCache
) -> None:
    deck = deck_dir / "sample.yaml"
    old = Library.load([deck_dir], cache).items()
    edited, broken = on_demand(deck_dir, cache), on_demand(deck_dir, cache)
    text, stat = deck.read_text(encoding="utf-8"), deck.stat()
    deck.write_text(text.replace("Wat is CRM?", "Wat is CRM nu?"), encoding="utf-8")
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    changed = edited.item(old[0].id)
    assert changed is not None and changed.note.q == "Wat is CRM nu?"
    deck.write_text("deck: Kapot\ncards: [\n", encoding="utf-8")
    assert broken.item(old[0].id) is None  # a deck that no longer loads shows nothing
