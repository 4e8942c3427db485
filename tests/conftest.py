"""Shared fixtures. Every test runs with a temporary CRMCARDS_HOME: the real data folder is never touched."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest

from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from crmcards.scheduling.planner import Planner
from crmcards.services.session import ReviewSession
from crmcards.store.repository import Store

DATA = Path(__file__).parent / "data"
SAMPLE_DECKS = DATA / "decks"
BAD_DECKS = DATA / "bad"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CRMCARDS_HOME", str(home))
    monkeypatch.delenv("CRMCARDS_DB", raising=False)
    return home


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    store = Store.open(home=home)
    yield store
    store.close()


@pytest.fixture
def library() -> Library:
    return Library((load_file(SAMPLE_DECKS / "sample.yaml"),))


@pytest.fixture
def planner() -> Planner:
    return Planner(fuzz=False)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_session(home: Path, folder: Path = SAMPLE_DECKS) -> ReviewSession:
    """A review session on the decks in `folder`, on its own database connection."""
    return ReviewSession(
        Store.open(home=home), Planner(), Library.load([folder]).items(), clock=FakeClock()
    )


@pytest.fixture
def english(home: Path) -> None:
    """The student chose English: the command line's messages are in English."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('language = "en"\n', encoding="utf-8")


@pytest.fixture
def amsterdam() -> Iterator[None]:
    """Local time is Amsterdam's (the study day boundary depends on it)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


class RunCli(Protocol):
    def __call__(self, *args: str) -> tuple[int, str, str]: ...


@pytest.fixture
def crmcards(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """`crmcards ARGS...` through its real entry point: (exit code, stdout, stderr)."""

    def run_cli(*args: str) -> tuple[int, str, str]:
        from crmcards.cli.main import run  # not at import: tests of start-up time import none

        monkeypatch.setattr(sys, "argv", ["crmcards", *args])
        try:
            run()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run_cli
