"""The statistics screen, pushed directly, at the fixed test time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Static

from crmcards.decks.catalog import Library
from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.services.workspace import Workspace
from crmcards.store.repository import Store
from crmcards.tui import app as app_module
from crmcards.tui.app import CrmcardsApp
from crmcards.tui.home import HomeScreen
from crmcards.tui.stats import StatsScreen
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.services.test_report_figures import NOW, record, utc
from tests.services.test_report_formats import hostile_deck_dir, hostile_history
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
    workspace = Workspace(home, [SAMPLE_DECKS, *deck_dirs], with_bundled_decks=False)
    return kind(workspace, clock=FakeClock(NOW), planner=Planner(fuzz=False))


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


async def test_the_figures_of_the_report(home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text('exam_date = "2026-12-10"\n', encoding="utf-8")
    app = make_app(home)
    studied(app, HISTORY)
    async with app.run_test(size=(120, 50)) as pilot:
        text = await open_stats(app, pilot)
        assert str(app.screen.query_one("#home-title", Static).render()) == "Statistieken"
        assert "1 of 24 items mastered recall 8% 3 reviews and 1 min in the last 7 days" in text
        assert "streak 1 day" in text and "exam 2026-12-10: recall" in text
        assert "Tue ■ ■" in text and "Wed ■" in text  # the heatmap
        assert "Today" in text and "4 well" in text and "Mastery per deck" in text
        assert "Hardest items" in text and "Wat is CRM?" in text
        assert "Exam readiness: 2026-12-10, 15 study days left, target 90%" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_small_terminal_and_an_empty_history(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_stats(app, pilot)
        assert "0 of 24 items mastered" in text and "No reviews yet." in text
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

    monkeypatch.setattr("crmcards.tui.stats.build_report", broken)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "the database is damaged; restore a backup" in await open_stats(app, pilot)
