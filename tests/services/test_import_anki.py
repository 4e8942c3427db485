"""Importing what Anki itself writes: .apkg in the current (zstd) and legacy formats, .colpkg,
and "Notes in Plain Text", made by the real Anki (the `anki` package) from a small collection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection

from crmcards.decks.kinds.cloze import Gap
from crmcards.decks.kinds.listing import ListEntry
from crmcards.decks.loader import load_file
from crmcards.decks.model import Deck, Note
from crmcards.services.imports.run import ImportOptions, import_file
from tests.anki_history import export_package


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """An Anki collection with the three standard note types, HTML, tags and two decks."""
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    week = col.decks.id("CRM::Week 6")
    assert week is not None

    def add(notetype: str, deck: int, tags: list[str], **fields: str) -> None:
        model = col.models.by_name(notetype)
        assert model is not None
        note = col.new_note(model)
        for name, value in fields.items():
            note[name.replace("_", " ")] = value
        note.tags = tags
        col.add_note(note, deck)

    add(
        "Basic",
        week,
        ["crm", "week::6"],
        Front="Wat is <b>CRM</b>?",
        Back="Een strategie&nbsp;waarmee een bedrijf relaties optimaliseert.",
    )
    add(
        "Basic",
        week,
        [],
        Front="Drie soorten klantdata",
        Back="<ul><li>basisgegevens</li><li>profielgegevens</li><li>gedragsgegevens</li></ul>",
    )
    add("Basic (and reversed card)", week, [], Front="S-CRM", Back="social CRM")
    add(
        "Basic (optional reversed card)",
        week,
        [],
        Front="DMU",
        Back="Decision Making Unit",
        Add_Reverse="y",
    )
    add(
        "Cloze",
        week,
        ["formule"],
        Text="KW = ({{c1::T}} &times; {{c2::A}} &times; {{c3::P::prijs}}) &minus; {{c4::K}}",
        Back_Extra="De klantwaardeformule",
    )
    add(
        "Basic",
        week,
        [],
        Front='Het logo <img src="logo.png">',
        Back="Stappen:<br>1. identificeren<div>2. differentiëren</div>",
    )
    yield col
    col.close()


def by_front(deck: Deck) -> dict[str, Note]:
    return {note.q or note.id: note for note in deck.notes}


def check_collection_deck(deck: Deck) -> None:
    assert deck.title == "Week 6"
    cards = by_front(deck)
    assert len(cards) == 6
    crm = cards["Wat is CRM?"]
    assert crm.body.a == "Een strategie waarmee een bedrijf relaties optimaliseert."
    assert crm.tags == ("crm", "week::6")
    data = cards["Drie soorten klantdata"]
    assert data.type == "list"
    assert data.body.items == tuple(
        ListEntry(t) for t in ("basisgegevens", "profielgegevens", "gedragsgegevens")
    )
    assert cards["S-CRM"].body.reverse and cards["DMU"].body.reverse and cards["DMU"].extra == ""
    formula = next(note for note in deck.notes if note.type == "cloze")
    assert formula.body.gaps == (Gap("T"), Gap("A"), Gap("P", "prijs"), Gap("K"))
    assert (
        "".join(s if isinstance(s, str) else "_" for s in formula.body.segments)
        == "KW = (_ × _ × _) − _"
    )
    assert formula.extra == "De klantwaardeformule" and formula.tags == ("formule",)
    logo = cards["Het logo [image: logo.png]"]
    assert logo.body.a == "Stappen:\n1. identificeren\n2. differentiëren"


@pytest.mark.parametrize("legacy", [False, True], ids=["current-zstd", "legacy"])
def test_an_apkg_exported_by_anki(tmp_path: Path, collection: Collection, legacy: bool) -> None:
    package = export_package(collection, tmp_path / "anki.apkg", legacy=legacy)
    written = import_file(package, tmp_path / "deck.yaml", ImportOptions())
    assert written.format == "anki" and written.skipped == []
    check_collection_deck(load_file(tmp_path / "deck.yaml"))


@pytest.mark.parametrize("legacy", [False, True], ids=["current-zstd", "legacy"])
def test_a_colpkg_exported_by_anki(tmp_path: Path, collection: Collection, legacy: bool) -> None:
    package = tmp_path / "collection.colpkg"
    collection.export_collection_package(str(package), include_media=True, legacy=legacy)
    import_file(package, tmp_path / "deck.yaml", ImportOptions())
    check_collection_deck(load_file(tmp_path / "deck.yaml"))


def test_notes_in_plain_text_exported_by_anki(tmp_path: Path, collection: Collection) -> None:
    text = tmp_path / "notes.txt"
    collection.export_note_csv(
        out_path=str(text),
        limit=None,
        with_html=True,
        with_tags=True,
        with_deck=True,
        with_notetype=True,
        with_guid=True,
    )
    written = import_file(text, tmp_path / "deck.yaml", ImportOptions())
    assert written.format == "anki-text" and written.skipped == []
    check_collection_deck(load_file(tmp_path / "deck.yaml"))
