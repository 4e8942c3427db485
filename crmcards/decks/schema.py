"""Validation of a parsed deck file against the deck format (docs/deck-format.md).

Every problem is collected with its position, so a teacher sees all of them in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from crmcards.decks.model import NOTE_TYPES, ClozeSegment, Deck, Gap, ListEntry, Note, NoteType
from crmcards.decks.yamlsafe import Position, Problem, YMap, YNode, YScalar, YSeq
from crmcards.safetext import visible

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GAP = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
LANGUAGES = ("nl", "en")

DECK_KEYS = ("deck", "id", "language", "source", "description", "tags", "cards")
COMMON_CARD_KEYS = ("id", "type", "extra", "source", "tags")
CARD_KEYS: dict[str, tuple[str, ...]] = {
    "basic": ("q", "a", "reverse"),
    "list": ("q", "items", "ordered"),
    "table": ("q", "columns", "rows"),
    "parts": ("q", "parts"),
    "cloze": ("q", "text"),
}
REQUIRED_CARD_KEYS: dict[str, tuple[str, ...]] = {
    "basic": ("q", "a"),
    "list": ("q", "items"),
    "table": ("q", "columns", "rows"),
    "parts": ("q", "parts"),
    "cloze": ("text",),
}

T = TypeVar("T")


_READ_AS = {"number": "a number", "boolean": "true/false", "nothing": "nothing (null)"}


def _kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return f"'{node.value}'" if node.value else "nothing"


# Words teachers are likely to write for a key, in English and Dutch.
KEY_SYNONYMS = {
    "question": "q",
    "vraag": "q",
    "front": "q",
    "prompt": "q",
    "answer": "a",
    "antwoord": "a",
    "back": "a",
    "title": "deck",
    "name": "deck",
    "titel": "deck",
    "naam": "deck",
    "note": "extra",
    "notes": "extra",
    "explanation": "extra",
    "toelichting": "extra",
    "list": "items",
    "lijst": "items",
    "kolommen": "columns",
    "rijen": "rows",
    "onderdelen": "parts",
    "tekst": "text",
    "bron": "source",
    "sources": "source",
    "kind": "type",
    "soort": "type",
}


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice (or a synonym of it, with typos), or ''."""
    candidates = {choice: choice for choice in choices}
    candidates |= {synonym: key for synonym, key in KEY_SYNONYMS.items() if key in choices}
    close = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{candidates[close[0]]}'?)" if close else ""


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(Problem(position, message))

    def text(self, node: YNode, what: str, *, key: bool = False) -> str | None:
        """Non-empty text; a value YAML reads as a number, true/false or null is refused (an
        editor would flag it and other tools would change it), a key is always text."""
        if not isinstance(node, YScalar):
            self.problem(node.position, f"{what} must be text, found {_kind(node)}")
            return None
        value = node.value.strip()
        if not value:
            self.problem(node.position, f"{what} is empty")
            return None
        if not key and node.yaml_type != "text":
            self.problem(
                node.position,
                f"{what} must be text, but YAML reads {value} as {_READ_AS[node.yaml_type]}; "
                f'put it in quotes ("{value}") to keep it as text',
            )
            return None
        return visible(value)  # shown, never obeyed: no ESC or C1 code reaches a terminal

    def boolean(self, node: YNode, what: str) -> bool | None:
        if isinstance(node, YScalar) and node.yaml_type == "boolean":
            return node.value.lower() == "true"
        self.problem(node.position, f"{what} must be true or false, found {_kind(node)}")
        return None

    def sequence(
        self, node: YNode, what: str, each: Callable[[YNode, str], T | None]
    ) -> tuple[T, ...] | None:
        if not isinstance(node, YSeq):
            self.problem(node.position, f"{what} must be a list, found {_kind(node)}")
            return None
        if not node.items:
            self.problem(node.position, f"{what} is an empty list")
            return None
        values = [each(item, f"{what} entry {n}") for n, item in enumerate(node.items, start=1)]
        if any(value is None for value in values):
            return None
        return tuple(value for value in values if value is not None)

    def texts(self, node: YNode, what: str) -> tuple[str, ...] | None:
        return self.sequence(node, what, self.text)

    def text_or_texts(self, node: YNode, what: str) -> tuple[str, ...] | None:
        if isinstance(node, YSeq):
            return self.texts(node, what)
        value = self.text(node, what)
        return None if value is None else (value,)

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        if not isinstance(node, YMap):
            found = "an empty file" if node is None else _kind(node)
            position = Position(1, 1) if node is None else node.position
            self.problem(position, f"{what} must be a mapping of 'key: value' lines, found {found}")
            return None
        return node

    def unknown_keys(
        self,
        node: YMap,
        allowed: tuple[str, ...],
        where: str,
        elsewhere: dict[str, str] | None = None,
    ) -> None:
        for key, _ in node.entries:
            if key.value in allowed:
                continue
            hint = (elsewhere or {}).get(key.value) or suggest(key.value, allowed)
            self.problem(key.position, f"unknown key '{key.value}' in {where}{hint}")

    def slug(self, node: YNode, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not SLUG.match(value):
            example = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "card-1"
            self.problem(
                node.position,
                f"{what} '{value}' may only use lowercase letters, digits "
                f"and single '-' (e.g. '{example}')",
            )
            return None
        return value


def _list_entry(checker: _Checker, node: YNode, what: str) -> ListEntry | None:
    if isinstance(node, YMap):
        if len(node.entries) != 1:
            checker.problem(
                node.position,
                f"{what} has {len(node.entries)} 'term: explanation' "
                "pairs; write one per item, or quote text that contains ': '",
            )
            return None
        key, value = node.entries[0]
        term = checker.text(key, f"{what} term", key=True)
        explanation = checker.text(value, f"{what} explanation")
        if term is None or explanation is None:
            return None
        return ListEntry(term, explanation)
    term = checker.text(node, what)
    return None if term is None else ListEntry(term)


def _table_rows(
    checker: _Checker, node: YNode, columns: tuple[str, ...] | None
) -> tuple[tuple[str, ...], ...] | None:
    rows = checker.sequence(node, "rows", checker.texts)
    if rows is None or columns is None:
        return None
    assert isinstance(node, YSeq)
    ok = True
    for number, (row, row_node) in enumerate(zip(rows, node.items, strict=True), start=1):
        if len(row) != len(columns):
            ok = False
            checker.problem(
                row_node.position,
                f"row {number} has {len(row)} cells but there are {len(columns)} columns "
                f"({', '.join(columns)}); use '—' for an empty cell",
            )
    return rows if ok else None


def _parts(checker: _Checker, node: YNode) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    mapping = checker.mapping(node, "parts")
    if mapping is None:
        return None
    if not mapping.entries:
        checker.problem(mapping.position, "parts is empty")
        return None
    parts = []
    for key, value in mapping.entries:
        heading = checker.text(key, "part heading", key=True)
        content = checker.text_or_texts(value, f"part '{key.value}'")
        if heading is None or content is None:
            return None
        parts.append((heading, content))
    return tuple(parts)


def parse_cloze(text: str) -> tuple[ClozeSegment, ...] | str:
    """The segments of a cloze text, or a message saying what is wrong with it."""
    segments: list[ClozeSegment] = []
    end = 0
    for match in GAP.finditer(text):
        segments.append(text[end : match.start()])
        answer, _, hint = match.group(1).partition("::")
        if not answer.strip():
            return f"empty gap '{match.group(0)}'"
        segments.append(Gap(answer.strip(), hint.strip() or None))
        end = match.end()
    segments.append(text[end:])
    plain = [segment for segment in segments if isinstance(segment, str)]
    if any("{{" in part or "}}" in part for part in plain):
        return "unbalanced '{{' or '}}': write gaps as {{answer}} or {{answer::hint}}"
    if len(segments) == 1:
        return "cloze text has no gaps: mark what to recall as {{answer}}"
    return tuple(segment for segment in segments if segment != "")


def _elsewhere(note_type: str) -> dict[str, str]:
    """For keys that belong to another card type: a hint to set that type."""
    hints: dict[str, str] = {}
    for other, keys in CARD_KEYS.items():
        for key in keys:
            if key not in CARD_KEYS[note_type]:
                hints.setdefault(key, f" ('{key}' belongs to {other} cards: add 'type: {other}')")
    return hints


def _note(checker: _Checker, node: YNode, number: int) -> Note | None:
    card = checker.mapping(node, f"card {number}")
    if card is None:
        return None
    start = len(checker.problems)
    id_node = card.get("id")
    note_id = None
    if id_node is None:
        checker.problem(
            card.position, f"card {number} has no 'id' (a short unique slug, never reused)"
        )
    else:
        note_id = checker.slug(id_node, "card id")
    label = f"card '{note_id}'" if note_id else f"card {number}"

    note_type: NoteType = "basic"
    type_node = card.get("type")
    if type_node is not None:
        value = checker.text(type_node, f"{label} type")
        if value is not None and value not in NOTE_TYPES:
            checker.problem(
                type_node.position,
                f"unknown card type '{value}'{suggest(value, NOTE_TYPES)}; "
                f"use one of: {', '.join(NOTE_TYPES)}",
            )
            return None
        if value is None:
            return None
        note_type = value

    allowed = COMMON_CARD_KEYS + CARD_KEYS[note_type]
    checker.unknown_keys(card, allowed, label, _elsewhere(note_type))
    for key in REQUIRED_CARD_KEYS[note_type]:
        if card.get(key) is None:
            checker.problem(card.position, f"{label} ({note_type}) is missing '{key}'")

    def field(key: str, read: Callable[[YNode, str], T | None]) -> T | None:
        value_node = card.get(key)
        return None if value_node is None else read(value_node, f"{label} {key}")

    q = field("q", checker.text) or ""
    values: dict[str, object] = {
        "extra": field("extra", checker.text) or "",
        "sources": field("source", checker.text_or_texts) or (),
        "tags": field("tags", checker.texts) or (),
    }
    if note_type == "basic":
        values |= {
            "a": field("a", checker.text) or "",
            "reverse": bool(field("reverse", checker.boolean)),
        }
    elif note_type == "list":
        values |= {
            "items": field(
                "items",
                lambda n, w: checker.sequence(
                    n, w, lambda item, what: _list_entry(checker, item, what)
                ),
            )
            or (),
            "ordered": bool(field("ordered", checker.boolean)),
        }
    elif note_type == "table":
        columns = field("columns", checker.texts)
        if columns is not None and len(columns) < 2:
            checker.problem(card.position, f"{label} needs at least 2 columns")
        rows_node = card.get("rows")
        rows = None if rows_node is None else _table_rows(checker, rows_node, columns)
        values |= {"columns": columns or (), "rows": rows or ()}
    elif note_type == "parts":
        parts_node = card.get("parts")
        values |= {"parts": (None if parts_node is None else _parts(checker, parts_node)) or ()}
    else:
        text_node = card.get("text")
        text = field("text", checker.text)
        if text is not None and text_node is not None:
            cloze = parse_cloze(text)
            if isinstance(cloze, str):
                checker.problem(text_node.position, f"{label} text: {cloze}")
            else:
                values["cloze"] = cloze

    if len(checker.problems) > start or note_id is None:
        return None
    return Note(id=note_id, type=note_type, line=card.position.line, q=q, **values)  # type: ignore[arg-type]


def check_deck(root: YNode | None, path: Path) -> tuple[Deck | None, list[Problem]]:
    """The deck described by `root`, and every problem found in it."""
    checker = _Checker()
    top = checker.mapping(root, "the deck file")
    if top is None:
        return None, checker.problems
    checker.unknown_keys(top, DECK_KEYS, "the deck (top level)")

    def field(key: str, read: Callable[[YNode, str], T | None]) -> T | None:
        node = top.get(key)
        return None if node is None else read(node, f"'{key}'")

    title = field("deck", checker.text)
    if top.get("deck") is None:
        checker.problem(top.position, "missing 'deck:' (the title students see)")
    deck_id = field("id", checker.slug) or path.stem
    if top.get("id") is None and not SLUG.match(deck_id):
        checker.problem(
            top.position,
            f"the file name '{path.stem}' is not a valid deck id; add "
            "'id:' with lowercase letters, digits and '-'",
        )
    language = field("language", checker.text) or "nl"
    language_node = top.get("language")
    if language not in LANGUAGES and language_node is not None:
        checker.problem(
            language_node.position,
            f"language '{language}' is not supported; use one of: {', '.join(LANGUAGES)}",
        )

    notes: list[Note] = []
    cards_node = top.get("cards")
    if cards_node is None:
        checker.problem(top.position, "missing 'cards:' (the list of cards)")
    elif not isinstance(cards_node, YSeq) or not cards_node.items:
        checker.problem(
            cards_node.position, f"'cards' must be a non-empty list, found {_kind(cards_node)}"
        )
    else:
        first_line: dict[str, int] = {}
        for number, card_node in enumerate(cards_node.items, start=1):
            note = _note(checker, card_node, number)
            if note is None:
                continue
            if note.id in first_line:
                checker.problem(
                    card_node.position,
                    f"duplicate card id '{note.id}' (first at line {first_line[note.id]})",
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
