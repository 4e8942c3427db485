"""The end of a session: how much was done, the ratings, difficult cards, what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from crmcards.decks.content import card_for
from crmcards.decks.plaintext import blocks_text
from crmcards.scheduling.ratings import LABELS
from crmcards.services.session import ReviewSession
from crmcards.tui.screen import CrmcardsScreen
from crmcards.tui.styles import RATING_STYLES
from crmcards.tui.timefmt import clock, interval

if TYPE_CHECKING:
    pass


class SummaryScreen(CrmcardsScreen):
    BINDINGS = [
        Binding("enter,space", "close", "continue"),
        Binding("q,escape", "app.quit", "quit", key_display="q"),
    ]

    def __init__(self, session: ReviewSession, *, direct: bool) -> None:
        super().__init__()
        self.session = session
        self.direct = direct

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._content(), id="summary")
        yield Footer()

    def _content(self) -> Group:
        app = self.crm
        text, language = app.text, app.language
        summary = self.session.summary()
        lines: list[RenderableType] = [
            Text(text["summary_title"], style="bold"),
            Text(""),
            Text(text["summary_reviewed"].format(n=summary.reviewed)),
            Text(text["summary_time"].format(time=clock(summary.seconds))),
        ]
        if self.session.cram:
            lines.append(Text(text["summary_cram"]))
        elif summary.next_due is None:
            lines.append(Text(text["summary_none_next"]))
        else:
            delta = summary.next_due - self.session.clock()
            when = text["now"] if delta.total_seconds() <= 0 else interval(delta, language)
            lines.append(Text(text["summary_next"].format(when=when)))
        if summary.learning_left:
            lines.append(Text(text["summary_learning"].format(n=summary.learning_left)))
        ratings = Table(
            title=text["summary_ratings"], title_justify="left", show_header=False, box=None
        )
        most = max(summary.ratings.values()) or 1
        for rating, count in summary.ratings.items():
            bar = Text("█" * round(20 * count / most), style=RATING_STYLES[rating])
            ratings.add_row(f"{rating} {LABELS[language][rating]}", str(count), bar)
        lines += [Text(""), ratings]
        if summary.leeches:
            lines += [Text(""), Text(text["summary_leeches"], style="bold dark_orange")]
            for item in summary.leeches:
                prompt = blocks_text(card_for(item).prompt).splitlines()[0]
                lines.append(Text(f"  • {item.deck.title}: {prompt}"))
        lines += [Text(""), Text(text["summary_continue"], style="italic")]
        return Group(*lines)

    def action_close(self) -> None:
        if self.direct:
            self.app.exit()
        else:
            self.app.pop_screen()
