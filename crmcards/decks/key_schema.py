"""What a deck key holds, as JSON Schema with a title and description in Dutch and English:
the building blocks of `crmcards schema` (json_schema.py), which the card kinds use to describe
their own keys (each kind's FIELDS)."""

from __future__ import annotations

from typing import Any

from crmcards.decks.checker import SLUG

Schema = dict[str, Any]
Field = tuple[Schema, tuple[str, str], tuple[str, str]]  # value schema, title, description


def described(schema: Schema, title: tuple[str, str], description: tuple[str, str]) -> Schema:
    """`schema` with a title and description in Dutch (the course's language) and English."""
    return {
        "title": " / ".join(title),
        "description": "\n\n".join(description),
        **schema,
    }


TEXT: Schema = {"type": "string", "pattern": r"\S"}
SLUG_TEXT: Schema = {"type": "string", "pattern": SLUG.pattern}
BOOLEAN: Schema = {"type": "boolean"}


def texts(min_items: int = 1) -> Schema:
    return {"type": "array", "minItems": min_items, "items": TEXT}


TEXT_OR_TEXTS: Schema = {"anyOf": [TEXT, texts()]}
