"""A Brainscape deck copied from its web page: per card a number, 'Q', the question, 'A', the
answer, and (for cards shown with it) the "How well did you know this?" 1–5 buttons.

The numbers, Q / A labels and rating buttons are the page's layout and are left out (counted in
`layout`); any other line outside a card is reported as skipped.
"""

from __future__ import annotations

import re

from crmcards.messages import Said
from crmcards.services.imports.imported import Imported, RawCard, Skipped
from crmcards.services.imports.text import joined, numbered_lines, take_title

RATING_PROMPT = "How well did you know this?"
RATING_LINES = re.compile(r"^(?:[1-5]|Not at all|Perfectly)$")


def is_brainscape_page(text: str) -> bool:
    return RATING_PROMPT in text and re.search(r"^\s*Q\s*$", text, re.MULTILINE) is not None


def parse(text: str) -> Imported:
    result = Imported("brainscape-page")
    lines = numbered_lines(text)

    def card_starts(k: int) -> bool:
        return k + 1 < len(lines) and lines[k][1].isdigit() and lines[k + 1][1] == "Q"

    def collect(k: int, stop: str) -> tuple[list[str], int]:
        """Lines from `k` up to the label `stop`, a rating prompt or the next card."""
        taken = []
        while k < len(lines) and lines[k][1] not in (stop, RATING_PROMPT) and not card_starts(k):
            taken.append(lines[k][1])
            k += 1
        return taken, k

    i = 0
    if lines and not card_starts(0):
        take_title(result, *lines[0])
        i = 1
    while i < len(lines):
        number, line = lines[i]
        if card_starts(i):
            result.layout.extend((number, lines[i + 1][0]))
            question, i = collect(i + 2, "A")
            answer: list[str] = []
            if i < len(lines) and lines[i][1] == "A":
                result.layout.append(lines[i][0])
                answer, i = collect(i + 1, "")
            result.cards.append(RawCard(joined(question), joined(answer), str(number)))
        elif line == RATING_PROMPT:
            result.layout.append(number)
            i += 1
            while i < len(lines) and RATING_LINES.match(lines[i][1]) and not card_starts(i):
                result.layout.append(lines[i][0])
                i += 1
        else:
            result.skipped.append(Skipped(str(number), Said.of("skip_outside_card"), line))
            i += 1
    return result
