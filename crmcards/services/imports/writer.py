"""Writing imported cards as a deck: readable ids, YAML in the deck format, and a check that the
file loads through the deck loader (the one YAML path) before it replaces the output file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from crmcards.decks.loader import DeckProblems, check_file
from crmcards.decks.model import Deck
from crmcards.decks.yamlsafe import MAX_BYTES, plain_type
from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.safetext import without_controls
from crmcards.services.imports.imported import Imported, RawCard, Skipped
from crmcards.services.imports.shapes import CardFields, shape
from crmcards.services.imports.text import snippet
from crmcards.services.output_file import replacing

MAX_ID = 40
_GAP = re.compile(r"\{\{(.*?)(?:::.*?)?\}\}", re.DOTALL)


def slug(text: str, limit: int = MAX_ID) -> str:
    """A readable id: 'Wat is CRM?' -> 'wat-is-crm', at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(value) > limit:
        value = value[: limit + 1].rsplit("-", 1)[0] if "-" in value[:limit] else value[:limit]
    return value.strip("-")


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, card: RawCard) -> str:
        base = slug(card.key or _GAP.sub(r"\1", card.front)) or "card"
        value, n = base, 1
        while value in self.used:
            n += 1
            value = f"{base}-{n}"
        self.used.add(value)
        return value


class _BlockDumper(yaml.SafeDumper):
    """The safe dumper, writing text of several lines as a readable `|` block, and quoting text
    that YAML 1.2 (editors, the deck loader) would read as a number, true/false or null."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else "'" if plain_type(value) != "text" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text)


@dataclass
class Written:
    path: Path
    deck: Deck
    format: str
    skipped: list[Skipped] = field(default_factory=list)
    layout: list[int] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)  # cards kept, with something dropped


def deck_document(
    imported: Imported, deck_id: str, title: str, source: str
) -> tuple[dict[str, Any], list[Skipped], list[Skipped]]:
    """The deck as YAML data, the cards that could not become deck cards, and notes on cards
    that lost control characters."""
    ids = _Ids()
    cards: list[CardFields] = []
    unusable, notes = [], []
    for raw in imported.cards:
        card, dropped = _without_controls(raw)
        if dropped:
            notes.append(Skipped(card.where, Said.of("note_dropped_controls", n=dropped)))
        fields = shape(card)
        if isinstance(fields, Said):
            unusable.append(Skipped(card.where, fields, snippet(card.front or card.back)))
        else:
            cards.append({"id": ids.new(card), **fields})
    title = without_controls(title)[0]
    return {"deck": title, "id": deck_id, "source": source, "cards": cards}, unusable, notes


def _without_controls(card: RawCard) -> tuple[RawCard, int]:
    """The card without terminal control characters (ESC, BEL, C1...), which would act on the
    terminal of whoever studies the deck, and how many there were."""
    (front, a), (back, b), (extra, c) = map(without_controls, (card.front, card.back, card.extra))
    return replace(card, front=front, back=back, extra=extra), a + b + c


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


def _position(skipped: Skipped) -> tuple[bool, int]:
    """Lines in order, then notes in order ('note 12' after 'note 3')."""
    return not skipped.where.isdigit(), int(re.sub(r"\D", "", skipped.where) or 0)


def write_deck(imported: Imported, out: Path, *, origin: Path, force: bool) -> Written:
    deck_id = slug(out.stem, limit=100) or "imported"
    title = imported.title or out.stem
    document, unusable, notes = deck_document(imported, deck_id, title, origin.name)
    skipped = sorted(imported.skipped + unusable, key=_position)
    if not document["cards"]:
        raise CrmcardsError(
            Said.of("import_no_cards", path=origin, format=imported.format),
            details=tuple(s.told(origin) for s in skipped),
        )
    text = dump(document)
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise CrmcardsError(Said.of("import_deck_too_big", path=origin, size=size, limit=MAX_BYTES))
    with replacing(out, force=force, what=Said.of("file_the_deck")) as temporary:
        temporary.write_text(text, encoding="utf-8")
        deck, problems = check_file(temporary)
        if deck is None:  # a bug in the importer: what it wrote does not load as a deck
            raise DeckProblems(problems)
    return Written(out, replace(deck, path=out), imported.format, skipped, imported.layout, notes)
