"""One card's info, opened from the card browser: the card as the student sees it, its memory
state, predicted recall over time, every review and reset; `s` suspends or takes it back, `r`
puts it back to new (after asking; the history is kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from crmcards.decks.content import item_view
from crmcards.decks.items import Item
from crmcards.decks.plaintext import blocks_text
from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import LABELS
from crmcards.services.card_info import CardInfo, card_info, recall_over_time, reset_to_new
from crmcards.services.suspension import set_suspended
from crmcards.tui.card_view import whole_card
from crmcards.tui.failures import failure_text
from crmcards.tui.recall_chart import LABEL_WIDTH, recall_chart
from crmcards.tui.screen import CrmcardsScreen
from crmcards.tui.styles import RATING_STYLES
from crmcards.tui.timefmt import interval

CHART_MAX_WIDTH = 100


class ConfirmReset(ModalScreen[bool]):
    """Asks before a card goes back to new; y/j confirms, n or escape does not."""

    DEFAULT_CSS = """
    ConfirmReset { align: center middle; }
    #reset-box {
        width: 64; max-width: 100%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    #reset-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("y,j", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, text: dict[str, str], card_line: str) -> None:
        super().__init__()
        self.text, self.card_line = text, card_line

    def compose(self) -> ComposeResult:
        with Vertical(id="reset-box"):
            yield Static(self.text["reset_question"], markup=False)
            yield Static(self.card_line, markup=False, classes="muted")
            yield Static(self.text["reset_keys"], id="reset-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class CardInfoScreen(CrmcardsScreen):
    BINDINGS = [
        Binding("s", "suspend", "suspend"),
        Binding("r", "reset", "reset"),
        Binding("escape,q", "back", "back", key_display="esc"),
        Binding("down", "scroll('down')", "scroll", key_display="↑↓ PgUp PgDn"),
        Binding("up", "scroll('up')", "scroll", show=False),
        Binding("pagedown", "scroll('page_down')", "scroll", show=False),
        Binding("pageup", "scroll('page_up')", "scroll", show=False),
    ]

    def __init__(self, item: Item, on_change: Callable[[list[Item]], None]) -> None:
        super().__init__()
        self.item = item
        self.on_change = on_change  # told when this card's study state changed
        self.info: CardInfo | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info", can_focus=False):
            yield Static(id="info-title")
            yield Static(id="info-card")
            yield Static(id="info-facts")
            yield Static(id="info-chart")
            yield Static(id="info-history")
        yield Footer()

    def on_mount(self) -> None:
        self.show_info()

    def on_resize(self) -> None:
        self._draw_chart()

    # -- drawing --------------------------------------------------------------------------
    def show_info(self) -> None:
        app = self.crmcards_app
        workspace = app.workspace
        try:
            self.info = info = card_info(
                workspace.open_store(),
                workspace.planner(fuzz=False),
                self.item,
                workspace.clock(),
                workspace.settings.leech_lapses,
            )
        except CrmcardsError as error:
            app.fail(error)
            return
        title = Text.assemble((self.item.deck.title, "bold"), "\n", (self.item.id, "dim"))
        self.query_one("#info-title", Static).update(title)
        self.query_one("#info-card", Static).update(whole_card(self.item, app.text))
        self.query_one("#info-facts", Static).update(self._facts(info))
        self.query_one("#info-history", Static).update(self._history(info))
        self.call_after_refresh(self._draw_chart)  # once the screen knows its width
        self.refresh_bindings()

    def _draw_chart(self) -> None:
        if self.info is not None:
            chart = self.query_one("#info-chart", Static)
            chart.update(self._chart(self.info))
            chart.display = self.info.state is not None  # a new card has no curve yet

    def _facts(self, info: CardInfo) -> Text:
        text, language = self.crmcards_app.text, self.crmcards_app.language
        state = info.state
        lines = []
        if state is None:
            lines.append(text["info_state"].format(state=text["state_new"]))
        else:
            lines.append(text["info_state"].format(state=text[f"state_{state.state}"]))
            lines.append(text["info_next"].format(when=self._when(state.due)))
            lines.append(
                text["info_memory"].format(
                    stability=interval(timedelta(days=state.stability or 0.0), language),
                    difficulty=self._decimal(state.difficulty or 0.0),
                )
            )
            lines.append(text["info_recall"].format(recall=f"{round(info.recall_now * 100)}%"))
            lines.append(text["info_counts"].format(reps=state.reps, lapses=state.lapses))
        facts = Text("\n".join(lines))
        if info.mastered:
            facts.append(f"\n{text['info_mastered']}", style="bold green")
        if info.leech:
            facts.append(f"\n⚠ {text['info_leech']}", style="bold dark_orange")
        if info.suspended:
            facts.append(f"\n{text['info_suspended']}", style="bold yellow")
        return facts

    def _decimal(self, value: float) -> str:
        shown = f"{value:.1f}"
        return shown.replace(".", ",") if self.crmcards_app.language == "nl" else shown

    def _when(self, moment: datetime) -> str:
        delta = moment - self.crmcards_app.workspace.clock()
        local = moment.astimezone()
        if delta.total_seconds() <= 0:
            return f"{self.crmcards_app.text['now']} ({local:%d-%m-%Y %H:%M})"
        return f"{interval(delta, self.crmcards_app.language)} ({local:%d-%m-%Y %H:%M})"

    def _chart(self, info: CardInfo) -> RenderableType:
        room = self.query_one("#info", VerticalScroll).scrollable_content_region.width
        width = min(CHART_MAX_WIDTH, room - LABEL_WIDTH - 1)
        workspace = self.crmcards_app.workspace
        now = workspace.clock()
        curve, start, end = recall_over_time(workspace.planner(fuzz=False), info, now, width)
        if not curve:
            return Text("")
        text = self.crmcards_app.text
        chart = recall_chart(curve, start, end, now, now_word=text["now"])
        return Group(Text(text["info_chart"], style="bold"), chart)

    def _history(self, info: CardInfo) -> RenderableType:
        text, language = self.crmcards_app.text, self.crmcards_app.language
        if not info.events:
            return Text(text["info_never"], style="italic")
        table = Table(
            title=text["info_history"], title_justify="left", title_style="bold", box=None
        )
        for column in ("col_date", "col_rating", "col_interval"):
            table.add_column(text[column], style="" if column != "col_date" else "dim")
        for event in info.events:
            when = f"{event.at.astimezone():%d-%m-%Y %H:%M}"
            if event.rating is None:
                table.add_row(when, Text(f"↺ {text['info_reset_line']}", style="italic"), "")
                continue
            rating = Text.assemble(
                (f" {event.rating} ", f"reverse {RATING_STYLES[event.rating]}"),
                f" {LABELS[language][event.rating]}",
            )
            gap = "" if event.interval is None else interval(event.interval, language)
            table.add_row(when, rating, gap)
        return table

    # -- keys -----------------------------------------------------------------------------
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """`s` says what it does now: suspend, or take back a suspended card."""
        shown = super().active_bindings
        if self.info is None or not self.info.suspended:
            return shown
        unsuspend = self.crmcards_app.text["unsuspend"]
        return {
            key: active._replace(binding=replace(active.binding, description=unsuspend))
            if active.binding.action == "suspend"
            else active
            for key, active in shown.items()
        }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll":
            return self.query_one("#info", VerticalScroll).max_scroll_y > 0
        if action == "reset":
            return self.info is not None and self.info.state is not None
        return True

    def action_scroll(self, direction: str) -> None:
        getattr(self.query_one("#info", VerticalScroll), f"scroll_{direction}")(animate=False)

    def action_suspend(self) -> None:
        if self.info is None:
            return
        suspend = not self.info.suspended
        workspace = self.crmcards_app.workspace
        try:
            set_suspended(workspace.open_store(), [self.item], suspend, workspace.clock())
        except CrmcardsError as error:
            self.notify(
                failure_text(error, self.crmcards_app.text, self.crmcards_app.language),
                severity="error",
            )
            return
        self.app.clear_notifications()
        self.notify(self.crmcards_app.text["suspended_now" if suspend else "unsuspended_now"])
        self._changed()

    def action_reset(self) -> None:
        line = blocks_text(item_view(self.item).prompt).splitlines()
        self.app.push_screen(
            ConfirmReset(self.crmcards_app.text, line[0] if line else self.item.id),
            self._reset_answered,
        )

    def _reset_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        workspace = self.crmcards_app.workspace
        try:
            reset_to_new(workspace.open_store(), self.item, workspace.clock())
        except CrmcardsError as error:
            self.notify(
                failure_text(error, self.crmcards_app.text, self.crmcards_app.language),
                severity="error",
            )
            return
        self.app.clear_notifications()
        self.notify(self.crmcards_app.text["reset_done"])
        self._changed()

    def _changed(self) -> None:
        self.show_info()
        self.on_change([self.item])

    def action_back(self) -> None:
        self.app.pop_screen()
