"""Files that help a teacher write decks: the deck format's JSON Schema for editors."""

from __future__ import annotations

import json
from pathlib import Path

from crmcards.decks.json_schema import deck_schema
from crmcards.services.output_file import replacing

SCHEMA_FILE = "deck.schema.json"


def schema_text() -> str:
    return json.dumps(deck_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path, *, force: bool) -> None:
    with replacing(path, force=force, what="the schema") as temporary:
        temporary.write_text(schema_text(), encoding="utf-8")
