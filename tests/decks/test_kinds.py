"""Card kinds are a closed set: each one module, registered with one line (decks/kinds/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from crmcards.decks.blocks import ItemView, Paragraph, text_line
from crmcards.decks.checker import Checker
from crmcards.decks.content import item_view
from crmcards.decks.fingerprint import note_text
from crmcards.decks.items import expand
from crmcards.decks.json_schema import deck_schema
from crmcards.decks.key_schema import TEXT
from crmcards.decks.kinds import KINDS
from crmcards.decks.loader import check_file
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.plaintext import blocks_text
from crmcards.decks.yamlsafe import YMap


@dataclass(frozen=True)
class PairBody(NoteBody):
    """A hypothetical new kind, as a module would define it: a term and its opposite."""

    NAME = "pair"
    KEYS = ("q", "opposite")
    REQUIRED = ("q", "opposite")
    FIELDS = {
        "opposite": (TEXT, ("Tegendeel", "Opposite"), ("Het tegendeel.", "The opposite.")),
    }
    WHOLE = "basic"
    ELEMENT = "reverse"

    opposite: str

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: str) -> PairBody | None:
        opposite = checker.field(card, "opposite", label, checker.text)
        return None if opposite is None else PairBody(opposite)

    @property
    def element_count(self) -> int:
        return 0

    def shapes(self) -> list[ItemShape]:
        return [ItemShape("q", "basic")]

    def view(self, question: str, shape: ItemShape) -> ItemView:
        asked = Paragraph(text_line(f"The opposite of {question}?"))
        return ItemView((asked,), (Paragraph(text_line(self.opposite)),))

    def expected(self, shape: ItemShape) -> str | None:
        return self.opposite

    def words(self) -> list[str]:
        return [self.opposite]


def test_a_new_kind_is_one_class_and_one_registration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(KINDS, PairBody.NAME, PairBody)  # the one line in kinds/__init__.py
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "deck: P\ncards:\n  - id: warm\n    type: pair\n    q: warm\n    opposite: koud\n"
    )
    deck, problems = check_file(path)
    assert problems == [] and deck is not None
    (item,) = expand(deck)
    card = item_view(item)
    assert (item.id, blocks_text(card.prompt), card.expected) == (
        "pairs/warm#q",
        "The opposite of warm?",
        "koud",
    )
    assert note_text(item.note) == "warm koud"

    path.write_text("deck: P\ncards:\n  - id: warm\n    type: pair\n    q: warm\n    a: koud\n")
    _, problems = check_file(path)
    messages = [p.problem.message for p in problems]
    assert (
        "unknown key 'a' in card 'warm' ('a' belongs to basic cards: add 'type: basic')" in messages
    )
    assert "card 'warm' (pair) is missing 'opposite'" in messages

    # `crmcards schema`: editors offer the new type and describe its key
    kinds = deck_schema()["$defs"]
    assert kinds["pair"]["required"] == ["id", "q", "opposite"]
    assert kinds["pair"]["properties"]["opposite"]["title"] == "Tegendeel / Opposite"
    assert "pair" in kinds["card"]["properties"]["type"]["enum"]


def test_a_kind_that_forgets_a_part_cannot_be_made() -> None:
    @dataclass(frozen=True)
    class Forgetful(NoteBody):  # no `words`: its fingerprint would be missing
        NAME = "forgetful"
        KEYS = ()
        REQUIRED = ()
        WHOLE = "basic"
        ELEMENT = "reverse"

        @classmethod
        def read(cls, checker: Checker, card: YMap, label: str) -> Forgetful | None:
            return None

        @property
        def element_count(self) -> int:
            return 0

        def view(self, question: str, shape: ItemShape) -> ItemView:
            return ItemView((), ())

        def expected(self, shape: ItemShape) -> str | None:
            return None

    with pytest.raises(TypeError, match=r"abstract method.* words"):
        Forgetful()  # type: ignore[abstract]  # mypy refuses it too


def test_every_registered_kind_names_itself_and_its_keys() -> None:
    assert list(KINDS) == ["basic", "list", "table", "parts", "cloze"]
    for name, kind in KINDS.items():
        assert kind.NAME == name and set(kind.REQUIRED) <= set(kind.KEYS)
