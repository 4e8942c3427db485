"""The TUI, driven with Textual's pilot exactly as a student would use it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable

from crmcards.tui.review import ReviewScreen
from crmcards.tui.summary import SummaryScreen
from tests.tui.helpers import make_app, settled, text_of


def logged(home: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(home / "crmcards.db") as connection:
        return connection.execute("SELECT item_id, rating FROM review_log ORDER BY id").fetchall()


async def test_reveal_then_rate_commits_before_the_next_card(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert "Wat is CRM?" in text_of(app, "#prompt")
        assert not app.screen.query_one("#answer").display
        await pilot.press("4")  # rating before reveal does nothing
        assert screen.session.done == 0
        await pilot.press("space")
        assert app.screen.query_one("#answer").display
        assert "optimaliseert" in text_of(app, "#answer")
        assert "helemaal niet" in text_of(app, "#hint")
        await pilot.press("4")
        assert logged(home) == [("voorbeeld/crm-definitie#q", 4)]
        assert "Wat zijn de stappen van het CRM-proces?" in text_of(app, "#prompt")
        assert not app.screen.query_one("#answer").display


async def test_enter_also_reveals_and_undo_goes_back(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "5")
        assert len(logged(home)) == 1
        await pilot.press("u")
        assert logged(home) == []
        assert "Wat is CRM?" in text_of(app, "#prompt")


async def test_three_ratings_then_q_shows_summary_and_status_counts_them(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        for rating in ("3", "4", "5"):
            await pilot.press("space", rating)
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary")
        assert "Kaarten beoordeeld: 3" in summary
        await pilot.press("enter")
    assert len(logged(home)) == 3


async def test_structured_items_render_as_what_they_are(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "5")  # crm-definitie#q
        prompt = text_of(app, "#prompt")
        assert "Wat zijn de stappen van het CRM-proces?" in prompt and "(5)" in prompt
        await pilot.press("space")
        answer = text_of(app, "#answer")
        assert "1. identificeren" in answer and "2. differentiëren" in answer
        await pilot.press("5", "space", "5")  # immersion
        prompt = text_of(app, "#prompt")
        assert "Het personalisatiecontinuum" in prompt
        await pilot.press("space")
        answer = text_of(app, "#answer")
        assert "╭" in answer and "Mass customization" in answer  # drawn as a table


async def test_help_overlay(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert "laatste beoordeling ongedaan maken" in text_of(app, "#help")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_home_lists_decks_and_starts_a_session(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(DataTable)
        titles = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert titles[0].endswith("Alles wat klaarstaat") and "Voorbeeld" in titles
        row = titles.index("Voorbeeld")
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        assert {i.deck.id for i in app.screen.session.items} == {"voorbeeld"}
        await pilot.press("space", "4", "q", "enter")
        await settled(pilot)
        # a new card less, and six of the other notes' new cards are still for today
        assert [str(c) for c in table.get_row_at(row)][1:] == ["6/23", "0", "24", "0%"]


async def test_nothing_due_goes_straight_to_the_summary(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(7):  # every note once (siblings wait for another day)
            await pilot.press("space", "5")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_a_reverse_card_says_what_is_asked(home: Path) -> None:
    for size in ((80, 24), (160, 50)):
        reverse = frozenset({"voorbeeld/crm-definitie#reverse"})
        app = make_app(home / str(size[0]), item_ids=reverse)
        async with app.run_test(size=size) as pilot:
            prompt = text_of(app, "#prompt")
            assert "Welk begrip hoort hierbij?" in prompt and "Een strategie" in prompt
            await pilot.press("space")
            assert "Wat is CRM?" in text_of(app, "#answer")
    app = make_app(home / "q", item_ids=frozenset({"voorbeeld/crm-definitie#q"}))
    async with app.run_test(size=(80, 24)):
        assert "Welk begrip" not in text_of(app, "#prompt")  # a question says it itself
