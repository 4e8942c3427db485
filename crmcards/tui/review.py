"""The review screen: question, reveal, rate 1–5, undo, and the summary at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Rule, Static

from crmcards.decks.content import card_for
from crmcards.scheduling.ratings import LABELS, RATINGS
from crmcards.services.session import ReviewSession
from crmcards.tui.blocks import render_blocks
from crmcards.tui.timefmt import clock, interval

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp

RATING_STYLES = {
    1: "bold red",
    2: "bold dark_orange",
    3: "bold yellow",
    4: "bold green",
    5: "bold cyan",
}


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("space,enter", "reveal", "Antwoord tonen", key_display="spatie"),
        *(Binding(str(r), f"rate({r})", f"{r}", show=False) for r in RATINGS),
        Binding("u", "undo", "Ongedaan maken"),
        Binding("q,escape", "finish", "Stoppen", key_display="q"),
        Binding("question_mark", "help", "Toetsen", key_display="?"),
    ]

    def __init__(self, session: ReviewSession, *, direct: bool = False) -> None:
        super().__init__()
        self.session = session
        self.direct = direct

    @property
    def crm(self) -> CrmcardsApp:
        return cast("CrmcardsApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="status-bar")
        with VerticalScroll(id="card"):
            yield Static(id="prompt")
            yield Rule(id="answer-rule")
            yield Static(id="answer")
            yield Static(id="extra")
        yield Static(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1, self._update_status)
        self.show_current()

    # -- drawing --------------------------------------------------------------------------
    def show_current(self) -> None:
        if self.session.finished:
            self._finish()
            return
        item = self.session.current
        assert item is not None
        card = card_for(item)
        revealed = self.session.revealed
        self.query_one("#prompt", Static).update(render_blocks(card.prompt))
        self.query_one("#answer-rule").display = revealed
        answer = self.query_one("#answer", Static)
        answer.display = revealed
        extra = self.query_one("#extra", Static)
        extra.display = revealed and bool(card.extra)
        if revealed:
            answer.update(render_blocks(card.answer))
            extra.update(Text.assemble((f"{self.crm.text['extra']}: ", "bold"), card.extra))
        self.query_one("#hint", Static).update(self._hint())
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self._update_status()
        self.refresh_bindings()

    def _hint(self) -> RenderableType:
        text = self.crm.text
        if not self.session.revealed:
            return Text(text["press_space"], style="italic")
        previews = self.session.previews()
        labels = LABELS[self.crm.language]
        grid = Table.grid(expand=True)
        for _ in RATINGS:
            grid.add_column(ratio=1)
        grid.add_row(
            *(
                Text.assemble(
                    (str(r), f"reverse {RATING_STYLES[r]}"),
                    f" {labels[r]}",
                    no_wrap=True,
                    overflow="ellipsis",
                )
                for r in RATINGS
            )
        )
        grid.add_row(
            *(Text(f"  {interval(previews[r], self.crm.language)}", style="dim") for r in RATINGS)
        )
        return Group(Text(text["how_well"], style="bold"), grid)

    def _update_status(self) -> None:
        session = self.session
        item = session.current
        deck = item.deck.title if item else ""
        progress = self.crm.text["progress"].format(done=session.done, left=session.remaining)
        elapsed = clock((session.clock() - session.started).total_seconds())
        self.query_one("#status-bar", Static).update(
            Text.assemble((deck, "bold"), "  ·  ", progress, "  ·  ", (elapsed, "dim"))
        )

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return not self.session.revealed
        if action == "rate":
            return self.session.revealed
        return True

    def action_reveal(self) -> None:
        if self.session.current is not None and not self.session.revealed:
            self.session.reveal()
            self.show_current()

    def action_rate(self, rating: int) -> None:
        if not self.session.revealed:
            return
        self.session.rate(rating)  # committed to the database before the next card is drawn
        self.show_current()

    def action_undo(self) -> None:
        undone = self.session.undo()
        self.notify(self.crm.text["undone" if undone else "nothing_to_undo"], timeout=2)
        self.show_current()

    def action_finish(self) -> None:
        self._finish()

    def _finish(self) -> None:
        from crmcards.tui.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.session.summary(), direct=self.direct))

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
