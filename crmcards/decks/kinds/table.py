"""Table cards: matrices, typologies and continua, drilled whole and row by row."""

from __future__ import annotations

from dataclasses import dataclass

from crmcards.decks.blocks import ItemView, Paragraph, Table, gap_line, text_line
from crmcards.decks.checker import Checker, Words
from crmcards.decks.key_schema import texts
from crmcards.decks.model import ItemShape, NoteBody
from crmcards.decks.yamlsafe import YMap, YSeq


def _read_rows(
    checker: Checker, card: YMap, label: Words, columns: tuple[str, ...] | None
) -> tuple[tuple[str, ...], ...] | None:
    node = card.get("rows")
    if node is None:
        return None
    rows = checker.sequence(node, "rows", checker.texts)
    if rows is None or columns is None:
        return None
    assert isinstance(node, YSeq)
    ok = True
    for number, (row, row_node) in enumerate(zip(rows, node.items, strict=True), start=1):
        if len(row) != len(columns):
            ok = False
            checker.problem(
                row_node.position,
                "deck_row_cells",
                number=number,
                cells=len(row),
                n=len(columns),
                columns=", ".join(columns),
            )
    return rows if ok else None


@dataclass(frozen=True)
class TableBody(NoteBody):
    NAME = "table"
    KEYS = ("q", "columns", "rows")
    REQUIRED = ("q", "columns", "rows")
    FIELDS = {  # what its keys hold, for `crmcards schema`
        "columns": (
            texts(min_items=2),
            ("Kolommen", "Columns"),
            (
                "Minstens twee kolomkoppen; de eerste kolom noemt de rij.",
                "At least two column headings; the first column names the row.",
            ),
        ),
        "rows": (
            {"type": "array", "minItems": 1, "items": texts()},
            ("Rijen", "Rows"),
            (
                "Per rij één cel per kolom; '—' voor een lege cel.",
                "Per row one cell per column; '—' for an empty cell.",
            ),
        ),
    }
    WHOLE = "table"
    ELEMENT = "table-row"

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def read(cls, checker: Checker, card: YMap, label: Words) -> TableBody | None:
        columns = checker.field(card, "columns", label, checker.texts)
        if columns is not None and len(columns) < 2:
            checker.problem(card.position, "deck_two_columns", label=label)
        rows = _read_rows(checker, card, label, columns)
        return None if columns is None or rows is None else TableBody(columns, rows)

    @property
    def element_count(self) -> int:
        return len(self.rows)

    def view(self, question: str, shape: ItemShape) -> ItemView:
        asked = Paragraph(text_line(question))
        if shape.index is None:
            rows = tuple(tuple(text_line(cell) for cell in row) for row in self.rows)
            blank = tuple(tuple(gap_line() for _ in row) for row in self.rows)
            return ItemView(
                (asked, Table(self.columns, blank)), (Table(self.columns, rows),), fills_in=True
            )
        row = self.rows[shape.index]
        hidden = (text_line(row[0], "strong"), *(gap_line() for _ in row[1:]))
        shown = (text_line(row[0], "strong"), *(text_line(cell, "answer") for cell in row[1:]))
        return ItemView(
            (asked, Table(self.columns, (hidden,))),
            (Table(self.columns, (shown,)),),
            fills_in=True,
        )

    def expected(self, shape: ItemShape) -> str | None:
        return None

    def words(self) -> list[str]:
        return [*self.columns, *(cell for row in self.rows for cell in row)]
