"""A StudySmart (Study Smart With Chris) summary copied from its web page: each card is a '•'
line with the question, followed by its answer on indented lines.

A '•' line without an answer becomes a card when it reads 'term: definition' (or 'term;
definition'); chapter headings ('2 Basisbegrippen ...'), the site's own texts and any other line
are reported as skipped.
"""

from __future__ import annotations

import re

from crmcards.messages import Said
from crmcards.services.imports.imported import Imported, RawCard, Skipped
from crmcards.services.imports.shapes import MAX_TERM
from crmcards.services.imports.text import clean, joined, snippet, take_title

CARD = re.compile(r"^\s*•\s*(.*)$")
HEADING = re.compile(r"^\d+(?:\.\d+)*\s+\S")
TERM = re.compile(rf"^([^:;]{{1,{MAX_TERM}}})[:;]\s+(\S.*)$")


def is_studysmart_page(text: str) -> bool:
    """Several '•' questions, at least one with an indented answer line after it."""
    lines = text.split("\n")
    questions = [n for n, line in enumerate(lines) if CARD.match(line) and clean(line[1:])]
    for n in questions:
        following = next((line for line in lines[n + 1 :] if clean(line)), "")
        if following.startswith("    ") and not CARD.match(following):
            return len(questions) >= 3
    return False


def parse(text: str) -> Imported:
    result = Imported("studysmart-page")
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not clean(lines[i]):
        i += 1
    if i < len(lines) and not CARD.match(lines[i]):
        take_title(result, i + 1, lines[i])
        i += 1
    while i < len(lines):
        number, line = i + 1, lines[i]
        i += 1
        match = CARD.match(line)
        if not clean(line):
            continue
        if match is None:
            result.skipped.append(Skipped(str(number), Said.of("skip_outside_card"), snippet(line)))
            continue
        question = clean(match.group(1))
        answer = []
        while i < len(lines) and not CARD.match(lines[i]):
            if clean(lines[i]) and not lines[i].startswith((" ", "\t", "\u00a0")):
                break
            answer.append(lines[i])
            i += 1
        term = TERM.match(question)
        if any(clean(a) for a in answer):
            result.cards.append(RawCard(question, joined(answer), str(number)))
        elif term:
            result.cards.append(RawCard(term.group(1).strip(), term.group(2), str(number)))
        elif question and HEADING.match(question):
            result.skipped.append(Skipped(str(number), Said.of("skip_chapter_heading"), question))
        else:
            result.skipped.append(
                Skipped(str(number), Said.of("skip_no_answer_follows"), snippet(question))
            )
    return result
