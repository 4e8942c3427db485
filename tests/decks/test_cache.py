"""The parsed-deck cache: used when a deck file is unchanged, never trusted otherwise."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import crmcards.decks.cache as cache_module
from crmcards.decks import loader
from crmcards.decks.cache import DeckCache
from crmcards.decks.catalog import Library, load_outlines
from crmcards.decks.model import Deck
from crmcards.locations import bundled_decks_dir
from tests.conftest import SAMPLE_DECKS, RunCli


def parse_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, parsing any YAML fails the test: whatever loads came from the cache."""

    def refuse(text: str) -> None:
        raise AssertionError("the deck was parsed again")

    monkeypatch.setattr(loader, "parse", refuse)


def same_deck(a: Deck, b: Deck) -> bool:
    fields = ("id", "title", "path", "notes", "language", "source", "description", "tags")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def entries(cache: DeckCache) -> list[Path]:
    """The cached decks (not their outlines)."""
    return sorted(p for p in cache.folder.glob("*.json") if p not in outline_entries(cache))


def outline_entries(cache: DeckCache) -> list[Path]:
    return sorted(cache.folder.glob("*.outline.json"))


def test_an_unchanged_deck_comes_back_from_the_cache_exactly(
    deck_dir: Path, cache: DeckCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [bundled_decks_dir(), deck_dir]  # every kind of card and field is in these
    parsed = Library.load(folders, cache)
    parse_forbidden(monkeypatch)
    cached = Library.load(folders, cache)
    assert len(cached.decks) == len(parsed.decks) == len(entries(cache))
    assert all(same_deck(a, b) for a, b in zip(parsed.decks, cached.decks, strict=True))
    assert [i.id for i in cached.items()] == [i.id for i in parsed.items()]


def test_an_edited_deck_is_read_again(deck_dir: Path, cache: DeckCache) -> None:
    deck = deck_dir / "sample.yaml"
    before = Library.load([deck_dir], cache).decks[0]
    text = deck.read_text(encoding="utf-8")
    # the same size and the same modification time as before: only the content differs
    stat = deck.stat()
    deck.write_text(text.replace("Wat is CRM?", "Wat is XYZ?"), encoding="utf-8")
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    after = Library.load([deck_dir], cache).decks[0]
    assert "Wat is CRM?" in [n.q for n in before.notes]
    assert "Wat is XYZ?" in [n.q for n in after.notes]
    assert "Wat is CRM?" not in [n.q for n in after.notes]

    deck.write_text(text + "  - id: nieuw\n    q: Nieuwe vraag?\n    a: Ja.\n", encoding="utf-8")
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an older time, a new size
    assert Library.load([deck_dir], cache).decks[0].notes[-1].id == "nieuw"


def test_a_deck_that_breaks_is_reported_not_served_from_the_cache(
    deck_dir: Path, cache: DeckCache
) -> None:
    Library.load([deck_dir], cache)
    (deck_dir / "sample.yaml").write_text("deck: Kapot\ncards: [\n", encoding="utf-8")
    library = Library.load([deck_dir], cache)
    assert library.decks == ()
    assert [p.path.name for p in library.skipped] == ["sample.yaml"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: data.replace(b"Wat is CRM?", b"Wat is BAD?"),  # the digest no longer fits
        lambda data: b"\x00\xff garbage \n\x80\x81",
        lambda data: b"[1, 2]\n{}",
    ],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    deck_dir: Path, cache: DeckCache, damage: object
) -> None:
    expected = Library.load([deck_dir], cache).decks[0]
    (entry,) = entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    again = Library.load([deck_dir], cache).decks[0]
    assert same_deck(again, expected)
    assert cache.get(deck_dir / "sample.yaml") is not None  # rewritten, usable again


def rewrite_body(entry: Path, change: object) -> None:
    """Change the cached data and make the digest fit: the cache looks sound but is not."""
    import hashlib

    header, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    change(data)  # type: ignore[operator]
    new_body = json.dumps(data).encode()
    key = json.loads(header) | {"sha256": hashlib.sha256(new_body).hexdigest()}
    entry.write_bytes(json.dumps(key).encode() + b"\n" + new_body)


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["notes"][0].__setitem__(1, "not a line number"),
        lambda data: data["notes"][0].__setitem__(6, "no-such-type"),
        lambda data: data["notes"][0].pop(),
        lambda data: data.__setitem__("notes", {"a": 1}),
        lambda data: data.pop("title"),
        lambda data: data["notes"][2][7].__setitem__(0, [["term", 5]]),
        lambda data: data["notes"][2][7].__setitem__(0, [["only one"]]),
        lambda data: data.__setitem__("tags", "crm"),
    ],
)
def test_cached_data_of_the_wrong_shape_is_never_used(
    deck_dir: Path, cache: DeckCache, change: object
) -> None:
    expected = Library.load([deck_dir], cache).decks[0]
    (entry,) = entries(cache)
    rewrite_body(entry, change)
    assert cache.get(deck_dir / "sample.yaml") is None
    assert same_deck(Library.load([deck_dir], cache).decks[0], expected)


def test_a_cache_of_another_crmcards_version_is_stale(
    deck_dir: Path, cache: DeckCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.load([deck_dir], cache)
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    assert cache.get(deck_dir / "sample.yaml") is None


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(
    deck_dir: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    library = Library.load([deck_dir], DeckCache(blocked / "decks"))
    assert library.decks[0].id == "voorbeeld"


def test_commands_see_an_edited_deck(
    crmcards: RunCli,
    home: Path,
) -> None:
    folder = home / "decks"
    folder.mkdir(parents=True)
    deck = folder / "sample.yaml"
    shutil.copyfile(SAMPLE_DECKS / "sample.yaml", deck)

    def sample_cards() -> int:
        code, out, _ = crmcards("status", "--json")
        assert code == 0
        (sample,) = (d for d in json.loads(out)["decks"] if d["id"] == "voorbeeld")
        return int(sample["cards"])

    before = sample_cards()
    assert entries(DeckCache(home / "cache" / "decks"))  # the first run filled the cache
    deck.write_text(
        deck.read_text(encoding="utf-8") + "  - id: nieuw\n    q: Nieuwe vraag?\n    a: Ja.\n",
        encoding="utf-8",
    )
    assert sample_cards() == before + 1


def decoding_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, decoding a cached deck fails the test too."""

    def refuse(value: object, path: Path) -> None:
        raise AssertionError("a deck's notes were decoded")

    monkeypatch.setattr(cache_module, "decode_deck", refuse)


def test_outlines_come_from_the_cache_without_decoding_a_note(
    deck_dir: Path, cache: DeckCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [bundled_decks_dir(), deck_dir]
    library = Library.load(folders, cache)
    parse_forbidden(monkeypatch)
    decoding_forbidden(monkeypatch)
    outlines, skipped = load_outlines(folders, cache)
    assert outlines == library.outlines and skipped == ()
    assert len(outline_entries(cache)) == len(library.decks)


def test_an_edited_deck_gets_a_new_outline(deck_dir: Path, cache: DeckCache) -> None:
    deck = deck_dir / "sample.yaml"
    (before,), _ = load_outlines([deck_dir], cache)
    text = deck.read_text(encoding="utf-8")
    stat = deck.stat()
    deck.write_text(text.replace("- id: crm-definitie", "- id: crm-def"), encoding="utf-8")
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    (after,), _ = load_outlines([deck_dir], cache)
    assert "voorbeeld/crm-definitie#q" in before.item_ids
    assert after.item_ids == Library.load([deck_dir]).outlines[0].item_ids
    assert "voorbeeld/crm-def#q" in after.item_ids


def test_a_deck_that_breaks_has_no_outline(deck_dir: Path, cache: DeckCache) -> None:
    load_outlines([deck_dir], cache)
    (deck_dir / "sample.yaml").write_text("deck: Kapot\ncards: [\n", encoding="utf-8")
    outlines, skipped = load_outlines([deck_dir], cache)
    assert outlines == ()
    assert [p.path.name for p in skipped] == ["sample.yaml"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"crm-definitie", b"crm-definitio"),  # the digest no longer fits
    ],
)
def test_a_damaged_outline_is_ignored_and_rewritten(
    deck_dir: Path, cache: DeckCache, damage: object
) -> None:
    (expected,), _ = load_outlines([deck_dir], cache)
    (entry,) = outline_entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert cache.get_outline(deck_dir / "sample.yaml") is None
    (again,), _ = load_outlines([deck_dir], cache)
    assert again == expected
    assert cache.get_outline(deck_dir / "sample.yaml") == expected  # rewritten


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["items"].append(7),
        lambda data: data.__setitem__("items", "voorbeeld/crm-definitie#q"),
        lambda data: data.pop("title"),
    ],
)
def test_an_outline_of_the_wrong_shape_is_never_used(
    deck_dir: Path, cache: DeckCache, change: object
) -> None:
    (expected,), _ = load_outlines([deck_dir], cache)
    (entry,) = outline_entries(cache)
    rewrite_body(entry, change)
    assert cache.get_outline(deck_dir / "sample.yaml") is None
    assert load_outlines([deck_dir], cache)[0] == (expected,)
