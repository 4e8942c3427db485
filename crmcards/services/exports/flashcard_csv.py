"""`crmcards export --format csv`: two columns, question and answer, one row per review item.

Brainscape imports this file as it is; Quizlet takes the two columns pasted from a spreadsheet.
The answer column holds the card's explanation too, after a blank line, as neither tool has a
field for it. UTF-8, comma-separated, quoted where needed, no header row.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crmcards.decks.content import item_view
from crmcards.decks.items import expand
from crmcards.decks.model import Deck
from crmcards.decks.plaintext import blocks_text
from crmcards.services.output_file import replacing


@dataclass(frozen=True)
class CsvExport:
    path: Path
    rows: int


def export_csv(decks: Sequence[Deck], out: Path, *, force: bool = False) -> CsvExport:
    rows = []
    for deck in decks:
        for item in expand(deck):
            card = item_view(item)
            answer = blocks_text(card.answer)
            rows.append(
                (blocks_text(card.prompt), f"{answer}\n\n{card.extra}" if card.extra else answer)
            )
    with (
        replacing(out, force=force) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as handle,
    ):
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return CsvExport(out, len(rows))
