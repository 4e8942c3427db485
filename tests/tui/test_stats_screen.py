"""The statistics screen, pushed directly, at the fixed test time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Static

from crmcards.decks.catalog import Library
from crmcards.errors import CrmcardsError
from crmcards.services.workspace import Workspace
from crmcards.store.repository import Store
from crmcards.tui import app as app_module
from crmcards.tui.app import CrmcardsApp
from crmcards.tui.home import HomeScreen
from crmcards.tui.stats import StatsScreen
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.services.test_report_figures import NOW, record, utc
from tests.services.test_report_formats import assert_labels, hostile_deck_dir, hostile_history
from tests.tui.helpers import text_of


class StatsFirst(CrmcardsApp):
    """Opens on the statistics screen (the home screen is not what these tests are about)."""

    CSS_PATH = Path(app_module.__file__).with_name(CrmcardsApp.CSS_PATH)  # type: ignore[arg-type]

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # CrmcardsApp's own on_mount would open the home screen
        self.push_screen(StatsScreen())


HISTORY = [
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 25, 9), 10),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 25, 10), 20),
    ("voorbeeld/een-gat#all", 5, utc(2026, 11, 25, 11), 30),
]


def make_app(home: Path, *deck_dirs: Path, kind: type[CrmcardsApp] = CrmcardsApp) -> CrmcardsApp:
    workspace = Workspace(
        home, [SAMPLE_DECKS, *deck_dirs], with_bundled_decks=False, clock=FakeClock(NOW), fuzz=False
    )
    return kind(workspace)


def studied(app: CrmcardsApp, history: list[tuple[str, int, object, int]]) -> None:
    store = Store.open(home=app.workspace.home)
    record(store, app.workspace.library, history)  # type: ignore[arg-type]
    store.close()


async def open_stats(app: CrmcardsApp, pilot: object) -> str:
    if not isinstance(app.screen, StatsScreen):
        app.push_screen(StatsScreen())
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return " ".join(text_of(app, "#stats").split())  # wherever the lines wrap


TITLES = {"en": "Statistics", "nl": "Statistieken"}
FIGURES = {
    "en": [
        "0 of 24 items mastered recall 8% 3 reviews and 1 min in the last 7 days",
        "streak 1 day",
        "If you stop studying today:",
        "Tue ■ ■",  # the heatmap
        "Wed ■",
        "Due in the next 14 days",
        "Today",
        "26/11",
        "Ratings given",
        "4 well",
        "Mastery per deck",
        "mastered",
        "studying",
        "Total",
        "Hardest items",
        "Wat is CRM?",
        "Exam readiness: 2026-12-10, 15 study days left, target 90%",
    ],
    "nl": [
        "0 van 24 kaarten beheerst verwachte kennis 8% 3 herhalingen en 1 min in de laatste"
        " 7 dagen",
        "reeks 1 dag",
        "Als je vandaag stopt met studeren:",
        "di ■ ■",
        "wo ■",
        "Te herhalen in de komende 14 dagen",
        "Vandaag",
        "26-11",
        "Gegeven beoordelingen",
        "4 goed",
        "Beheersing per deck",
        "beheerst",
        "bezig",
        "Totaal",
        "Moeilijkste kaarten",
        "Wat is CRM?",
        "Examen 10-12-2026: nog 15 studiedagen, doel 90%",
    ],
}


@pytest.mark.parametrize("language", list(TITLES))
async def test_the_figures_of_the_report(home: Path, language: str) -> None:
    home.mkdir()
    config = f'exam_date = "2026-12-10"\nlanguage = "{language}"\n'
    (home / "config.toml").write_text(config, encoding="utf-8")
    app = make_app(home)
    studied(app, HISTORY)
    async with app.run_test(size=(120, 50)) as pilot:
        text = await open_stats(app, pilot)
        assert str(app.screen.query_one("#home-title", Static).render()) == TITLES[language]
        assert_labels(text, FIGURES, language)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_small_terminal_and_an_empty_history(home: Path) -> None:
    app = make_app(home)  # in the settings' default language: Dutch
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_stats(app, pilot)
        assert "0 van 24 kaarten beheerst" in text and "Nog geen herhalingen." in text
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)


async def test_deck_text_is_never_read_as_markup(home: Path, tmp_path: Path) -> None:
    app = make_app(home, hostile_deck_dir(tmp_path), kind=StatsFirst)
    hostile = Library(tuple(d for d in app.workspace.library.decks if d.id == "hostile"))
    studied(app, hostile_history(hostile))
    async with app.run_test(size=(120, 50)) as pilot:
        text = await open_stats(app, pilot)
        assert "-2+3 [red]rood[/red]" in text  # shown as written, not coloured
        assert "[/bold]" in text  # in the deck title: would end markup that was never opened


async def test_a_database_error_is_shown_not_raised(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise CrmcardsError("crmcards.db: the database is damaged; restore a backup")

    monkeypatch.setattr(Workspace, "build_report", broken)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "the database is damaged; restore a backup" in await open_stats(app, pilot)
