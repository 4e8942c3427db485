"""Fixtures of the services' tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from tests.reports import mini_deck_dir


@pytest.fixture
def decks(library: Library, tmp_path: Path) -> Library:
    """The sample deck (24 items) and a mini deck (2 items)."""
    return Library((*library.decks, load_file(mini_deck_dir(tmp_path) / "mini.yaml")))
