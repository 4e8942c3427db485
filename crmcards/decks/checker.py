"""Reading values out of a parsed deck file, collecting every problem with its position.

The deck schema (schema.py) and each card kind (kinds/) read their keys through a Checker, so
all of them word their messages alike and a teacher sees every problem in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import TypeVar

from crmcards.decks.yamlsafe import Position, Problem, YMap, YNode, YScalar, YSeq
from crmcards.messages import Said
from crmcards.safetext import visible

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

T = TypeVar("T")

# What a message says a value is: the name of a key as written ("'deck'", "rows") or a
# description in the UI language (Said), such as "card 'b1' a" or "card 3 items entry 2".
Words = str | Said


def describe(node: YNode) -> Words:
    """How a node reads in a message: a mapping, a list, or its text."""
    if isinstance(node, YMap):
        return Said.of("found_mapping")
    if isinstance(node, YSeq):
        return Said.of("found_list" if node.items else "found_empty_list")
    return f"'{node.value}'" if node.value else Said.of("found_nothing")


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


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> Words:
    """' (did you mean 'x'?)' for the closest choice (or a synonym of it, with typos), or ''."""
    candidates = {choice: choice for choice in choices}
    candidates |= {synonym: key for synonym, key in KEY_SYNONYMS.items() if key in choices}
    close = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    return Said.of("did_you_mean", choice=candidates[close[0]]) if close else ""


class Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, position: Position, key: str, /, **fields: object) -> None:
        """Note the problem `key` of crmcards.messages at `position`."""
        self.problems.append(Problem(position, Said.of(key, **fields)))

    def text(self, node: YNode, what: Words, *, key: bool = False) -> str | None:
        """Non-empty text; a value YAML reads as a number, true/false or null is refused (an
        editor would flag it and other tools would change it), a key is always text."""
        if not isinstance(node, YScalar):
            self.problem(node.position, "deck_not_text", what=what, found=describe(node))
            return None
        value = node.value.strip()
        if not value:
            self.problem(node.position, "deck_empty", what=what)
            return None
        if not key and node.yaml_type != "text":
            read_as = Said.of(f"read_as_{node.yaml_type}")
            self.problem(node.position, "deck_read_as", what=what, value=value, read_as=read_as)
            return None
        return visible(value)  # shown, never obeyed: no ESC or C1 code reaches a terminal

    def boolean(self, node: YNode, what: Words) -> bool | None:
        if isinstance(node, YScalar) and node.yaml_type == "boolean":
            return node.value.lower() == "true"
        self.problem(node.position, "deck_not_boolean", what=what, found=describe(node))
        return None

    def sequence(
        self, node: YNode, what: Words, each: Callable[[YNode, Words], T | None]
    ) -> tuple[T, ...] | None:
        if not isinstance(node, YSeq):
            self.problem(node.position, "deck_not_list", what=what, found=describe(node))
            return None
        if not node.items:
            self.problem(node.position, "deck_empty_list", what=what)
            return None
        values = [
            each(item, Said.of("deck_entry", what=what, n=n))
            for n, item in enumerate(node.items, start=1)
        ]
        if any(value is None for value in values):
            return None
        return tuple(value for value in values if value is not None)

    def texts(self, node: YNode, what: Words) -> tuple[str, ...] | None:
        return self.sequence(node, what, self.text)

    def text_or_texts(self, node: YNode, what: Words) -> tuple[str, ...] | None:
        if isinstance(node, YSeq):
            return self.texts(node, what)
        value = self.text(node, what)
        return None if value is None else (value,)

    def mapping(self, node: YNode | None, what: Words) -> YMap | None:
        if not isinstance(node, YMap):
            found = Said.of("found_empty_file") if node is None else describe(node)
            position = Position(1, 1) if node is None else node.position
            self.problem(position, "deck_not_mapping", what=what, found=found)
            return None
        return node

    def unknown_keys(
        self,
        node: YMap,
        allowed: tuple[str, ...],
        where: Words,
        elsewhere: dict[str, Said] | None = None,
    ) -> None:
        for key, _ in node.entries:
            if key.value in allowed:
                continue
            hint = (elsewhere or {}).get(key.value) or suggest(key.value, allowed)
            self.problem(key.position, "deck_unknown_key", key=key.value, where=where, hint=hint)

    def slug(self, node: YNode, what: Words) -> str | None:
        value = self.text(node, what)
        if value is not None and not SLUG.match(value):
            example = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "card-1"
            self.problem(node.position, "deck_bad_slug", what=what, value=value, example=example)
            return None
        return value

    def field(
        self, card: YMap, key: str, label: Words, read: Callable[[YNode, Words], T | None]
    ) -> T | None:
        """The value of `key` in `card` read with `read` (None when absent or wrong)."""
        node = card.get(key)
        return None if node is None else read(node, Said.of("deck_key_of", label=label, key=key))
