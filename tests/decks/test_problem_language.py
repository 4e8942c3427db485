"""Every deck problem is put into words in the UI language, at the same position in both: a
Dutch student whose deck is broken reads Dutch, a teacher who chose English reads English."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.decks.loader import check_file

CARD = "deck: Test\nid: test\ncards:\n"

# (a deck, where its one problem is, the Dutch words, the English words); each case is a
# different message of crmcards.messages, as one deck problem site writes it
CASES = [
    (
        CARD + "  - id: b1\n    q: Wat?\n",
        (4, 5),
        "kaart 'b1' (basic) mist 'a'",
        "card 'b1' (basic) is missing 'a'",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n    bogus: x\n",
        (7, 5),
        "onbekende sleutel 'bogus' in kaart 'b1'",
        "unknown key 'bogus' in card 'b1'",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n    antwoord: x\n",
        (7, 5),
        "onbekende sleutel 'antwoord' in kaart 'b1' (bedoel je 'a'?)",
        "unknown key 'antwoord' in card 'b1' (did you mean 'a'?)",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n    items: [x]\n",
        (7, 5),
        "onbekende sleutel 'items' in kaart 'b1' ('items' hoort bij list-kaarten: voeg "
        "'type: list' toe)",
        "unknown key 'items' in card 'b1' ('items' belongs to list cards: add 'type: list')",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: [een, twee]\n",
        (6, 8),
        "kaart 'b1' a moet tekst zijn, maar is een lijst",
        "card 'b1' a must be text, found a list",
    ),
    (
        CARD + "  - id: b1\n    q: 12\n    a: Dit\n",
        (5, 8),
        "kaart 'b1' q moet tekst zijn, maar YAML leest 12 als een getal; zet het tussen "
        'aanhalingstekens ("12") om het als tekst te houden',
        "card 'b1' q must be text, but YAML reads 12 as a number; put it in quotes (\"12\") to "
        "keep it as text",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n    reverse: soms\n",
        (7, 14),
        "kaart 'b1' reverse moet true of false zijn, maar is 'soms'",
        "card 'b1' reverse must be true or false, found 'soms'",
    ),
    (
        CARD + "  - id: l1\n    type: list\n    q: Noem\n    items:\n      - een\n      - ''\n",
        (9, 9),
        "kaart 'l1' items element 2 is leeg",
        "card 'l1' items entry 2 is empty",
    ),
    (
        CARD + "  - id: l1\n    type: list\n    q: Noem\n    items:\n      - a: b\n        c: d\n",
        (8, 9),
        "kaart 'l1' items element 1 heeft 2 paren 'begrip: uitleg'",
        "card 'l1' items entry 1 has 2 'term: explanation' pairs",
    ),
    (
        CARD + "  - id: B 1\n    q: Wat?\n    a: Dit\n",
        (4, 9),
        "kaart-id 'B 1' mag alleen kleine letters, cijfers en losse '-' bevatten (bijv. 'b-1')",
        "card id 'B 1' may only use lowercase letters, digits and single '-' (e.g. 'b-1')",
    ),
    (
        CARD + "  - q: Wat?\n    a: Dit\n",
        (4, 5),
        "kaart 1 heeft geen 'id'",
        "card 1 has no 'id'",
    ),
    (
        CARD + "  - id: t1\n    type: tabel\n    q: Wat?\n",
        (5, 11),
        "onbekend kaarttype 'tabel' (bedoel je 'table'?); kies een van: basic, list",
        "unknown card type 'tabel' (did you mean 'table'?); use one of: basic, list",
    ),
    (
        CARD + "  - id: t1\n    type: table\n    q: Wat?\n    columns: [a, b]\n    rows:\n"
        "      - [x, y]\n      - [z]\n",
        (10, 9),
        "rij 2 heeft 1 cellen maar er zijn 2 kolommen (a, b); gebruik '—' voor een lege cel",
        "row 2 has 1 cells but there are 2 columns (a, b); use '—' for an empty cell",
    ),
    (
        CARD + "  - id: t1\n    type: table\n    q: Wat?\n    columns: [a]\n    rows: [[x]]\n",
        (4, 5),
        "kaart 't1' heeft minstens 2 kolommen nodig",
        "card 't1' needs at least 2 columns",
    ),
    (
        CARD + "  - id: p1\n    type: parts\n    q: Wat?\n    parts: {}\n",
        (7, 12),
        "parts is leeg",
        "parts is empty",
    ),
    (
        CARD + "  - id: p1\n    type: parts\n    q: Wat?\n    parts:\n      dak: []\n",
        (8, 12),
        "onderdeel 'dak' is een lege lijst",
        "part 'dak' is an empty list",
    ),
    (
        CARD + "  - id: c1\n    type: cloze\n    text: Een {{gat\n",
        (6, 15),
        "kaart 'c1' text: '{{' zonder '}}' erna bij 'Een {{gat'; schrijf gaten als {{antwoord}}",
        "card 'c1' text: unbalanced '{{' (no '}}' after it) at 'Een {{gat'; write gaps as "
        "{{answer}}",
    ),
    (
        CARD + "  - id: c1\n    type: cloze\n    text: Geen gaten\n",
        (6, 11),
        "kaart 'c1' text: de clozetekst heeft geen gaten",
        "card 'c1' text: cloze text has no gaps",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n  - id: b1\n    q: Nog eens?\n    a: Dat\n",
        (7, 5),
        "kaart-id 'b1' komt twee keer voor (eerst op regel 4)",
        "duplicate card id 'b1' (first at line 4)",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    q: Wat nog?\n    a: Dit\n",
        (6, 5),
        "de sleutel 'q' komt twee keer voor (eerst op regel 5)",
        "duplicate key 'q' (first at line 5)",
    ),
    (
        CARD + "  - id: b1\n    q: &v Wat?\n    a: Dit\n",
        (5, 8),
        "het anker '&v' mag niet in een deck",
        "anchor '&v' is not allowed in decks",
    ),
    (
        CARD + "  - id: b1\n    q: !vraag Wat?\n    a: Dit\n",
        (5, 8),
        "de tag '!vraag' mag niet in een deck",
        "tag '!vraag' is not allowed in decks",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Dit\n---\ndeck: Twee\n",
        (7, 1),
        "één YAML-document per deckbestand",
        "only one YAML document per deck file",
    ),
    (
        CARD + "  - id: b1\n\tq: Wat?\n",
        (5, 1),
        "een tab om in te springen; YAML vraagt spaties",
        "tab used for indentation; YAML needs spaces",
    ),
    (
        CARD + "  - id: b1\n    q: [Wat?\n    a: Dit\n",
        (6, 6),
        "YAML-fout: ",
        "YAML syntax error: ",
    ),
    (
        CARD + "  - id: b1\n    q: Wat\x07?\n    a: Dit\n",
        (5, 11),
        "het besturingsteken U+0007 mag niet in een deck",
        "control character U+0007 is not allowed in a deck",
    ),
    (
        CARD + "  - id: b1\n    q: Wat?\n    a: Een strategie: klantgericht\n",
        (6, 21),
        'zet de tekst tussen aanhalingstekens: a: "Een strategie: klantgericht"',
        'put the text in quotes: a: "Een strategie: klantgericht"',
    ),
    (
        "deck: Test\nid: test\nlanguage: fr\ncards:\n  - id: b1\n    q: Wat?\n    a: Dit\n",
        (3, 11),
        "de taal 'fr' wordt niet ondersteund; kies een van: nl, en",
        "language 'fr' is not supported; use one of: nl, en",
    ),
    (
        "id: test\ncards:\n  - id: b1\n    q: Wat?\n    a: Dit\n",
        (1, 1),
        "'deck:' ontbreekt (de titel die studenten zien)",
        "missing 'deck:' (the title students see)",
    ),
    (
        "deck: Test\nid: test\ncards: []\n",
        (3, 8),
        "'cards' moet een lijst met minstens één kaart zijn, maar is een lege lijst",
        "'cards' must be a non-empty list, found an empty list",
    ),
    (
        "- een\n- twee\n",
        (1, 1),
        "het deckbestand moet bestaan uit regels 'sleutel: waarde', maar is een lijst",
        "the deck file must be a mapping of 'key: value' lines, found a list",
    ),
    (
        "deck: Test\nid: test\nbogus: 1\ncards:\n  - id: b1\n    q: Wat?\n    a: Dit\n",
        (3, 1),
        "onbekende sleutel 'bogus' in het deck (bovenste niveau)",
        "unknown key 'bogus' in the deck (top level)",
    ),
]


@pytest.mark.parametrize(("text", "where", "dutch", "english"), CASES)
def test_each_deck_problem_is_in_both_languages_at_one_position(
    tmp_path: Path, text: str, where: tuple[int, int], dutch: str, english: str
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    deck, problems = check_file(path)
    assert deck is None and len(problems) == 1, problems
    (problem,) = problems
    position = problem.problem.position
    assert (position.line, position.column) == where
    shown_nl, shown_en = problem.text("nl"), problem.text("en")
    assert shown_nl.startswith(f"{path}:{where[0]}:{where[1]}: {dutch}"), shown_nl
    assert shown_en.startswith(f"{path}:{where[0]}:{where[1]}: {english}"), shown_en
    assert str(problem) == shown_en and problem.problem.message in shown_en  # the Python API


def test_a_deck_id_used_twice_and_an_unreadable_file_are_told_in_dutch(tmp_path: Path) -> None:
    from crmcards.decks.catalog import check_files

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text(CARD.replace("id: test", "id: zelfde") + "  - id: b1\n    q: W\n    a: D\n")
    _, problems = check_files([first, second])
    (problem,) = problems
    assert problem.text("nl") == (
        f"{second}:1:1: de deck-id 'zelfde' wordt al gebruikt door {first}; geef een van beide "
        "een andere 'id:'"
    )
    assert problem.text("en").startswith(f"{second}:1:1: deck id 'zelfde' is already used by")
    _, (unreadable,) = check_file(tmp_path)  # a folder cannot be read as a file
    assert unreadable.text("nl").startswith(f"{tmp_path}:1:1: het bestand is niet te lezen: ")
