"""Anki's conventions, shared by the .apkg and the notes-as-text importers: HTML fields, cloze
gaps written {{c1::answer::hint}}, note types, space-separated tags and '::' deck names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crmcards.services.exports.ankimodel import MODEL_FIELDS, MODEL_NAME
from crmcards.services.imports.htmltext import html_text
from crmcards.services.imports.imported import RawCard
from crmcards.services.imports.text import joined

CLOZE = re.compile(r"\{\{c\d+::", re.IGNORECASE)

# The review log (revlog): the button pressed, Again/Hard/Good/Easy, becomes crmcards' raw 1/3/4/5.
RAW_RATING = {1: 1, 2: 3, 3: 4, 4: 5}
MANUAL, RESCHEDULED, FILTERED = 4, 5, 3  # revlog types; 0-2 are learning, review, relearning


def is_graded(ease: int, kind: int, factor: int) -> bool:
    """A rating the student gave, as Anki's FSRS counts them: not a manual change (set due
    date, reset, reschedule) and not cramming in a filtered deck that leaves schedules alone."""
    if ease not in RAW_RATING or kind in (MANUAL, RESCHEDULED):
        return False
    return not (kind == FILTERED and factor == 0)


@dataclass(frozen=True)
class Notetype:
    name: str
    fields: tuple[str, ...] = ()
    cloze: bool = False
    templates: int = 1

    @property
    def ours(self) -> bool:
        """A note type written by crmcards' own export (its `Item` field holds the item id)."""
        return self.name == MODEL_NAME and self.fields == MODEL_FIELDS


def field_texts(values: list[str], html: bool) -> list[str]:
    return [joined((html_text(v) if html else v).splitlines()) for v in values]


def tags(value: str) -> tuple[str, ...]:
    return tuple(value.split())


def deck_title(names: set[str]) -> str:
    """A title for cards from these Anki decks: the deck's own name when there is one deck."""
    if len(names) != 1:
        return ""
    return next(iter(names)).split("::")[-1].strip()


def note_card(
    notetype: Notetype, texts: list[str], *, where: str, note_tags: tuple[str, ...], reverse: bool
) -> RawCard:
    """The card for one note whose fields are `texts` (already plain text)."""
    if notetype.cloze or (not notetype.fields and texts and CLOZE.search(texts[0])):
        extra = "\n".join(t for t in texts[1:] if t)
        return RawCard(CLOZE.sub("{{", texts[0]), "", where, extra, note_tags, cloze=True)
    padded = [*texts, *[""] * len(MODEL_FIELDS)]  # a damaged note may lack fields
    if notetype.ours:
        key = padded[3].partition("/")[2].replace("#", "-")
        return RawCard(padded[0], padded[1], where, padded[2], note_tags, key=key)

    def name(n: int) -> str:
        return notetype.fields[n] if n < len(notetype.fields) else f"field {n + 1}"

    # "Basic (optional reversed card)" says with its third field whether to add the reverse card
    first_extra = 3 if "optional reversed" in notetype.name.lower() else 2
    rest = [f"{name(n)}: {text}" for n, text in enumerate(texts) if n >= first_extra and text]
    return RawCard(padded[0], padded[1], where, "\n".join(rest), note_tags, reverse=reverse)
