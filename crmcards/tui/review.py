"""The review screen: question, reveal (or type the answer), rate 1–5, undo, then the summary.

It is put together from three widgets (status bar, card view, rating bar) and drives them with
what the session says; when the session ends it posts `ReviewScreen.Ended` and the app shows
the summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.message import Message
from textual.widgets import Input

from crmcards.decks.blocks import ItemView
from crmcards.decks.content import item_view
from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.session import ReviewSession
from crmcards.services.session_request import SessionRequest
from crmcards.services.typed_answer import check
from crmcards.store.database import DatabaseBusy, waiting_at_most
from crmcards.tui.card_view import CardView
from crmcards.tui.failures import failure_text
from crmcards.tui.flag import FlaggingScreen
from crmcards.tui.key_hints import KeyHints
from crmcards.tui.rating_bar import RatingBar
from crmcards.tui.status_bar import StatusBar

T = TypeVar("T")
# A write that finds the database locked for longer than this goes on in the background.
QUICK_WRITE_MS = 300


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

    class Shown(Message):
        """The screen's first card is on screen (the study app then makes the day's backup)."""

    class Ended(Message):
        """The student ended the session (or it ran out of cards): time for its summary."""

        def __init__(self, session: ReviewSession, request: SessionRequest, direct: bool) -> None:
            super().__init__()
            self.session, self.request, self.direct = session, request, direct

    def __init__(
        self,
        session: ReviewSession,
        request: SessionRequest,
        text: dict[str, str],
        language: str,
        *,
        direct: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.request = request  # what the student asked for (the summary offers to cram it)
        self.text, self.language = text, language
        self.direct = direct
        self.typed = request.typed
        self.typed_answer: str | None = None
        self.pending = False  # a rating or undo is being stored in the background
        self.scrollable = False  # whether the card is taller than its space (see _card_resized)
        self.footer_pending = False  # a new card's key hints wait for its layout
        self.ended = False

    def compose(self) -> ComposeResult:
        yield StatusBar(self.text, id="status-bar")
        yield CardView(self.text, id="card")
        yield RatingBar(self.text, self.language, id="hint")
        yield KeyHints()

    @property
    def card_view(self) -> CardView:
        return self.query_one(CardView)

    def on_mount(self) -> None:
        self.set_interval(1, self._update_status)
        # the scroll keys are shown while the card is taller than its space
        card = self.card_view
        self.watch(card, "virtual_size", self._card_resized, init=False)
        self.watch(card, "size", self._card_resized, init=False)
        self.show_current()
        self.call_after_refresh(lambda: self.post_message(self.Shown()))

    def _card_resized(self) -> None:
        """The scroll keys show while the card is taller than its space: the footer is drawn
        again when they come or go (a new card's footer is drawn once, by _refresh_footer)."""
        scrollable = self.card_view.max_scroll_y > 0
        if scrollable != self.scrollable and not self.footer_pending:
            self.scrollable = scrollable
            self.refresh_bindings()

    def _refresh_footer(self) -> None:
        """The key hints of a new card, once it is laid out (whether its scroll keys show
        depends on its height): one redraw of the key hints per card."""
        self.footer_pending = False
        self.scrollable = self.card_view.max_scroll_y > 0
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
        view = item_view(item)
        revealed = self.session.revealed
        typing = self._typing(view)
        typed = None
        if revealed and self.typed_answer is not None and view.expected is not None:
            typed = check(self.typed_answer, view.expected)
        self.card_view.show(
            view, revealed=revealed, typing=typing, typed=typed, sources=item.note.sources
        )
        rating_bar = self.query_one(RatingBar)
        if revealed:
            rating_bar.offer(None if self.session.cram else self.session.previews())
        else:
            rating_bar.ask(typing=typing)
            self.set_focus(self.card_view.answer_box if typing else None)
        self._update_status()
        self.footer_pending = True
        self.call_after_refresh(self._refresh_footer)

    def _update_status(self) -> None:
        session = self.session
        item = session.current
        self.query_one(StatusBar).show(
            item.deck.title if item else "",
            done=session.done,
            left=session.remaining,
            seconds=(session.clock() - session.started).total_seconds(),
            cram=session.cram,
            leech=item is not None and session.is_leech(item),
        )

    # -- keys -----------------------------------------------------------------------------
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """While the student types an answer, q types a q: the footer offers esc to stop."""
        shown = super().active_bindings
        if not self.is_mounted or not self.card_view.answer_box.display:
            return shown
        esc = self.text["key_escape"]
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
            return self.card_view.max_scroll_y > 0
        return True

    def action_scroll_card(self, direction: str) -> None:
        getattr(self.card_view, f"scroll_{direction}")(animate=False)

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
        self.notify(self.text["undone" if undone else "nothing_to_undo"], timeout=2)
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
            self.query_one(RatingBar).busy()
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
        self.notify(failure_text(error, self.text, self.language), severity="error", timeout=10)

    def action_finish(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self.ended:
            return
        self.ended = True
        self.session.end()
        self.post_message(self.Ended(self.session, self.request, self.direct))

    def action_help(self) -> None:
        from crmcards.tui.help import HelpScreen

        self.app.push_screen(HelpScreen())
