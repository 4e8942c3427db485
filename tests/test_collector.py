"""The cycle collector while crmcards starts (crmcards.collector): off, then on for good."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmcards import collector
from crmcards.services.session_request import SessionRequest
from crmcards.services.workspace import Workspace
from crmcards.tui import launch
from crmcards.tui.app import CrmcardsApp
from crmcards.tui.review import ReviewScreen
from tests.conftest import SAMPLE_DECKS, FakeClock, RunCli
from tests.tui.helpers import make_app


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Each test starts and ends with the collector on, as a program does."""
    gc.enable()
    yield
    gc.enable()


def test_a_start_turns_the_collector_off_and_started_turns_it_on_with_the_start_frozen() -> None:
    with collector.off_while_starting():
        assert not gc.isenabled()
        made_while_starting = [[] for _ in range(100)]
        frozen = gc.get_freeze_count()
        collector.started()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made_while_starting)
        gc.disable()  # a later `started()` (the app's, after the command's) changes nothing
        collector.started()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_when_a_start_fails() -> None:
    with pytest.raises(RuntimeError), collector.off_while_starting():
        raise RuntimeError("the command failed before anything was shown")
    assert gc.isenabled()


def test_started_outside_a_start_leaves_the_collector_as_it_is() -> None:
    gc.disable()
    collector.started()
    assert not gc.isenabled()


def test_building_decks_during_a_start_leaves_the_collector_off() -> None:
    with collector.off_while_starting():
        with collector.collector_paused(kept=True):
            pass
        assert not gc.isenabled()  # still starting: only `started()` ends that
    assert gc.isenabled()


def test_a_command_does_its_work_with_the_collector_on(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    """The start (imports, options, opening the data folder) is over once the command's own
    work begins: `status` counts with the collector on, and it is on after the command."""
    seen: list[bool] = []
    real = Workspace.status

    def status(workspace: Workspace) -> dict[str, object]:
        seen.append(gc.isenabled())
        return real(workspace)

    monkeypatch.setattr(Workspace, "status", status)
    code, _out, err = crmcards("status", "--json")
    assert (code, err) == (0, "")
    assert seen == [True]
    assert gc.isenabled()


async def test_the_app_turns_the_collector_on_once_its_first_screen_is_drawn(home: Path) -> None:
    with collector.off_while_starting():
        app = make_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            assert gc.isenabled()
            await pilot.press("space", "4")
            assert app.screen.session.done == 1


async def test_every_ended_session_is_freed(home: Path) -> None:
    """Screens and sessions come and go: none is frozen with the start (a frozen object in a
    reference cycle is never freed), so each one ended is collected, the first included."""
    with collector.off_while_starting():
        app = make_app(home, review=False)  # the home screen, then a deck, three times
        ended: list[weakref.ref[object]] = []
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, ReviewScreen)
                ended += [weakref.ref(screen), weakref.ref(screen.session)]
                del screen
                await pilot.press("space", "4", "q")  # rated, then the summary
                await pilot.pause()
                await pilot.press("enter")  # back home
                await pilot.pause()
            gc.collect()
            assert [gone() for gone in ended] == [None] * 6


def review_app(home: Path) -> CrmcardsApp:
    """The app as `crmcards review` opens it: the session chosen from the decks' outlines,
    the library never loaded."""
    workspace = Workspace(
        home, [SAMPLE_DECKS], with_bundled_decks=False, clock=FakeClock(), fuzz=False
    )
    return launch.make_app(workspace, SessionRequest(workspace.select(["voorbeeld"])))


async def test_the_first_session_is_freed_once_the_student_goes_on_to_another(home: Path) -> None:
    with collector.off_while_starting():
        app = review_app(home)  # `crmcards review`: the first screen is a session
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            first = app.screen
            assert isinstance(first, ReviewScreen)
            assert not app.workspace.library_loaded
            ended = [weakref.ref(first), weakref.ref(first.session)]
            del first
            for _ in range(2):  # the summary, then practise the same cards (a new session)
                await pilot.press("space", "4", "q")
                await pilot.pause()
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ReviewScreen)
            gc.collect()
            assert [gone() for gone in ended] == [None, None]
