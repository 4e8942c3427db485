"""Entry point of the `crmcards` command."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from crmcards import collector
from crmcards.safetext import DOCUMENT_KEEP, visible


class ShownStream:
    """A text stream whose writes reach the terminal without control characters: deck text,
    file names and students' names are printed, never obeyed (see crmcards.safetext)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text, keep=DOCUMENT_KEEP))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def run() -> None:
    """Run the command line without the cycle collector until its start is over (see
    crmcards.collector): the commands and their libraries are imported here, in that time."""
    with collector.off_while_starting():
        _run()


def _run() -> None:
    """User errors become one clear message on stderr and a non-zero exit, never a traceback."""
    from crmcards.cli import (  # noqa: F401 - importing a module registers its commands
        authoring,
        classhub,
        feedback,
        maintenance,
        memory,
        progress,
        study,
        transfer,
    )
    from crmcards.cli.app import Shown, app
    from crmcards.errors import CrmcardsError
    from crmcards.messages import DEFAULT_LANGUAGE, Said, say

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(sys.stdout), ShownStream(sys.stderr)
    Shown.language = DEFAULT_LANGUAGE
    try:
        app()
    except CrmcardsError as error:
        print(say("error", Shown.language, message=error.shown(Shown.language)), file=sys.stderr)
        for line in error.details:
            print(line.shown(Shown.language) if isinstance(line, Said) else line, file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        sys.stdout, sys.stderr = streams
