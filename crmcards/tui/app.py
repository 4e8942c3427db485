"""The study app: home screen with the decks, review sessions, summaries.

The home screen is drawn from the deck files alone; the database layer (SQLAlchemy takes about
half a second to import) is loaded by a worker after the first paint, so the app appears at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from crmcards.errors import CrmcardsError
from crmcards.services.clock import Clock, utc_now
from crmcards.services.session_request import SessionRequest
from crmcards.services.settings import Settings
from crmcards.services.workspace import Workspace
from crmcards.tui.home import HomeScreen
from crmcards.tui.strings import STRINGS

if TYPE_CHECKING:
    from crmcards.scheduling.planner import Planner
    from crmcards.store.repository import Store


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
        self._planner = planner
        self.failure: CrmcardsError | None = None  # why the app had to stop, for the command line
        self._opening = threading.Lock()
        settings = workspace.settings
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.theme = settings.theme

    @property
    def planner(self) -> Planner:
        if self._planner is None:
            from crmcards.scheduling.planner import Planner

            self._planner = Planner(self.workspace.settings.desired_retention)
        return self._planner

    def open_store(self) -> Store:
        """The database, opened on first use; the day's automatic backup is made then.

        Called from the home screen's worker and from key presses, hence the lock."""
        with self._opening:
            first_time = not self.workspace.store_is_open
            store = self.workspace.store
            if first_time:
                from crmcards.services.backups import daily_backup

                daily_backup(store, self.workspace.home, self.clock().astimezone())
            return store

    def sync_after_session(self) -> None:
        """When this device has joined a class, send the session's ratings in the background;
        the result, or why not (the ratings stay queued for the next sync), is a notification."""
        if self.workspace.store_is_open:
            self.run_worker(self._sync, thread=True, group="sync")

    def _sync(self) -> None:
        from crmcards.services.sync import sync_if_joined

        line = sync_if_joined(self.open_store(), self.workspace.home, self.planner, self.language)
        if line is not None:
            self.call_from_thread(self.notify, line, markup=False, timeout=6)

    def fail(self, error: CrmcardsError) -> None:
        """Stop because of the user's data (e.g. a damaged database); the command line prints
        the message and exits with 1, as for every other command."""
        self.failure = error
        self.exit(return_code=error.exit_code)

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once: language, theme, retention; the home screen is redrawn."""
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self._planner = None
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
        from crmcards.scheduling.queue import Limits
        from crmcards.services.session import ReviewSession
        from crmcards.tui.review import ReviewScreen

        settings = self.workspace.settings
        try:
            session = ReviewSession(
                self.open_store(),
                self.planner,
                request.items(self.workspace.library),
                cram=request.cram,
                limits=Limits(settings.new_per_day, settings.reviews_per_day),
                leech_lapses=settings.leech_lapses,
                clock=self.clock,
            )
        except CrmcardsError as error:
            self.fail(error)
            return
        self.push_screen(ReviewScreen(session, direct=direct, typed=request.typed))
