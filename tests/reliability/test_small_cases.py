"""The study day: daylight saving time, and a clock that ran ahead."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import study_day, study_day_start
from crmcards.store.repository import Store
from tests.conftest import RunCli


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_study_day_on_the_spring_forward_night(amsterdam: None) -> None:
    # 29 March 2026, 03:30 summer time (01:30 UTC): the day began on the 28th, 04:00 winter time
    assert study_day_start(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == datetime(
        2026, 3, 28, 3, 0, tzinfo=UTC
    )
    # and it ends at 04:00 summer time on the 29th (02:00 UTC)
    assert study_day(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))[1] == datetime(
        2026, 3, 29, 2, 0, tzinfo=UTC
    )


def test_the_study_day_on_the_fall_back_night(amsterdam: None) -> None:
    # 25 October 2026, 03:30 winter time (02:30 UTC): began on the 24th, 04:00 summer time
    assert study_day_start(datetime(2026, 10, 25, 2, 30, tzinfo=UTC)) == datetime(
        2026, 10, 24, 2, 0, tzinfo=UTC
    )


def test_ratings_dated_after_today_do_not_count_as_today(store: Store) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    planner = Planner(fuzz=False)
    for moment in (now - timedelta(hours=1), now + timedelta(days=3)):  # a clock that ran ahead
        review = planner.review(None, 4, moment, note_key=f"d/n-{moment.day}")
        store.record(f"d/n-{moment.day}#q", "d", f"d/n-{moment.day}", review)
    assert [log.item_id for log in store.logs_since(*study_day(now))] == ["d/n-25#q"]


def test_the_data_folders_decks_given_again_with_decks_count_once(
    crmcards: RunCli, home: Path
) -> None:
    from tests.conftest import SAMPLE_DECKS

    (home / "decks").mkdir(parents=True)
    (home / "decks" / "sample.yaml").write_bytes((SAMPLE_DECKS / "sample.yaml").read_bytes())
    for again in (home / "decks", home / "decks" / ".." / "decks"):
        code, out, err = crmcards("--decks", str(again), "cards", "--json")
        assert code == 0 and err == ""
        assert any(card["deck"] == "voorbeeld" for card in json.loads(out))
