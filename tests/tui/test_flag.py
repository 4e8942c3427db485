"""Flagging a card in review: `f`, a note, enter; escape cancels; the rating flow carries on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input

from crmcards.tui.flag import FlagNoteScreen
from crmcards.tui.review import ReviewScreen
from tests.conftest import FakeClock
from tests.tui.helpers import make_app, text_of


def stored_flags(home: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(home / "crmcards.db") as connection:
        return connection.execute("SELECT item_id, deck_id, note FROM flag ORDER BY id").fetchall()


async def test_f_flags_the_card_on_screen_with_a_note(home: Path) -> None:
    app = make_app(home, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.screen.session.current  # type: ignore[attr-defined]
        assert app.screen.active_bindings["f"].binding.description == "Melden"  # footer hint
        await pilot.press("f")
        assert isinstance(app.screen, FlagNoteScreen)
        assert first.note.q.split()[0] in text_of(app, "#flag-card")
        await pilot.press(*"antwoord klopt niet", "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert stored_flags(home) == [(first.id, "voorbeeld", "antwoord klopt niet")]
        await pilot.press("space", "4")  # rating carries on, on the next card
        assert app.screen.session.done == 1  # type: ignore[attr-defined]


async def test_escape_cancels_the_flag_and_keys_go_back_to_the_card(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "f", *"half", "escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("4")
        assert app.screen.session.done == 1  # type: ignore[attr-defined]
    assert stored_flags(home) == []


async def test_the_note_is_one_short_line_of_plain_text(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        note = app.screen.query_one("#flag-note", Input)
        assert note.max_length == 200
        note.value = "regel een\x1b[31m\nregel   twee"
        await pilot.press("enter")
    assert [row[2] for row in stored_flags(home)] == ["regel een [31m regel twee"]
