"""The card browser's index: every card in an in-memory SQLite database, so that each keystroke
is one query (text, deck, tag, kind and study state together) instead of a walk through 100,000
items in Python.

Text is matched as folded substrings (case and accents do not count: `fold`), per note, as Anki's
browser matches a note's fields. The study marks (scheduled, due, lapses...) are copied from the
store when the index is built and updated card by card when the browser changes one. Standard
library only: `crmcards cards` uses it without loading SQLAlchemy.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """`text` without case and accents: "Differentiëren" -> "differentieren"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


class Marks(NamedTuple):
    """What an item's study state is, as far as the browser filters and shows it (a tuple:
    100,000 of them go into the index at once)."""

    due: float | None = None  # when it is due (POSIX seconds); None: new
    fsrs_state: int = 0  # 0 new, 1 learning, 2 review, 3 relearning
    lapses: int = 0
    mastered: bool = False
    flagged: bool = False
    suspended: bool = False


# An item as the index takes it: (its note's position in `notes`, what `deck:` matches (the
# deck's id and title), kind, tags (as `tag_text` gives them), its Marks). Plain tuples: 100,000
# go into the index at once.
IndexedItem = tuple[int, str, str, str, Marks]


# Each study state as a condition on the item table; `:now` and `:leech` are given per query.
STATE_CONDITIONS = {
    "new": "due IS NULL AND NOT suspended",
    "due": "due <= :now AND NOT suspended",
    "learning": "fsrs_state IN (1, 3) AND NOT suspended",
    "leech": "lapses >= :leech",
    "mastered": "mastered",
    "flagged": "flagged",
    "suspended": "suspended",
}
_MARKS = "due, fsrs_state, lapses, mastered, flagged, suspended"


class CardIndex:
    """Items are numbered by their position in the list they were given in."""

    def __init__(self, notes: Iterable[str], items: Iterable[IndexedItem]) -> None:
        # used from the worker that builds it and then from the app's thread, never at once
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.executescript(
            "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
            "CREATE TABLE item (pos INTEGER PRIMARY KEY, note INTEGER NOT NULL,"
            " deck TEXT NOT NULL, kind TEXT NOT NULL, tags TEXT NOT NULL,"
            " due REAL, fsrs_state INTEGER, lapses INTEGER, mastered INTEGER, flagged INTEGER,"
            " suspended INTEGER);"
            "CREATE INDEX item_note ON item (note);"
        )
        self._db.executemany("INSERT INTO note VALUES (?, ?)", enumerate(map(fold, notes)))
        # deck keys are folded here, once per deck
        decks: dict[str, str] = {}
        items = (
            (note, decks.get(deck) or decks.setdefault(deck, fold(deck)), kind, tags, marks)
            for note, deck, kind, tags, marks in items
        )
        self._db.executemany(
            "INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (pos, note, deck, kind, tags, *marks)
                for pos, (note, deck, kind, tags, marks) in enumerate(items)
            ),
        )

    def set_marks(self, marks: dict[int, Marks]) -> None:
        """New study marks for the items at these positions."""
        self._db.executemany(
            "UPDATE item SET due = ?, fsrs_state = ?, lapses = ?, mastered = ?, flagged = ?,"
            " suspended = ? WHERE pos = ?",
            ((*m, pos) for pos, m in marks.items()),
        )

    def marks(self, positions: Sequence[int]) -> dict[int, Marks]:
        found: dict[int, Marks] = {}
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            rows = self._db.execute(
                f"SELECT pos, {_MARKS} FROM item WHERE pos IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for pos, due, state, lapses, mastered, flagged, suspended in rows:
                found[pos] = Marks(
                    due, state, lapses, bool(mastered), bool(flagged), bool(suspended)
                )
        return found

    def find(
        self,
        *,
        words: Sequence[str] = (),
        deck: str | None = None,
        tag: str | None = None,
        kind: str | None = None,
        state: str | None = None,
        now: datetime | None = None,
        leech_lapses: int = 6,
    ) -> list[int]:
        """The positions of the items that match all that is given, in order: `words` and `deck`
        as folded substrings, `tag` and `kind` exactly, `state` one of STATE_CONDITIONS (a
        state needs `now`)."""
        where: list[str] = []
        parameters: dict[str, object] = {
            "leech": leech_lapses,
            "now": now.timestamp() if now else None,
        }
        matching = []
        for n, word in enumerate(fold(w) for w in words):
            matching.append(f"instr(text, :w{n})")
            parameters[f"w{n}"] = word
        if matching:  # the notes first (a quarter as many), then their items by the note index
            where.append(f"note IN (SELECT id FROM note WHERE {' AND '.join(matching)})")
        if deck is not None:
            where.append("instr(deck, :deck)")
            parameters["deck"] = fold(deck)
        if tag is not None:
            where.append("instr(tags, :tag)")
            parameters["tag"] = tag_text([tag])
        if kind is not None:
            where.append("kind = :kind")
            parameters["kind"] = kind
        if state is not None:
            assert state != "due" or now is not None, "'due' needs the time"
            where.append(STATE_CONDITIONS[state])
        sql = f"SELECT pos FROM item WHERE {' AND '.join(where) or '1'} ORDER BY pos"
        return [pos for (pos,) in self._db.execute(sql, parameters)]


def tag_text(tags: Iterable[str]) -> str:
    """Tags as one text in which `instr` finds a whole tag only: " a b "."""
    return f" {' '.join(tags)} "
