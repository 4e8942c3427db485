"""The public API (crmcards.api): the example in docs/api.md, and what the example relies on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from crmcards import api
from crmcards.scheduling.exam import EXAM_TARGET
from tests.conftest import SAMPLE_DECKS, RunCli

DOCS = Path(__file__).parent.parent / "docs" / "api.md"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def sample(home: Path, now: api.Now = NOW) -> AbstractContextManager[api.Workspace]:
    return api.open(home=home, decks=[SAMPLE_DECKS], now=now, bundled_decks=False, fuzz=False)


def test_the_example_in_the_docs_runs(tmp_path: Path) -> None:
    (example,) = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    script = tmp_path / "example.py"
    script.write_text(example, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("online-crm/")


def test_a_fixed_now_is_when_every_rating_is_logged(home: Path) -> None:
    with sample(home) as ws:
        session = ws.review()
        item = session.current
        assert item is not None
        session.reveal()
        later = NOW + timedelta(minutes=3)
        session.rate(5, now=later)
        (log,) = ws.open_store().logs_since(NOW - timedelta(days=1))
        assert (log.item_id, log.rating, log.reviewed_at) == (item.id, 5, later)
        assert log.duration_ms == 180_000  # shown at NOW, rated three minutes later


def test_status_is_what_status_json_prints(
    crmcards: RunCli,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    monkeypatch.setattr("crmcards.services.clock.utc_now", lambda: NOW)  # the command's clock
    with sample(home) as ws:
        session = ws.review(decks=["voorbeeld"])
        session.reveal()
        session.rate(4)
        ours = ws.status()
    monkeypatch.setenv("CRMCARDS_NOW", NOW.isoformat())  # the same moment, not the real clock
    code, out, _ = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    printed = json.loads(out)
    assert code == 0 and printed["decks"][-1] == ours["decks"][-1]
    assert ours["total"]["reviews"] == 1 and ours["orphaned"] == 0


def test_opening_the_database_makes_the_days_backup(home: Path) -> None:
    with sample(home) as ws:
        assert not (home / "backups").exists()
        ws.status()
    assert [p.name for p in (home / "backups").iterdir()] == ["crmcards-2026-12-01.db"]


def test_review_selects_by_deck_and_tag_and_refuses_unknown_decks(home: Path) -> None:
    with sample(home) as ws:
        assert ws.review(tag="no-such-tag").finished
        with pytest.raises(api.CrmcardsError, match="no deck called 'nope'"):
            ws.review(decks=["nope"])
        cram = ws.review(cram=True)
        assert isinstance(cram, api.ReviewSession) and cram.cram and not cram.finished


def test_plan_covers_the_days_left(home: Path) -> None:
    with sample(home) as ws:
        plan = ws.plan(date(2026, 12, 14))
        items = len(ws.library.items())
        assert plan["exam_date"] == "2026-12-14" and plan["target"] == EXAM_TARGET
        days = plan["days"]
        assert [d["date"] for d in days] == [f"2026-12-{day:02}" for day in range(1, 14)]
        assert sum(d["new"] for d in days) == items  # every new item learnt in time
        assert not any(d["new"] for d in days[-6:])  # ... at least a week before the exam
        assert all(d["minutes"] >= d["reviews"] * 8 / 60 for d in days)  # 8 s a review
        assert 0 < plan["predicted"]["min"] <= plan["predicted"]["mean"] < 1
        with pytest.raises(api.CrmcardsError, match="not after today"):
            ws.plan("2026-12-01")


def test_importing_the_api_does_not_import_the_database_or_textual() -> None:
    code = "import sys, crmcards.api; print(sorted({'sqlalchemy', 'textual'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
