"""With an exam date, the home screen shows today's share of the plan, the session follows it and
the summary explains the new cards left by the plan, not by the daily limit; on the exam's own
morning the home screen says what is predicted now and offers a last look."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

from crmcards import api
from crmcards.scheduling.exam import EXAM_FLOOR
from crmcards.services.memory_words import exam_morning_line
from crmcards.tui.home import HomeScreen
from crmcards.tui.review import ReviewScreen
from crmcards.tui.summary import SummaryScreen
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.tui.helpers import make_app, settled, text_of

# 24 cards in 7 notes; all in a week before 8 December: 4 new a day from 25 November on
EXAM_IN_TWO_WEEKS = 'exam_date = "2026-12-08"\nnew_per_day = 2\n'


async def test_the_session_follows_the_plans_share_and_the_summary_says_so(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(EXAM_IN_TWO_WEEKS, encoding="utf-8")
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:  # wide: no sentence wraps
        for _ in range(4):
            await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen)
        await settled(pilot)
        summary = " ".join(text_of(app, "#summary").split())
        assert "je examenplan gaf vandaag 4 nieuwe kaarten" in summary
        assert "daglimiet" not in summary
        assert "Vandaag volgens plan" in " ".join(text_of(app, "#plan").split())


async def test_on_a_day_off_the_home_screen_says_so(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(EXAM_IN_TWO_WEEKS + 'off_days = "zo"\n', encoding="utf-8")
    sunday = FakeClock(datetime(2026, 11, 29, 12, tzinfo=UTC))
    app = make_app(home, review=False, clock=sunday)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        line = " ".join(text_of(app, "#exam").split())
        assert "Vandaag is een vrije dag in je plan. Examenochtend voorspeld:" in line


def study_until_the_exam(home: Path) -> None:
    """A week of the plan's sessions before 8 December, forgetting every third card."""
    clock = FakeClock(datetime(2026, 12, 1, 12, tzinfo=UTC))
    with api.open(home=home, decks=[SAMPLE_DECKS], now=clock, bundled_decks=False) as ws:
        for _ in range(7):
            session = ws.review()
            for n in itertools.count():
                if session.finished:
                    break
                session.reveal()
                clock.advance(seconds=10)
                session.rate(1 if n % 3 == 0 else 4)
            session.end()
            clock.advance(days=1)


async def test_on_exam_morning_the_home_screen_offers_a_last_look_at_the_weakest(
    home: Path,
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(EXAM_IN_TWO_WEEKS, encoding="utf-8")
    study_until_the_exam(home)
    the_day_before = FakeClock(datetime(2026, 12, 7, 20, tzinfo=UTC))
    app = make_app(home, review=False, clock=the_day_before)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert "Vandaag is je examen" not in text_of(app, "#exam")
        await pilot.press("l")  # not offered before exam day: nothing happens
        assert isinstance(app.screen, HomeScreen)
    morning = FakeClock(datetime(2026, 12, 8, 7, tzinfo=UTC))
    app = make_app(home, review=False, clock=morning)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        line = " ".join(text_of(app, "#exam").split())
        assert "Vandaag is je examen. Nu voorspeld:" in line, line
        home_screen = app.screen
        assert isinstance(home_screen, HomeScreen) and home_screen.last_look
        assert f"Een laatste blik op de {len(home_screen.last_look)} zwakste" in line
        await pilot.press("l")
        await settled(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.cram
        assert {i.id for i in app.screen.session.items} == home_screen.last_look


def test_the_exam_morning_takes_the_weakest_studied_cards_below_the_floor(home: Path) -> None:
    (home / "config.toml").parent.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(EXAM_IN_TWO_WEEKS, encoding="utf-8")
    study_until_the_exam(home)
    morning = datetime(2026, 12, 8, 7, tzinfo=UTC)
    with api.open(home=home, decks=[SAMPLE_DECKS], now=morning, bundled_decks=False) as ws:
        found = ws.exam_morning()
        planner, states = ws.planner(fuzz=False), ws.open_store().states()
        assert ws.planner().exam is None  # the exam is today: no plan any more
    assert found is not None and found.weakest
    recall = {i: planner.retrievability(s, morning) for i, s in states.items()}
    weakest = [recall[i] for i in found.weakest]
    assert weakest == sorted(weakest) and max(weakest) < EXAM_FLOOR
    assert all(r >= max(weakest) for i, r in recall.items() if i not in found.weakest)
    assert found.below >= len(found.weakest)
    english = exam_morning_line(found, "en")
    assert english.startswith("Today is your exam. Predicted now:") and "press l" in english
