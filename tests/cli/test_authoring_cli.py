"""The teachers' commands (`schema`, ...) through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.cli.test_cli import crmcards


def test_schema_prints_the_deck_format(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = crmcards(capsys, monkeypatch, "schema")
    assert code == 0
    schema = json.loads(out)
    Draft202012Validator.check_schema(schema)
    assert "Antwoord / Answer" in out


def test_schema_writes_a_file_and_keeps_an_existing_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "deck.schema.json"
    code, printed, _ = crmcards(capsys, monkeypatch, "schema")
    assert crmcards(capsys, monkeypatch, "schema", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == printed
    target.write_text("mine", encoding="utf-8")
    code, _, err = crmcards(capsys, monkeypatch, "schema", "-o", str(target))
    assert code == 1 and "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    assert crmcards(capsys, monkeypatch, "schema", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == printed


def test_flags_lists_what_the_student_flagged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    from datetime import UTC, datetime

    from crmcards.decks.catalog import Library
    from crmcards.services.flags import flag_item
    from crmcards.store.repository import Store
    from tests.conftest import SAMPLE_DECKS

    code, out, _ = crmcards(capsys, monkeypatch, "flags")
    assert code == 0 and "no flagged cards" in out
    assert not (home / "crmcards.db").exists()  # listing creates no database

    item = Library.load([SAMPLE_DECKS]).items()[0]
    store = Store.open(home=home)
    flag_item(store, item, "antwoord klopt\tniet", datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    store.close()
    code, out, _ = crmcards(capsys, monkeypatch, "flags", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "item": item.id,
            "deck": "voorbeeld",
            "note": "antwoord klopt niet",
            "time": "2026-12-01T09:30:00+00:00",
        }
    ]
    code, out, _ = crmcards(capsys, monkeypatch, "flags")
    assert f"{item.id}  antwoord klopt niet" in out and "1 flag(s)" in out
