"""What a deck is once loaded: a Deck of Notes (the cards a teacher wrote)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

NoteType = Literal["basic", "list", "table", "parts", "cloze"]
NOTE_TYPES: tuple[NoteType, ...] = ("basic", "list", "table", "parts", "cloze")


@dataclass(frozen=True)
class ListEntry:
    """One element of a list card: a term, optionally with its explanation."""

    term: str
    explanation: str | None = None

    @property
    def text(self) -> str:
        return f"{self.term}: {self.explanation}" if self.explanation else self.term


@dataclass(frozen=True)
class Gap:
    answer: str
    hint: str | None = None


ClozeSegment = str | Gap


@dataclass(frozen=True)
class Note:
    """One card as written in the deck file. Which fields are set depends on `type`."""

    id: str
    type: NoteType
    line: int
    q: str = ""
    a: str = ""
    reverse: bool = False
    items: tuple[ListEntry, ...] = ()
    ordered: bool = False
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cloze: tuple[ClozeSegment, ...] = ()
    extra: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return tuple(segment for segment in self.cloze if isinstance(segment, Gap))

    @property
    def element_count(self) -> int:
        """How many drillable elements a structured note has (0 for basic notes)."""
        if self.type == "list":
            return len(self.items)
        if self.type == "table":
            return len(self.rows)
        if self.type == "parts":
            return len(self.parts)
        if self.type == "cloze":
            return sum(1 for segment in self.cloze if isinstance(segment, Gap))
        return 0


@dataclass(frozen=True, eq=False)
class Deck:
    """A deck file's content. Two Deck objects are equal only if they are the same object: a
    deck holds thousands of notes, and every Item refers to its deck, so hashing or comparing
    decks by value would cost a walk over all of them each time."""

    id: str
    title: str
    path: Path
    notes: tuple[Note, ...]
    language: str = "nl"
    source: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
