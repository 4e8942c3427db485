"""Every count on the home screen is what a session contains, and a session with nothing (more)
to show says why and offers what is possible: more new cards, cramming, undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable

from crmcards.tui.review import ReviewScreen
from crmcards.tui.summary import SummaryScreen
from tests.tui.helpers import make_app, settled, text_of


def logged(home: Path) -> int:
    with sqlite3.connect(home / "crmcards.db") as connection:
        return int(connection.execute("SELECT count(*) FROM review_log").fetchone()[0])


def two_new_a_day(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("new_per_day = 2\n", encoding="utf-8")
    return home


def sample_row(app: object) -> list[str]:
    table = app.screen.query_one(DataTable)  # type: ignore[attr-defined]
    return [str(c) for c in table.get_row_at(1)]


async def test_home_counts_follow_todays_limit_and_an_empty_session_says_why(home: Path) -> None:
    app = make_app(two_new_a_day(home), review=False)
    async with app.run_test(size=(120, 40)) as pilot:  # wide: no sentence wraps
        await settled(pilot)
        assert sample_row(app)[1] == "2/24"  # two new today, of 24 new
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.remaining == 2
        await pilot.press("space", "5", "space", "5")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Wat er vandaag nog wacht" in summary
        assert "daglimiet van 2 nieuwe kaarten is bereikt" in summary
        assert "komen morgen" in summary  # the siblings of the two cards studied
        await pilot.press("enter")
        await settled(pilot)
        assert sample_row(app)[1] == "0/22"
        await pilot.press("enter")  # the same deck again: nothing today, and why
        assert isinstance(app.screen, SummaryScreen)
        assert "Er is nu niets te doen in deze selectie" in text_of(app, "#summary")


async def test_plus_adds_new_cards_for_today_once_the_limit_is_reached(home: Path) -> None:
    app = make_app(two_new_a_day(home))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "5", "space", "5")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("plus")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.session.remaining == 5  # the other five notes, one card each
        await pilot.press("space", "4")
        assert logged(home) == 3


async def test_c_on_an_empty_session_crams_the_same_selection(home: Path) -> None:
    app = make_app(two_new_a_day(home))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "5", "space", "5")
        await pilot.press("c")
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.cram
        assert app.screen.session.remaining == 24
        await pilot.press("space", "1")
        assert logged(home) == 2  # cramming stores nothing


async def test_u_on_the_summary_undoes_the_last_rating_and_shows_the_card(home: Path) -> None:
    app = make_app(two_new_a_day(home))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "5", "space", "5")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("u")
        assert isinstance(app.screen, ReviewScreen)
        assert logged(home) == 1 and app.screen.session.remaining == 1
        await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen) and logged(home) == 2


async def test_stopping_early_says_so_with_what_is_left_and_offers_no_plus(home: Path) -> None:
    app = make_app(two_new_a_day(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "5", "q")  # one of the two new cards left
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Sessie gestopt" in summary and "Sessie klaar" not in summary
        assert "vandaag staan er nog 1 kaarten voor je klaar" in summary
        assert "daglimiet" not in summary and "al had" not in summary
        await pilot.press("plus")
        assert isinstance(app.screen, SummaryScreen) and logged(home) == 1


async def test_a_fully_undone_session_gives_no_false_reason(home: Path) -> None:
    """QA 4: from home, enter, space, 3, u, q: nothing rated, nothing held back by a limit."""
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "space", "3", "u", "q")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Kaarten beoordeeld: 0" in summary
        assert "nog 7 kaarten voor je klaar" in summary  # one card of each of the 7 notes
        for untrue in ("daglimiet", "al had", "niets te doen", "Geen geplande kaarten"):
            assert untrue not in summary
        assert logged(home) == 0
