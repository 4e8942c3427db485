"""The statistics screen, pushed directly, at the fixed test time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.containers import VerticalScroll
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
from tests.reports import NOW, assert_labels, hostile_deck_dir, hostile_history, record, utc
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
        "Reviews per day, last 1 week",  # the heatmap: the weeks studied, not a year
        "Tue ■",
        "Wed ■",
        "Reviews a day: █ 0 █ 1-3",  # its legend
        "By period (study days, today included) Figure 30 days",
        "Days studied 1 of 30 Reviews 3",
        "of which learning 3",
        "Average time per item 20.0 s",
        "True retention, young (< 21 d) -",
        "Reviews per day, by stage (last 30 days)",
        "Due: overdue, the next 31 days, and later",
        "overdue 0 · today 1 · later 0",
        "Success by hour of day (30 days;",
        "Items by stage new 22",
        "young (interval < 21 d) 1",
        "Intervals of items in review (days)",
        "Predicted recall now",
        "Ratings given",
        "4 well",
        "Mastery per deck",
        "mastered",
        "studying",
        "Hardest items",
        "Wat is CRM?",
        "Exam readiness: 2026-12-10, 15 study days left, target 98%",
        "If you stop studying today: predicted recall 6% on the exam day; if you follow the plan:",
    ],
    "nl": [
        "0 van 24 kaarten beheerst verwachte kennis 8% 3 herhalingen en 1 min in de laatste"
        " 7 dagen",
        "reeks 1 dag",
        "Als je vandaag stopt met studeren:",
        "Herhalingen per dag, laatste 1 week",
        "di ■",
        "wo ■",
        "Herhalingen per dag: █ 0 █ 1-3",
        "Per periode (studiedagen, vandaag inclusief) Cijfer 30 dagen",
        "Dagen gestudeerd 1 van 30",
        "waarvan leren 3",
        "Gemiddelde tijd per kaart 20,0 s",
        "Echte retentie, jong (< 21 d) -",
        "Herhalingen per dag, per fase (laatste 30 dagen)",
        "Te herhalen: achterstallig, de komende 31 dagen en later",
        "achterst. 0 · vandaag 1 · later 0",
        "Geslaagd per uur van de dag (30 dagen;",
        "Kaarten per fase nieuw 22",
        "jong (interval < 21 d) 1",
        "Intervallen van kaarten in herhaling (dagen)",
        "Verwachte kennis nu",
        "Gegeven beoordelingen",
        "4 goed",
        "Beheersing per deck",
        "beheerst",
        "bezig",
        "Moeilijkste kaarten",
        "Wat is CRM?",
        "Examen 10-12-2026: nog 15 studiedagen, doel 98%",
        "Als je vandaag stopt met studeren: verwachte kennis 6% op de examendag; als je het plan"
        " volgt:",
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


async def test_the_figures_come_first_and_the_readiness_when_its_plan_is_ready(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many thousands of cards the exam plan takes far longer than the other figures: the
    screen shows those at once, says the readiness is on its way, and adds it when it is."""
    home.mkdir()
    (home / "config.toml").write_text('exam_date = "2026-12-10"\nlanguage = "en"\n', "utf-8")
    planning = threading.Event()
    exam_readiness = Workspace.exam_readiness

    def held(self: Workspace, *args: object, **options: object) -> object:
        planning.wait(timeout=30)
        return exam_readiness(self, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "exam_readiness", held)
    app = make_app(home, kind=StatsFirst)
    studied(app, HISTORY)
    async with app.run_test(size=(120, 50)) as pilot:
        while not isinstance(app.screen, StatsScreen) or app.screen.report is None:
            await pilot.pause(0.02)
        await pilot.pause()
        text = " ".join(text_of(app, "#stats").split())
        assert "0 of 24 items mastered" in text and "Ratings given" in text
        assert "Exam readiness: your exam plan is still being worked out" in text
        assert "target 98%" not in text
        planning.set()
        text = await open_stats(app, pilot)
        assert "Exam readiness: 2026-12-10, 15 study days left, target 98%" in text
        assert "still being worked out" not in text


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


LONG_TITLE = "Klantrelatiemanagementprocessen en Marketingautomatisering"
LONG_DECK = f"""\
deck: {LONG_TITLE}
id: lang
cards:
  - id: a
    q: Wat is klantwaarde?
    a: Wat een klant oplevert.
"""


def long_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "long-decks"
    folder.mkdir()
    (folder / "lang.yaml").write_text(LONG_DECK, encoding="utf-8")
    return folder


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_fits_the_terminal_and_keeps_deck_titles_whole(
    home: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(home, long_deck_dir(tmp_path), kind=StatsFirst)
    studied(app, [*HISTORY, ("lang/a#q", 1, utc(2026, 11, 25, 11, 30), 12)])
    async with app.run_test(size=size) as pilot:
        text = await open_stats(app, pilot)
        scroller = app.screen.query_one(VerticalScroll)
        stats = app.screen.query_one("#stats", Static)
        assert scroller.max_scroll_x == 0 and not scroller.show_horizontal_scrollbar
        assert stats.outer_size.width <= size[0]
        tokens = text.split()
        for word in LONG_TITLE.split():  # in the hardest items, and the mastery chart
            assert tokens.count(word) >= 2
            assert not [t for t in tokens if t != word and t in word and len(t) > 3]
        # the last column of the widest table is there, not cut off at the edge
        assert "Recall" in text or "Verwachte kennis" in text


async def test_the_report_keeps_its_width_when_the_scrollbar_appears(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The column of the scrollbar is kept free from the start: the report, drawn once it is
    long enough to scroll, never reflows (or is laid out a column too wide for a moment)."""
    loading = threading.Event()
    build_report = Workspace.build_report

    def held(self: Workspace, **kwargs: object) -> object:
        loading.wait(timeout=30)
        return build_report(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "build_report", held)
    app = make_app(home, long_deck_dir(tmp_path), kind=StatsFirst)
    studied(app, HISTORY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scroller = app.screen.query_one(VerticalScroll)
        stats = app.screen.query_one("#stats", Static)
        assert scroller.max_scroll_y == 0  # "…": nothing to scroll yet
        width = stats.size.width
        loading.set()
        await open_stats(app, pilot)
        assert scroller.max_scroll_y > 0 and scroller.show_vertical_scrollbar
        assert stats.size.width == width and scroller.max_scroll_x == 0


async def test_deck_and_period_choice_and_scrolling(home: Path, tmp_path: Path) -> None:
    app = make_app(home, long_deck_dir(tmp_path), kind=StatsFirst)
    studied(app, [*HISTORY, ("lang/a#q", 1, utc(2026, 11, 25, 11, 30), 12)])
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_stats(app, pilot)
        choice = lambda: " ".join(text_of(app, "#stats-choice").split())  # noqa: E731
        assert choice() == "Deck: Alle decks (d) Periode: 30 dagen (p)"
        assert "Herhalingen 4" in text and "Kaarten per fase nieuw 22" in text
        shown = {b.binding.key: b.binding for b in app.screen.active_bindings.values()}
        assert (
            shown["down"].key_display == "↑↓ PgUp PgDn" and shown["down"].description == "Scrollen"
        )
        assert shown["d"].show and shown["p"].show
        await pilot.press("d")
        assert choice() == "Deck: Voorbeeld (d) Periode: 30 dagen (p)"
        text = " ".join(text_of(app, "#stats").split())
        assert "Herhalingen 3" in text and "Kaarten per fase nieuw 22" in text
        await pilot.press("d", "p")
        assert choice() == f"Deck: {LONG_TITLE} (d) Periode: Alles (p)"
        text = " ".join(text_of(app, "#stats").split())
        assert "Cijfer Alles" in text and "Dagen gestudeerd 1 van 1 Herhalingen 1" in text
        await pilot.press("p", "p", "p", "d")
        assert choice() == "Deck: Alle decks (d) Periode: 30 dagen (p)"
        scroller = app.screen.query_one(VerticalScroll)
        assert scroller.scroll_y == 0
        await pilot.press("pagedown")
        assert scroller.scroll_y > 0
        await pilot.press("home")
        assert scroller.scroll_y == 0
