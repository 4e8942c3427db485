"""With an exam date, the home screen shows today's share of the plan, the session follows it and
the summary explains the new cards left by the plan, not by the daily limit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crmcards.tui.summary import SummaryScreen
from tests.conftest import FakeClock
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
