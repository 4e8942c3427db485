"""The study app: home screen with the decks, review sessions, summaries."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Limits
from crmcards.services.session import (
    Clock,
    CramSession,
    ReviewSession,
    SessionRequest,
    utc_now,
)
from crmcards.services.settings import Settings
from crmcards.services.workspace import Workspace
from crmcards.tui.home import HomeScreen
from crmcards.tui.review import ReviewScreen
from crmcards.tui.strings import STRINGS


class CrmcardsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "crmcards"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(
        self,
        workspace: Workspace,
        *,
        start: SessionRequest | None = None,
        clock: Clock = utc_now,
        planner: Planner | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.start = start
        self.clock = clock
        settings = workspace.settings
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.planner = planner or Planner(settings.desired_retention)
        self.theme = settings.theme

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once: language, theme, retention; the home screen is redrawn."""
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.planner = Planner(settings.desired_retention)
        self.theme = settings.theme
        self.pop_screen()
        self.switch_screen(HomeScreen())

    def on_mount(self) -> None:
        if self.start is None:
            self.push_screen(HomeScreen())
        else:
            self.start_review(self.start, direct=True)

    def start_review(self, request: SessionRequest, *, direct: bool = False) -> None:
        """Open the session `request` asks for; `direct` sessions quit the app when they end."""
        settings = self.workspace.settings
        kind = CramSession if request.cram else ReviewSession
        session = kind(
            self.workspace.store,
            self.planner,
            request.items(self.workspace.library),
            limits=Limits(settings.new_per_day, settings.reviews_per_day),
            leech_lapses=settings.leech_lapses,
            clock=self.clock,
        )
        self.push_screen(ReviewScreen(session, direct=direct, typed=request.typed))
