"""The JSON Schema editors use and the strict loader agree on which decks are good.

Decks are turned into JSON the way an editor's YAML 1.2 reader does (a plain `42` is a number),
then validated with the `jsonschema` package; the loader sees the same text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from crmcards.decks.json_schema import CARD_FIELDS, DECK_FIELDS, deck_schema
from crmcards.decks.kinds import KINDS, NOTE_TYPES
from crmcards.decks.loader import check_file
from crmcards.decks.schema import CARD_KEYS, COMMON_CARD_KEYS, DECK_KEYS
from crmcards.decks.yamlsafe import YMap, YNode, YScalar, YSeq, decode, parse
from crmcards.locations import bundled_decks_dir
from tests.conftest import BAD_DECKS

VALIDATOR = Draft202012Validator(deck_schema())


def as_json(node: YNode | None) -> Any:
    """What an editor's YAML 1.2 reader makes of the tree (numbers need no exact value here)."""
    if node is None:
        return None
    if isinstance(node, YMap):
        return {key.value: as_json(value) for key, value in node.entries}
    if isinstance(node, YSeq):
        return [as_json(item) for item in node.items]
    assert isinstance(node, YScalar)
    return {
        "text": node.value,
        "nothing": None,
        "boolean": node.value.lower() == "true",
        "number": 0,
    }[node.yaml_type]


def schema_accepts(path: Path) -> bool:
    root, _ = parse(decode(path.read_bytes()))
    return VALIDATOR.is_valid(as_json(root))


def loader_accepts(path: Path) -> bool:
    deck, _ = check_file(path)
    return deck is not None


CARD = "  - id: a\n    q: Vraag\n    a: Antwoord\n"
GOOD = {
    "basic": "deck: X\ncards:\n" + CARD,
    "every-deck-key": "deck: X\nid: x-1\nlanguage: en\nsource: S\ndescription: D\ntags: [t]\n"
    "cards:\n" + CARD,
    "basic-with-everything": "deck: X\ncards:\n  - id: a\n    type: basic\n    q: V\n    a: A\n"
    "    reverse: true\n    extra: E\n    source: [s1, s2]\n    tags: [t]\n",
    "list": "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n"
    "    items: [x, 'y: z', {term: uitleg}]\n    ordered: false\n",
    "table": "deck: X\ncards:\n  - id: a\n    type: table\n    q: V\n    columns: [n, v]\n"
    "    rows:\n      - [r, laag]\n",
    "parts": "deck: X\ncards:\n  - id: a\n    type: parts\n    q: V\n"
    "    parts:\n      Dak: tekst\n      Pilaren: [een, twee]\n",
    "cloze": "deck: X\ncards:\n  - id: a\n    type: cloze\n    text: 'KW = {{T::tijd}} × {{A}}'\n",
    "quoted-number": 'deck: X\ncards:\n  - id: a\n    q: Welk jaar?\n    a: "1998"\n',
    "yes-is-text-in-yaml-1.2": "deck: X\ncards:\n  - id: a\n    q: V\n    a: yes\n",
}
BAD = {
    "top-level-list": "- deck: X\n",
    "top-level-text": "just some text\n",
    "empty-file": "",
    "missing-deck": "cards:\n" + CARD,
    "missing-cards": "deck: X\n",
    "cards-not-a-list": "deck: X\ncards: a card\n",
    "cards-a-mapping": "deck: X\ncards:\n  id: a\n",
    "empty-cards": "deck: X\ncards: []\n",
    "unknown-deck-key": "deck: X\ncolour: blue\ncards:\n" + CARD,
    "bad-language": "deck: X\nlanguage: fr\ncards:\n" + CARD,
    "bad-deck-id": "deck: X\nid: Mijn Deck\ncards:\n" + CARD,
    "card-not-a-mapping": "deck: X\ncards:\n  - just text\n",
    "missing-id": "deck: X\ncards:\n  - q: V\n    a: A\n",
    "bad-card-id": "deck: X\ncards:\n  - id: Goede Vraag\n    q: V\n    a: A\n",
    "missing-a": "deck: X\ncards:\n  - id: a\n    q: V\n",
    "empty-a": "deck: X\ncards:\n  - id: a\n    q: V\n    a:\n",
    "blank-a": "deck: X\ncards:\n  - id: a\n    q: V\n    a: '  '\n",
    "a-is-a-list": "deck: X\ncards:\n  - id: a\n    q: V\n    a: [x]\n",
    "a-is-a-number": "deck: X\ncards:\n  - id: a\n    q: V\n    a: 42\n",
    "q-is-a-float": "deck: X\ncards:\n  - id: a\n    q: 3.5\n    a: A\n",
    "a-is-true": "deck: X\ncards:\n  - id: a\n    q: V\n    a: true\n",
    "a-is-null": "deck: X\ncards:\n  - id: a\n    q: V\n    a: ~\n",
    "title-is-a-number": "deck: 2026\ncards:\n" + CARD,
    "typo-in-key": "deck: X\ncards:\n  - id: a\n    q: V\n    anwser: A\n",
    "typo-next-to-the-key": "deck: X\ncards:\n  - id: a\n    q: V\n    a: A\n    extar: E\n",
    "key-of-another-type": "deck: X\ncards:\n  - id: a\n    q: V\n    a: A\n    items: [x]\n",
    "unknown-type": "deck: X\ncards:\n  - id: a\n    type: tabel\n    q: V\n    a: A\n",
    "reverse-not-boolean": "deck: X\ncards:\n  - id: a\n    q: V\n    a: A\n    reverse: ja\n",
    "reverse-quoted": "deck: X\ncards:\n  - id: a\n    q: V\n    a: A\n    reverse: 'true'\n",
    "empty-items": "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n    items: []\n",
    "items-not-a-list": "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n    items: x\n",
    "item-two-pairs": "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n"
    "    items:\n      - {a: b, c: d}\n",
    "item-a-number": "deck: X\ncards:\n  - id: a\n    type: list\n    q: V\n    items: [x, 7]\n",
    "one-column": "deck: X\ncards:\n  - id: a\n    type: table\n    q: V\n    columns: [n]\n"
    "    rows:\n      - [r]\n",
    "row-not-a-list": "deck: X\ncards:\n  - id: a\n    type: table\n    q: V\n"
    "    columns: [n, v]\n    rows:\n      - r\n",
    "empty-parts": "deck: X\ncards:\n  - id: a\n    type: parts\n    q: V\n    parts: {}\n",
    "parts-a-list": "deck: X\ncards:\n  - id: a\n    type: parts\n    q: V\n    parts: [x]\n",
    "cloze-without-gaps": "deck: X\ncards:\n  - id: a\n    type: cloze\n    text: geen gaten\n",
    "cloze-without-text": "deck: X\ncards:\n  - id: a\n    type: cloze\n    q: V\n",
    "empty-tags": "deck: X\ntags: []\ncards:\n" + CARD,
    "deck-source-a-list": "deck: X\nsource: [a, b]\ncards:\n" + CARD,
}
# What a JSON Schema cannot express: only lint finds these (their fixtures are in tests/data/bad).
LINT_ONLY = {
    "duplicate card ids": "deck: X\ncards:\n" + CARD + CARD,
    "a ragged table": "deck: X\ncards:\n  - id: a\n    type: table\n    q: V\n"
    "    columns: [n, v]\n    rows:\n      - [r, laag]\n      - [s]\n",
    "unbalanced cloze gaps": "deck: X\ncards:\n  - id: a\n    type: cloze\n    text: '{{a}} en {{b'\n",
}
STRUCTURAL_FIXTURES = [
    "not-mapping.yaml",
    "missing-field.yaml",
    "empty-field.yaml",
    "wrong-type.yaml",
    "unknown-type.yaml",
    "unknown-key.yaml",
    "empty-list.yaml",
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(deck_schema())
    assert deck_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", sorted(bundled_decks_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_deck_validates(path: Path) -> None:
    root, _ = parse(decode(path.read_bytes()))
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(as_json(root))]
    assert errors == []


@pytest.mark.parametrize("name", GOOD)
def test_good_decks_pass_both(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, GOOD[name])
    assert loader_accepts(path)
    assert schema_accepts(path)


@pytest.mark.parametrize("name", BAD)
def test_bad_decks_fail_both(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, BAD[name])
    assert not loader_accepts(path)
    assert not schema_accepts(path)


@pytest.mark.parametrize("name", STRUCTURAL_FIXTURES)
def test_the_structural_bad_fixtures_fail_both(name: str) -> None:
    assert not loader_accepts(BAD_DECKS / name)
    assert not schema_accepts(BAD_DECKS / name)


@pytest.mark.parametrize("name", LINT_ONLY)
def test_what_only_lint_can_find(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, LINT_ONLY[name])
    assert not loader_accepts(path)
    assert schema_accepts(path)


def test_every_key_the_loader_knows_is_described_in_both_languages() -> None:
    assert set(DECK_FIELDS) == set(DECK_KEYS)
    for name, kind in KINDS.items():  # each kind describes its own keys, the common `q` aside
        assert set(CARD_FIELDS) | set(kind.FIELDS) == {*COMMON_CARD_KEYS, *CARD_KEYS[name], "q"}
    kinds_fields = [field for kind in KINDS.values() for field in kind.FIELDS.values()]
    for _, title, description in [*DECK_FIELDS.values(), *CARD_FIELDS.values(), *kinds_fields]:
        assert all(title) and all(description)
        assert description[0] != description[1]  # Dutch, then English
    assert set(deck_schema()["$defs"]) == {"card", *NOTE_TYPES}


def test_a_card_of_each_type_allows_exactly_the_loaders_keys() -> None:
    kinds = deck_schema()["$defs"]
    for note_type in NOTE_TYPES:
        allowed = set(kinds[note_type]["properties"])
        assert allowed == set(COMMON_CARD_KEYS + CARD_KEYS[note_type]), note_type
        assert kinds[note_type]["additionalProperties"] is False
