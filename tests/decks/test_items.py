from __future__ import annotations

from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.decks.content import item_view
from crmcards.decks.items import Item, expand, item_count
from crmcards.decks.loader import load_file
from crmcards.decks.plaintext import blocks_text
from crmcards.locations import bundled_decks_dir
from tests.conftest import SAMPLE_DECKS


def ids_by_note(library: Library) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for item in library.items():
        result.setdefault(item.note.id, []).append(item.id.split("#")[1])
    return result


def test_each_kind_expands_into_whole_and_element_items(library: Library) -> None:
    assert ids_by_note(library) == {
        "crm-definitie": ["q", "reverse"],
        "crm-proces-stappen": ["all", "1", "2", "3", "4", "5"],
        "immersion": ["all", "1", "2"],
        "personalisatiecontinuum": ["all", "1", "2", "3"],
        "s-crm-huis": ["all", "1", "2"],
        "klantwaarde-formule": ["all", "1", "2", "3", "4"],
        "een-gat": ["all"],  # a single element: the whole item is the element
    }
    assert library.items()[0].id == "voorbeeld/crm-definitie#q"


def test_the_item_count_is_what_expand_makes() -> None:
    library = Library.load([bundled_decks_dir(), SAMPLE_DECKS])
    assert [item_count(deck) for deck in library.decks] == [
        len(expand(deck)) for deck in library.decks
    ]


def test_item_ids_do_not_depend_on_text(tmp_path: Path) -> None:
    original = (SAMPLE_DECKS / "sample.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "sample.yaml"
    edited.write_text(
        original.replace("differentiëren", "differentieren (typo)").replace(
            "Wat is CRM?", "Wat is CRM eigenlijk?"
        ),
        encoding="utf-8",
    )
    before = [item.id for item in expand(load_file(SAMPLE_DECKS / "sample.yaml"))]
    after = [item.id for item in expand(load_file(edited))]
    assert before == after


def texts(library: Library, item_id: str) -> tuple[str, str]:
    item = next(i for i in library.items() if i.id == item_id)
    card = item_view(item)
    return blocks_text(card.prompt), blocks_text(card.answer)


def test_basic_and_reverse(library: Library) -> None:
    q, a = texts(library, "voorbeeld/crm-definitie#q")
    assert (q, a) == ("Wat is CRM?", "Een strategie waarmee een bedrijf relaties optimaliseert.")
    assert texts(library, "voorbeeld/crm-definitie#reverse") == (a, q)


def test_list_items_hide_one_element(library: Library) -> None:
    prompt, answer = texts(library, "voorbeeld/crm-proces-stappen#3")
    assert prompt.splitlines() == [
        "Wat zijn de stappen van het CRM-proces?",
        "1. identificeren",
        "2. differentiëren",
        "3. […]",
        "4. interactie",
        "5. maatwerk",
    ]
    assert "3. segmenteren" in answer.splitlines()
    prompt, answer = texts(library, "voorbeeld/immersion#2")
    assert "- Verhalende immersion: […]" in prompt.splitlines()
    assert "- Verhalende immersion: opgaan in merkverhalen" in answer.splitlines()


def test_whole_list_asks_for_the_count(library: Library) -> None:
    prompt, answer = texts(library, "voorbeeld/crm-proces-stappen#all")
    assert prompt == "Wat zijn de stappen van het CRM-proces?\n(5)"
    assert answer.splitlines()[0] == "1. identificeren"


def test_table_row_and_whole_table(library: Library) -> None:
    prompt, answer = texts(library, "voorbeeld/personalisatiecontinuum#3")
    assert prompt.splitlines()[1:] == [
        "naam | variantie | flexibiliteit | ontwerper",
        "Configuratie | […] | […] | […]",
    ]
    assert answer.splitlines()[1] == "Configuratie | middel | hoog | klant"
    _, whole = texts(library, "voorbeeld/personalisatiecontinuum#all")
    assert len(whole.splitlines()) == 4


def test_parts(library: Library) -> None:
    prompt, answer = texts(library, "voorbeeld/s-crm-huis#1")
    assert prompt.splitlines()[1] == "De sociale funderingen: […]"
    assert answer.splitlines() == [
        "De sociale funderingen:",
        "- klanten begrijpen en inzicht verkrijgen",
        "- data- en informatietechnologie",
    ]


def test_cloze_gaps_one_at_a_time_with_hints(library: Library) -> None:
    assert texts(library, "voorbeeld/klantwaarde-formule#3") == (
        "De klantwaardeformule\nKW = (T × A × [prijs]) − K",
        "KW = (T × A × P) − K",
    )
    prompt, _ = texts(library, "voorbeeld/klantwaarde-formule#all")
    assert prompt.splitlines()[1] == "KW = ([…] × […] × [prijs]) − […]"


def test_extra_is_part_of_the_card(library: Library) -> None:
    item = library.items()[0]
    assert item_view(item).extra == "Uit de flashcards."
    assert (
        item_view(Item.of(item.deck, item.note, "reverse", "reverse")).extra == "Uit de flashcards."
    )


def test_bundled_decks_load_and_ids_are_unique() -> None:
    library = Library.load([bundled_decks_dir()])
    assert len(library.decks) >= 5
    ids = [item.id for item in library.items()]
    assert len(ids) == len(set(ids))
