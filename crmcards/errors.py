"""The one exception type users see: a clear message, never a traceback."""

from __future__ import annotations

from crmcards.messages import Said


class CrmcardsError(Exception):
    """An error caused by the user's input or environment, shown as a message and exit code 1.

    Made from a `Said`, it is shown in the UI language (`shown`); `message` is the English text.
    """

    exit_code = 1

    def __init__(self, message: str | Said, *, details: tuple[str | Said, ...] = ()) -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Said) else None
        self.message = str(message)
        self.details = details

    def shown(self, language: str) -> str:
        """The message in `language` (errors not yet in the catalogue stay as written)."""
        return self.message if self.said is None else self.said.shown(language)
