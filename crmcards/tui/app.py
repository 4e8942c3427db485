"""The study app: home screen with the decks, review sessions, summaries."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App
from textual.binding import Binding

from crmcards.decks.model import Deck
from crmcards.scheduling.planner import Planner
from crmcards.services.session import ReviewSession
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
        review_decks: Sequence[Deck] | None = None,
        language: str = "nl",
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.review_decks = review_decks
        self.text = STRINGS[language]
        self.language = language
        self.planner = Planner()

    def on_mount(self) -> None:
        if self.review_decks is None:
            self.push_screen(HomeScreen())
        else:
            self.start_review(self.review_decks, direct=True)

    def start_review(self, decks: Sequence[Deck], *, direct: bool = False) -> None:
        """Open a review session on `decks`; `direct` sessions quit the app when they end."""
        library = self.workspace.library
        session = ReviewSession(self.workspace.store, self.planner, library.items(decks))
        self.push_screen(ReviewScreen(session, direct=direct))
