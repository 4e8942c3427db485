"""Basic cards: a question and its answer, optionally also asked the other way round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crmcards.decks.blocks import ItemView, Paragraph, text_line
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import BOOLEAN, TEXT
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.yamlsafe import YMap

QUESTION_ONLY = (ItemShape("q", "basic"),)
BOTH_WAYS = (*QUESTION_ONLY, ItemShape("reverse", "reverse"))


@dataclass(frozen=True)
class Basic(NoteBody):
    NAME = "basic"
    KEYS = ("q", "a", "reverse")
    REQUIRED = ("q", "a")
    FIELDS = {  # what its keys hold, for `crmcards schema`
        "a": (TEXT, ("Antwoord", "Answer"), ("Het antwoord.", "The answer.")),
        "reverse": (
            BOOLEAN,
            ("Ook omgekeerd", "Also reversed"),
            ("true: vraag ook van antwoord naar vraag.", "true: also ask from answer to question."),
        ),
    }
    WHOLE = "basic"
    ELEMENT = "reverse"  # not an element: the second item of a reversed card

    a: str
    reverse: bool = False

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> Basic | None:
        a = checker.field(card, "a", label, checker.text)
        reverse = checker.field(card, "reverse", label, checker.boolean)
        return None if a is None else Basic(a, bool(reverse))

    @property
    def element_count(self) -> int:
        return 0

    def shapes(self) -> Sequence[ItemShape]:
        return BOTH_WAYS if self.reverse else QUESTION_ONLY

    def view(self, question: str, shape: ItemShape) -> ItemView:
        if shape.kind == "reverse":  # the answer is shown: ask for the term it defines
            return ItemView(
                (Paragraph(text_line(self.a)),), (Paragraph(text_line(question)),), cue="term"
            )
        return ItemView((Paragraph(text_line(question)),), (Paragraph(text_line(self.a)),))

    def expected(self, shape: ItemShape) -> str | None:
        return self.a if shape.kind == "basic" else None

    def words(self) -> list[str]:
        return [self.a]
