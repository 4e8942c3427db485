"""The `?` overlay listing every key."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


def help_view(title: str, lines: str, keys: str) -> RenderableType:
    """The help text: a line "keys<TAB>what they do" becomes a row of a two-column table, so a
    long explanation wraps under itself, not under the keys; other lines are paragraphs."""
    parts: list[RenderableType] = [Text(title, style="bold"), Text("")]
    table: Table | None = None
    for line in lines.split("\n"):
        if "\t" not in line:
            table = None
            parts.append(Text(line))
            continue
        if table is None:
            table = Table.grid(padding=(0, 3))
            table.add_column(no_wrap=True, min_width=14)
            table.add_column()
            parts.append(table)
        shortcut, meaning = line.split("\t")
        table.add_row(shortcut, meaning)
    parts += [Text(""), Text(keys, style="dim")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q,enter,space", "dismiss", "close"),
    ]

    def compose(self) -> ComposeResult:
        text = self.app.text  # type: ignore[attr-defined]
        yield Static(help_view(text["help_title"], text["help_text"], text["help_keys"]), id="help")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
