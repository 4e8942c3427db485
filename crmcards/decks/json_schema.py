"""The deck format as a JSON Schema (draft 2020-12), for editors through yaml-language-server.

Which keys exist, which are required and which card types there are come from the loader's own
tables (`decks/schema.py`) and the registered card kinds (`decks/kinds/`), each of which also
says what its own keys hold (its FIELDS); this module adds the deck's and the common card keys'
schemas, with the bilingual (Dutch / English) titles and descriptions an editor shows.
What a JSON Schema cannot say (unique ids, one cell per column, balanced cloze gaps) stays
`crmcards lint`'s job; tests/decks/test_json_schema.py keeps the two in step.
"""

from __future__ import annotations

from crmcards.decks.key_schema import (
    SLUG_TEXT,
    TEXT,
    TEXT_OR_TEXTS,
    Field,
    Schema,
    described,
    texts,
)
from crmcards.decks.kinds import KINDS
from crmcards.decks.schema import (
    COMMON_CARD_KEYS,
    DECK_KEYS,
    LANGUAGES,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REQUIRED_DECK_KEYS = ("deck", "cards")


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
        texts(),
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
        {"default": "basic"},  # and "enum": the registered kinds (deck_schema)
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
    "tags": (texts(), ("Labels", "Tags"), ("Labels van deze kaart.", "This card's tags.")),
    "q": (
        TEXT,
        ("Vraag", "Question"),
        (
            "De vraag (bij cloze: een korte contextregel).",
            "The question (cloze: a short context line).",
        ),
    ),
}


def _card_fields() -> dict[str, Field]:
    """The common keys' fields, `type` listing the kinds registered now (decks/kinds)."""
    schema, title, description = CARD_FIELDS["type"]
    return {**CARD_FIELDS, "type": ({"enum": list(KINDS), **schema}, title, description)}


def _properties(keys: tuple[str, ...], fields: dict[str, Field]) -> Schema:
    return {key: described(*fields[key]) for key in keys}


def _kind(note_type: str) -> Schema:
    """The keys a card of one type may and must have; nothing else."""
    return {
        "type": "object",
        "required": ["id", *KINDS[note_type].REQUIRED],
        "properties": _properties(
            COMMON_CARD_KEYS + KINDS[note_type].KEYS, {**_card_fields(), **KINDS[note_type].FIELDS}
        ),
        "additionalProperties": False,
    }


def _when(note_type: str) -> Schema:
    """The condition for a type's rules: `type: X`; for basic, also no `type` at all."""
    when: Schema = {"properties": {"type": {"const": note_type}}}
    return when if note_type == "basic" else {"required": ["type"], **when}


def deck_schema() -> Schema:
    """The JSON Schema of a deck file, with titles and descriptions in Dutch and English."""
    card = described(
        {
            "type": "object",
            "required": ["id"],
            "properties": _properties(COMMON_CARD_KEYS, _card_fields()),
            "allOf": [{"if": _when(t), "then": {"$ref": f"#/$defs/{t}"}} for t in KINDS],
        },
        ("Kaart", "Card"),
        (
            "Eén kaart; 'type' bepaalt welke sleutels horen (zie docs/deck-format.md).",
            "One card; 'type' decides which keys belong (see docs/deck-format.md).",
        ),
    )
    return {
        "$schema": DIALECT,
        **described(
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
        "$defs": {"card": card, **{t: _kind(t) for t in KINDS}},
    }
