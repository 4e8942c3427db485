"""Home: every deck with new / due / total counts and mastery, and "study all that is due"."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from crmcards.services.report.readiness import exam_readiness, upcoming_exam
from crmcards.services.report.tables import percent
from crmcards.services.session import SessionRequest
from crmcards.services.status import Counts, status
from crmcards.tui.strings import localise_bindings

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp

ALL = "__all__"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "start", priority=True),
        Binding("c", "cram", "cram"),
        Binding("s", "settings", "settings"),
        Binding("t", "stats", "stats"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "app.quit", "quit"),
    ]

    @property
    def crm(self) -> CrmcardsApp:
        return cast("CrmcardsApp", self.app)

    def compose(self) -> ComposeResult:
        text = self.crm.text
        yield Static(text["app_title"], id="home-title")
        yield Static(text["home_subtitle"], id="home-subtitle")
        yield Static(id="exam")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        text = self.crm.text
        localise_bindings(self, text)
        table = self.query_one(DataTable)
        table.add_column(text["col_deck"], key="deck")
        for key in ("col_new", "col_due", "col_total", "col_mastered"):
            table.add_column(text[key], key=key)
        self.refresh_counts()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        workspace = self.crm.workspace
        result = status(workspace.library, workspace.store, self.crm.planner, self.crm.clock())
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()

        def cells(counts: Counts) -> tuple[str, str, str, str]:
            mastery = f"{100 * counts.mastered / counts.cards:.0f}%" if counts.cards else "–"
            return str(counts.new), str(counts.due), str(counts.cards), mastery

        table.add_row(Text(f"▶ {self.crm.text['all_due']}"), *cells(result.total), key=ALL)
        for deck in result.decks:
            # Text, not str: a deck title is the teacher's text, never Rich markup
            table.add_row(Text(deck.title), *cells(deck.counts), key=deck.id)
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self.show_exam_readiness()

    @work(thread=True, exclusive=True)
    def show_exam_readiness(self) -> None:
        """Once an exam date is set: predicted recall on that day and the reviews a day needed
        (computed in a thread: it looks ahead through every item's schedule)."""
        workspace, now = self.crm.workspace, self.crm.clock()
        settings = workspace.settings
        exam = upcoming_exam(settings, now)
        line = Text()
        if exam is not None:
            ready = exam_readiness(
                workspace.library, workspace.store, exam, now, settings.desired_retention
            )
            if ready is not None:
                line = Text(
                    self.crm.text["exam_line"].format(
                        date=f"{exam:%d-%m-%Y}",
                        days=ready.days_left,
                        recall=percent(ready.total.recall),
                        per_day=ready.total.per_day,
                        target=percent(ready.target),
                    ),
                    style="bold" if ready.ready(ready.total) else "bold dark_orange",
                )
        self.app.call_from_thread(self._set_exam_line, line)

    def _set_exam_line(self, line: Text) -> None:
        exam = self.query_one("#exam", Static)
        exam.update(line)
        exam.display = bool(line.plain)

    def _selected(self) -> SessionRequest:
        table = self.query_one(DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        library = self.crm.workspace.library
        return SessionRequest(decks=() if key in (None, ALL) else library.select([key or ""]))

    def action_start(self) -> None:
        self.crm.start_review(self._selected())

    def action_cram(self) -> None:
        request = self._selected()
        self.crm.start_review(SessionRequest(decks=request.decks, cram=True))

    def action_stats(self) -> None:
        from crmcards.tui.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        from crmcards.tui.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
