"""Limits, leeches, cram, type-the-answer and settings, driven through the real screens."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from crmcards.services.report.tables import percent
from crmcards.services.settings import load_settings
from crmcards.services.workspace import Workspace
from crmcards.tui.home import HomeScreen
from crmcards.tui.launch import make_app as make_app_on
from crmcards.tui.review import ReviewScreen
from crmcards.tui.settings import SettingsScreen
from crmcards.tui.summary import SummaryScreen
from tests.conftest import FakeClock
from tests.tui.helpers import make_app, settled, text_of


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def review_count(home: Path) -> int:
    with sqlite3.connect(home / "crmcards.db") as connection:
        return connection.execute("SELECT count(*) FROM review_log").fetchone()[0]


async def test_daily_new_limit_from_the_settings_file(home: Path) -> None:
    write_config(home, "# my settings\nnew_per_day = 2\n")
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "0 gedaan · 2 te gaan" in text_of(app, "#status-bar")
        await pilot.press("space", "5", "space", "5")
        assert isinstance(app.screen, SummaryScreen)
        assert "Kaarten beoordeeld: 2" in text_of(app, "#summary")


async def test_summary_lists_ratings_and_when_cards_come_back(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("space", "1", "space", "4", "q")
        summary = text_of(app, "#summary")
        assert "Kaarten beoordeeld: 2" in summary
        assert "vandaag staan er nog 7 kaarten voor je klaar" in summary  # 5 new, 2 learning
        assert "Volgende kaart: 1 min" in summary
        assert "Nog in leerfase: 2" in summary
        assert "1 helemaal niet  1" in summary and "4 goed           1" in summary


async def test_leech_is_flagged_during_review_and_listed_in_the_summary(home: Path) -> None:
    write_config(home, "leech_lapses = 1\nnew_per_day = 1\n")
    clock = FakeClock()
    async with make_app(home, clock=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "5")  # easy: straight to review
    clock.advance(days=30)
    async with make_app(home, clock=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "1")  # forgotten: a lapse
    clock.advance(minutes=20)
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "lastige kaart" in text_of(app, "#status-bar")
        await pilot.press("space", "4", "q")
        summary = text_of(app, "#summary")
        assert "Lastige kaarten" in summary and "Voorbeeld: Wat is CRM?" in summary


async def test_cram_changes_no_schedule(home: Path) -> None:
    app = make_app(home, cram=True)
    async with app.run_test(size=(100, 24)) as pilot:
        assert "oefenen: planning blijft ongewijzigd" in text_of(app, "#status-bar")
        assert "te gaan" in text_of(app, "#status-bar")
        await pilot.press("space", "4", "space", "2", "q")
        assert "je planning is niet veranderd" in text_of(app, "#summary")
    assert review_count(home) == 0


async def test_type_the_answer_shows_the_difference(home: Path) -> None:
    app = make_app(home, typed=True)
    async with app.run_test(size=(80, 24)) as pilot:
        typed = app.screen.query_one("#typed", Input)
        assert typed.display and typed.has_focus
        await pilot.press(*"Een strategie waarmee een bedrijf relaties optimaliseert")
        await pilot.press("enter")
        assert "Goed!" in text_of(app, "#typed-result")
        await pilot.press("4")  # list whole item: nothing to type, space reveals
        assert not app.screen.query_one("#typed", Input).display
        await pilot.press("space", "4", "space", "4")  # crm-proces-stappen#all, immersion#all
        await pilot.press("space", "4", "space", "4")  # continuum#all, s-crm-huis#all
        await pilot.press("space", "4")  # klantwaarde#all: four gaps, nothing to type
        assert app.screen.query_one("#typed", Input).display  # een-gat: one short gap
        await pilot.press(*"zes", "enter")
        result = text_of(app, "#typed-result")
        assert "Niet helemaal" in result and "zes" in result and "vijf" in result


async def test_settings_screen_saves_and_switches_language(home: Path) -> None:
    write_config(home, "# kept comment\nnew_per_day = 5\n")
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#reviews_per_day", Input).value = "150"
        app.screen.query_one("#desired_retention", Input).value = "0,85"
        app.screen.query_one("#language", Select).value = "en"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Choose a deck" in text_of(app, "#home-subtitle")
    settings, _ = load_settings(home)
    assert (settings.new_per_day, settings.reviews_per_day) == (5, 150)
    assert (settings.desired_retention, settings.language) == (0.85, "en")
    assert "# kept comment" in (home / "config.toml").read_text(encoding="utf-8")


async def test_settings_screen_refuses_bad_values(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("s")
        app.screen.query_one("#desired_retention", Input).value = "1.5"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        assert "tussen 0,70 en 0,99" in text_of(app, "#settings-error")
    assert not (home / "config.toml").exists()


@pytest.mark.parametrize(
    ("language", "retention", "refusal"),
    [
        ("nl", "0,90", "Herhalingen per dag: '0,85' is geen geheel getal"),
        ("en", "0.90", "Reviews per day: '0,85' is not a whole number"),
    ],
)
async def test_settings_screen_shows_decimals_as_labelled_and_refuses_a_decimal_count(
    home: Path, language: str, retention: str, refusal: str
) -> None:
    write_config(home, f'language = "{language}"\n')
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert app.focused is not None and app.focused.id == "new_per_day"
        assert app.screen.query_one("#desired_retention", Input).value == retention
        reviews = app.screen.query_one("#reviews_per_day", Input)
        reviews.focus()
        reviews.value = ""
        await pilot.press("0", "comma", "8", "5", "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        assert refusal in text_of(app, "#settings-error")
    assert load_settings(home)[0].reviews_per_day == 200


async def test_review_screen_fits_80x24_with_a_table(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press("space", "5")
        await pilot.press("space")
        assert isinstance(app.screen, ReviewScreen)
        answer = text_of(app, "#answer")
        assert "Mass customization" in answer
        assert all(len(line) <= 80 for line in answer.splitlines())


async def test_home_shows_exam_readiness_once_an_exam_date_is_set(home: Path) -> None:
    write_config(home, 'exam_date = "2026-12-20"\n')
    app = make_app(home, review=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = " ".join(text_of(app, "#exam").split())
        plan = app.workspace.plan("2026-12-20")
    # the readiness line gives the exam plan's own figures, shown just under it
    per_day, predicted = plan["per_day"], plan["predicted"]
    assert isinstance(per_day, dict) and isinstance(predicted, dict)
    assert (
        "Examen 20-12-2026 (nog 25 studiedagen): 0% verwachte kennis als je vandaag stopt,"
        f" {percent(predicted['mean'])} als je het plan volgt (doel 98%);"
        f" ~5 kaarten per dag, tot {per_day['new']} nieuwe per dag." in line
    )


async def test_home_shows_the_counts_before_the_exam_plan_is_worked_out(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many thousands of cards the exam plan takes far longer than the deck counts: the
    home screen shows the counts at once and the exam line when its plan is done."""
    write_config(home, 'exam_date = "2026-12-20"\n')
    planning = threading.Event()
    exam_plan = Workspace.exam_plan

    def held(self: Workspace, exam: date, **options: object) -> object:
        planning.wait(timeout=30)
        return exam_plan(self, exam, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "exam_plan", held)
    app = make_app(home, review=False)
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        while table.get_row_at(0)[1] == "…":  # the counts: not held by the plan
            await pilot.pause(0.02)
        exam = app.screen.query_one("#exam", Static)
        assert not exam.display
        planning.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert exam.display and "Examen 20-12-2026" in text_of(app, "#exam")


async def test_quitting_stops_the_exam_plan_being_worked_out(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many thousands of cards the exam plan takes minutes; quitting the app while it is
    worked out stops it at the next planned day instead of waiting for the whole plan."""
    from crmcards.services import exam_plan as plans

    write_config(home, 'exam_date = "2026-12-20"\n')
    planning, release, over = threading.Event(), threading.Event(), threading.Event()
    outcome: list[str] = []
    study, plan = plans._study, Workspace.exam_plan

    def slow_study(*args: object, **kwargs: object) -> object:
        planning.set()
        release.wait(timeout=30)
        return study(*args, **kwargs)  # type: ignore[arg-type]

    def watched(self: Workspace, exam: date, **options: object) -> object:
        try:
            result = plan(self, exam, **options)  # type: ignore[arg-type]
            outcome.append("worked out")
            return result
        except plans.PlanStopped:
            outcome.append("stopped")
            raise
        finally:
            over.set()

    monkeypatch.setattr(plans, "_study", slow_study)
    monkeypatch.setattr(Workspace, "exam_plan", watched)
    app = make_app(home, review=False)
    async with app.run_test(size=(100, 24)) as pilot:
        while not planning.is_set():  # the plan's first day is being worked out
            await pilot.pause(0.02)
        await pilot.press("q")
    release.set()
    assert over.wait(timeout=30)
    assert outcome == ["stopped"]


async def test_home_opens_the_statistics_screen(home: Path) -> None:
    from crmcards.tui.stats import StatsScreen

    app = make_app(home, review=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)


async def test_deck_text_that_looks_like_markup_is_shown_as_written(
    home: Path, tmp_path: Path
) -> None:
    from crmcards.services.workspace import Workspace

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "x.yaml").write_text(
        "deck: '[/bold] [red]Vals[/red]'\ncards:\n"
        "  - id: t\n    type: table\n    q: '[b]Vraag'\n    columns: ['[/]', kolom]\n"
        "    rows: [['[i]rij', waarde]]\n",
        encoding="utf-8",
    )
    app = make_app_on(Workspace(home, [decks], with_bundled_decks=False))
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.screen.query_one("#decks")
        assert "[/bold] [red]Vals[/red]" in str(table.get_row_at(1)[0])  # type: ignore[attr-defined]
        await pilot.press("enter", "space")
        assert "[/]" in text_of(app, "#answer") and "[i]rij" in text_of(app, "#answer")


async def test_card_sources_are_shown_after_the_answer(home: Path, tmp_path: Path) -> None:
    from crmcards.services.session_request import SessionRequest
    from crmcards.services.workspace import Workspace

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "b.yaml").write_text(
        "deck: B\ncards:\n  - id: crm\n    q: Wat is CRM?\n    a: Een strategie.\n"
        "    source: [Flashcards 8.1, Artikel online CRM]\n",
        encoding="utf-8",
    )
    workspace = Workspace(home, [decks], with_bundled_decks=False)
    app = make_app_on(workspace, SessionRequest())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert "Bronnen: Flashcards 8.1; Artikel online CRM" in text_of(app, "#extra")


async def test_home_shows_the_decks_before_the_database_is_open(home: Path) -> None:
    """The home screen is drawn from the deck files at once; counts follow from a worker."""
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#decks")
        first_draw = [str(c) for c in table.get_row_at(1)]  # type: ignore[attr-defined]
        assert first_draw[0] == "Voorbeeld"
        await settled(pilot)
        assert [str(c) for c in table.get_row_at(1)][1:] == ["7/24", "0", "24", "0%"]  # type: ignore[attr-defined]  # 7 of 24 today: one per note
        assert (home / "backups").is_dir()  # the day's backup is made when the database opens


async def test_a_damaged_database_stops_the_app_with_the_usual_message(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "crmcards.db").write_text("not a database")
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
    assert app.failure is not None and "not a crmcards database" in app.failure.message
    assert app.return_code == 1


async def test_settings_screen_gives_the_memory_models_verdict(home: Path) -> None:
    app = make_app(home, review=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nog te weinig geschiedenis" in text_of(app, "#memory")
        await pilot.press("ctrl+o")  # fit now: nothing to fit yet, the verdict stays honest
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nog te weinig geschiedenis" in text_of(app, "#memory")
