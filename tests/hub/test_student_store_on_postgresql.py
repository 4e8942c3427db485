"""A student's own database on PostgreSQL (`CRMCARDS_DB`), on a real server: ratings, an undo,
status and the report work as they do on the SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock, RunCli


def test_a_students_own_database_on_postgresql(
    crmcards: RunCli, class_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = class_db.replace("postgresql://", "postgresql+psycopg://", 1)
    store = Store.open(home=home, url=url)
    session = ReviewSession(
        store, Planner(), Library.load([SAMPLE_DECKS]).items(), clock=FakeClock()
    )
    for rating in (4, 1, 5):
        session.reveal()
        session.rate(rating)
    assert session.undo() is not None  # the 5 is taken back
    store.close()

    monkeypatch.setenv("CRMCARDS_DB", url)
    code, out, err = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    assert code == 0, err
    sample = next(d for d in json.loads(out)["decks"] if d["id"] == "voorbeeld")
    assert (sample["reviews"], sample["new"]) == (2, 22)
    code, out, err = crmcards("--decks", str(SAMPLE_DECKS), "report", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["schema_version"] >= 4
    assert not (home / "crmcards.db").exists()  # everything went to the server
