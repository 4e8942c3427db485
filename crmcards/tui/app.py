"""The study app: home screen with the decks, review sessions, summaries."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import ReviewSession, SessionRequest
from crmcards.services.workspace import Workspace
from crmcards.tui.home import HomeScreen
from crmcards.tui.review import ReviewScreen
from crmcards.tui.strings import STRINGS


class CrmcardsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "crmcards"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(self, workspace: Workspace, *, start: SessionRequest | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.start = start
        settings = workspace.settings
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.planner = Planner(settings.desired_retention)

    def on_mount(self) -> None:
        if self.start is None:
            self.push_screen(HomeScreen())
        else:
            self.start_review(self.start, direct=True)

    def start_review(self, request: SessionRequest, *, direct: bool = False) -> None:
        """Open the session `request` asks for; `direct` sessions quit the app when they end."""
        settings = self.workspace.settings
        limits = Limits(settings.new_per_day, settings.reviews_per_day)
        items = request.items(self.workspace.library)
        session = ReviewSession(self.workspace.store, self.planner, items, limits=limits)
        self.push_screen(ReviewScreen(session, direct=direct))
