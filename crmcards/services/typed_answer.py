"""Type-the-answer: is what the student typed the expected answer, and where does it differ?

The comparison ignores case, accents, punctuation and spacing, so "Differentieren" counts for
"differentiëren". The difference shown to the student marks only what was graded: it compares
the same normalised characters, so a capital letter or a missing full stop is never shown as a
mistake, and the segments shown are the text as the student typed it (or as the card says it).
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Literal

Part = Literal["same", "missing", "extra"]
SEPARATOR = " "  # what every run of spaces and punctuation counts as


def _graded(text: str) -> list[tuple[str, str]]:
    """`text` as (graded character, written text) pairs: case and accents folded, every run of
    spaces and punctuation one separator, none at the ends. A written character that folds to
    several (ß → ss) gives its text to the first of them."""
    units: list[tuple[str, str]] = []
    for written in text:
        decomposed = unicodedata.normalize("NFKD", written.casefold())
        folded = [
            c if c.isalnum() else SEPARATOR for c in decomposed if not unicodedata.combining(c)
        ]
        for n, key in enumerate(folded or [""]):
            shown = written if n == 0 else ""
            if key == "":  # a lone combining mark: part of the written text, never graded
                if units:
                    units[-1] = (units[-1][0], units[-1][1] + shown)
                continue
            if key == SEPARATOR and units and units[-1][0] == SEPARATOR:
                units[-1] = (SEPARATOR, units[-1][1] + shown)
            else:
                units.append((key, shown))
    while units and units[0][0] == SEPARATOR:
        units.pop(0)
    while units and units[-1][0] == SEPARATOR:
        units.pop()
    return units


def normalise(text: str) -> str:
    return "".join(key for key, _ in _graded(text))


@dataclass(frozen=True)
class Check:
    correct: bool
    # The typed text against the expected one: ("same", "segment"), ("extra", what was typed but
    # is not expected), ("missing", what is expected but was not typed).
    diff: tuple[tuple[Part, str], ...]


def check(typed: str, expected: str) -> Check:
    ours, theirs = _graded(typed), _graded(expected)
    matcher = difflib.SequenceMatcher(
        a=[key for key, _ in ours], b=[key for key, _ in theirs], autojunk=False
    )
    diff: list[tuple[Part, str]] = []

    def add(part: Part, units: list[tuple[str, str]]) -> None:
        text = "".join(shown for _, shown in units)
        if diff and diff[-1][0] == part:
            diff[-1] = (part, diff[-1][1] + text)
        elif text:
            diff.append((part, text))

    for operation, a0, a1, b0, b1 in matcher.get_opcodes():
        if operation == "equal":
            add("same", ours[a0:a1])
            continue
        add("extra", ours[a0:a1])
        add("missing", theirs[b0:b1])
    correct = [key for key, _ in ours] == [key for key, _ in theirs]
    return Check(correct, tuple(diff))
