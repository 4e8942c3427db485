"""The one exception type users see: a clear message, never a traceback."""

from __future__ import annotations


class CrmcardsError(Exception):
    """An error caused by the user's input or environment, shown as a message and exit code 1."""

    exit_code = 1

    def __init__(self, message: str, *, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
