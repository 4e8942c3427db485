"""Which deck card an imported card becomes: a list, table or parts card where the answer is
clearly one, a cloze card for cloze text, and otherwise a basic card with the answer as written.

"Clearly" means: every line of the answer is a list entry (a list); every line has the same
'a | b' cells, as tables exported from HTML have (a table); 'heading:' lines each followed by
entries (a parts card); a header line 'naam, x, y' over entries with at least as many
comma-separated cells, as pasted Brainscape matrices are (a table); or the question names a
number ("Noem drie ...") and the answer has exactly that many entries, on lines or separated by
commas or semicolons (a list). Text before a table's header or a counted list's entries is kept
as the card's explanation.
"""

from __future__ import annotations

import re

from crmcards.decks.kinds.cloze import ClozeError, parse_cloze
from crmcards.messages import Said
from crmcards.services.imports.imported import RawCard
from crmcards.services.imports.text import bullet

CardFields = dict[str, object]

NUMBER_WORDS = {
    "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4, "vijf": 5, "five": 5,
    "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8, "negen": 9, "nine": 9,
    "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
}  # fmt: skip
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?![\d]|[.,]\d)|\b([a-z]+)\b")
MAX_TERM = 60  # longer text before ': ' is a sentence, not a term with its explanation
EMPTY_CELL = "—"


def stated_counts(question: str) -> set[int]:
    """The numbers a question names ('Noem de 3 ...', 'drie factoren'), from 2 up."""
    counts = set()
    for digits, word in _NUMBER.findall(question.lower()):
        value = int(digits) if digits else NUMBER_WORDS.get(word, 0)
        if value >= 2:
            counts.add(value)
    return counts


def split_outside_brackets(text: str, separator: str) -> list[str]:
    """`text` split at `separator`, except inside (...) or [...], each piece stripped."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, i):
            pieces.append(text[start:i].strip())
            start = i = i + len(separator)
            continue
        i += 1
    pieces.append(text[start:].strip())
    return pieces


def list_entry(text: str) -> str | dict[str, str]:
    """'term: explanation' as a one-entry mapping when the part before ': ' is a short term."""
    term, colon, explanation = text.partition(": ")
    term, explanation = term.strip(), explanation.strip()
    if colon and term and explanation and len(term) <= MAX_TERM and ". " not in term:
        return {term: explanation}
    return text


def _list(entries: list[str], ordered: bool = False) -> CardFields:
    fields: CardFields = {"type": "list", "items": [list_entry(e) for e in entries]}
    if ordered:
        fields["ordered"] = True
    return fields


def _table(header: list[str], rows: list[list[str]]) -> CardFields:
    def cells(row: list[str]) -> list[str]:
        return [cell or EMPTY_CELL for cell in row]

    return {"type": "table", "columns": cells(header), "rows": [cells(row) for row in rows]}


def _entries(lines: list[str]) -> list[tuple[str, bool]] | None:
    entries = [bullet(line) for line in lines]
    return None if any(e is None for e in entries) else [e for e in entries if e is not None]


def _pipe_table(lines: list[str]) -> CardFields | None:
    rows = [[cell.strip() for cell in line.split(" | ")] for line in lines]
    width = len(rows[0])
    if len(rows) < 2 or width < 2 or any(len(row) != width for row in rows):
        return None
    return _table(rows[0], rows[1:])


def _comma_table(lines: list[str]) -> tuple[CardFields, str] | None:
    """A header 'naam, x, y' over '- a, b, c' entries (after an optional 'lead-in:' line);
    commas after the last column belong to that column's text."""
    lead = lines[0] if len(lines) > 2 and lines[0].endswith(":") else ""
    header_line, *body = lines[1:] if lead else lines
    header = split_outside_brackets(header_line, ", ")
    entries = _entries(body)
    if header_line.endswith((".", ":")) or bullet(header_line) or len(header) < 2:
        return None
    if not entries or len(entries) < 2 or any(numbered for _, numbered in entries):
        return None
    rows = []
    for text, _ in entries:
        cells = split_outside_brackets(text, ", ")
        if len(cells) < len(header):
            return None
        rows.append([*cells[: len(header) - 1], ", ".join(cells[len(header) - 1 :])])
    return _table(header, rows), lead


def _parts(lines: list[str]) -> CardFields | None:
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        entry = bullet(line)
        if entry is not None and current is not None:
            current.append(entry[0])
        elif entry is None and line.endswith(":") and line[:-1].strip() not in parts:
            current = parts[line[:-1].strip()] = []
        else:
            return None
    if len(parts) < 2 or not all(parts.values()) or not all(parts):
        return None
    content = {h: entries[0] if len(entries) == 1 else entries for h, entries in parts.items()}
    return {"type": "parts", "parts": content}


def _counted_list(question: str, lines: list[str]) -> tuple[CardFields, str] | None:
    """A list the question asks for by number, and the text before its entries (or '')."""
    counts = stated_counts(question)
    if not counts:
        return None
    first = next((n for n, line in enumerate(lines) if bullet(line)), len(lines))
    entries = _entries(lines[first:])
    if entries and first and len(entries) in counts:
        ordered = all(numbered for _, numbered in entries)
        return _list([text for text, _ in entries], ordered), "\n".join(lines[:first])
    if len(lines) == 1 and not entries:
        for separator in (";", ",", " - "):
            pieces = split_outside_brackets(lines[0], separator)
            if len(pieces) in counts and all(pieces):
                return _list(pieces), ""
    return None


def _answer(question: str, answer: str) -> tuple[CardFields, str]:
    """The fields for `answer`, and text to keep as the explanation (or '')."""
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    entries = _entries(lines)
    if entries and len(entries) >= 2:
        ordered = all(numbered for _, numbered in entries)
        return _list([text for text, _ in entries], ordered), ""
    if all(" | " in line for line in lines):
        table = _pipe_table(lines)
        if table:
            return table, ""
    parts = _parts(lines)
    if parts:
        return parts, ""
    return _comma_table(lines) or _counted_list(question, lines) or ({"a": "\n".join(lines)}, "")


def shape(card: RawCard) -> CardFields | Said:
    """The deck fields of `card` (all but its id), or why it cannot become a card."""
    if card.cloze:
        problem = parse_cloze(card.front)
        if isinstance(problem, ClozeError):
            return Said.of("skip_cloze_unusable", problem=problem.said)
        fields: CardFields = {"type": "cloze", "text": card.front}
        if card.back:
            fields["q"] = card.back
        extra = card.extra
    else:
        if not card.front.strip():
            return Said.of("skip_no_question")
        if not card.back.strip():
            return Said.of("skip_no_answer")
        answer, lead = _answer(card.front, card.back)
        fields = {"type": "basic", "q": card.front, **answer}
        extra = "\n".join(text for text in (lead, card.extra) if text)
        if card.reverse and fields["type"] == "basic":
            fields["reverse"] = True
    if fields["type"] == "basic":
        del fields["type"]
    if extra:
        fields["extra"] = extra
    if card.tags:
        fields["tags"] = list(card.tags)
    return fields
