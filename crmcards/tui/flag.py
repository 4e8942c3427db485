"""Flagging the card on screen: `f` opens a small box for a short note to the deck's author."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from crmcards.decks.content import item_view
from crmcards.decks.plaintext import blocks_text
from crmcards.errors import CrmcardsError
from crmcards.services.flags import MAX_NOTE, flag_item
from crmcards.services.session import ReviewSession
from crmcards.tui.screen import CrmcardsScreen


class FlagNoteScreen(ModalScreen[str | None]):
    """Asks for the note; dismisses with it on enter, with None on escape."""

    DEFAULT_CSS = """
    FlagNoteScreen { align: center middle; }
    #flag-box {
        width: 72; max-width: 100%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    #flag-card { color: $text-muted; margin-bottom: 1; }
    #flag-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, card_line: str, text: dict[str, str]) -> None:
        super().__init__()
        self.card_line = card_line
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-box"):
            yield Static(self.text["flag_title"], id="flag-title", markup=False)
            yield Static(self.card_line, id="flag-card", markup=False)  # deck text, never markup
            yield Input(
                placeholder=self.text["flag_placeholder"], max_length=MAX_NOTE, id="flag-note"
            )
            yield Static(self.text["flag_keys"], id="flag-keys", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FlaggingScreen(CrmcardsScreen):
    """A screen showing a session's current card that `f` can flag (the review screen)."""

    session: ReviewSession

    def action_flag(self) -> None:
        item = self.session.current
        if item is None:
            return
        first_line = blocks_text(item_view(item).prompt).splitlines()[0]

        def save(note: str | None) -> None:
            if note is None:
                return
            try:  # committed before the student sees the thank-you
                flag_item(self.session.store, item, note, self.session.clock())
            except CrmcardsError as error:
                self.notify(error.shown(self.crmcards_app.language), severity="error", timeout=10)
                return
            self.notify(self.crmcards_app.text["flag_saved"], timeout=4)

        self.app.push_screen(FlagNoteScreen(first_line, self.crmcards_app.text), save)
