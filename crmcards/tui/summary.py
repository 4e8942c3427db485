"""What a finished session shows: how much was done, the ratings, and what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from crmcards.scheduling.ratings import LABELS
from crmcards.services.session import Summary, utc_now
from crmcards.tui.timefmt import clock, interval

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,space", "close", "Verder"),
        Binding("q,escape", "app.quit", "Stoppen", key_display="q"),
    ]

    def __init__(self, summary: Summary, *, direct: bool) -> None:
        super().__init__()
        self.summary = summary
        self.direct = direct

    def compose(self) -> ComposeResult:
        yield Static(self._content(), id="summary")
        yield Footer()

    def _content(self) -> Group:
        app = cast("CrmcardsApp", self.app)
        text, summary = app.text, self.summary
        ratings = Table(title=text["summary_ratings"], show_header=False, box=None)
        labels = LABELS[app.language]
        for rating, count in summary.ratings.items():
            ratings.add_row(f"{rating} {labels[rating]}", str(count))
        if summary.next_due is None:
            upcoming = text["summary_none_next"]
        else:
            delta = summary.next_due - utc_now()
            when = text["now"] if delta.total_seconds() <= 0 else interval(delta, app.language)
            upcoming = text["summary_next"].format(when=when)
        lines = [
            Text(text["summary_title"], style="bold"),
            Text(""),
            Text(text["summary_reviewed"].format(n=summary.reviewed)),
            Text(text["summary_time"].format(time=clock(summary.seconds))),
            Text(upcoming),
        ]
        if summary.learning_left:
            lines.append(Text(text["summary_learning"].format(n=summary.learning_left)))
        return Group(
            *lines, Text(""), ratings, Text(""), Text(text["summary_continue"], style="italic")
        )

    def action_close(self) -> None:
        if self.direct:
            self.app.exit()
        else:
            self.app.pop_screen()
