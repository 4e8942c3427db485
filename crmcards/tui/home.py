"""Home: every deck with new / due / total counts and mastery, and "study all that is due"."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from crmcards.errors import CrmcardsError
from crmcards.services.session_request import SessionRequest
from crmcards.tui.screen import CrmcardsScreen, worker_cancelled

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcards.services.exam_morning import ExamMorning
    from crmcards.services.status import Counts
    from crmcards.services.today import Available
    from crmcards.tui.app import CrmcardsApp

ALL = "__all__"


class HomeScreen(CrmcardsScreen):
    last_look: frozenset[str] = frozenset()  # on exam day: the weakest cards, for key l
    BINDINGS = [
        Binding("enter", "start", "start", priority=True),
        Binding("c", "cram", "cram"),
        # only on the exam's own day, and the exam line says so (eight keys overflow 80 columns)
        Binding("l", "last_look", "last_look", show=False),
        Binding("s", "settings", "settings"),
        Binding("b", "browse", "browse"),
        Binding("t", "stats", "stats"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "app.quit", "quit"),
    ]

    def compose(self) -> ComposeResult:
        text = self.crmcards_app.text
        yield Static(text["app_title"], id="home-title")
        yield Static(text["home_subtitle"], id="home-subtitle")
        yield Static(self._skipped_banner(), id="skipped")
        yield Static(id="exam")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static(id="deck-description")
        yield Footer(compact=True)  # seven keys: all of them fit in 80 columns

    def _skipped_banner(self) -> Text:
        """Deck files that do not load: named with FILE:LINE:COL, the other decks carry on."""
        skipped = self.crmcards_app.workspace.library.skipped
        banner = Text(no_wrap=False)
        if skipped:
            banner.append(
                self.crmcards_app.text["skipped_title"].format(n=len(skipped)), style="bold"
            )
        home = self.crmcards_app.workspace.home
        for problem in skipped:
            # a deck in the data folder is named from there: short enough for 80 columns
            if problem.path.is_relative_to(home):
                problem = replace(problem, path=problem.path.relative_to(home))
            banner.append(f"\n{problem.text(self.crmcards_app.language)}")  # Text: never markup
        return banner

    def on_mount(self) -> None:
        text = self.crmcards_app.text
        self.query_one("#skipped").display = bool(self.crmcards_app.workspace.library.skipped)
        table = self.query_one(DataTable)
        table.add_column(text["col_deck"], key="deck")
        for key in ("col_new", "col_due", "col_total", "col_mastered"):
            table.add_column(text[key], key=key)
        self._show_rows({})  # the decks at once; their counts once the database is open
        self._show_exam(None)  # the exam line once its plan is worked out
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The chosen deck's description (its one line from the deck file), under the table."""
        key = event.row_key.value
        deck = next((d for d in self.crmcards_app.workspace.library.decks if d.id == key), None)
        line = self.query_one("#deck-description", Static)
        line.update(Text(deck.description if deck else ""))  # the teacher's text: never markup
        line.display = deck is not None and bool(deck.description)

    def on_screen_resume(self) -> None:
        # after the screen is drawn, so the first paint does not wait for the database
        app = self.crmcards_app
        self.call_after_refresh(lambda: self.load_counts(app))

    @work(thread=True, exclusive=True)
    def load_counts(self, app: CrmcardsApp) -> None:
        """Counts and mastery, then the exam readiness (in a thread: the first call opens the
        database, and the readiness follows the exam plan through every item's schedule, which
        with many thousands of items takes far longer than the counts: they come first)."""
        from crmcards.services.exam_plan import PlanStopped

        try:
            result = app.workspace.deck_status()
            today = app.workspace.todays_counts()
            morning = app.workspace.exam_morning()
        except CrmcardsError as error:
            app.call_from_thread(app.fail, error)
            return
        if get_current_worker().is_cancelled:  # the screen was replaced meanwhile
            return
        counts = {ALL: (result.total, today.total)} | {
            deck.id: (deck.counts, today.decks[deck.id]) for deck in result.decks
        }
        app.call_from_thread(self._show_rows, counts)
        app.call_from_thread(app.make_backup)  # the counts are on screen
        app.call_from_thread(self._offer_last_look, () if morning is None else morning.weakest)
        try:
            exam = self._exam_line(app) if morning is None else self._morning_line(app, morning)
        except CrmcardsError as error:
            app.call_from_thread(app.fail, error)
            return
        except PlanStopped:  # the screen was replaced, or the app quit, meanwhile
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show_exam, exam)

    def _show_exam(self, exam: Text | None) -> None:
        if not self.is_attached:
            return
        line = self.query_one("#exam", Static)
        line.update(exam or Text())
        line.display = exam is not None and bool(exam.plain)

    def _show_rows(self, counts: dict[str, tuple[Counts, Available]]) -> None:
        tables = self.query(DataTable)
        if not self.is_attached or not tables:  # replaced meanwhile (new settings), or going
            return
        table = tables.first()
        cursor = table.cursor_row
        table.clear()

        def cells(key: str) -> tuple[str, str, str, str]:
            if key not in counts:
                return ("…", "…", "…", "…")
            c, today = counts[key]
            from crmcards.services.report.tables import percent  # rounds as reports do

            def of(now: int, total: int) -> str:
                """What a session shows today, and the total when today's limits hold some back."""
                return str(total) if now == total else f"{now}/{total}"

            mastery = percent(c.mastered / c.cards) if c.cards else "–"
            return of(today.new, c.new), of(today.due, c.due), str(c.cards), mastery

        # the highlighted row is the choice: no marker that would stay behind on this row
        table.add_row(Text(self.crmcards_app.text["all_due"], style="bold"), *cells(ALL), key=ALL)
        for deck in self.crmcards_app.workspace.library.decks:
            # Text, not str: a deck title is the teacher's text, never Rich markup
            table.add_row(Text(deck.title), *cells(deck.id), key=deck.id)
        table.move_cursor(row=max(0, min(cursor, table.row_count - 1)))

    def _offer_last_look(self, weakest: Sequence[str]) -> None:
        self.last_look = frozenset(weakest)

    @staticmethod
    def _morning_line(app: CrmcardsApp, morning: ExamMorning) -> Text:
        """On the exam's own day: the recall predicted now and the last look on offer."""
        from crmcards.services.memory_words import exam_morning_line

        return Text(exam_morning_line(morning, app.language), style="bold")

    @staticmethod
    def _exam_line(app: CrmcardsApp) -> Text | None:
        """Once an exam date is set: what the exam readiness figures say, in words, and the
        plan's share for today with what skipping it would cost."""
        from crmcards.services.memory_words import today_line
        from crmcards.services.report.tables import exam_sentences

        workspace = app.workspace
        exam = workspace.upcoming_exam()
        if exam is None:
            return None
        plan = workspace.exam_plan(exam, stop=worker_cancelled())
        ready = None if plan is None else workspace.exam_readiness(exam, plan.forecast)
        if ready is None or plan is None:
            return None
        line = Text(
            " ".join(exam_sentences(ready, app.language, short=True)),
            style="bold" if ready.reachable else "bold dark_orange",
        )
        return line.append("\n").append(today_line(plan, app.language), style="bold")

    def _selected(self) -> SessionRequest:
        table = self.query_one(DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        library = self.crmcards_app.workspace.library
        return SessionRequest(decks=() if key in (None, ALL) else library.select([key or ""]))

    def action_start(self) -> None:
        self.crmcards_app.start_review(self._selected())

    def action_cram(self) -> None:
        request = self._selected()
        self.crmcards_app.start_review(SessionRequest(decks=request.decks, cram=True))

    def action_last_look(self) -> None:
        """A cram run over the weakest cards on the exam's own morning."""
        if self.last_look:
            self.crmcards_app.start_review(SessionRequest(item_ids=self.last_look, cram=True))

    def action_stats(self) -> None:
        from crmcards.tui.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_browse(self) -> None:
        from crmcards.tui.browse import BrowseScreen

        self.app.push_screen(BrowseScreen())

    def action_settings(self) -> None:
        from crmcards.tui.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
