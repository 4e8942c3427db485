"""The end of a session: how much was done, the ratings, difficult cards, what comes next.

A session that ends (or starts) with nothing to show says why — today's limits, siblings that
wait for tomorrow, the time the next card comes due — and offers what is possible: `+` more new
cards today, `c` cramming the same selection, `u` undoing the last rating.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from crmcards.decks.content import item_view
from crmcards.decks.plaintext import blocks_text
from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import LABELS
from crmcards.services.session import ReviewSession
from crmcards.services.session_request import SessionRequest
from crmcards.tui.failures import failure_text
from crmcards.tui.screen import CrmcardsScreen, worker_cancelled
from crmcards.tui.styles import RATING_STYLES
from crmcards.tui.timefmt import clock, interval

EXTRA_NEW_CARDS = 10  # what `+` adds to today's new-card limit


class SummaryScreen(CrmcardsScreen):
    BINDINGS = [
        Binding("enter,space", "close", "continue"),
        Binding("plus", "more_new", "more_new", key_display="+"),
        Binding("c", "cram", "cram"),
        Binding("u", "undo", "undo"),
        Binding("q,escape", "app.quit", "quit", key_display="q"),
    ]

    def __init__(self, session: ReviewSession, request: SessionRequest, *, direct: bool) -> None:
        super().__init__()
        self.session = session
        self.request = request
        self.direct = direct
        self.waiting = session.waiting() if session.finished else None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._content(), id="summary")
            plan = Static(id="plan")
            plan.display = False  # until an exam plan has something to say
            yield plan
        yield Footer()

    def on_mount(self) -> None:
        if not self.session.cram and self.crmcards_app.workspace.upcoming_exam() is not None:
            self._show_plan()

    @work(thread=True, exclusive=True)
    def _show_plan(self) -> None:
        """The exam plan's line (today's share left, exam-day forecast, what skipping costs),
        in a thread: the forecast looks ahead through every card."""
        from crmcards.services.exam_plan import PlanStopped
        from crmcards.services.memory_words import today_line

        workspace = self.crmcards_app.workspace
        exam = workspace.upcoming_exam()
        try:
            plan = None if exam is None else workspace.exam_plan(exam, stop=worker_cancelled())
        except PlanStopped:  # the app quit meanwhile
            return
        if plan is not None:
            line = Text(today_line(plan, self.crmcards_app.language), style="bold")
            self.app.call_from_thread(self._plan_line, line)

    def _plan_line(self, line: Text) -> None:
        widget = self.query_one("#plan", Static)
        widget.update(line)
        widget.display = True

    def _content(self) -> Group:
        text = self.crmcards_app.text
        summary = self.session.summary()
        stopped = not self.session.finished  # by the student, with cards still to go
        lines: list[RenderableType] = [
            Text(text["summary_stopped" if stopped else "summary_title"], style="bold"),
            Text(""),
            Text(text["summary_reviewed"].format(n=summary.reviewed)),
            Text(text["summary_time"].format(time=clock(summary.seconds))),
        ]
        if stopped:
            left = "summary_left_cram" if self.session.cram else "summary_left"
            lines.append(Text(text[left].format(n=self.session.remaining)))
        if self.session.cram:
            lines.append(Text(text["summary_cram"]))
        elif summary.next_due is None:
            if not stopped:  # a stopped session has cards left, whether scheduled or new
                lines.append(Text(text["summary_none_next"]))
        else:
            lines.append(Text(text["summary_next"].format(when=self._when(summary.next_due))))
        if summary.learning_left:
            lines.append(Text(text["summary_learning"].format(n=summary.learning_left)))
        lines += self._why_nothing_more()
        if summary.reviewed:
            lines += [Text(""), self._ratings(summary.ratings)]
        if summary.leeches:
            lines += [Text(""), Text(text["summary_leeches"], style="bold dark_orange")]
            for item in summary.leeches:
                prompt = blocks_text(item_view(item).prompt).splitlines()[0]
                lines.append(Text(f"  • {item.deck.title}: {prompt}"))
        lines += [Text(""), Text(text["summary_continue"], style="italic")]
        return Group(*lines)

    def _when(self, moment: datetime) -> str:
        delta = moment - self.session.clock()
        if delta.total_seconds() <= 0:
            return self.crmcards_app.text["now"]
        local = moment.astimezone()
        return f"{interval(delta, self.crmcards_app.language)} ({local:%d-%m %H:%M})"

    def _why_nothing_more(self) -> list[RenderableType]:
        """Why there is nothing (more) to study in this selection today, and what can be done."""
        waiting, text = self.waiting, self.crmcards_app.text
        if waiting is None:  # a cram session, or one the student stopped with cards to go
            return []
        limits = self.session.limits
        reasons = []
        if waiting.new_over_limit:
            planned = self.session.planner.exam is not None
            reasons.append(
                text["why_new_plan" if planned else "why_new_limit"].format(
                    n=waiting.new_over_limit,
                    limit=self.session.new_limit_today(),
                    extra=EXTRA_NEW_CARDS,
                )
            )
        if waiting.reviews_over_limit:
            reasons.append(
                text["why_review_limit"].format(
                    n=waiting.reviews_over_limit, limit=limits.reviews_per_day
                )
            )
        if waiting.siblings:
            reasons.append(text["why_siblings"].format(n=waiting.siblings))
        if not reasons:
            return []
        title = text["why_empty" if not self.session.done else "why_more"]
        bullets = Table.grid(padding=(0, 1, 0, 2))  # wrapped lines stay indented
        bullets.add_column(no_wrap=True)
        bullets.add_column(ratio=1)
        for reason in reasons:
            bullets.add_row("•", reason)
        return [Text(""), Text(title, style="bold"), bullets]

    def _ratings(self, counts: dict[int, int]) -> Table:
        text, language = self.crmcards_app.text, self.crmcards_app.language
        ratings = Table(
            title=text["summary_ratings"], title_justify="left", show_header=False, box=None
        )
        most = max(counts.values()) or 1
        for rating, count in counts.items():
            bar = Text("█" * round(20 * count / most), style=RATING_STYLES[rating])
            ratings.add_row(f"{rating} {LABELS[language][rating]}", str(count), bar)
        return ratings

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "more_new":
            return self.waiting is not None and self.waiting.new_over_limit > 0
        if action == "undo":
            return bool(self.session.history)
        return True

    def _back_to_review(self) -> None:
        self.crmcards_app.resume_review(self.session, self.request, self.direct)

    def action_more_new(self) -> None:
        if self.session.add_new(EXTRA_NEW_CARDS):
            self._back_to_review()

    def action_undo(self) -> None:
        """Take back the last rating and show that card again."""
        try:
            undone = self.session.undo()
        except CrmcardsError as error:  # e.g. rated again in another window meanwhile
            self.notify(
                failure_text(error, self.crmcards_app.text, self.crmcards_app.language),
                severity="error",
                timeout=10,
            )
            return
        if undone is not None:
            self._back_to_review()

    def action_cram(self) -> None:
        self.crmcards_app.start_review(
            replace(self.request, cram=True), direct=self.direct, instead=True
        )

    def action_close(self) -> None:
        if self.direct:
            self.app.exit()
        else:
            self.app.pop_screen()
