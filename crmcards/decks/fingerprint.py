"""A note's content fingerprint: a 64-bit SimHash of its words.

Stored (not the text itself) with a note's review history, so that `lint` can tell a typo fix
(a few bits differ) from a card id reused for a different card (about half the bits differ).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from crmcards.decks.model import Note

BITS = 64
WORD = re.compile(r"\w+")


def note_text(note: Note) -> str:
    return " ".join([note.q, *note.body.words()])


def _features(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.casefold())
    words = WORD.findall("".join(c for c in plain if not unicodedata.combining(c)))
    # single words and word pairs: reordering and small edits move few bits
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def simhash(text: str) -> int:
    weights = [0] * BITS
    for feature in _features(text):
        digest = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
        for bit in range(BITS):
            weights[bit] += 1 if digest >> bit & 1 else -1
    value = sum(1 << bit for bit in range(BITS) if weights[bit] > 0)
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value  # fits a signed BIGINT


@lru_cache(maxsize=4096)  # stored with every rating: computed once per note, not per rating
def fingerprint(note: Note) -> int:
    return simhash(note_text(note))


def similarity(a: int, b: int) -> float:
    """1.0 for the same content, around 0.5 for unrelated content."""
    return 1 - bin((a ^ b) & ((1 << BITS) - 1)).count("1") / BITS
