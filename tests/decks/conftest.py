"""Fixtures of the deck tests: a copy of the sample deck and a deck cache of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crmcards.decks.cache import DeckCache
from tests.conftest import SAMPLE_DECKS


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copyfile(SAMPLE_DECKS / "sample.yaml", folder / "sample.yaml")
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> DeckCache:
    return DeckCache(tmp_path / "cache")
