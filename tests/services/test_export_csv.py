"""The CSV export: two columns per review item, read back by our own CSV importer."""

from __future__ import annotations

import csv
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from crmcards.services.exports.flashcard_csv import export_csv
from crmcards.services.imports.run import ImportOptions, import_file


def test_one_row_per_item_with_question_and_answer(tmp_path: Path, library: Library) -> None:
    out = tmp_path / "voorbeeld.csv"
    assert export_csv(library.decks, out).rows == 24
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 24 and {len(row) for row in rows} == {2}
    assert rows[0] == [
        "Wat is CRM?",
        "Een strategie waarmee een bedrijf relaties optimaliseert.\n\nUit de flashcards.",
    ]
    assert (
        rows[2][1]
        == "1. identificeren\n2. differentiëren\n3. segmenteren\n4. interactie\n5. maatwerk"
    )


def test_the_csv_imports_back(tmp_path: Path, library: Library) -> None:
    out = tmp_path / "voorbeeld.csv"
    export_csv(library.decks, out)
    written = import_file(out, tmp_path / "back.yaml", ImportOptions())
    assert written.format == "csv"
    back = load_file(tmp_path / "back.yaml")
    assert len(back.notes) == 24
    steps = back.notes[2]
    assert (steps.type, steps.body.ordered, len(steps.body.items)) == ("list", True, 5)
