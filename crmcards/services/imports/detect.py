"""Recognising an input's format from its content (and, for spreadsheets, its file name)."""

from __future__ import annotations

from pathlib import Path

from crmcards.messages import Said
from crmcards.services.imports.ankitext import is_anki_text
from crmcards.services.imports.brainscapepage import is_brainscape_page
from crmcards.services.imports.csvfile import HEADERS, sniff_delimiter
from crmcards.services.imports.imported import FORMATS, input_error
from crmcards.services.imports.studysmartpage import is_studysmart_page
from crmcards.services.imports.text import clean, page_title

ZIP_MAGIC = b"PK\x03\x04"
PACKAGE_SUFFIXES = (".apkg", ".colpkg")
SPREADSHEET_SUFFIXES = (".csv", ".tsv")


def is_package(path: Path, start: bytes) -> bool:
    return start.startswith(ZIP_MAGIC) or path.suffix.lower() in PACKAGE_SUFFIXES


def _has_header(first_line: str, delimiter: str) -> bool:
    cells = {cell.strip().strip('"').lower() for cell in first_line.split(delimiter)}
    return bool(cells & set(HEADERS["q"])) and bool(cells & set(HEADERS["a"]))


def _same_width(lines: list[str], delimiter: str) -> bool:
    """Every line splits into the same number (2 or more) of cells: a simple table."""
    widths = {line.count(delimiter) for line in lines}
    return len(lines) >= 2 and len(widths) == 1 and widths != {0}


def detect_text(path: Path, text: str) -> str:
    """The format of a text file: see `FORMATS` in run.py."""
    if is_anki_text(text):
        return "anki-text"
    if is_brainscape_page(text):
        return "brainscape-page"
    if is_studysmart_page(text):
        return "studysmart-page"
    lines = [line for line in text.split("\n") if line.strip()]
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        two_quoted = suffix == ".csv" and lines[0].startswith('"') and lines[0].count('","') == 1
        return "brainscape" if two_quoted and not _has_header(lines[0], ",") else "csv"
    if sum("\t" in line for line in lines) * 2 >= len(lines):
        return "csv" if _has_header(lines[0], "\t") else "quizlet"
    delimiter = sniff_delimiter(text)
    table = delimiter in ",;" and _same_width(lines, delimiter)
    if table and (len(lines) >= 3 or _has_header(lines[0], delimiter)):
        return "csv"
    if page_title(lines[0]) != clean(lines[0]):  # Quizlet's pages are titled '... Flashcards'
        return "quizlet-page"
    raise input_error(
        path, Said.of("import_cannot_tell", known=", ".join(f for f in FORMATS if f != "anki"))
    )
