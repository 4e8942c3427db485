"""Type-the-answer: is what the student typed the expected answer, and where does it differ?

The comparison ignores case, accents, punctuation and spacing, so "Differentieren" counts for
"differentiëren"; the difference shown to the student is computed on the text as written.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Literal

Part = Literal["same", "missing", "extra"]


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = (c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c if c.isalnum() else " " for c in letters)
    return " ".join(kept.split())


@dataclass(frozen=True)
class Check:
    correct: bool
    # The typed text against the expected one: ("same", "segment"), ("extra", what was typed but
    # is not expected), ("missing", what is expected but was not typed).
    diff: tuple[tuple[Part, str], ...]


def check(typed: str, expected: str) -> Check:
    correct = normalise(typed) == normalise(expected)
    matcher = difflib.SequenceMatcher(a=typed, b=expected, autojunk=False)
    diff: list[tuple[Part, str]] = []
    for operation, a0, a1, b0, b1 in matcher.get_opcodes():
        if operation == "equal":
            diff.append(("same", typed[a0:a1]))
            continue
        if a1 > a0:
            diff.append(("extra", typed[a0:a1]))
        if b1 > b0:
            diff.append(("missing", expected[b0:b1]))
    return Check(correct, tuple(diff))
