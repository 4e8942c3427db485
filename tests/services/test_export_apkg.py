"""The Anki export, checked with the real Anki (the `anki` package): our .apkg is imported into a
fresh Anki collection, re-exports update instead of duplicating, review history arrives, and
YAML -> apkg -> Anki -> apkg -> YAML keeps every card's text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from crmcards.decks.blocks import Bullets, Paragraph, Section, Span, Table
from crmcards.decks.blocks_html import blocks_html
from crmcards.decks.catalog import Library
from crmcards.decks.content import item_view
from crmcards.decks.items import expand
from crmcards.decks.kinds.basic import Basic
from crmcards.decks.kinds.cloze import ClozeBody, Gap
from crmcards.decks.kinds.listing import ListBody
from crmcards.decks.kinds.parts import PartsBody
from crmcards.decks.kinds.table import TableBody
from crmcards.decks.loader import load_file
from crmcards.decks.model import Deck, Note
from crmcards.decks.plaintext import blocks_text
from crmcards.scheduling.planner import Planner
from crmcards.services.exports.apkg import ANKI_BUTTON, export_apkg, load_progress
from crmcards.services.imports.run import ImportOptions, import_file
from crmcards.store.repository import Store
from tests.anki_history import export_package
from tests.conftest import SAMPLE_DECKS

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[Collection]:
    folder = tmp_path / "anki"
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    yield collection
    collection.close()


def anki_import(collection: Collection, package: Path, *, scheduling: bool = False) -> None:
    collection.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(package),
            options=ImportAnkiPackageOptions(with_scheduling=scheduling),
        )
    )


def anki_notes(collection: Collection) -> dict[str, list[str]]:
    """Every note as its fields, by the item id in its `Item` field."""
    notes = (collection.get_note(nid) for nid in collection.find_notes(""))
    return {note["Item"]: list(note.fields) for note in notes}


def test_html_blocks_are_escaped_and_keep_their_structure() -> None:
    html = blocks_html(
        (
            Paragraph((Span("<script>x</script> & "), Span("B", "strong"), Span("…", "gap"))),
            Bullets(((Span("a"),), (Span("b", "answer"),)), ordered=True),
            Table(("naam", "a<b"), (((Span("x"),), (Span("y\nz", "muted"),)),)),
            Section("Dak", ((Span("klantwaarde"),),)),
        )
    )
    assert html == (
        '<div>&lt;script&gt;x&lt;/script&gt; &amp; <b>B</b><span class="gap">[…]</span></div>'
        '<ol><li>a</li><li><span class="answer">b</span></li></ol>'
        "<table><thead><tr><th>naam</th><th>a&lt;b</th></tr></thead><tbody><tr><td>x</td>"
        '<td><span class="muted">y<br>z</span></td></tr></tbody></table>'
        "<dl><dt>Dak</dt><dd>klantwaarde</dd></dl>"
    )


def test_anki_imports_one_note_per_item_in_the_crmcards_deck(
    tmp_path: Path, library: Library, anki: Collection
) -> None:
    package = tmp_path / "voorbeeld.apkg"
    result = export_apkg(library.decks, package, now=NOW)
    items = library.items()
    assert (result.decks, result.notes) == (1, len(items)) == (1, 24)
    anki_import(anki, package)
    assert anki.note_count() == 24
    assert "crmcards::Voorbeeld" in [d.name for d in anki.decks.all_names_and_ids()]
    notes = anki_notes(anki)
    assert set(notes) == {item.id for item in items}
    front, back, extra, _ = notes["voorbeeld/crm-definitie#q"]
    assert (front, back) == (
        "<div>Wat is CRM?</div>",
        "<div>Een strategie waarmee een bedrijf relaties optimaliseert.</div>",
    )
    assert extra == "<div>Uit de flashcards.</div>"
    table = notes["voorbeeld/personalisatiecontinuum#all"][1]
    assert "<th>flexibiliteit</th>" in table and "<td>Configuratie</td>" in table
    assert "<ol><li>identificeren</li>" in notes["voorbeeld/crm-proces-stappen#all"][1]
    nid = anki.find_notes('"Item:voorbeeld/crm-definitie#q"')[0]
    assert anki.get_note(nid).tags == ["test"]
    assert anki.card_count() == 24


def test_a_re_export_updates_the_notes_in_anki(tmp_path: Path, anki: Collection) -> None:
    source = tmp_path / "decks" / "sample.yaml"
    source.parent.mkdir()
    shutil.copy(SAMPLE_DECKS / "sample.yaml", source)
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    export_apkg([load_file(source)], first, now=NOW)
    anki_import(anki, first)
    source.write_text(
        source.read_text(encoding="utf-8").replace("Wat is CRM?", "Wat is CRM precies?"),
        encoding="utf-8",
    )
    export_apkg([load_file(source)], second, now=NOW + timedelta(minutes=5))
    anki_import(anki, second)
    assert anki.note_count() == 24
    assert anki_notes(anki)["voorbeeld/crm-definitie#q"][0] == "<div>Wat is CRM precies?</div>"


def test_the_review_history_arrives_in_anki(
    tmp_path: Path, library: Library, store: Store, planner: Planner, anki: Collection
) -> None:
    items = {item.id: item for item in library.items()}
    item = items["voorbeeld/crm-definitie#q"]
    state = None
    when = NOW - timedelta(days=10)
    kinds = []  # Anki's review kind, from the state before: 0 learning, 1 review, 2 relearning
    for rating in (1, 3, 4, 5, 4):
        kinds.append({None: 0, 1: 0, 2: 1, 3: 2}[None if state is None else state.state])
        review = planner.review(state, rating, when, duration_ms=4200, note_key=item.note_key)
        store.record(item.id, item.deck.id, item.note_key, review)
        state = review.after
        when = review.after.due
    package = tmp_path / "progress.apkg"
    result = export_apkg(
        library.decks, package, now=NOW, progress=load_progress(store, library.decks)
    )
    assert result.reviews == 5
    anki_import(anki, package, scheduling=True)
    nid = anki.find_notes('"Item:voorbeeld/crm-definitie#q"')[0]
    card = anki.get_note(nid).cards()[0]
    eases = anki.db.list("SELECT ease FROM revlog WHERE cid = ? ORDER BY id", card.id)
    assert eases == [ANKI_BUTTON[r] for r in (1, 3, 4, 5, 4)] == [1, 2, 3, 4, 3]
    assert anki.db.scalar("SELECT count() FROM revlog") == 5
    assert anki.db.list("SELECT time FROM revlog ORDER BY id") == [4200] * 5
    assert anki.db.list("SELECT type FROM revlog ORDER BY id") == kinds
    assert kinds[0] == 0 and kinds[-1] == 1
    assert card.type == 2 and card.reps == 5  # a review card, as in crmcards
    assert state is not None and state.last_review is not None
    days_due = (state.due - state.last_review).days
    assert card.ivl == pytest.approx(days_due, abs=1)


def note_texts(note: Note) -> list[str]:
    """Every piece of text a note holds."""
    texts, body = [note.q, note.extra], note.body
    if isinstance(body, Basic):
        texts.append(body.a)
    elif isinstance(body, ListBody):
        texts += [part for entry in body.items for part in (entry.term, entry.explanation or "")]
    elif isinstance(body, TableBody):
        texts += [*body.columns, *(cell for row in body.rows for cell in row)]
    elif isinstance(body, PartsBody):
        texts += [text for heading, content in body.parts for text in (heading, *content)]
    else:
        assert isinstance(body, ClozeBody)
        texts += [s.answer if isinstance(s, Gap) else s for s in body.segments]
    return [text.strip() for text in texts if text.strip()]


def deck_text(deck: Deck) -> str:
    parts = []
    for item in expand(deck):
        card = item_view(item)
        parts += [blocks_text(card.prompt), blocks_text(card.answer), card.extra]
    return "\n".join(parts)


@pytest.mark.parametrize("legacy", [False, True], ids=["current", "legacy"])
def test_yaml_to_anki_and_back_keeps_every_cards_text(
    tmp_path: Path, library: Library, anki: Collection, legacy: bool
) -> None:
    ours = tmp_path / "ours.apkg"
    export_apkg(library.decks, ours, now=NOW)
    anki_import(anki, ours)
    theirs = export_package(anki, tmp_path / "theirs.apkg", legacy=legacy)
    written = import_file(theirs, tmp_path / "back.yaml", ImportOptions())
    back = load_file(tmp_path / "back.yaml")
    assert len(back.notes) == len(library.items()) == 24
    assert written.skipped == []
    assert back.title == "Voorbeeld"
    haystack = deck_text(back)
    for note in library.decks[0].notes:
        for text in note_texts(note):
            assert text in haystack, (note.id, text)
    assert {n.id for n in back.notes} >= {"crm-definitie-q", "crm-proces-stappen-all"}
    steps = next(n for n in back.notes if n.id == "crm-proces-stappen-all")
    assert (steps.type, steps.body.ordered, len(steps.body.items)) == ("list", True, 5)
    table = next(n for n in back.notes if n.id == "personalisatiecontinuum-all")
    assert table.type == "table" and table.body.columns[0] == "naam" and len(table.body.rows) == 3
    house = next(n for n in back.notes if n.id == "s-crm-huis-all")
    assert house.type == "parts" and house.body.parts[1] == ("Het dak", ("klantwaarde",))
