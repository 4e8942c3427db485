"""Home: every deck with new / due / total counts and mastery, and "study all that is due"."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

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

        table.add_row(f"▶ {self.crm.text['all_due']}", *cells(result.total), key=ALL)
        for deck in result.decks:
            table.add_row(deck.title, *cells(deck.counts), key=deck.id)
        table.move_cursor(row=min(cursor, table.row_count - 1))

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

    def action_settings(self) -> None:
        from crmcards.tui.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
