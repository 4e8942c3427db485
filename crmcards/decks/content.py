"""The one place that decides what an item shows: its prompt and answer as simple blocks.

The blocks are format-neutral; the TUI (Rich), plain text (`cards --json`), reports and exports
each turn them into their own format, so every item kind is rendered the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crmcards.decks.items import Item
from crmcards.decks.model import Gap, ListEntry, Note

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
class Card:
    """What one item shows: the prompt, and what the reveal adds."""

    prompt: tuple[Block, ...]
    answer: tuple[Block, ...]
    extra: str = ""
    expected: str | None = None  # the short answer a student can type, when there is one
    # The answer is the prompt's last block filled in (a table's empty cells, a list's or a
    # formula's gap): once revealed, it takes that block's place instead of repeating it.
    fills_in: bool = False

    @property
    def revealed_prompt(self) -> tuple[Block, ...]:
        """What stays of the prompt once the answer shows."""
        return self.prompt[:-1] if self.fills_in else self.prompt


def _text(text: str, role: Role = "text") -> Line:
    return (Span(text, role),)


def _gap(hint: str | None = None) -> Line:
    return (Span(hint or GAP_MARK, "gap"),)


def _entry(
    entry: ListEntry, *, term_role: Role = "strong", explanation_role: Role = "text"
) -> Line:
    if entry.explanation is None:
        return _text(entry.term, "answer" if term_role == "answer" else "text")
    return (Span(entry.term, term_role), Span(": "), Span(entry.explanation, explanation_role))


def _count(n: int) -> Paragraph:
    return Paragraph(_text(f"({n})", "muted"))


def _list_item(note: Note, index: int) -> Card:
    def shown(n: int, entry: ListEntry) -> Line:
        if n != index:
            return _text(entry.term, "muted")
        if entry.explanation is None:
            return _gap()
        return (Span(entry.term, "strong"), Span(": "), Span(GAP_MARK, "gap"))

    def revealed(n: int, entry: ListEntry) -> Line:
        if n != index:
            return _text(entry.term, "muted")
        return _entry(
            entry,
            term_role="answer" if entry.explanation is None else "strong",
            explanation_role="answer",
        )

    return Card(
        prompt=(
            Paragraph(_text(note.q)),
            Bullets(tuple(shown(n, e) for n, e in enumerate(note.items)), note.ordered),
        ),
        answer=(Bullets(tuple(revealed(n, e) for n, e in enumerate(note.items)), note.ordered),),
        fills_in=True,
    )


def _table_row(note: Note, index: int) -> Card:
    row = note.rows[index]
    hidden = (_text(row[0], "strong"), *(_gap() for _ in row[1:]))
    shown = (_text(row[0], "strong"), *(_text(cell, "answer") for cell in row[1:]))
    return Card(
        prompt=(Paragraph(_text(note.q)), Table(note.columns, (hidden,))),
        answer=(Table(note.columns, (shown,)),),
        fills_in=True,
    )


def _cloze(note: Note, hidden: int | None) -> Card:
    """`hidden` is the gap asked for, or None for all gaps at once."""

    def line(reveal: bool) -> Line:
        spans = []
        gap_number = 0
        for segment in note.cloze:
            if isinstance(segment, Gap):
                asked = hidden is None or gap_number == hidden
                if not asked:
                    spans.append(Span(segment.answer))
                else:
                    spans.append(
                        Span(segment.answer, "answer") if reveal else _gap(segment.hint)[0]
                    )
                gap_number += 1
            else:
                spans.append(Span(segment))
        return tuple(spans)

    context = (Paragraph(_text(note.q, "muted")),) if note.q else ()
    return Card(
        prompt=(*context, Paragraph(line(False))), answer=(Paragraph(line(True)),), fills_in=True
    )


def _whole(note: Note) -> Card:
    question = Paragraph(_text(note.q))
    if note.type == "list":
        return Card(
            (question, _count(len(note.items))),
            (Bullets(tuple(_entry(e) for e in note.items), note.ordered),),
        )
    if note.type == "table":
        rows = tuple(tuple(_text(cell) for cell in row) for row in note.rows)
        blank = tuple(tuple(_gap() for _ in row) for row in note.rows)
        return Card(
            (question, Table(note.columns, blank)), (Table(note.columns, rows),), fills_in=True
        )
    if note.type == "parts":
        return Card(
            (question, _count(len(note.parts))),
            tuple(Section(h, tuple(_text(c) for c in content)) for h, content in note.parts),
        )
    return _cloze(note, None)


def card_for(item: Item) -> Card:
    note = item.note
    if item.kind == "basic":
        card = Card((Paragraph(_text(note.q)),), (Paragraph(_text(note.a)),))
    elif item.kind == "reverse":
        card = Card((Paragraph(_text(note.a)),), (Paragraph(_text(note.q)),))
    elif item.index is None:
        card = _whole(note)
    elif item.kind == "list-item":
        card = _list_item(note, item.index)
    elif item.kind == "table-row":
        card = _table_row(note, item.index)
    elif item.kind == "part":
        heading, content = note.parts[item.index]
        card = Card(
            (Paragraph(_text(note.q)), Section(heading, (_gap(),))),
            (Section(heading, tuple(_text(c, "answer") for c in content)),),
            fills_in=True,
        )
    else:
        card = _cloze(note, item.index)
    return Card(card.prompt, card.answer, note.extra, _expected(item), card.fills_in)


MAX_TYPED_ANSWER = 60


def _expected(item: Item) -> str | None:
    """The answer to type for items whose answer is one short piece of text."""
    note, index = item.note, item.index
    answer: str | None = None
    if item.kind == "basic":
        answer = note.a
    elif item.kind == "list-item" and index is not None:
        entry = note.items[index]
        answer = entry.explanation or entry.term
    elif item.kind == "part" and index is not None and len(note.parts[index][1]) == 1:
        answer = note.parts[index][1][0]
    elif item.kind == "cloze-gap" and index is not None:
        answer = note.gaps[index].answer
    elif item.kind == "cloze" and len(note.gaps) == 1:
        answer = note.gaps[0].answer
    if answer is None or len(answer) > MAX_TYPED_ANSWER or "\n" in answer:
        return None
    return answer
