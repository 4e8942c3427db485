"""The bundled course decks: they lint clean, ids are unique, and the course's structured
definitions are encoded as the structures they are."""

from __future__ import annotations

from collections import Counter

import pytest

from crmcards.decks.catalog import Library, bundled_decks_dir
from crmcards.decks.content import card_for
from crmcards.decks.loader import check_file
from crmcards.decks.model import Note
from crmcards.decks.plaintext import blocks_text

BUNDLED = Library.load([bundled_decks_dir()])
NOTES = {(deck.id, note.id): note for deck in BUNDLED.decks for note in deck.notes}
ITEMS_PER_NOTE = Counter(item.note_key for item in BUNDLED.items())


def note(deck: str, card: str) -> Note:
    return NOTES[(deck, card)]


@pytest.mark.parametrize("path", sorted(bundled_decks_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_each_bundled_deck_lints_clean(path: object) -> None:
    deck, problems = check_file(path)  # type: ignore[arg-type]
    assert problems == [] and deck is not None
    assert deck.language == "nl" and deck.source


def test_the_five_sources_each_have_a_deck() -> None:
    assert {deck.id for deck in BUNDLED.decks} == {
        "online-crm",
        "online-crm-proces",
        "klantmanagement-week-6",
        "marketingmanagement-crm",
        "customer-relationship-samenvatting",
    }


def test_item_ids_are_unique_across_decks() -> None:
    ids = [item.id for item in BUNDLED.items()]
    assert len(ids) == len(set(ids))


def test_crm_process_steps_are_an_ordered_list() -> None:
    steps = note("online-crm", "crm-proces-stappen")
    assert steps.type == "list" and steps.ordered
    assert [e.term for e in steps.items] == [
        "identificeren",
        "differentiëren",
        "segmenteren",
        "interactie",
        "maatwerk",
    ]
    assert ITEMS_PER_NOTE["online-crm/crm-proces-stappen"] == 6


def test_the_personalisation_continuum_gives_five_rows_and_the_whole_table() -> None:
    continuum = note("klantmanagement-week-6", "personalisatiecontinuum")
    assert continuum.type == "table"
    assert [c.lower() for c in continuum.columns][:4] == [
        "naam",
        "variantie",
        "flexibiliteit",
        "ontwerper",
    ]
    assert len(continuum.rows) == 5
    assert ITEMS_PER_NOTE["klantmanagement-week-6/personalisatiecontinuum"] == 6


def test_the_s_crm_house_has_its_four_parts() -> None:
    house = note("klantmanagement-week-6", "s-crm-huis")
    assert house.type == "parts"
    headings = " ".join(h.lower() for h, _ in house.parts)
    for part in ("funderingen", "geraamte", "dak", "pilaren"):
        assert part in headings


def test_five_forms_of_immersion() -> None:
    forms = note("klantmanagement-week-6", "immersion-vormen")
    assert forms.type == "list" and len(forms.items) == 5
    assert all(entry.explanation for entry in forms.items)


def test_the_customer_value_formula_is_a_cloze() -> None:
    formula = note("online-crm", "klantwaarde-formule")
    assert formula.type == "cloze"
    assert [gap.hint for gap in formula.gaps] == ["T", "A", "P", "K"]  # each letter's meaning
    assert note("online-crm", "klantwaarde-formule-letters").a == "KW = (T × A × P) − K"


@pytest.mark.parametrize(
    ("deck", "card", "kind"),
    [
        ("online-crm", "crm-vier-doelen", "list"),
        ("online-crm", "e-loyalty-bevorderen", "list"),
        ("online-crm", "klantdata-hoofdsoorten", "list"),
        ("online-crm", "big-data-factoren", "list"),
        ("online-crm", "klantenbinding-niveaus", "list"),
        ("klantmanagement-week-6", "digitale-relatiekwaliteitsmodel", "parts"),
        ("klantmanagement-week-6", "klantcontact-face-to-face-face-to-screen", "parts"),
        ("klantmanagement-week-6", "digitale-netwerk-crm-matrix", "table"),
        ("klantmanagement-week-6", "klantwaardematrix", "table"),
        ("klantmanagement-week-6", "customer-engagement-matrix", "table"),
        ("klantmanagement-week-6", "community-typen", "table"),
        ("klantmanagement-week-6", "participatie-integratietypologie", "table"),
        ("klantmanagement-week-6", "personalisatieparadigmas", "table"),
        ("klantmanagement-week-6", "aanbevelingsfilters", "list"),
        ("marketingmanagement-crm", "crm-doelstellingen-praktijk", "table"),
    ],
)
def test_structured_definitions_use_structured_kinds(deck: str, card: str, kind: str) -> None:
    assert note(deck, card).type == kind


def test_no_page_chrome_or_known_typos_in_any_card() -> None:
    everything = " ".join(
        blocks_text(card_for(item).prompt) + " " + blocks_text(card_for(item).answer)
        for item in BUNDLED.items()
    ).lower()
    for bad in (
        "how well did you know",
        "lees volledige samenvatting",
        "klankendata",
        "rententieprofielen",
        "pro0t",
        "charcater",
        "duudere",
        "perfectly",
        "not at all",
    ):
        assert bad not in everything
