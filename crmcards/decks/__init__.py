"""Deck layer: YAML files -> validated notes -> review items. Pure: no database, no UI."""
