"""Every bad-deck case named in the foundation issue, with the position and message a teacher sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.decks.kinds.cloze import Gap
from crmcards.decks.kinds.listing import ListEntry
from crmcards.decks.loader import check_file, load_file
from crmcards.decks.yamlsafe import MAX_BYTES
from tests.conftest import BAD_DECKS, SAMPLE_DECKS
from tests.decks.bad_decks import BAD_CASES


@pytest.mark.parametrize(("name", "line", "message"), BAD_CASES)
def test_bad_deck_reports_line_and_message(name: str, line: int, message: str) -> None:
    deck, problems = check_file(BAD_DECKS / name)
    assert deck is None
    matching = [p for p in problems if message in p.problem.message]
    assert len(matching) == 1, problems
    assert matching[0].problem.position.line == line
    assert str(matching[0]).startswith(f"{BAD_DECKS / name}:{line}:")


def test_every_bad_case_of_the_issue_has_a_fixture() -> None:
    assert sorted(p.name for p in BAD_DECKS.iterdir()) == sorted(name for name, _, _ in BAD_CASES)


def test_python_tag_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    deck = tmp_path / "evil.yaml"
    deck.write_text(
        f'deck: X\ncards:\n  - id: a\n    q: !!python/object/apply:os.system ["touch {marker}"]\n'
        "    a: A\n",
        encoding="utf-8",
    )
    check_file(deck)
    assert not marker.exists()


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    deck = tmp_path / "huge.yaml"
    deck.write_bytes(b"deck: X\n" + b"# filler\n" * (MAX_BYTES // 9 + 10))
    _, problems = check_file(deck)
    assert len(problems) == 1 and "at most" in problems[0].problem.message


def test_all_problems_in_a_file_are_reported(tmp_path: Path) -> None:
    deck = tmp_path / "many.yaml"
    deck.write_text(
        "deck: X\nlanguage: fr\ncolour: blue\ncards:\n"
        "  - id: Goede Vraag\n    q: V\n    a: A\n"
        "  - id: b\n    type: list\n    q: V\n    items: [x, y]\n    ordered: maybe\n"
        "  - id: c\n    q: V\n    a: A\n    items: [x]\n"
        "  - id: d\n    type: cloze\n    text: geen gaten\n",
        encoding="utf-8",
    )
    _, problems = check_file(deck)
    messages = [(p.problem.position.line, p.problem.message) for p in problems]
    assert messages == [
        (2, "language 'fr' is not supported; use one of: nl, en"),
        (3, "unknown key 'colour' in the deck (top level)"),
        (
            5,
            "card id 'Goede Vraag' may only use lowercase letters, digits and single '-' "
            "(e.g. 'goede-vraag')",
        ),
        (12, "card 'b' ordered must be true or false, found 'maybe'"),
        (16, "unknown key 'items' in card 'c' ('items' belongs to list cards: add 'type: list')"),
        (19, "card 'd' text: cloze text has no gaps: mark what to recall as {{answer}}"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cards: []\n", "missing 'deck:'"),
        ("deck: X\n", "missing 'cards:'"),
        ("deck: X\ncards: []\n", "'cards' must be a non-empty list"),
        ("deck: X\ncards:\n  - q: V\n    a: A\n", "card 1 has no 'id'"),
        ("deck: X\ncards:\n  - id: a\n    type: cloze\n    text: 'a {{}} b'\n", "empty gap"),
        ("deck: X\ncards:\n  - id: a\n    type: cloze\n    text: 'a {{b c'\n", "unbalanced"),
        (
            "deck: X\ncards:\n  - id: a\n    type: table\n    q: V\n    columns: [x]\n    rows: [[y]]\n",
            "needs at least 2 columns",
        ),
        (
            "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n    items:\n      - {a: b, c: d}\n",
            "has 2 'term: explanation' pairs",
        ),
        (
            "deck: X\ncards:\n  - id: a\n    type: parts\n    q: V\n    parts: [a, b]\n",
            "parts must be a mapping",
        ),
        ("", "found an empty file"),
    ],
)
def test_more_schema_problems(tmp_path: Path, text: str, message: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    _, problems = check_file(deck)
    assert any(message in p.problem.message for p in problems), problems


def test_sample_deck_loads_every_card_type() -> None:
    deck = load_file(SAMPLE_DECKS / "sample.yaml")
    assert (deck.id, deck.title, deck.language) == ("voorbeeld", "Voorbeeld", "nl")
    notes = {note.id: note for note in deck.notes}
    assert notes["crm-definitie"].body.reverse is True
    assert notes["crm-proces-stappen"].body.items[1] == ListEntry("differentiëren")
    assert notes["crm-proces-stappen"].body.ordered is True
    assert notes["immersion"].body.items[0] == ListEntry(
        "Tactische immersion", "volledig opgaan in een taak"
    )
    assert notes["personalisatiecontinuum"].body.rows[2] == (
        "Configuratie",
        "middel",
        "hoog",
        "klant",
    )
    assert notes["s-crm-huis"].body.parts[1] == ("Het dak", ("klantwaarde",))
    assert notes["klantwaarde-formule"].body.gaps == (
        Gap("T"),
        Gap("A"),
        Gap("P", "prijs"),
        Gap("K"),
    )


def test_deck_id_defaults_to_the_file_stem(tmp_path: Path) -> None:
    deck = tmp_path / "mijn-deck.yaml"
    deck.write_text("deck: Mijn deck\ncards:\n  - id: a\n    q: V\n    a: A\n", encoding="utf-8")
    assert load_file(deck).id == "mijn-deck"


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("42", "a number"), ("3.5", "a number"), ("true", "true/false"), ("~", "nothing (null)")],
)
def test_a_value_yaml_reads_as_no_text_is_refused_with_the_fix(
    tmp_path: Path, value: str, read_as: str
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"deck: X\ncards:\n  - id: a\n    q: V\n    a: {value}\n", encoding="utf-8")
    _, problems = check_file(deck)
    assert [(p.problem.position.line, p.problem.message) for p in problems] == [
        (
            5,
            f"card 'a' a must be text, but YAML reads {value} as {read_as}; put it in quotes (\"{value}\") to keep it as text",
        )
    ]


def test_quoted_numbers_and_yes_are_text(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        'deck: X\ncards:\n  - id: a\n    q: "2026"\n    a: yes\n  - id: b\n    type: parts\n'
        "    q: V\n    parts:\n      1998: opgericht\n",
        encoding="utf-8",
    )
    notes = load_file(deck).notes
    assert (notes[0].q, notes[0].body.a) == ("2026", "yes")
    assert notes[1].body.parts == (("1998", ("opgericht",)),)


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        (
            "'KW = ({{T} × {{A}})'",
            18,
            "unbalanced '{{' (no '}}' after it) at 'KW = ({{T} × {{A}})'",
        ),
        ("KW = {{T}} × A}}", 25, "unbalanced '}}' (no '{{' before it) at '… = {{T}} × A}}'"),
        ('"{{T"', 12, "unbalanced '{{' (no '}}' after it) at '{{T'"),
    ],
)
def test_an_unbalanced_cloze_is_refused_where_the_brace_is(
    tmp_path: Path, text: str, column: int, message: str
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"deck: X\ncards:\n  - id: a\n    type: cloze\n    text: {text}\n", "utf-8")
    _, problems = check_file(deck)
    (problem,) = problems
    assert (problem.problem.position.line, problem.problem.position.column) == (5, column)
    assert message in problem.problem.message


def test_an_unbalanced_cloze_in_a_block_text_is_refused_at_the_text() -> None:
    from crmcards.decks.kinds.cloze import ClozeError, parse_cloze

    problem = parse_cloze("a {{b}} c {{d")
    assert isinstance(problem, ClozeError) and problem.offset == 10
    assert str(problem.said) == (
        "unbalanced '{{' (no '}}' after it) at 'a {{b}} c {{d'; write gaps as {{answer}} or "
        "{{answer::hint}}"
    )
