"""The cycle collector while crmcards starts (crmcards.collector): off, then on for good."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crmcards import collector
from crmcards.services.workspace import Workspace
from crmcards.tui.review import ReviewScreen
from tests.conftest import RunCli
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


def walked_by_the_collector(thing: object) -> bool:
    return any(tracked is thing for tracked in gc.get_objects())


async def test_the_app_turns_the_collector_on_once_its_first_card_is_drawn(home: Path) -> None:
    with collector.off_while_starting():
        app = make_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert gc.isenabled()
            # the session lives until it ends: its passes during the ratings leave it alone
            assert not walked_by_the_collector(screen.session)
            await pilot.press("space", "4")
            assert screen.session.done == 1


async def test_a_session_opened_later_is_kept_out_of_the_collector_too(home: Path) -> None:
    app = make_app(home, review=False)  # the home screen first, then a deck
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert not walked_by_the_collector(screen.session)
