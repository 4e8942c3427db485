from __future__ import annotations

from crmcards.decks.catalog import Library
from crmcards.decks.content import item_view
from crmcards.services.typed_answer import check, normalise


def test_comparison_ignores_case_accents_punctuation_and_spacing() -> None:
    assert normalise("  Différentiëren!  ") == "differentieren"
    assert check("differentieren", "Differentiëren").correct
    assert check("mass   customization", "Mass customization").correct
    assert not check("segmenteren", "differentiëren").correct


def test_the_difference_is_shown_on_the_text_as_written() -> None:
    result = check("segmentere", "segmenteren")
    assert result.diff == (("same", "segmentere"), ("missing", "n"))
    assert check("klantwaard", "klantwaarde").diff[-1] == ("missing", "e")
    assert ("extra", "x") in check("identificerenx", "identificeren").diff


def test_only_short_single_answers_can_be_typed(library: Library) -> None:
    expected = {item.id: item_view(item).expected for item in library.items()}
    assert expected["voorbeeld/crm-definitie#q"] == (
        "Een strategie waarmee een bedrijf relaties optimaliseert."
    )
    assert expected["voorbeeld/crm-definitie#reverse"] is None
    assert expected["voorbeeld/crm-proces-stappen#3"] == "segmenteren"
    assert expected["voorbeeld/crm-proces-stappen#all"] is None
    assert expected["voorbeeld/immersion#1"] == "volledig opgaan in een taak"
    assert expected["voorbeeld/personalisatiecontinuum#1"] is None
    assert expected["voorbeeld/s-crm-huis#2"] == "klantwaarde"
    assert expected["voorbeeld/s-crm-huis#1"] is None  # two elements
    assert expected["voorbeeld/klantwaarde-formule#3"] == "P"
    assert expected["voorbeeld/een-gat#all"] == "vijf"


def test_the_difference_marks_only_what_was_graded() -> None:
    """Case, accents, a final full stop and extra spaces count for nothing, so they are never
    shown as mistakes; the typed text is shown as typed."""
    result = check(
        "een strategie waarmee een bedrijf  relaties optimaliseert",
        "Een strategie waarmee een bedrijf relaties optimaliseert.",
    )
    assert result.correct
    assert result.diff == (("same", "een strategie waarmee een bedrijf  relaties optimaliseert"),)
    assert check("Differentieren", "differentiëren").diff == (("same", "Differentieren"),)
    wrong = check("klantwarde", "Klantwaarde.")
    assert not wrong.correct
    assert [part for part, _ in wrong.diff].count("missing") == 1
    assert "".join(text for part, text in wrong.diff if part != "missing") == "klantwarde"
    assert ("missing", "a") in wrong.diff and not any("." in text for _, text in wrong.diff)


def test_an_empty_answer_misses_everything() -> None:
    assert check("", "vijf").diff == (("missing", "vijf"),)
    assert not check("", "vijf").correct and check("...", "").correct
