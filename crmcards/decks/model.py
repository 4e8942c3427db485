"""What a deck is once loaded: a Deck of Notes (the cards a teacher wrote).

A note's kind-specific content is its `body`, one class per card kind (crmcards/decks/kinds/),
which knows everything that differs between kinds: its keys and how they are checked, the
items it expands into, what each item shows, the answer a student can type, and the text its
fingerprint is taken from. The common fields (id, question, extra, sources, tags) are the Note's.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ClassVar, Literal, NamedTuple

from crmcards.decks.blocks import ItemView
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import Field
from crmcards.decks.yamlsafe import YMap

ItemKind = Literal[
    "basic",
    "reverse",
    "list",
    "list-item",
    "table",
    "table-row",
    "parts",
    "part",
    "cloze",
    "cloze-gap",
]


class ItemShape(NamedTuple):
    """One review item a note expands into, before it is tied to its deck."""

    variant: str  # the part of the item id after '#': derived from positions only
    kind: ItemKind
    index: int | None = None  # type: ignore[assignment]  # the element asked for, if any


@cache
def structured_shapes(whole: ItemKind, element: ItemKind, elements: int) -> tuple[ItemShape, ...]:
    """The items of a structured kind with `elements` elements (made once per kind and count:
    a large collection expands tens of thousands of notes)."""
    shapes = [ItemShape("all", whole)]
    if elements > 1:
        shapes += [ItemShape(str(n + 1), element, n) for n in range(elements)]
    return tuple(shapes)


class NoteBody(ABC):
    """What one card kind is. Subclasses are frozen dataclasses holding the kind's own content,
    registered in kinds/__init__.py.

    A structured kind yields a whole-recall item (`WHOLE`) and, when it has more than one
    element, one item per element (`ELEMENT`); a kind with other items overrides `shapes`."""

    NAME: ClassVar[str]  # the `type:` a teacher writes
    KEYS: ClassVar[tuple[str, ...]]  # its own keys, besides the common ones
    REQUIRED: ClassVar[tuple[str, ...]]
    FIELDS: ClassVar[Mapping[str, Field]]  # what each of its own keys holds (not `q`)
    WHOLE: ClassVar[ItemKind]
    ELEMENT: ClassVar[ItemKind]

    @classmethod
    @abstractmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> NoteBody | None:
        """The body of `card`, or None when the checker has noted a problem."""

    @property
    @abstractmethod
    def element_count(self) -> int:
        """How many drillable elements it has (0 for a kind without elements)."""

    def shapes(self) -> Sequence[ItemShape]:
        return structured_shapes(self.WHOLE, self.ELEMENT, self.element_count)

    @abstractmethod
    def view(self, question: str, shape: ItemShape) -> ItemView:
        """What the item `shape` shows (without the note's extra and the typed answer)."""

    @abstractmethod
    def expected(self, shape: ItemShape) -> str | None:
        """The one piece of text that answers `shape`, if there is one (to type it)."""

    @abstractmethod
    def words(self) -> list[str]:
        """The body's text, in order, for the note's fingerprint."""


@dataclass(frozen=True)
class Note:
    """One card as written in the deck file."""

    id: str
    line: int
    body: NoteBody
    q: str = ""
    extra: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        return self.body.NAME

    @property
    def element_count(self) -> int:
        return self.body.element_count


@dataclass(frozen=True, eq=False)
class DeckInfo:
    """What a deck file says about the deck itself: all an item needs of its deck. A study
    session decodes only the notes it shows (decks.on_demand), and their items refer to this."""

    id: str
    title: str
    path: Path
    language: str = "nl"
    source: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Deck(DeckInfo):
    """A deck file's content. Two Deck objects are equal only if they are the same object: a
    deck holds thousands of notes, and every Item refers to its deck, so hashing or comparing
    decks by value would cost a walk over all of them each time."""

    notes: tuple[Note, ...] = field(kw_only=True)
