"""The review screen: question, reveal (or type the answer), rate 1–5, undo, then the summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Rule, Static

from crmcards.decks.blocks import ItemView
from crmcards.decks.content import item_view
from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import LABELS, RATINGS
from crmcards.services.session import ReviewSession
from crmcards.services.session_request import SessionRequest
from crmcards.services.typed_answer import check
from crmcards.store.database import DatabaseBusy, waiting_at_most
from crmcards.tui.blocks import render_blocks
from crmcards.tui.card_view import explanation, prompt_view
from crmcards.tui.failures import failure_text
from crmcards.tui.flag import FlaggingScreen
from crmcards.tui.styles import DIFF_STYLES, RATING_STYLES
from crmcards.tui.timefmt import clock, interval

T = TypeVar("T")
# A write that finds the database locked for longer than this goes on in the background.
QUICK_WRITE_MS = 300
# The rating row's narrowest column: room for a preview such as "↺ net als 1".
RATING_COLUMN_MIN = 12


class ReviewScreen(FlaggingScreen):
    AUTO_FOCUS = ""  # the screen's keys act; the answer box takes focus only when typing
    BINDINGS = [
        Binding("space,enter", "reveal", "reveal"),
        *(Binding(str(r), f"rate({r})", str(r), show=False) for r in RATINGS),
        Binding("u", "undo", "undo"),
        Binding("f", "flag", "flag"),
        Binding("q,escape", "finish", "quit", key_display="q"),
        Binding("question_mark", "help", "help", key_display="?"),
        # shown only while the card is taller than the screen
        Binding("down", "scroll_card('down')", "scroll", key_display="↑↓ PgUp PgDn"),
        Binding("up", "scroll_card('up')", "scroll", show=False),
        Binding("pagedown", "scroll_card('page_down')", "scroll", show=False),
        Binding("pageup", "scroll_card('page_up')", "scroll", show=False),
    ]

    def __init__(
        self, session: ReviewSession, request: SessionRequest, *, direct: bool = False
    ) -> None:
        super().__init__()
        self.session = session
        self.request = request  # what the student asked for (the summary offers to cram it)
        self.direct = direct
        self.typed = request.typed
        self.typed_answer: str | None = None
        self.pending = False  # a rating or undo is being stored in the background
        self.scrollable = False  # whether the card is taller than its space (see _card_resized)
        self.footer_pending = False  # a new card's key hints wait for its layout

    def compose(self) -> ComposeResult:
        yield Static(id="status-bar")
        with VerticalScroll(id="card", can_focus=False):  # the screen's keys scroll it
            yield Static(id="prompt")
            yield Input(id="typed", placeholder=self.crmcards_app.text["type_placeholder"])
            yield Static(id="typed-result")
            yield Rule(id="answer-rule")
            yield Static(id="answer")
            yield Static(id="extra")
        yield Static(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1, self._update_status)
        # the scroll keys are shown while the card is taller than its space
        card = self.query_one("#card", VerticalScroll)
        self.watch(card, "virtual_size", self._card_resized, init=False)
        self.watch(card, "size", self._card_resized, init=False)
        self.show_current()

    def _card_resized(self) -> None:
        """The scroll keys show while the card is taller than its space: the footer is drawn
        again when they come or go (a new card's footer is drawn once, by _refresh_footer)."""
        scrollable = self.query_one("#card", VerticalScroll).max_scroll_y > 0
        if scrollable != self.scrollable and not self.footer_pending:
            self.scrollable = scrollable
            self.refresh_bindings()

    def _refresh_footer(self) -> None:
        """The key hints of a new card, once it is laid out: one footer redraw per card
        (redrawing the footer costs more than drawing the card)."""
        self.footer_pending = False
        self.scrollable = self.query_one("#card", VerticalScroll).max_scroll_y > 0
        self.refresh_bindings()

    # -- drawing --------------------------------------------------------------------------
    def _typing(self, card: ItemView) -> bool:
        """Whether the student types the answer to this card before seeing it."""
        return self.typed and card.expected is not None and not self.session.revealed

    def show_current(self) -> None:
        if self.session.finished:
            self._finish()
            return
        item = self.session.current
        assert item is not None
        card = item_view(item)
        revealed = self.session.revealed
        self.query_one("#prompt", Static).update(
            prompt_view(card, self.crmcards_app.text, revealed=revealed)
        )
        typed_input = self.query_one("#typed", Input)
        typed_input.display = self._typing(card)
        if typed_input.display:
            typed_input.value = ""
            typed_input.focus()
        result = self.query_one("#typed-result", Static)
        result.display = revealed and self.typed_answer is not None and card.expected is not None
        if result.display:
            result.update(self._typed_result(card))
        for selector in ("#answer-rule", "#answer"):
            self.query_one(selector).display = revealed
        extra = self.query_one("#extra", Static)
        explained = explanation(card, item.note.sources, self.crmcards_app.text)
        extra.display = revealed and explained is not None
        if revealed:
            self.query_one("#answer", Static).update(render_blocks(card.answer))
            extra.update(explained or "")
        else:
            self.set_focus(typed_input if typed_input.display else None)
        self.query_one("#hint", Static).update(self._hint(card))
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        if revealed:
            self.call_after_refresh(self._bring_answer_into_view)
        self._update_status()
        self.footer_pending = True
        self.call_after_refresh(self._refresh_footer)

    def _bring_answer_into_view(self) -> None:
        """An answer that starts below the screen's edge is scrolled up to, keeping a line of
        what comes before it in view."""
        scroller = self.query_one("#card", VerticalScroll)
        top = self.query_one("#answer-rule").virtual_region.y
        if top >= scroller.scrollable_content_region.height - 2:
            scroller.scroll_to(y=top - 2, animate=False)

    def _typed_result(self, card: ItemView) -> Text:
        assert card.expected is not None and self.typed_answer is not None
        result = check(self.typed_answer, card.expected)
        if result.correct:
            return Text(f"✓ {self.crmcards_app.text['typed_correct']}", style="bold green")
        line = Text.assemble((f"✗ {self.crmcards_app.text['typed_wrong']}", "bold"), "\n")
        for part, segment in result.diff:
            line.append(segment, style=DIFF_STYLES[part])
        return line

    def _hint(self, card: ItemView) -> RenderableType:
        text = self.crmcards_app.text
        if not self.session.revealed:
            if self._typing(card):
                return Text(text["type_placeholder"], style="italic")
            return Text(text["press_space"], style="italic")
        labels = LABELS[self.crmcards_app.language]
        # a gap between the labels, and room after the long ones: none is cut at 80 columns
        grid = Table.grid(expand=True, padding=(0, 2, 0, 0))
        for r in RATINGS:
            grid.add_column(ratio=max(len(labels[r]) + 2, RATING_COLUMN_MIN))
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
        if not self.session.cram:
            previews = self.session.previews()

            def preview(rating: int) -> Text:
                # 1 and 2 both relearn the card: say so instead of showing the same time twice
                # (the raw 2 is stored all the same)
                if rating > 1 and previews[rating] == previews[rating - 1]:
                    return Text(f"  {text['same_as'].format(key=rating - 1)}", style="dim")
                return Text(
                    f"  {interval(previews[rating], self.crmcards_app.language)}", style="dim"
                )

            grid.add_row(*(preview(r) for r in RATINGS))
        return Group(Text(text["how_well"], style="bold"), grid)

    def _update_status(self) -> None:
        session, text = self.session, self.crmcards_app.text
        item = session.current
        status = Text.assemble(
            (item.deck.title if item else "", "bold"),
            "  ·  ",
            text["progress"].format(done=session.done, left=session.remaining),
            "  ·  ",
            (clock((session.clock() - session.started).total_seconds()), "dim"),
            no_wrap=True,
            overflow="ellipsis",
        )
        badges = []
        if session.cram:
            badges.append(Text(text["cram_badge"], style="italic"))
        if item is not None and session.is_leech(item):
            badges.append(Text(f"⚠ {text['leech_badge']}", style="bold dark_orange"))
        bar = self.query_one("#status-bar", Static)
        badge_line = Text("  ·  ").join(badges)
        # the badges on the same line when all of it fits, else on a line of their own: a
        # narrow terminal cuts neither the counters nor "schedule unchanged"
        width = self.size.width - bar.styles.padding.width  # the bar spans the screen
        fits = status.cell_len + 5 + badge_line.cell_len <= width
        if badges and fits:
            status.append("  ·  ").append_text(badge_line)
        elif badges:
            status = Text("\n").join([status, badge_line])
        bar.styles.height = 1 if not badges or fits else 2
        bar.update(status)

    # -- keys -----------------------------------------------------------------------------
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """While the student types an answer, q types a q: the footer offers esc to stop."""
        shown = super().active_bindings
        if not self.is_mounted or not self.query_one("#typed", Input).display:
            return shown
        esc = self.crmcards_app.text["key_escape"]
        return {
            key: active._replace(binding=replace(active.binding, key_display=esc))
            if active.binding.action == "finish"
            else active
            for key, active in shown.items()
        }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.pending:  # a rating or undo is waiting for the database: keys do nothing
            return action == "help"
        if action == "reveal":
            return not self.session.revealed
        if action == "rate":
            return self.session.revealed
        if action == "scroll_card":
            return self.query_one("#card", VerticalScroll).max_scroll_y > 0
        return True

    def action_scroll_card(self, direction: str) -> None:
        getattr(self.query_one("#card", VerticalScroll), f"scroll_{direction}")(animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.typed_answer = event.value
        self.action_reveal()

    def action_reveal(self) -> None:
        if self.session.current is not None and not self.session.revealed:
            self.session.reveal()
            self.show_current()

    def action_rate(self, rating: int) -> None:
        if not self.session.revealed:
            return
        now = self.session.clock()  # the moment of the key press, even if storing it waits
        # committed to the database before the next card is drawn
        self._write(partial(self.session.rate, rating, now), lambda _rated: self._rated())

    def _rated(self) -> None:
        self.typed_answer = None
        self.show_current()

    def action_undo(self) -> None:
        self._write(self.session.undo, self._undone)

    def _undone(self, undone: object) -> None:
        self.typed_answer = None
        self.app.clear_notifications()  # one toast, not a stack over the hint
        self.notify(self.crmcards_app.text["undone" if undone else "nothing_to_undo"], timeout=2)
        self.show_current()

    # -- storing ----------------------------------------------------------------------------
    def _write(self, write: Callable[[], T], then: Callable[[T], None]) -> None:
        """Store a rating or an undo. Usually the database is free and this takes milliseconds.
        When another program holds its write lock, the write goes on in a thread (the screen
        says the database is busy and keeps drawing) and every key waits until it is stored,
        so that no key meant for this card acts on the next one."""
        try:
            with waiting_at_most(QUICK_WRITE_MS):
                result = write()
        except DatabaseBusy:
            self.pending = True
            self.refresh_bindings()
            hint = Text(self.crmcards_app.text["database_busy"], style="bold yellow")
            self.query_one("#hint", Static).update(hint)
            self.run_worker(partial(self._write_later, write, then), thread=True, group="write")
            return
        except CrmcardsError as error:  # e.g. a full disk: the card stays, nothing is lost
            self._report(error)
            return
        then(result)

    def _write_later(self, write: Callable[[], T], then: Callable[[T], None]) -> None:
        try:
            result = write()  # waits for the write lock as long as the database allows
        except CrmcardsError as error:
            self.app.call_from_thread(self._written, partial(self._report, error))
        else:
            self.app.call_from_thread(self._written, partial(then, result))

    def _written(self, finish: Callable[[], None]) -> None:
        self.pending = False
        self.show_current()  # the busy line goes
        finish()
        self.refresh_bindings()

    def _report(self, error: CrmcardsError) -> None:
        """Say why a rating or undo did not happen; the card stays, nothing is lost."""
        self.notify(
            failure_text(error, self.crmcards_app.text, self.crmcards_app.language),
            severity="error",
            timeout=10,
        )

    def action_finish(self) -> None:
        self._finish()

    def _finish(self) -> None:
        from crmcards.tui.summary import SummaryScreen

        self.session.end()
        self.app.switch_screen(SummaryScreen(self.session, self.request, direct=self.direct))
        if not self.session.cram:
            self.crmcards_app.sync_after_session()

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
