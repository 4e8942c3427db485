"""Reading an input file as text, and the small text clean-ups every importer shares."""

from __future__ import annotations

import re
from pathlib import Path

from crmcards.decks.yamlsafe import MAX_BYTES, YamlProblems, decode
from crmcards.messages import Said
from crmcards.services.imports.imported import Imported, input_error

# A text import becomes one deck, and a deck may be at most MAX_BYTES: larger text cannot fit.
MAX_TEXT_BYTES = MAX_BYTES

BULLET = re.compile(r"^(?:[-•·*▪◦‣]|(\d{1,3})[.)])\s+(\S.*)$")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def decode_text(path: Path, data: bytes) -> str:
    """The UTF-8 text of `data`; a clear error for an empty, binary, oversized or non-UTF-8 file."""
    if len(data) > MAX_TEXT_BYTES:
        raise input_error(
            path,
            Said.of("import_too_big", limit=f"{MAX_TEXT_BYTES:,}"),
        )
    try:
        text = decode(data)
    except YamlProblems as error:
        problem = error.problems[0]
        position = problem.position
        raise input_error(path, problem.said, position.line, position.column) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise input_error(path, Said.of("import_binary"), line)
    if not text.strip():
        raise input_error(path, Said.of("import_empty"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean(text: str) -> str:
    """One line of text with runs of spaces, tabs and no-break spaces made one space."""
    return _SPACES.sub(" ", text).strip()


def bullet(line: str) -> tuple[str, bool] | None:
    """(text, numbered) when `line` is a list entry such as '- x', '• x' or '2. x'."""
    match = BULLET.match(line.strip())
    if match is None:
        return None
    return match.group(2), match.group(1) is not None


def joined(lines: list[str]) -> str:
    """Lines of one field, cleaned, blank ones dropped, list entries written as '- x'."""
    out = []
    for line in lines:
        text = clean(line)
        if not text:
            continue
        entry = bullet(text)
        out.append(f"- {entry[0]}" if entry and not entry[1] else text)
    return "\n".join(out)


def snippet(text: str, width: int = 60) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1] + "…"


_TITLE_SUFFIX = re.compile(r"\s*\b(?:flashcards|flashkaarten)$", re.IGNORECASE)


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of `text`, cleaned, each with its line number."""
    return [(n, line) for n, line in enumerate(map(clean, text.split("\n")), start=1) if line]


def page_title(line: str) -> str:
    """The title in a pasted page's first line: 'Week 6 Flashcards' -> 'Week 6'."""
    return _TITLE_SUFFIX.sub("", clean(line))


def take_title(result: Imported, number: int, line: str) -> None:
    """Use a pasted page's title line as the deck's title; the line is page layout, not a card."""
    result.title = page_title(line)
    result.layout.append(number)
