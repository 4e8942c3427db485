"""Exporting decks to other tools: Anki packages (`apkg`) and two-column CSV (`csv`)."""
