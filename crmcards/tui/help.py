"""The `?` overlay listing every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q,enter,space", "dismiss", "Sluiten"),
    ]

    def compose(self) -> ComposeResult:
        text = self.app.text  # type: ignore[attr-defined]
        yield Static(f"[b]{text['help_title']}[/b]\n\n{text['help_text']}", id="help")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
