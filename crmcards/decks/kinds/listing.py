"""List cards: an enumeration, ordered or not, drilled whole and entry by entry."""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.blocks import (
    GAP_MARK,
    Bullets,
    ItemView,
    Line,
    Paragraph,
    Role,
    Span,
    count_paragraph,
    gap_line,
    text_line,
)
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import BOOLEAN, TEXT, Schema
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.yamlsafe import YMap, YNode
from crmcards.messages import Said


@dataclass(frozen=True)
class ListEntry:
    """One element of a list card: a term, optionally with its explanation."""

    term: str
    explanation: str | None = None

    @property
    def text(self) -> str:
        return f"{self.term}: {self.explanation}" if self.explanation else self.term


def _entry(
    entry: ListEntry, *, term_role: Role = "strong", explanation_role: Role = "text"
) -> Line:
    if entry.explanation is None:
        return text_line(entry.term, "answer" if term_role == "answer" else "text")
    return (Span(entry.term, term_role), Span(": "), Span(entry.explanation, explanation_role))


def _read_entry(checker: Checker, node: YNode, what: Words) -> ListEntry | None:
    if isinstance(node, YMap):
        if len(node.entries) != 1:
            checker.problem(node.position, "deck_list_pairs", what=what, n=len(node.entries))
            return None
        key, value = node.entries[0]
        term = checker.text(key, Said.of("deck_term", what=what), key=True)
        explanation = checker.text(value, Said.of("deck_explanation", what=what))
        if term is None or explanation is None:
            return None
        return ListEntry(term, explanation)
    term = checker.text(node, what)
    return None if term is None else ListEntry(term)


LIST_ENTRY: Schema = {
    "anyOf": [
        TEXT,
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": TEXT,
            "additionalProperties": TEXT,
        },
    ]
}


@dataclass(frozen=True)
class ListBody(NoteBody):
    NAME = "list"
    KEYS = ("q", "items", "ordered")
    REQUIRED = ("q", "items")
    FIELDS = {  # what its keys hold, for `crmcards schema`
        "items": (
            {"type": "array", "minItems": 1, "items": LIST_ENTRY},
            ("Opsomming", "Items"),
            (
                "De elementen: tekst, of 'term: uitleg'. Citeer tekst met ': ' erin.",
                "The elements: text, or 'term: explanation'. Quote text containing ': '.",
            ),
        ),
        "ordered": (
            BOOLEAN,
            ("Volgorde telt", "Ordered"),
            ("true als de volgorde telt (stappen).", "true when the order matters (steps)."),
        ),
    }
    WHOLE = "list"
    ELEMENT = "list-item"

    items: tuple[ListEntry, ...]
    ordered: bool = False

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> ListBody | None:
        items = checker.field(
            card,
            "items",
            label,
            lambda node, what: checker.sequence(
                node, what, lambda item, entry: _read_entry(checker, item, entry)
            ),
        )
        ordered = checker.field(card, "ordered", label, checker.boolean)
        return None if items is None else ListBody(items, bool(ordered))

    @property
    def element_count(self) -> int:
        return len(self.items)

    def view(self, question: str, shape: ItemShape) -> ItemView:
        if shape.index is None:
            return ItemView(
                (Paragraph(text_line(question)), count_paragraph(len(self.items))),
                (Bullets(tuple(_entry(e) for e in self.items), self.ordered),),
            )
        index = shape.index

        def shown(n: int, entry: ListEntry) -> Line:
            if n != index:
                return text_line(entry.term, "muted")
            if entry.explanation is None:
                return gap_line()
            return (Span(entry.term, "strong"), Span(": "), Span(GAP_MARK, "gap"))

        def revealed(n: int, entry: ListEntry) -> Line:
            if n != index:
                return text_line(entry.term, "muted")
            return _entry(
                entry,
                term_role="answer" if entry.explanation is None else "strong",
                explanation_role="answer",
            )

        return ItemView(
            prompt=(
                Paragraph(text_line(question)),
                Bullets(tuple(shown(n, e) for n, e in enumerate(self.items)), self.ordered),
            ),
            answer=(
                Bullets(tuple(revealed(n, e) for n, e in enumerate(self.items)), self.ordered),
            ),
            fills_in=True,
        )

    def expected(self, shape: ItemShape) -> str | None:
        if shape.index is None:
            return None
        entry = self.items[shape.index]
        return entry.explanation or entry.term

    def words(self) -> list[str]:
        return [entry.text for entry in self.items]
