"""A Quizlet set copied from its web page: a title line ('... Flashcards'), then each term on a
line of its own followed by its definition, either '- ' list entries or text that may wrap over
several lines.

Where a definition's text continues on the next line is a judgement: the next line continues it
when the text so far has not ended a sentence and the next line starts in lower case, unless that
line introduces a list or would leave the following term without a definition.
"""

from __future__ import annotations

from crmcards.messages import Said
from crmcards.services.imports.imported import Imported, RawCard, Skipped
from crmcards.services.imports.text import bullet, joined, numbered_lines, page_title, take_title

SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’")
WRAPPED = 50  # a line this long is wrapped text, not a term


def parse(text: str) -> Imported:
    result = Imported("quizlet-page")
    lines = numbered_lines(text)

    def is_entry(k: int) -> bool:
        return k < len(lines) and bullet(lines[k][1]) is not None

    def continues(k: int, previous: str) -> bool:
        line = lines[k][1]
        if is_entry(k) or is_entry(k + 1) or previous.endswith(SENTENCE_ENDS):
            return False
        if not (line[0].islower() or line[0] in "(["):
            return False
        if line.endswith(SENTENCE_ENDS) or len(line) > WRAPPED or k + 1 == len(lines):
            return True
        return is_entry(k + 2)  # else the next line would be a term without a definition

    i = 0
    if lines and page_title(lines[0][1]) != lines[0][1]:
        take_title(result, *lines[0])
        i = 1
    while i < len(lines):
        number, term = lines[i]
        if is_entry(i):
            result.skipped.append(Skipped(str(number), Said.of("skip_entry_without_term"), term))
            i += 1
            continue
        j = i + 1
        definition: list[str] = []
        while is_entry(j):
            definition.append(lines[j][1])
            j += 1
        if not definition and j < len(lines):
            definition.append(lines[j][1])
            j += 1
            while j < len(lines) and continues(j, definition[-1]):
                definition[-1] += " " + lines[j][1]
                j += 1
        if definition:
            result.cards.append(RawCard(term, joined(definition), str(number)))
        else:
            result.skipped.append(Skipped(str(number), Said.of("skip_no_definition"), term))
        i = j
    return result
