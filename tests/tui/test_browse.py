"""The card browser (`b` on home) and card info: find any card as you type, see it as you would
study it, its history and predicted recall; suspend, reset (asks first), study the cards found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crmcards.tui.browse import BrowseScreen
from crmcards.tui.card_info import CardInfoScreen, ConfirmReset
from crmcards.tui.card_table import CardTable
from crmcards.tui.review import ReviewScreen
from crmcards.tui.summary import SummaryScreen
from tests.tui.helpers import make_app, settled, text_of

SIZES = [(80, 24), (160, 50)]


def rows(app: object) -> list[str]:
    """The item ids the table lists, in order."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, BrowseScreen) and screen.finder is not None
    return [screen.finder.items[pos].id for pos in screen.query_one(CardTable).rows]


def table_text(app: object) -> str:
    """What the results table shows on screen now, line by line."""
    table = app.screen.query_one(CardTable)  # type: ignore[attr-defined]
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


def db(home: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / "crmcards.db") as connection:
        return connection.execute(sql).fetchall()


async def open_browser(pilot: object, *keys: str) -> None:
    await settled(pilot)  # type: ignore[arg-type]
    await pilot.press("b", *keys)  # type: ignore[attr-defined]
    await settled(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES)
async def test_typing_filters_by_text_deck_tag_kind_and_state(
    home: Path, size: tuple[int, int]
) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=size) as pilot:
        await open_browser(pilot)
        assert len(rows(app)) == 24 and "24 van 24 kaarten" in text_of(app, "#browse-count")
        table = table_text(app)
        assert "Deck" in table and "Vraag" in table and "Volgende" in table
        await pilot.press(*"differentieren")  # case and accents do not count
        assert len(rows(app)) == 6
        assert all(i.startswith("voorbeeld/crm-proces-stappen#") for i in rows(app))
        assert "6 van 24 kaarten" in text_of(app, "#browse-count")
        await pilot.press(*" soort:list-item")
        assert len(rows(app)) == 5
        shown = table_text(app)  # the items of one note tell apart: the asked line first
        assert "1. […] — Wat zijn de stappen" in shown and "2. […] — Wat" in shown
        app.screen.query_one("#browse-query").value = "deck:voorb tag:test staat:nieuw"  # type: ignore[attr-defined]
        await pilot.pause()
        assert len(rows(app)) == 24
        app.screen.query_one("#browse-query").value = "staat:oud"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Onbekende staat 'oud'" in text_of(app, "#browse-count")
        assert "opgeschort" in text_of(app, "#browse-count")  # the states one can use


async def test_the_highlighted_card_shows_as_studied_and_arrows_move_through_results(
    home: Path,
) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        assert "Wat is CRM?" in text_of(app, "#browse-card")
        assert "Een strategie" in text_of(app, "#browse-card")  # the answer, as revealed
        await pilot.press("down")  # the reverse card: it says what it asks
        assert "Welk begrip hoort hierbij?" in text_of(app, "#browse-card")
        table = app.screen.query_one(CardTable)
        await pilot.press("pagedown", "pagedown")
        assert table.cursor == 1 + 2 * table.page
        top = table.scroll_offset.y
        assert top <= table.cursor < top + table.size.height - 1  # the highlight stays in view


async def test_only_the_rows_on_screen_are_drawn(home: Path) -> None:
    """A search result of thousands of cards costs only the rows on screen."""
    folder = home / "decks"
    folder.mkdir(parents=True)
    cards = "".join(f"  - id: c{n}\n    q: Vraag {n}\n    a: Antwoord {n}\n" for n in range(3000))
    (folder / "groot.yaml").write_text(f"deck: Groot\ncards:\n{cards}", "utf-8")
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen) and len(rows(app)) == 3024
        asked: list[int] = []
        cells = screen._cells
        table = screen.query_one(CardTable)
        table.cells = lambda position: asked.append(position) or cells(position)  # type: ignore[func-returns-value]
        table.forget()
        await pilot.press("pagedown")
        await pilot.pause()
        assert 0 < len(set(asked)) <= 2 * table.size.height


@pytest.mark.parametrize("size", SIZES)
async def test_card_info_lists_every_review_and_shows_a_recall_chart(
    home: Path, size: tuple[int, int]
) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.press("enter", "space", "3", "q", "enter")  # one rating: met moeite
        await open_browser(pilot, *"Wat is CRM", "enter")
        assert isinstance(app.screen, CardInfoScreen)
        history = text_of(app, "#info-history")
        assert "3  met moeite" in history and "25-11-2026" in history
        facts = text_of(app, "#info-facts")
        assert "Staat: leren" in facts and "Kans dat je het nu weet: 100%" in facts
        chart = text_of(app, "#info-chart")
        assert "Voorspelde kennis door de tijd" in chart and "▲nu" in chart and "█" in chart
        assert max(len(line.rstrip()) for line in chart.splitlines()) <= size[0]
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_suspend_keeps_a_card_out_of_sessions_until_taken_back(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, "enter", "s")  # the first card: Wat is CRM?
        assert "Opgeschort" in text_of(app, "#info-facts")
        assert db(home, "SELECT item_id FROM item_suspension") == [("voorbeeld/crm-definitie#q",)]
        await pilot.press("escape")
        assert "opgeschort" in table_text(app)
        await pilot.press("escape", "down", "enter")  # home: study the sample deck
        assert isinstance(app.screen, ReviewScreen)
        assert "voorbeeld/crm-definitie#q" not in {i.id for i in app.screen.session.items}
        await pilot.press("q", "enter", "b")
        await settled(pilot)
        await pilot.press("enter", "s")  # take it back
        assert db(home, "SELECT count(*) FROM item_suspension") == [(0,)]


async def test_reset_asks_first_and_keeps_the_history(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "space", "4", "q", "enter")
        await open_browser(pilot, "enter", "r")
        assert isinstance(app.screen, ConfirmReset)
        await pilot.press("n")  # no: nothing changes
        assert isinstance(app.screen, CardInfoScreen)
        assert db(home, "SELECT count(*) FROM item_state") == [(1,)]
        await pilot.press("r", "j")
        assert db(home, "SELECT count(*) FROM item_state") == [(0,)]
        assert db(home, "SELECT rating FROM review_log") == [(4,)]  # the rating is kept
        history = text_of(app, "#info-history")
        assert "4  goed" in history and "teruggezet naar nieuw" in history
        assert "Staat: nieuw" in text_of(app, "#info-facts")


async def test_ctrl_s_studies_just_the_cards_found_then_comes_back(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot, *"soort:table-row")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        session = app.screen.session
        assert {i.kind for i in session.items} == {"table-row"} and len(session.items) == 3
        await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen)  # one card per note per day
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert "herhalen" in table_text(app)  # the row shows its new state


def test_state_words_in_either_language() -> None:
    from crmcards.services.card_search import parse_query

    query = parse_query("klant deck:online staat:klaar tag:week-6 soort:list-item")
    assert (query.text, query.deck, query.state, query.tag, query.kind) == (
        "klant", "online", "due", "week-6", "list-item",
    )  # fmt: skip
    assert parse_query("state:suspended").state == parse_query("staat:opgeschort").state
    assert parse_query("tijd: 10:00").text == "tijd: 10:00"  # not a term: words
