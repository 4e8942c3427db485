"""Revealing structured and long answers: the answer replaces its empty template, a long one is
scrolled to, and the scroll keys are shown exactly when the card is taller than the screen."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from crmcards.tui.app import CrmcardsApp
from tests.tui.helpers import make_app, text_of


def footer_hints(app: CrmcardsApp) -> str:
    """The key hints the footer shows right now."""
    return text_of(app, "KeyHints")


def card_scroller(app: CrmcardsApp) -> VerticalScroll:
    return app.screen.query_one("#card", VerticalScroll)


async def test_a_revealed_table_takes_the_place_of_its_empty_template(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space", "5"] * 3)  # the personalisation continuum
        assert "…" in text_of(app, "#prompt")
        await pilot.press("space")
        await pilot.pause()
        assert "…" not in text_of(app, "#prompt")
        assert "Het personalisatiecontinuum" in text_of(app, "#prompt")
        assert "Mass customization" in text_of(app, "#answer")
        assert card_scroller(app).max_scroll_y == 0  # all of it fits at 80x24
        assert "Scrollen" not in footer_hints(app)


async def test_a_gap_is_filled_in_place(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["space", "5"] * 6)  # the one-gap cloze
        assert "…" in text_of(app, "#prompt")
        await pilot.press("space")
        assert text_of(app, "#prompt").strip() == ""
        assert "vijf" in text_of(app, "#answer")


def long_table_home(home: Path) -> Path:
    folder = home / "decks"
    folder.mkdir(parents=True)
    rows = "\n".join(f"      - [rij {n}, waarde {n}]" for n in range(14))
    (folder / "lang.yaml").write_text(
        "deck: Lang\ncards:\n  - id: t\n    type: table\n    q: Een lange tabel\n"
        f"    columns: [naam, waarde]\n    rows:\n{rows}\n",
        encoding="utf-8",
    )
    return home


async def reveal_long_table(pilot: Pilot[None]) -> None:
    app = pilot.app
    while "Een lange tabel" not in text_of(app, "#prompt"):  # type: ignore[arg-type]
        await pilot.press("space", "5")
    await pilot.press("space")
    await pilot.pause()


async def test_a_long_answer_shows_the_scroll_keys_and_they_scroll(home: Path) -> None:
    app = make_app(long_table_home(home), review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # cram the first row: everything due, the long table among it
        await reveal_long_table(pilot)
        scroller = card_scroller(app)
        assert scroller.max_scroll_y > 0
        assert "Scrollen" in footer_hints(app)
        before = scroller.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroller.scroll_y > before
        await pilot.press("up")
        await pilot.pause()
        assert scroller.scroll_y < card_scroller(app).max_scroll_y


async def test_no_scroll_keys_on_a_large_terminal(home: Path) -> None:
    app = make_app(long_table_home(home), review=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("c")
        await reveal_long_table(pilot)
        assert card_scroller(app).max_scroll_y == 0
        assert "Scrollen" not in footer_hints(app)


async def test_an_answer_below_the_screen_edge_is_scrolled_to(home: Path) -> None:
    folder = home / "decks"
    folder.mkdir(parents=True)
    question = "".join(f"      Regel {n} van een lange casus.\n" for n in range(30))
    (folder / "casus.yaml").write_text(
        f"deck: Casus\ncards:\n  - id: c\n    q: |\n{question}    a: Het antwoord op de casus.\n",
        encoding="utf-8",
    )
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        while "Regel 0" not in text_of(app, "#prompt"):
            await pilot.press("space", "5")
        assert card_scroller(app).scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        scroller = card_scroller(app)
        answer = app.screen.query_one("#answer")
        assert scroller.scroll_y > 0
        assert answer.region.y < scroller.region.bottom  # the answer is on the screen
