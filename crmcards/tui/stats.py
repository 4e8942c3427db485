"""The statistics screen: the progress report's figures as terminal charts and tables.

It shows the same Report and the same tables as `crmcards report`; the report is computed in a
worker thread, so a long history does not freeze the screen. Deck text always goes in as Text,
never as a string, which Rich would read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.readiness import upcoming_exam
from crmcards.services.report.tables import (
    Table,
    duration,
    forecast_labels,
    heat_days,
    heat_levels,
    percent,
    plural,
    rating_label,
    report_tables,
)
from crmcards.tui.strings import localise_bindings
from crmcards.tui.styles import RATING_STYLES

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp

HEAT_WEEKS = 26
HEAT_STYLES = ("grey30", "green4", "green3", "green1", "bold bright_green")
BAR_WIDTH = 40
TEXT_MIN_WIDTH = 16
MIN_WIDTH = 110
MASTERY_STYLES = (("mastered", "green"), ("studying", "dodger_blue2"), ("new", "grey42"))


def _bar(count: int, most: int, style: str) -> Text:
    return Text("█" * round(BAR_WIDTH * count / most) if most else "", style=style)


def _bars(title: str, rows: Sequence[tuple[str, int, str]]) -> RichTable:
    """A horizontal bar chart: a (label, count, style) row per bar."""
    chart = RichTable(
        title=title, title_justify="left", title_style="bold", show_header=False, box=None
    )
    most = max((count for _, count, _ in rows), default=0)
    for label, count, style in rows:
        chart.add_row(Text(label), Text(str(count), justify="right"), _bar(count, most, style))
    return chart


def _heatmap(report: Report) -> Group:
    days = heat_days(report.study_day, HEAT_WEEKS)
    reviews = {day.date: day.reviews for day in report.days}
    levels = dict(zip(days, heat_levels(reviews, days), strict=True))
    lines = [Text(f"Reviews per day, last {HEAT_WEEKS} weeks", style="bold")]
    for weekday, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        line = Text(f"{name} ")
        for day in days[weekday::7]:
            line.append("■ ", style=HEAT_STYLES[levels[day]])
        lines.append(line)
    return Group(*lines)


def _mastery(report: Report) -> RichTable:
    chart = RichTable(
        title="Mastery per deck",
        title_justify="left",
        title_style="bold",
        show_header=False,
        box=None,
    )
    for deck in report.decks:
        parts = (deck.mastered, deck.items - deck.new - deck.mastered, deck.new)
        bar = Text()
        for count, (_, style) in zip(parts, MASTERY_STYLES, strict=True):
            bar.append("█" * round(BAR_WIDTH * count / (deck.items or 1)), style=style)
        chart.add_row(Text(deck.title), bar, f"{percent(deck.recall)} recall")
    legend = " ".join(f"[{style}]█[/] {name}" for name, style in MASTERY_STYLES)
    chart.caption, chart.caption_justify = legend, "left"
    return chart


def _table(table: Table) -> RenderableType:
    if not table.rows:
        return Group(Text(table.title, style="bold"), Text(table.empty, style="dim"))
    multiline = any("\n" in cell for row in table.rows for cell in row)
    rich = RichTable(
        title=Text(table.title),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,  # its column separator is a space: no padding needed
        padding=0,
        leading=1 if multiline else 0,
    )
    for n, column in enumerate(table.columns):
        if n < table.text_columns:
            rich.add_column(column, min_width=TEXT_MIN_WIDTH, overflow="fold")
        else:  # a heading without spaces (a date) cannot wrap: keep it whole
            rich.add_column(column, justify="right", min_width=0 if " " in column else len(column))
    for n, row in enumerate(table.rows):
        total = table.total_row and n == len(table.rows) - 1
        if total:
            rich.add_section()
        rich.add_row(*map(Text, row), style="bold" if total else None)
    return rich


def report_view(report: Report) -> Group:
    """Everything the screen shows, as one Rich renderable."""
    total = report.total
    facts = [
        f"{total.mastered} of {total.items} items mastered",
        f"recall {percent(total.recall)}",
        f"{total.reviews_7d} reviews and {duration(total.seconds_7d)} in the last 7 days",
        f"streak {plural(report.streak, 'day')}",
    ]
    if report.exam is not None:
        exam = report.exam
        facts.append(
            f"exam {exam.date.isoformat()}: recall {percent(exam.total.recall)}, "
            f"{exam.total.per_day} reviews a day needed"
        )
    forecast = [
        (label, count, "dodger_blue2")
        for label, count in zip(forecast_labels(report), total.forecast, strict=True)
    ]
    ratings = [(rating_label(r), total.ratings[r], RATING_STYLES[r]) for r in RATINGS]
    parts: list[RenderableType] = [
        Text("\n".join(facts)),
        Text(""),
        _heatmap(report),
        Text(""),
        _bars(f"Due in the next {len(forecast)} days", forecast),
        Text(""),
        _bars("Ratings given", ratings),
        Text(""),
        _mastery(report),
    ]
    for table in report_tables(report):
        parts += [Text(""), _table(table)]
    return Group(*parts)


class StatsScreen(Screen[None]):
    # Below MIN_WIDTH columns the wide tables scroll sideways instead of being cut off.
    DEFAULT_CSS = f"""
    StatsScreen VerticalScroll {{ overflow-x: auto; scrollbar-gutter: stable; }}
    #stats {{ padding: 0 2 1 2; min-width: {MIN_WIDTH}; }}
    """
    BINDINGS = [Binding("escape,q", "app.pop_screen", "close", key_display="q")]

    @property
    def crm(self) -> CrmcardsApp:
        return cast("CrmcardsApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(self.crm.text["stats"], id="home-title")
        with VerticalScroll():
            yield Static(Text("…", style="dim"), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        localise_bindings(self, self.crm.text)
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        workspace, now = self.crm.workspace, self.crm.clock()
        settings = workspace.settings
        view: RenderableType
        try:
            report = build_report(
                workspace.library,
                workspace.store,
                now,
                student=settings.student,
                exam=upcoming_exam(settings, now),
                target=settings.desired_retention,
            )
        except CrmcardsError as error:  # a damaged or busy database: say so, do not crash
            view = Text(error.message, style="bold red")
        else:
            view = report_view(report)
        self.app.call_from_thread(self.query_one("#stats", Static).update, view)
