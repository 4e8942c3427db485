"""The study app: home screen with the decks, review sessions, summaries.

The home screen is drawn from the deck files alone; the database layer (SQLAlchemy takes about
half a second to import) is loaded by a worker after the first paint, so the app appears at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from crmcards import collector
from crmcards.errors import CrmcardsError
from crmcards.safetext import visible
from crmcards.services.session_request import SessionRequest
from crmcards.services.settings import Settings
from crmcards.services.workspace import Workspace
from crmcards.store.errors import DamagedDatabase
from crmcards.tui.strings import STRINGS

if TYPE_CHECKING:
    from crmcards.services.session import ReviewSession
    from crmcards.tui.review import ReviewScreen


# the signals that end the app in an orderly way (SIGHUP does not exist on Windows)
ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


# how long after a review screen's first card the day's backup starts (see make_backup)
BACKUP_AFTER_SECONDS = 0.5


class CrmcardsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "crmcards"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(self, workspace: Workspace, *, start: SessionRequest | None = None) -> None:
        """Build it with `crmcards.tui.make_app`, as the command line and the tests do."""
        super().__init__()
        self.workspace = workspace
        self.start = start
        self.clock = workspace.clock
        self.failure: CrmcardsError | None = None  # why the app had to stop, for the command line
        self.running = contextlib.ExitStack()  # what holds while the app is mounted
        settings = workspace.settings  # its warnings are shown once the app is up (on_mount)
        workspace.warn = lambda message: self.notify(message, severity="warning", timeout=15)
        workspace.backup_on_open = False  # made once the first screen is up: see make_backup
        self.backup: threading.Thread | None = None  # the thread making the day's backup
        # what stopped the day's backup and was not told yet (the app may have ended meanwhile)
        self.backup_problem: CrmcardsError | None = None
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.theme = settings.theme

    class BackupFailed(Message):
        """The day's backup could not be made (posted by its thread)."""

        def __init__(self, problem: CrmcardsError) -> None:
            super().__init__()
            self.problem = problem

    def make_backup(self) -> None:
        """Make the day's automatic backup, once, in a thread: called when the first card, or
        the home screen's counts, are on screen, so that the student does not wait for a checked
        copy of the whole database (seconds, with a long history). Ratings go on being committed
        meanwhile; quitting waits for the copy. A damaged database stops the app as it did
        before the first card; another problem is told, and studying goes on.

        A thread of its own, not a Textual worker (which the app's end would wait for in
        silence): `tui.launch.open_app` says that the backup is being finished, then waits."""
        if self.backup is not None or not self.workspace.store_is_open:
            return
        self.backup = threading.Thread(
            target=self._make_backup, name="crmcards-daily-backup", daemon=True
        )
        self.backup.start()

    def _make_backup(self) -> None:
        problem = self.workspace.make_daily_backup()
        if problem is not None:
            self.backup_problem = problem
            with contextlib.suppress(RuntimeError):  # the app ended meanwhile: see open_app
                self.post_message(self.BackupFailed(problem))

    def on_crmcards_app_backup_failed(self, message: BackupFailed) -> None:
        self.backup_problem = None  # told now
        if isinstance(message.problem, DamagedDatabase):
            self.fail(message.problem)
        else:
            self.notify(message.problem.shown(self.language), severity="warning", timeout=15)

    def sync_after_session(self) -> None:
        """When this device has joined a class, send the session's ratings in the background;
        the result, or why not (the ratings stay queued for the next sync), is a notification."""
        if self.workspace.store_is_open:
            self.run_worker(self._sync, thread=True, group="sync")

    def _sync(self) -> None:
        from crmcards.services.sync import sync_if_joined

        line = sync_if_joined(
            self.workspace.open_store(),
            self.workspace.home,
            self.workspace.planner(),
            self.language,
        )
        if line is not None:
            self.call_from_thread(self.notify, line, markup=False, timeout=6)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages carry paths and deck text, in which `[/]`
        would crash Textual's markup parser and `[@click=...]` would become an action."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def fail(self, error: CrmcardsError) -> None:
        """Stop because of the user's data (e.g. a damaged database); the command line prints
        the message and exits with 1, as for every other command."""
        self.failure = error
        self.exit(return_code=error.exit_code)

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings at once: language, theme, retention; the home screen is redrawn."""
        self.language = settings.language
        self.text = STRINGS[settings.language]
        self.theme = settings.theme
        self.pop_screen()
        self.switch_screen(self._home())

    def on_mount(self) -> None:
        # what the start made (libraries, settings, decks) lives as long as the app, its screens
        # come and go: the first one is made after this (see crmcards.collector)
        collector.keep_the_start()
        self._end_on_signals()
        for warning in self.workspace.settings_warnings:  # on stderr too, hidden by the app
            self.notify(warning, severity="warning", timeout=15)
        if self.start is None:
            self.push_screen(self._home())
        else:
            self.start_review(self.start, direct=True)
        self.call_after_refresh(self._started)

    def _started(self) -> None:
        """The first screen is up: the start is over, and from now on screens and sessions
        come and go, so nothing more is frozen out of the collector (crmcards.collector)."""
        collector.started()
        self.running.enter_context(collector.app_running())  # until unmounted

    @staticmethod
    def _home() -> Screen[None]:
        """The home screen, imported when first shown: `crmcards review` may never show it."""
        from crmcards.tui.home import HomeScreen

        return HomeScreen()

    def _end_on_signals(self) -> None:
        """SIGTERM (kill, a logout) and SIGHUP (the terminal window closed) end the app as `q`
        does, not abruptly: every rating is already committed (one still waiting for a busy
        database finishes before the process ends), the terminal gets its echo, cursor and
        normal screen back, and the exit code is the usual 128 + the signal's number."""
        try:
            loop = asyncio.get_running_loop()
            for signum in ENDING_SIGNALS:
                loop.add_signal_handler(signum, partial(self.exit, return_code=128 + signum))
        except (NotImplementedError, RuntimeError):  # Windows, or not in the main thread
            return

    def on_unmount(self) -> None:
        self.running.close()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop = asyncio.get_running_loop()
            for signum in ENDING_SIGNALS:
                loop.remove_signal_handler(signum)

    def start_review(
        self, request: SessionRequest, *, direct: bool = False, instead: bool = False
    ) -> None:
        """Open the session `request` asks for; `direct` sessions quit the app when they end;
        `instead` replaces the current screen (a summary offering another session)."""
        from crmcards.tui.review import ReviewScreen

        try:
            session = self.workspace.session(request)
        except CrmcardsError as error:
            self.fail(error)
            return
        screen = ReviewScreen(session, request, self.text, self.language, direct=direct)
        if instead:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def resume_review(self, session: ReviewSession, request: SessionRequest, direct: bool) -> None:
        """Back from a session's summary to its review screen (after undo, or more new cards)."""
        from crmcards.tui.review import ReviewScreen

        self.switch_screen(ReviewScreen(session, request, self.text, self.language, direct=direct))

    def on_review_screen_shown(self, _shown: ReviewScreen.Shown) -> None:
        # a moment later: the first refresh after the screen's mount need not have drawn the
        # card yet, and the copy's reading and writing should not hold up its drawing
        self.set_timer(BACKUP_AFTER_SECONDS, self.make_backup)

    def on_review_screen_ended(self, ended: ReviewScreen.Ended) -> None:
        """A session is over: its summary, then the sync with the class (when one is joined)."""
        from crmcards.tui.summary import SummaryScreen

        self.switch_screen(SummaryScreen(ended.session, ended.request, direct=ended.direct))
        if not ended.session.cram:
            self.sync_after_session()
