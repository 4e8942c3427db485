"""Building and running the study app: the one factory the command line and the tests use."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from crmcards.errors import CrmcardsError
from crmcards.messages import Said, say
from crmcards.store.errors import DamagedDatabase

if TYPE_CHECKING:
    from crmcards.services.session_request import SessionRequest
    from crmcards.services.workspace import Workspace
    from crmcards.tui.app import CrmcardsApp


def make_app(workspace: Workspace, start: SessionRequest | None = None) -> CrmcardsApp:
    """The app on `workspace` (from `crmcards.api.open`): on its home screen, or straight into
    the session `start` asks for. Its clock, planner and database all come from `workspace`."""
    from crmcards.tui.app import CrmcardsApp

    return CrmcardsApp(workspace, start=start)


def open_app(workspace: Workspace, start: SessionRequest | None = None) -> None:
    """Run the app until the student quits; a failure found once it was open (e.g. a damaged
    database) is raised again here, for the command line to report."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # Textual would spin without one
        raise CrmcardsError(Said.of("needs_terminal"))
    workspace.on_skipped = None  # the app shows broken decks in a banner, not on stderr
    app = make_app(workspace, start)
    app.run()
    workspace.warn = None  # the app is gone: anything left to tell goes to stderr
    app.make_backup()  # unless it was started: the student quit before it could be
    if app.backup is not None and app.backup.is_alive():  # being made (seconds)
        with contextlib.suppress(OSError):  # a terminal closed (SIGHUP): nowhere to say it
            print(say("backup_finishing", app.language), file=sys.stderr)
        app.backup.join()
    workspace.close()
    late = app.backup_problem  # what the backup found after the app had ended (not told yet)
    if app.failure is None and isinstance(late, DamagedDatabase):
        raise late
    if app.failure is not None:
        raise app.failure
    if late is not None:
        workspace.tell(late.said or late.message)
    if app.return_code:  # ended by SIGTERM or SIGHUP: the usual exit code for it
        raise SystemExit(app.return_code)
