"""Home: every deck with its new / due / total counts, and an entry to study everything due."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from crmcards.services.session import SessionRequest, utc_now
from crmcards.services.status import Counts, status

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp

ALL = "__all__"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("question_mark", "help", "Toetsen", key_display="?"),
        Binding("q", "app.quit", "Stoppen"),
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
        table = self.query_one(DataTable)
        table.add_column(text["col_deck"], key="deck")
        for key in ("col_new", "col_due", "col_total"):
            table.add_column(text[key], key=key)
        self.refresh_counts()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        text = self.crm.text
        result = status(self.crm.workspace.library, self.crm.workspace.store, utc_now())
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()

        def cells(counts: Counts) -> tuple[str, str, str]:
            return str(counts.new), str(counts.due), str(counts.cards)

        table.add_row(f"▶ {text['all_due']}", *cells(result.total), key=ALL)
        for deck in result.decks:
            table.add_row(deck.title, *cells(deck.counts), key=deck.id)
        table.move_cursor(row=min(cursor, table.row_count - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._start(event.row_key.value)

    def action_start(self) -> None:
        table = self.query_one(DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._start(key)

    def _start(self, key: str | None) -> None:
        library = self.crm.workspace.library
        decks = () if key in (None, ALL) else library.select([key or ""])
        self.crm.start_review(SessionRequest(decks=decks))

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
