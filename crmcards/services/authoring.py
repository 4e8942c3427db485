"""Files that help a teacher write decks: the deck format's JSON Schema for editors, and a new
deck to start from."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

from crmcards.decks.checker import SLUG
from crmcards.decks.json_schema import deck_schema
from crmcards.decks.loader import DECK_SUFFIXES
from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.services.output_file import replacing

SCHEMA_FILE = "deck.schema.json"  # what a new deck's `# yaml-language-server: $schema=` names
TEMPLATES = files("crmcards.services") / "templates"


def schema_text() -> str:
    return json.dumps(deck_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path, *, force: bool) -> None:
    with replacing(path, force=force, what=Said.of("file_the_schema")) as temporary:
        temporary.write_text(schema_text(), encoding="utf-8")


def new_deck(path: Path, *, title: str | None, language: str, force: bool) -> Path:
    """Write a deck with one commented card of each kind, and the schema beside it (refreshed,
    as crmcards made it). Returns the deck's path (`.yaml` added when it has no suffix)."""
    if path.suffix not in DECK_SUFFIXES:
        path = path.with_name(path.name + ".yaml")
    if not SLUG.match(path.stem):
        example = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "my-deck"
        raise CrmcardsError(Said.of("new_bad_name", path=path, example=example))
    shown_title = (title or path.stem.replace("-", " ").capitalize()).strip()
    if not shown_title:
        raise CrmcardsError(Said.of("new_empty_title"))
    template = (TEMPLATES / f"new-deck.{language}.yaml").read_text(encoding="utf-8")
    text = template.replace("__TITLE__", json.dumps(shown_title, ensure_ascii=False)).replace(
        "__ID__", path.stem
    )
    with replacing(path, force=force, what=Said.of("file_the_deck")) as temporary:
        temporary.write_text(text, encoding="utf-8")
    write_schema(path.parent / SCHEMA_FILE, force=True)
    return path
