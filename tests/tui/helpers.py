"""Builds the app for pilot and snapshot tests (as posting does): sample deck, fixed clock, no fuzz."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from crmcards.api import Workspace
from crmcards.services.session_request import SessionRequest
from crmcards.tui import launch
from crmcards.tui.app import CrmcardsApp
from tests.conftest import SAMPLE_DECKS, FakeClock


def make_app(
    home: Path, *, review: bool = True, clock: FakeClock | None = None, **request: object
) -> CrmcardsApp:
    workspace = Workspace(
        home, [SAMPLE_DECKS], with_bundled_decks=False, clock=clock or FakeClock(), fuzz=False
    )
    start = (
        SessionRequest(workspace.library.select(["voorbeeld"]), **request)  # type: ignore[arg-type]
        if review
        else None
    )
    return launch.make_app(workspace, start)


def text_of(app: CrmcardsApp, selector: str) -> str:
    """The text a widget shows on screen right now."""
    widget = app.screen.query_one(selector, Static)
    strips = widget.render_lines(Region(0, 0, *widget.outer_size))  # border and padding too
    return "\n".join(strip.text for strip in strips)


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the screen's workers (counts, statistics) and the day's backup, if it is
    being made, have finished, and what they found is drawn."""
    await pilot.pause()
    while any(worker.is_running for worker in pilot.app.workers) or backing_up(pilot.app):
        await pilot.pause(0.02)
    await pilot.pause()


def backing_up(app: object) -> bool:
    backup = getattr(app, "backup", None)
    return backup is not None and backup.is_alive()


async def backup_done(pilot: Pilot[None]) -> None:
    """Wait until the app has made the day's backup (it starts a moment after the first card)."""
    while getattr(pilot.app, "backup", None) is None or backing_up(pilot.app):
        await pilot.pause(0.02)
    await pilot.pause()
