"""The Anki note type crmcards exports, known to the importer as well: a re-import of crmcards'
own package recognises it and takes card ids from the `Item` field."""

from __future__ import annotations

MODEL_ID = 1_607_392_319_001  # fixed forever: Anki matches the note type of a re-export by it
MODEL_NAME = "crmcards"
MODEL_FIELDS = ("Front", "Back", "Extra", "Item")
