"""Editing decks: a typo fix keeps the history silently; reusing an id for another card warns."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crmcards import api
from crmcards.services.workspace import Workspace
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, RunCli, open_session


def lint(
    crmcards: RunCli,
    path: Path,
) -> tuple[int, str]:
    code, out, _ = crmcards("lint", str(path))
    return code, out


@pytest.fixture
def studied_deck(home: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    deck = folder / "sample.yaml"
    shutil.copyfile(SAMPLE_DECKS / "sample.yaml", deck)
    session = open_session(home, folder)
    store = session.store
    session.reveal()
    session.rate(4)  # crm-definitie
    store.close()
    return deck


def test_a_typo_fix_keeps_history_without_warning(
    crmcards: RunCli,
    studied_deck: Path,
    home: Path,
) -> None:
    text = studied_deck.read_text(encoding="utf-8")
    studied_deck.write_text(text.replace("optimaliseert", "optimaliseerd"), encoding="utf-8")
    code, out = lint(crmcards, studied_deck)
    assert code == 0 and "warning" not in out
    assert "voorbeeld/crm-definitie#q" in Store.open(home=home).states()


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("reader", [False, True], ids=["store", "plain sqlite3 reader"])
def test_an_id_reused_for_a_different_card_warns(
    crmcards: RunCli,
    studied_deck: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    reader: bool,
) -> None:
    if reader:  # today's backup made: lint reads the fingerprints without opening the store
        now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        with api.open(home=home, now=now) as ws:
            ws.open_store()
        monkeypatch.setenv("CRMCARDS_NOW", now.isoformat())
        monkeypatch.setattr(Workspace, "open_store", None)
    text = studied_deck.read_text(encoding="utf-8")
    text = text.replace("q: Wat is CRM?", "q: Wat is big data?").replace(
        "a: Een strategie waarmee een bedrijf relaties optimaliseert.",
        "a: Datasets die te groot zijn voor reguliere databasemanagementsystemen.",
    )
    studied_deck.write_text(text, encoding="utf-8")
    code, out = lint(crmcards, studied_deck)
    assert code == 0  # a warning, not an error
    assert f"{studied_deck}:7:5: warning: card 'crm-definitie' is very different" in out


def test_lint_without_a_study_history_creates_no_database(
    crmcards: RunCli,
    home: Path,
) -> None:
    code, _ = lint(crmcards, SAMPLE_DECKS)
    assert code == 0 and not (home / "crmcards.db").exists()
