"""The home screen: what a student sees before choosing what to study."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.tui.helpers import make_app, settled, text_of


def write_broken_deck(home: Path) -> Path:
    folder = home / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / "leraar.yaml"
    broken.write_text("deck: Leraar\ncards:\n  - id: a\n    q: Wat: dit?\n    a: Ja\n", "utf-8")
    return broken


async def test_a_broken_deck_is_a_banner_and_the_other_decks_still_study(home: Path) -> None:
    broken = write_broken_deck(home)
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        banner = str(app.screen.query_one("#skipped", Static).render())
        assert "1 deckbestand(en) overgeslagen" in banner
        assert f"{broken.relative_to(home)}:4:" in banner
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2  # "everything due" and the sample deck
        await pilot.press("enter")
        assert "Wat is CRM?" in text_of(app, "#prompt")


@pytest.mark.parametrize(
    ("language", "problem"),
    [("nl", "kaart 'a' (basic) mist 'a'"), ("en", "card 'a' (basic) is missing 'a'")],
)
async def test_the_banner_tells_a_decks_problem_in_the_ui_language(
    home: Path, language: str, problem: str
) -> None:
    folder = home / "decks"
    folder.mkdir(parents=True)
    (home / "config.toml").write_text(f'language = "{language}"\n', "utf-8")
    (folder / "leraar.yaml").write_text("deck: Leraar\ncards:\n  - id: a\n    q: Wat?\n", "utf-8")
    app = make_app(home, review=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await settled(pilot)
        banner = str(app.screen.query_one("#skipped", Static).render())
        assert f"decks{os.sep}leraar.yaml:3:5: {problem}" in banner


async def test_no_banner_when_every_deck_loads(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert not app.screen.query_one("#skipped").display


async def test_the_chosen_decks_description_shows_under_the_table(home: Path) -> None:
    folder = home / "decks"
    folder.mkdir(parents=True)
    (folder / "week.yaml").write_text(
        "deck: Week 6\ndescription: Begrippen uit week 6 [bold]x[/]\n"
        "cards:\n  - id: a\n    q: Wat?\n    a: Dit.\n",
        "utf-8",
    )
    for size in ((80, 24), (160, 50)):
        app = make_app(home, review=False)
        async with app.run_test(size=size) as pilot:
            await settled(pilot)
            line = app.screen.query_one("#deck-description")
            assert not line.display  # "everything due" has no description
            table = app.screen.query_one(DataTable)
            keys = [row.key.value for row in table.ordered_rows]
            await pilot.press(*["down"] * keys.index("week"))
            assert line.display
            assert "Begrippen uit week 6 [bold]x[/]" in text_of(app, "#deck-description")
            await pilot.press("up")  # the sample deck, which has no description
            assert not line.display
