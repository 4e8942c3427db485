"""The key help and the footer hints in the UI language, laid out for 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from crmcards.tui.help import HelpScreen
from crmcards.tui.settings import SettingsScreen
from tests.tui.helpers import make_app, text_of


def choose(home: Path, language: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'language = "{language}"\n', encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "explanation", "wrapped", "close"),
    [
        ("nl", "beoordelen:", "kaart allebei opnieuw", "esc sluiten"),
        ("en", "rate:", "relearn the card", "esc close"),
    ],
)
async def test_help_wraps_under_its_explanation_and_says_how_to_close(
    home: Path, language: str, explanation: str, wrapped: str, close: str
) -> None:
    choose(home, language)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip("│ ") for line in text_of(app, "#help").splitlines()]
        rows = text_of(app, "#help").splitlines()
        (continued,) = [row for row in rows if wrapped in row]
        first = next(row for row in rows if explanation in row)
        # the wrapped part starts under the explanation, not under the keys
        assert continued.index(wrapped.split()[0]) == first.index(explanation)
        assert any(line.startswith("+ ") for line in lines) and close in lines
        assert len(rows) <= 24
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_an_open_menu_is_dismissed_in_dutch(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#language", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        hints = {
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        }
        assert "Menu sluiten" in hints and "Dismiss menu" not in hints
