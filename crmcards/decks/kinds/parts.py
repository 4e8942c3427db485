"""Parts cards: multi-part models (such as the S-CRM house), drilled whole and part by part."""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.blocks import ItemView, Paragraph, Section, count_paragraph, gap_line, text_line
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import TEXT_OR_TEXTS
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.yamlsafe import YMap, YNode
from crmcards.messages import Said

Part = tuple[str, tuple[str, ...]]  # a heading and its content


def _read_parts(checker: Checker, node: YNode, what: Words) -> tuple[Part, ...] | None:
    mapping = checker.mapping(node, "parts")
    if mapping is None:
        return None
    if not mapping.entries:
        checker.problem(mapping.position, "deck_empty", what="parts")
        return None
    parts = []
    for key, value in mapping.entries:
        heading = checker.text(key, Said.of("deck_part_heading"), key=True)
        content = checker.text_or_texts(value, Said.of("deck_part", key=key.value))
        if heading is None or content is None:
            return None
        parts.append((heading, content))
    return tuple(parts)


@dataclass(frozen=True)
class PartsBody(NoteBody):
    NAME = "parts"
    KEYS = ("q", "parts")
    REQUIRED = ("q", "parts")
    FIELDS = {  # what its keys hold, for `crmcards schema`
        "parts": (
            {"type": "object", "minProperties": 1, "additionalProperties": TEXT_OR_TEXTS},
            ("Onderdelen", "Parts"),
            (
                "Kop: inhoud (tekst of lijst), per onderdeel van het model.",
                "Heading: content (text or a list), one per part of the model.",
            ),
        ),
    }
    WHOLE = "parts"
    ELEMENT = "part"

    parts: tuple[Part, ...]

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> PartsBody | None:
        parts = checker.field(
            card, "parts", label, lambda node, what: _read_parts(checker, node, what)
        )
        return None if parts is None else PartsBody(parts)

    @property
    def element_count(self) -> int:
        return len(self.parts)

    def view(self, question: str, shape: ItemShape) -> ItemView:
        asked = Paragraph(text_line(question))
        if shape.index is None:
            return ItemView(
                (asked, count_paragraph(len(self.parts))),
                tuple(
                    Section(h, tuple(text_line(c) for c in content)) for h, content in self.parts
                ),
            )
        heading, content = self.parts[shape.index]
        return ItemView(
            (asked, Section(heading, (gap_line(),))),
            (Section(heading, tuple(text_line(c, "answer") for c in content)),),
            fills_in=True,
        )

    def expected(self, shape: ItemShape) -> str | None:
        if shape.index is None:
            return None
        content = self.parts[shape.index][1]
        return content[0] if len(content) == 1 else None

    def words(self) -> list[str]:
        return [f"{heading} {' '.join(content)}" for heading, content in self.parts]
