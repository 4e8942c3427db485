"""Spreadsheet exports: generic CSV / TSV, with or without a header row, and Brainscape's CSV
export (no header; question and answer, quoted, fields may span lines).

Every row must have as many columns as the first: a ragged file is refused, with the line of the
first row that differs, instead of guessing which column is which.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from crmcards.messages import Said
from crmcards.services.imports.htmltext import field_text
from crmcards.services.imports.imported import Imported, RawCard, input_error
from crmcards.services.imports.quizlet import separator
from crmcards.services.imports.text import joined

HEADERS = {
    "q": ("q", "front", "question", "term", "vraag", "voorkant", "begrip", "prompt"),
    "a": ("a", "back", "answer", "definition", "antwoord", "achterkant", "definitie"),
    "extra": ("extra", "notes", "note", "explanation", "toelichting", "uitleg"),
    "tags": ("tags", "tag", "labels"),
}


def sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_rows(path: Path, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of `text`, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise input_error(path, Said.of("csv_invalid", error=error), start) from None
    return rows


def _roles(header: list[str]) -> list[str] | None:
    """The role of each column when `header` names the question and answer columns."""
    names = [cell.strip().lower() for cell in header]
    roles = [next((r for r, known in HEADERS.items() if n in known), "") for n in names]
    if "q" not in roles or "a" not in roles:
        return None
    return [role or f"other:{cell.strip()}" for role, cell in zip(roles, header, strict=True)]


def parse(path: Path, text: str, *, sep: str | None = None, brainscape: bool = False) -> Imported:
    delimiter = "," if brainscape else separator(sep) if sep else sniff_delimiter(text)
    if len(delimiter) != 1:
        raise input_error(path, Said.of("csv_separator", value=repr(delimiter)))
    rows = read_rows(path, text, delimiter)
    result = Imported("brainscape" if brainscape else "csv")
    if not rows:
        raise input_error(path, Said.of("csv_no_text"))
    width = len(rows[0][1])
    for line, row in rows:
        if len(row) != width:
            raise input_error(
                path,
                Said.of("csv_row_width", n=len(row), width=width),
                line,
            )
    if width < 2 or (brainscape and width != 2):
        expected = "2 columns (question, answer)" if brainscape else "at least 2 columns"
        raise input_error(path, Said.of("csv_columns", n=width, expected=expected), rows[0][0])
    roles = None if brainscape else _roles(rows[0][1])
    if roles is None:
        roles = ["q", "a", *(f"other:column {n}" for n in range(3, width + 1))]
    else:
        rows = rows[1:]
    for line, row in rows:
        values: dict[str, str] = {}
        others = []
        for role, cell in zip(roles, row, strict=True):
            value = joined(field_text(cell).splitlines())
            if role.startswith("other:"):
                if value:
                    others.append(f"{role.removeprefix('other:')}: {value}")
            elif value:
                values[role] = value
        extra = "\n".join(filter(None, [values.get("extra", ""), *others]))
        tags = tuple(values.get("tags", "").replace(",", " ").split())
        result.cards.append(
            RawCard(values.get("q", ""), values.get("a", ""), str(line), extra, tags)
        )
    return result
