"""The deck format as a JSON Schema (draft 2020-12), for editors through yaml-language-server.

Which keys exist, which are required and which card types there are come from the loader's own
tables in `decks/schema.py`; this module adds only what each key holds and the bilingual
(Dutch / English) titles and descriptions an editor shows on hover and completion.
What a JSON Schema cannot say (unique ids, one cell per column, balanced cloze gaps) stays
`crmcards lint`'s job; tests/decks/test_json_schema.py keeps the two in step.
"""

from __future__ import annotations

from typing import Any

from crmcards.decks.checker import SLUG
from crmcards.decks.kinds import NOTE_TYPES
from crmcards.decks.schema import (
    CARD_KEYS,
    COMMON_CARD_KEYS,
    DECK_KEYS,
    LANGUAGES,
    REQUIRED_CARD_KEYS,
)

Schema = dict[str, Any]
DIALECT = "https://json-schema.org/draft/2020-12/schema"
REQUIRED_DECK_KEYS = ("deck", "cards")


def _described(schema: Schema, title: tuple[str, str], description: tuple[str, str]) -> Schema:
    """`schema` with a title and description in Dutch (the course's language) and English."""
    return {
        "title": " / ".join(title),
        "description": "\n\n".join(description),
        **schema,
    }


TEXT: Schema = {"type": "string", "pattern": r"\S"}
SLUG_TEXT: Schema = {"type": "string", "pattern": SLUG.pattern}
BOOLEAN: Schema = {"type": "boolean"}


def _texts(min_items: int = 1) -> Schema:
    return {"type": "array", "minItems": min_items, "items": TEXT}


TEXT_OR_TEXTS: Schema = {"anyOf": [TEXT, _texts()]}
LIST_ENTRY: Schema = {
    "anyOf": [
        TEXT,
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": TEXT,
            "additionalProperties": TEXT,
        },
    ]
}
CLOZE_TEXT: Schema = {"type": "string", "pattern": r"\{\{[\s\S]*?\}\}"}

Field = tuple[Schema, tuple[str, str], tuple[str, str]]  # value schema, title, description

DECK_FIELDS: dict[str, Field] = {
    "deck": (
        TEXT,
        ("Titel", "Title"),
        ("De titel die studenten zien (verplicht).", "The title students see (required)."),
    ),
    "id": (
        SLUG_TEXT,
        ("Deck-id", "Deck id"),
        (
            "Vaste korte naam: kleine letters, cijfers en '-'; standaard de bestandsnaam.",
            "Stable slug: lowercase letters, digits and '-'; defaults to the file name.",
        ),
    ),
    "language": (
        {"enum": list(LANGUAGES)},
        ("Taal", "Language"),
        ("Taal van het deck: nl (standaard) of en.", "Language of the deck: nl (default) or en."),
    ),
    "source": (
        TEXT,
        ("Bron", "Source"),
        ("Waar de kaarten vandaan komen.", "Where the cards come from."),
    ),
    "description": (
        TEXT,
        ("Beschrijving", "Description"),
        ("Eén regel op het beginscherm.", "One line shown on the home screen."),
    ),
    "tags": (
        _texts(),
        ("Labels", "Tags"),
        ("Labels om op te kiezen: review --tag.", "Tags to select by: review --tag."),
    ),
    "cards": (
        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/card"}},
        ("Kaarten", "Cards"),
        ("De kaarten van het deck (minstens één).", "The deck's cards (at least one)."),
    ),
}

CARD_FIELDS: dict[str, Field] = {
    "id": (
        SLUG_TEXT,
        ("Kaart-id", "Card id"),
        (
            "Unieke korte naam in het deck (kleine letters, cijfers, '-'); nooit hergebruiken "
            "voor een andere kaart: de leergeschiedenis hangt eraan.",
            "Unique slug in the deck (lowercase letters, digits, '-'); never reuse it for "
            "another card: the study history belongs to it.",
        ),
    ),
    "type": (
        {"enum": list(NOTE_TYPES), "default": "basic"},
        ("Soort kaart", "Card type"),
        (
            "basic (vraag en antwoord, standaard), list, table, parts of cloze.",
            "basic (question and answer, the default), list, table, parts or cloze.",
        ),
    ),
    "extra": (
        TEXT,
        ("Toelichting", "Explanation"),
        ("Getoond na het antwoord.", "Shown after the answer."),
    ),
    "source": (
        TEXT_OR_TEXTS,
        ("Bron", "Source"),
        (
            "Bron van deze kaart als die afwijkt van die van het deck (tekst of lijst).",
            "This card's source when it differs from the deck's (text or a list).",
        ),
    ),
    "tags": (_texts(), ("Labels", "Tags"), ("Labels van deze kaart.", "This card's tags.")),
    "q": (
        TEXT,
        ("Vraag", "Question"),
        (
            "De vraag (bij cloze: een korte contextregel).",
            "The question (cloze: a short context line).",
        ),
    ),
    "a": (TEXT, ("Antwoord", "Answer"), ("Het antwoord.", "The answer.")),
    "reverse": (
        BOOLEAN,
        ("Ook omgekeerd", "Also reversed"),
        ("true: vraag ook van antwoord naar vraag.", "true: also ask from answer to question."),
    ),
    "items": (
        {"type": "array", "minItems": 1, "items": LIST_ENTRY},
        ("Opsomming", "Items"),
        (
            "De elementen: tekst, of 'term: uitleg'. Citeer tekst met ': ' erin.",
            "The elements: text, or 'term: explanation'. Quote text containing ': '.",
        ),
    ),
    "ordered": (
        BOOLEAN,
        ("Volgorde telt", "Ordered"),
        ("true als de volgorde telt (stappen).", "true when the order matters (steps)."),
    ),
    "columns": (
        _texts(min_items=2),
        ("Kolommen", "Columns"),
        (
            "Minstens twee kolomkoppen; de eerste kolom noemt de rij.",
            "At least two column headings; the first column names the row.",
        ),
    ),
    "rows": (
        {"type": "array", "minItems": 1, "items": _texts()},
        ("Rijen", "Rows"),
        (
            "Per rij één cel per kolom; '—' voor een lege cel.",
            "Per row one cell per column; '—' for an empty cell.",
        ),
    ),
    "parts": (
        {"type": "object", "minProperties": 1, "additionalProperties": TEXT_OR_TEXTS},
        ("Onderdelen", "Parts"),
        (
            "Kop: inhoud (tekst of lijst), per onderdeel van het model.",
            "Heading: content (text or a list), one per part of the model.",
        ),
    ),
    "text": (
        CLOZE_TEXT,
        ("Clozetekst", "Cloze text"),
        (
            "Tekst met gaten: {{antwoord}} of {{antwoord::hint}}.",
            "Text with gaps: {{answer}} or {{answer::hint}}.",
        ),
    ),
}


def _properties(keys: tuple[str, ...], fields: dict[str, Field]) -> Schema:
    return {key: _described(*fields[key]) for key in keys}


def _kind(note_type: str) -> Schema:
    """The keys a card of one type may and must have; nothing else."""
    return {
        "type": "object",
        "required": ["id", *REQUIRED_CARD_KEYS[note_type]],
        "properties": _properties(COMMON_CARD_KEYS + CARD_KEYS[note_type], CARD_FIELDS),
        "additionalProperties": False,
    }


def _when(note_type: str) -> Schema:
    """The condition for a type's rules: `type: X`; for basic, also no `type` at all."""
    when: Schema = {"properties": {"type": {"const": note_type}}}
    return when if note_type == "basic" else {"required": ["type"], **when}


def deck_schema() -> Schema:
    """The JSON Schema of a deck file, with titles and descriptions in Dutch and English."""
    card = _described(
        {
            "type": "object",
            "required": ["id"],
            "properties": _properties(COMMON_CARD_KEYS, CARD_FIELDS),
            "allOf": [{"if": _when(t), "then": {"$ref": f"#/$defs/{t}"}} for t in NOTE_TYPES],
        },
        ("Kaart", "Card"),
        (
            "Eén kaart; 'type' bepaalt welke sleutels horen (zie docs/deck-format.md).",
            "One card; 'type' decides which keys belong (see docs/deck-format.md).",
        ),
    )
    return {
        "$schema": DIALECT,
        **_described(
            {
                "type": "object",
                "required": list(REQUIRED_DECK_KEYS),
                "properties": _properties(DECK_KEYS, DECK_FIELDS),
                "additionalProperties": False,
            },
            ("crmcards-deck", "crmcards deck"),
            (
                "Een deck voor crmcards. Controleer met: crmcards lint BESTAND",
                "A deck for crmcards. Check it with: crmcards lint FILE",
            ),
        ),
        "$defs": {"card": card, **{t: _kind(t) for t in NOTE_TYPES}},
    }
