"""Validation of a parsed deck file against the deck format (docs/deck-format.md).

Every problem is collected with its position, so a teacher sees all of them in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from crmcards.decks.checker import SLUG, Checker, Words, describe, suggest
from crmcards.decks.kinds import DEFAULT_KIND, KINDS
from crmcards.decks.model import Deck, Note
from crmcards.decks.yamlsafe import Problem, YNode, YSeq
from crmcards.messages import Said

T = TypeVar("T")
LANGUAGES = ("nl", "en")

DECK_KEYS = ("deck", "id", "language", "source", "description", "tags", "cards")
COMMON_CARD_KEYS = ("id", "type", "extra", "source", "tags")
# for crmcards schema (json_schema.py)
CARD_KEYS: dict[str, tuple[str, ...]] = {name: kind.KEYS for name, kind in KINDS.items()}
REQUIRED_CARD_KEYS: dict[str, tuple[str, ...]] = {n: kind.REQUIRED for n, kind in KINDS.items()}


def _elsewhere(note_type: str) -> dict[str, Said]:
    """For keys that belong to another card type: a hint to set that type."""
    hints: dict[str, Said] = {}
    for other, kind in KINDS.items():
        for key in kind.KEYS:
            if key not in KINDS[note_type].KEYS:
                hints.setdefault(key, Said.of("deck_key_of_kind", key=key, kind=other))
    return hints


def _note(checker: Checker, node: YNode, number: int) -> Note | None:
    card = checker.mapping(node, Said.of("deck_card_number", number=number))
    if card is None:
        return None
    start = len(checker.problems)
    id_node = card.get("id")
    note_id = None
    if id_node is None:
        checker.problem(card.position, "deck_card_no_id", number=number)
    else:
        note_id = checker.slug(id_node, Said.of("deck_card_id"))
    label: Words = (
        Said.of("deck_card_named", id=note_id)
        if note_id
        else Said.of("deck_card_number", number=number)
    )

    note_type = DEFAULT_KIND.NAME
    type_node = card.get("type")
    if type_node is not None:
        value = checker.text(type_node, Said.of("deck_key_of", label=label, key="type"))
        if value is not None and value not in KINDS:
            hint = suggest(value, list(KINDS))
            checker.problem(
                type_node.position,
                "deck_unknown_type",
                value=value,
                hint=hint,
                kinds=", ".join(KINDS),
            )
            return None
        if value is None:
            return None
        note_type = value

    kind = KINDS[note_type]
    checker.unknown_keys(card, COMMON_CARD_KEYS + kind.KEYS, label, _elsewhere(note_type))
    for key in kind.REQUIRED:
        if card.get(key) is None:
            checker.problem(card.position, "deck_missing_key", label=label, kind=note_type, key=key)

    q = checker.field(card, "q", label, checker.text) or ""
    extra = checker.field(card, "extra", label, checker.text) or ""
    sources = checker.field(card, "source", label, checker.text_or_texts) or ()
    tags = checker.field(card, "tags", label, checker.texts) or ()
    body = kind.read(checker, card, label)
    if len(checker.problems) > start or note_id is None or body is None:
        return None
    return Note(note_id, card.position.line, body, q, extra, sources, tags)


def check_deck(root: YNode | None, path: Path) -> tuple[Deck | None, list[Problem]]:
    """The deck described by `root`, and every problem found in it."""
    checker = Checker()
    top = checker.mapping(root, Said.of("deck_the_file"))
    if top is None:
        return None, checker.problems
    checker.unknown_keys(top, DECK_KEYS, Said.of("deck_top_level"))

    def field(key: str, read: Callable[[YNode, Words], T | None]) -> T | None:
        node = top.get(key)
        return None if node is None else read(node, f"'{key}'")

    title = field("deck", checker.text)
    if top.get("deck") is None:
        checker.problem(top.position, "deck_missing_title")
    deck_id = field("id", checker.slug) or path.stem
    if top.get("id") is None and not SLUG.match(deck_id):
        checker.problem(top.position, "deck_file_name_not_id", stem=path.stem)
    language = field("language", checker.text) or "nl"
    language_node = top.get("language")
    if language not in LANGUAGES and language_node is not None:
        checker.problem(
            language_node.position, "deck_language", language=language, known=", ".join(LANGUAGES)
        )

    notes: list[Note] = []
    cards_node = top.get("cards")
    if cards_node is None:
        checker.problem(top.position, "deck_missing_cards")
    elif not isinstance(cards_node, YSeq) or not cards_node.items:
        checker.problem(cards_node.position, "deck_cards_not_list", found=describe(cards_node))
    else:
        first_line: dict[str, int] = {}
        for number, card_node in enumerate(cards_node.items, start=1):
            note = _note(checker, card_node, number)
            if note is None:
                continue
            if note.id in first_line:
                checker.problem(
                    card_node.position,
                    "deck_duplicate_card",
                    id=note.id,
                    line=first_line[note.id],
                )
                continue
            first_line[note.id] = note.line
            notes.append(note)

    source = field("source", checker.text) or ""
    description = field("description", checker.text) or ""
    tags = field("tags", checker.texts) or ()
    if checker.problems or title is None:
        return None, checker.problems
    return Deck(
        id=deck_id,
        title=title,
        path=path,
        notes=tuple(notes),
        language=language,
        source=source,
        description=description,
        tags=tags,
    ), []
