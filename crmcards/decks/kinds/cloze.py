"""Cloze cards: a text (often a formula) with gaps, drilled whole and gap by gap.

Gaps are written `{{answer}}` or `{{answer::hint}}`. A `{{` without its `}}` (or the reverse)
is refused with the place it is at: rendered, it would show as garbage.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.blocks import ItemView, Line, Paragraph, Span, gap_line, text_line
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import Schema
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.yamlsafe import Position, YMap, YScalar
from crmcards.messages import Said

OPEN, CLOSE = "{{", "}}"
AROUND = 12  # characters of context quoted on each side of a misplaced brace


@dataclass(frozen=True)
class Gap:
    answer: str
    hint: str | None = None


ClozeSegment = str | Gap


@dataclass(frozen=True)
class ClozeError:
    """What is wrong with a cloze text, and at which character of it (0-based)."""

    offset: int
    said: Said


def _near(text: str, offset: int) -> str:
    start, end = max(0, offset - AROUND), offset + len(OPEN) + AROUND
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _unbalanced(key: str, text: str, offset: int) -> Said:
    return Said.of(key, near=_near(text, offset), how=Said.of("cloze_how"))


def parse_cloze(text: str) -> tuple[ClozeSegment, ...] | ClozeError:
    """The segments of a cloze text, or what is wrong with it and where."""
    segments: list[ClozeSegment] = []
    position = 0
    while True:
        opening = text.find(OPEN, position)
        stray = text.find(CLOSE, position)
        if stray != -1 and (opening == -1 or stray < opening):
            return ClozeError(stray, _unbalanced("cloze_stray_close", text, stray))
        if opening == -1:
            segments.append(text[position:])
            break
        closing = text.find(CLOSE, opening + len(OPEN))
        reopened = text.find(OPEN, opening + len(OPEN))
        if closing == -1 or (reopened != -1 and reopened < closing):
            return ClozeError(opening, _unbalanced("cloze_stray_open", text, opening))
        segments.append(text[position:opening])
        inside = text[opening + len(OPEN) : closing]
        answer, _, hint = inside.partition("::")
        if not answer.strip():
            return ClozeError(opening, Said.of("cloze_empty_gap", gap=f"{OPEN}{inside}{CLOSE}"))
        segments.append(Gap(answer.strip(), hint.strip() or None))
        position = closing + len(CLOSE)
    if not any(isinstance(segment, Gap) for segment in segments):
        return ClozeError(0, Said.of("cloze_no_gaps"))
    return tuple(segment for segment in segments if segment != "")


def _where(node: YScalar, offset: int) -> Position:
    """The position of character `offset` of a scalar's text: exact for text on one line
    (after an opening quote, if any), else the text's own start."""
    if "\n" in node.value:
        return node.position
    quote = 0 if node.plain else 1
    return Position(node.position.line, node.position.column + quote + offset)


CLOZE_TEXT: Schema = {"type": "string", "pattern": r"\{\{[\s\S]*?\}\}"}


@dataclass(frozen=True)
class ClozeBody(NoteBody):
    NAME = "cloze"
    KEYS = ("q", "text")
    REQUIRED = ("text",)
    FIELDS = {  # what its keys hold, for `crmcards schema`
        "text": (
            CLOZE_TEXT,
            ("Clozetekst", "Cloze text"),
            (
                "Tekst met gaten: {{antwoord}} of {{antwoord::hint}}.",
                "Text with gaps: {{answer}} or {{answer::hint}}.",
            ),
        ),
    }
    WHOLE = "cloze"
    ELEMENT = "cloze-gap"

    segments: tuple[ClozeSegment, ...]

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> ClozeBody | None:
        node = card.get("text")
        text = checker.field(card, "text", label, checker.text)
        if text is None or not isinstance(node, YScalar):
            return None
        cloze = parse_cloze(text)
        if isinstance(cloze, ClozeError):
            stripped = len(node.value) - len(node.value.lstrip())  # checker.text strips it
            where = _where(node, stripped + cloze.offset)
            what = Said.of("deck_key_of", label=label, key="text")
            checker.problem(where, "at", where=what, message=cloze.said)
            return None
        return ClozeBody(cloze)

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return tuple(segment for segment in self.segments if isinstance(segment, Gap))

    @property
    def element_count(self) -> int:
        return len(self.gaps)

    def view(self, question: str, shape: ItemShape) -> ItemView:
        """Gap `shape.index` asked, or all of them for the whole item."""

        def line(reveal: bool) -> Line:
            spans = []
            gap_number = 0
            for segment in self.segments:
                if isinstance(segment, Gap):
                    asked = shape.index is None or gap_number == shape.index
                    if not asked:
                        spans.append(Span(segment.answer))
                    else:
                        spans.append(
                            Span(segment.answer, "answer") if reveal else gap_line(segment.hint)[0]
                        )
                    gap_number += 1
                else:
                    spans.append(Span(segment))
            return tuple(spans)

        context = (Paragraph(text_line(question, "muted")),) if question else ()
        return ItemView(
            prompt=(*context, Paragraph(line(False))),
            answer=(Paragraph(line(True)),),
            fills_in=True,
        )

    def expected(self, shape: ItemShape) -> str | None:
        if shape.index is not None:
            return self.gaps[shape.index].answer
        return self.gaps[0].answer if len(self.gaps) == 1 else None

    def words(self) -> list[str]:
        return [s if isinstance(s, str) else s.answer for s in self.segments]
