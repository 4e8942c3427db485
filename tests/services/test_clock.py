"""CRMCARDS_NOW moves the clock of every command; time runs on from that moment."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.services.clock import utc_now
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, RunCli


def test_without_the_variable_the_clock_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRMCARDS_NOW", raising=False)
    assert abs(utc_now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_clock_starts_at_the_moment_given_and_runs_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-10T09:00+01:00")
    first, second = utc_now(), utc_now()
    assert first.tzinfo is not None
    assert timedelta(0) <= first - datetime(2026, 12, 10, 8, 0, tzinfo=UTC) < timedelta(minutes=1)
    assert second >= first


def test_a_moment_without_a_zone_is_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-10T09:00")
    local = utc_now().astimezone()
    assert (local.date(), local.hour) == (datetime(2026, 12, 10).date(), 9)


def test_a_malformed_moment_is_one_clear_error(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRMCARDS_NOW", "morgen")
    with pytest.raises(CrmcardsError, match="CRMCARDS_NOW='morgen' is not an ISO 8601 moment"):
        utc_now()
    code, _, err = crmcards("status")
    assert code == 1 and "ISO 8601" in err and "Traceback" not in err


def test_status_a_month_later_counts_the_card_as_due(
    crmcards: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
) -> None:
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-01T10:00+01:00")
    session = ReviewSession(Store.open(home=home), Planner(), Library.load([SAMPLE_DECKS]).items())
    session.reveal()
    session.rate(4)
    session.store.close()

    def due() -> int:
        code, out, err = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
        assert code == 0, err
        return int(json.loads(out)["total"]["due"])

    assert due() == 0
    monkeypatch.setenv("CRMCARDS_NOW", "2027-01-01T10:00+01:00")
    assert due() == 1
