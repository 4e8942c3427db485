"""The review screen's top line: deck, progress, time in the session, and the cram and leech
badges; styled through component classes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from crmcards.tui.timefmt import clock


class StatusBar(Static):
    COMPONENT_CLASSES = {
        "status-bar--deck",
        "status-bar--clock",
        "status-bar--cram",
        "status-bar--leech",
    }
    DEFAULT_CSS = """
    StatusBar > .status-bar--deck { text-style: bold; }
    StatusBar > .status-bar--clock { text-style: dim; }
    StatusBar > .status-bar--cram { text-style: italic; }
    StatusBar > .status-bar--leech { color: $text-warning; text-style: bold; }
    """

    def __init__(self, text: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"status-bar--{name}", partial=True)

    def show(
        self, deck: str, *, done: int, left: int, seconds: float, cram: bool, leech: bool
    ) -> None:
        status = Text.assemble(
            (deck, self._style("deck")),
            "  ·  ",
            self.text["progress"].format(done=done, left=left),
            "  ·  ",
            (clock(seconds), self._style("clock")),
            no_wrap=True,
            overflow="ellipsis",
        )
        badges = []
        if cram:
            badges.append(Text(self.text["cram_badge"], style=self._style("cram")))
        if leech:
            badges.append(Text(f"⚠ {self.text['leech_badge']}", style=self._style("leech")))
        badge_line = Text("  ·  ").join(badges)
        # the badges on the same line when all of it fits, else on a line of their own: a
        # narrow terminal cuts neither the counters nor "schedule unchanged"
        width = self.screen.size.width - self.styles.padding.width  # the bar spans the screen
        fits = status.cell_len + 5 + badge_line.cell_len <= width
        if badges and fits:
            status.append("  ·  ").append_text(badge_line)
        elif badges:
            status = Text("\n").join([status, badge_line])
        self.styles.height = 1 if not badges or fits else 2
        self.update(status)
