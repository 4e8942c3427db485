"""Quizlet's text export: a separator between term and definition (tab, comma or custom) and
another between rows (new line, semicolon or custom).

A line without the separator continues the previous definition (Quizlet writes line breaks in a
definition as they are); before the first card such a line is reported as skipped.
"""

from __future__ import annotations

from crmcards.messages import Said
from crmcards.services.imports.imported import Imported, RawCard, Skipped
from crmcards.services.imports.text import clean, joined, snippet

SEPARATOR_NAMES = {
    "tab": "\t", "comma": ",", "semicolon": ";", "newline": "\n",
    "space": " ", "pipe": "|", "colon": ":",
}  # fmt: skip


def separator(value: str) -> str:
    """A separator given on the command line: a name (tab, comma, ...), an escape such as '\\t',
    or the text itself."""
    named = SEPARATOR_NAMES.get(value.lower())
    if named is not None:
        return named
    return value.replace("\\t", "\t").replace("\\n", "\n")


def guess_row_separator(text: str, term_separator: str) -> str:
    """Rows are lines, unless the whole export is one line holding several cards."""
    lines = [line for line in text.splitlines() if line.strip()]
    single_line = len(lines) == 1 and lines[0].count(term_separator) > 1
    return ";" if single_line and ";" in lines[0] else "\n"


def parse(text: str, sep: str | None = None, row_sep: str | None = None) -> Imported:
    term_sep = separator(sep) if sep else "\t"
    rows_sep = separator(row_sep) if row_sep else guess_row_separator(text, term_sep)
    result = Imported("quizlet")
    line_number = 1
    open_card: tuple[str, list[str], str] | None = None  # term, definition lines, line

    def close() -> None:
        if open_card is not None:
            term, definition, line = open_card
            lines = "\n".join(definition).split("\n")
            result.cards.append(RawCard(clean(term), joined(lines), line))

    for row in text.split(rows_sep):
        line = str(line_number + row[: len(row) - len(row.lstrip())].count("\n"))
        line_number += row.count("\n") + rows_sep.count("\n")
        if not row.strip():
            continue
        term, found, definition = row.partition(term_sep)
        if found and term.strip():
            close()
            open_card = (term, [definition], line)
        elif open_card is not None and not found and rows_sep == "\n":
            open_card[1].append(row)
        else:
            reason = Said.of("skip_no_term" if found else "skip_no_separator")
            result.skipped.append(Skipped(line, reason, snippet(row)))
    close()
    return result
