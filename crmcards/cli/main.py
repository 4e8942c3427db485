"""Entry point of the `crmcards` command."""

from __future__ import annotations

import sys

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
from crmcards.cli.app import app
from crmcards.errors import CrmcardsError


def run() -> None:
    """User errors become one clear message on stderr and a non-zero exit, never a traceback."""
    try:
        app()
    except CrmcardsError as error:
        print(f"crmcards: {error.message}", file=sys.stderr)
        for line in error.details:
            print(line, file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
