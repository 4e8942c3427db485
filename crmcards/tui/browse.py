"""The card browser (`b` on the home screen): find any card by words, deck, tag, kind and study
state as you type, see it as you would study it, open its card info, and study the cards found.

The search line takes words and terms, e.g. `klantwaarde deck:online staat:lastig`; every
keystroke is one query on the card index (services.card_search), and the table draws only the
rows on screen, so 100,000 cards filter at once.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from crmcards.decks.blocks import GAP_MARK
from crmcards.decks.content import item_view
from crmcards.decks.items import Item
from crmcards.decks.plaintext import blocks_text
from crmcards.errors import CrmcardsError
from crmcards.services.card_search import CardFinder, UnknownState, parse_query, read_marks
from crmcards.services.session_request import SessionRequest
from crmcards.store.card_index import Marks
from crmcards.tui.card_table import CardTable, Cells
from crmcards.tui.card_view import whole_card
from crmcards.tui.screen import CrmcardsScreen


class BrowseScreen(CrmcardsScreen):
    BINDINGS = [
        Binding("enter", "info", "card_info", priority=True),  # also while typing
        Binding("ctrl+s", "study", "study_found", key_display="ctrl+s"),
        Binding("escape", "back", "back", key_display="esc"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.finder: CardFinder | None = None
        self.found: list[int] = []
        self.studying: frozenset[str] = frozenset()  # the cards of a session started from here

    def compose(self) -> ComposeResult:
        text = self.crmcards_app.text
        yield Input(id="browse-query", placeholder=text["browse_placeholder"])
        yield Static(text["browse_loading"], id="browse-count")
        header: Cells = (
            text["col_deck"],
            text["col_question"],
            text["col_kind"],
            text["col_state"],
            text["col_next"],
        )
        yield CardTable(header, self._cells, id="browse-table")
        with VerticalScroll(id="browse-preview", can_focus=False):
            yield Static(id="browse-card")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load(self.crmcards_app.workspace)

    @work(thread=True, exclusive=True)
    def _load(self, workspace: object) -> None:
        """The index of every card with its study marks (a second or so for 100,000 cards)."""
        app = self.crmcards_app
        try:
            marks = read_marks(app.workspace.open_store())
            finder = CardFinder(app.workspace.library.items(), marks)
        except CrmcardsError as error:
            app.call_from_thread(app.fail, error)
            return
        app.call_from_thread(self._loaded, finder)

    def _loaded(self, finder: CardFinder) -> None:
        self.finder = finder
        self._search(self.query_one(Input).value)

    # -- searching ------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value)

    def _search(self, line: str) -> None:
        if self.finder is None:
            return
        text = self.crmcards_app.text
        count = self.query_one("#browse-count", Static)
        try:
            query = parse_query(line)
        except UnknownState as unknown:
            count.update(
                Text.assemble(
                    (text["browse_unknown_state"].format(word=unknown.word), "bold dark_orange"),
                    "\n",
                    (text["browse_states"], "dim"),
                )
            )
            return
        workspace = self.crmcards_app.workspace
        self.found = self.finder.find(
            query, now=workspace.clock(), leech_lapses=workspace.settings.leech_lapses
        )
        total = len(self.finder.items)
        count.update(
            Text.assemble(
                (
                    text["browse_count"].format(
                        n=self._number(len(self.found)), total=self._number(total)
                    ),
                    "bold",
                ),
                "\n",
                (text["browse_states"], "dim"),
            )
        )
        self.query_one(CardTable).show(self.found)

    def _number(self, n: int) -> str:
        """12.345 in Dutch, 12,345 in English."""
        grouped = f"{n:,}"
        return grouped.replace(",", ".") if self.crmcards_app.language == "nl" else grouped

    def _cells(self, position: int) -> Cells:
        assert self.finder is not None
        item = self.finder.items[position]
        marks = self.finder.marks(position)
        return (item.deck.title, self._question(item), item.kind, *self._state(marks))

    @staticmethod
    def _question(item: Item) -> str:
        """The prompt's first line; for an element of a list, table or model the line it asks
        about comes first (`Sales: […] — Wat zijn de drie…`), so a note's items tell apart."""
        lines = blocks_text(item_view(item).prompt).splitlines() or [""]
        gap = f"[{GAP_MARK}]"
        asked = next(
            # a line with a gap and its own words (a whole table of gaps asks for everything)
            (line for line in lines[1:] if gap in line and line.replace(gap, "").strip(" |-")),
            None,
        )
        return lines[0] if asked is None else f"{asked} — {lines[0]}"

    def _state(self, marks: Marks) -> tuple[str, str]:
        """The state and next review columns of a row."""
        text = self.crmcards_app.text
        if marks.due is None:
            state, when = text["state_new"], "–"
        else:
            due = datetime.fromtimestamp(marks.due).astimezone()
            now = self.crmcards_app.workspace.clock()
            state = text[f"state_{marks.fsrs_state}"]
            when = text["now"] if due <= now else f"{due:%d-%m-%y}"
        if marks.suspended:
            state = text["state_suspended"]
        return state, when

    def on_card_table_highlighted(self, event: CardTable.Highlighted) -> None:
        card = self.query_one("#browse-card", Static)
        if event.position is None or self.finder is None:
            card.update(Text(self.crmcards_app.text["browse_nothing"], style="italic"))
            return
        card.update(whole_card(self.finder.items[event.position], self.crmcards_app.text))
        self.query_one("#browse-preview", VerticalScroll).scroll_home(animate=False)

    # -- keys -----------------------------------------------------------------------------
    def action_move(self, by: int) -> None:
        self.query_one(CardTable).move(by)

    def action_page(self, direction: int) -> None:
        table = self.query_one(CardTable)
        table.move(direction * table.page)

    def _highlighted(self) -> Item | None:
        position = self.query_one(CardTable).highlighted
        return None if position is None or self.finder is None else self.finder.items[position]

    def action_info(self) -> None:
        item = self._highlighted()
        if item is not None:
            from crmcards.tui.card_info import CardInfoScreen

            self.app.push_screen(CardInfoScreen(item, on_change=self._changed))

    def _changed(self, items: list[Item]) -> None:
        """A card's study state changed (suspended, reset): its row and the result again."""
        if self.finder is None:
            return
        self.finder.refresh(self.crmcards_app.workspace.open_store(), items)
        self.query_one(CardTable).forget()
        self._search(self.query_one(Input).value)

    def action_study(self) -> None:
        """Study just the cards found: today's due and new ones among them, as a session."""
        if self.finder is None or not self.found:
            self.notify(self.crmcards_app.text["nothing_found"], timeout=4)
            return
        self.studying = frozenset(self.finder.items[pos].id for pos in self.found)
        self.crmcards_app.start_review(SessionRequest(item_ids=self.studying))

    def on_screen_resume(self) -> None:
        if self.studying and self.finder is not None:  # back from a session on the cards found
            studied = [i for i in self.finder.items if i.id in self.studying]
            self.studying = frozenset()
            self._changed(studied)

    def action_back(self) -> None:
        self.app.pop_screen()
