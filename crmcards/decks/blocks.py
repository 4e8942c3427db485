"""Format-neutral content blocks: what an item shows, before any renderer formats it.

The TUI (Rich), plain text (`cards --json`), reports and exports each turn these blocks into
their own format, so every card kind is rendered the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["text", "strong", "gap", "answer", "muted"]
GAP_MARK = "…"


@dataclass(frozen=True)
class Span:
    text: str
    role: Role = "text"


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    spans: Line


@dataclass(frozen=True)
class Bullets:
    entries: tuple[Line, ...]
    ordered: bool


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Line, ...]


Block = Paragraph | Bullets | Table | Section


@dataclass(frozen=True)
class ItemView:
    """What one item shows: the prompt, and what the reveal adds."""

    prompt: tuple[Block, ...]
    answer: tuple[Block, ...]
    extra: str = ""
    expected: str | None = None  # the short answer a student can type, when there is one
    # The answer is the prompt's last block filled in (a table's empty cells, a list's or a
    # formula's gap): once revealed, it takes that block's place instead of repeating it.
    fills_in: bool = False
    # What the prompt asks for when its text alone does not say (a definition shown to be named:
    # "term"); a key the renderers word in the UI language.
    cue: str | None = None

    @property
    def revealed_prompt(self) -> tuple[Block, ...]:
        """What stays of the prompt once the answer shows."""
        return self.prompt[:-1] if self.fills_in else self.prompt


def text_line(text: str, role: Role = "text") -> Line:
    return (Span(text, role),)


def gap_line(hint: str | None = None) -> Line:
    return (Span(hint or GAP_MARK, "gap"),)


def count_paragraph(n: int) -> Paragraph:
    """'(n)': how many elements the answer has."""
    return Paragraph(text_line(f"({n})", "muted"))
