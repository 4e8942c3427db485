"""The statistics screen: the progress report's figures as terminal charts and tables.

It shows the same Report and the same tables as `crmcards report`; the report is computed in a
worker thread, so a long history does not freeze the screen. Deck text always goes in as Text,
never as a string, which Rich would read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from crmcards.errors import CrmcardsError
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.tables import (
    Table,
    duration,
    exam_sentences,
    forecast_labels,
    heat_days,
    heat_levels,
    mastered_fact,
    percent,
    plural,
    rating_label,
    report_tables,
    streak_fact,
)
from crmcards.tui.screen import CrmcardsScreen
from crmcards.tui.styles import RATING_STYLES

HEAT_WEEKS = 26
HEAT_STYLES = ("grey30", "green4", "green3", "green1", "bold bright_green")
BAR_WIDTH = 40
TEXT_MIN_WIDTH = 16
MIN_WIDTH = 110
MASTERY_STYLES = (
    ("part_mastered", "green"),
    ("part_studying", "dodger_blue2"),
    ("part_new", "grey42"),
)


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


def _heatmap(report: Report, language: str) -> Group:
    labels = LABELS[language]
    days = heat_days(report.study_day, HEAT_WEEKS)
    reviews = {day.date: day.reviews for day in report.days}
    levels = dict(zip(days, heat_levels(reviews, days), strict=True))
    lines = [Text(labels["heatmap_weeks"].format(weeks=HEAT_WEEKS), style="bold")]
    for weekday, name in enumerate(labels["weekdays"].split()):
        line = Text(f"{name} ")
        for day in days[weekday::7]:
            line.append("■ ", style=HEAT_STYLES[levels[day]])
        lines.append(line)
    return Group(*lines)


def _mastery(report: Report, language: str) -> RichTable:
    labels = LABELS[language]
    chart = RichTable(
        title=labels["mastery_per_deck"],
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
        chart.add_row(
            Text(deck.title), bar, labels["deck_recall"].format(recall=percent(deck.recall))
        )
    legend = " ".join(f"[{style}]█[/] {labels[name]}" for name, style in MASTERY_STYLES)
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


def report_view(report: Report, language: str) -> Group:
    """Everything the screen shows, as one Rich renderable, in `language`."""
    labels = LABELS[language]
    total = report.total
    facts = [
        mastered_fact(report, language),
        labels["recall_fact"].format(recall=percent(total.recall)),
        labels["week_fact"].format(
            reviews=plural(total.reviews_7d, "review", language),
            time=duration(total.seconds_7d, language),
        ),
        streak_fact(report, language),
    ]
    if report.exam is not None:
        facts += exam_sentences(report.exam, language)
    forecast = [
        (label, count, "dodger_blue2")
        for label, count in zip(forecast_labels(report, language), total.forecast, strict=True)
    ]
    ratings = [(rating_label(r, language), total.ratings[r], RATING_STYLES[r]) for r in RATINGS]
    parts: list[RenderableType] = [
        Text("\n".join(facts)),
        Text(""),
        _heatmap(report, language),
        Text(""),
        _bars(labels["due_days"].format(days=len(forecast)), forecast),
        Text(""),
        _bars(labels["ratings_given"], ratings),
        Text(""),
        _mastery(report, language),
    ]
    for table in report_tables(report, language):
        parts += [Text(""), _table(table)]
    return Group(*parts)


class StatsScreen(CrmcardsScreen):
    # Below MIN_WIDTH columns the wide tables scroll sideways instead of being cut off.
    DEFAULT_CSS = f"""
    StatsScreen VerticalScroll {{ overflow-x: auto; scrollbar-gutter: stable; }}
    #stats {{ padding: 0 2 1 2; min-width: {MIN_WIDTH}; }}
    """
    BINDINGS = [Binding("escape,q", "app.pop_screen", "close", key_display="q")]

    def compose(self) -> ComposeResult:
        yield Static(self.crmcards_app.text["stats"], id="home-title")
        with VerticalScroll():
            yield Static(Text("…", style="dim"), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        workspace, language = self.crmcards_app.workspace, self.crmcards_app.language
        view: RenderableType
        try:
            report = workspace.build_report()
        except CrmcardsError as error:  # a damaged or busy database: say so, do not crash
            view = Text(error.shown(language), style="bold red")
        else:
            view = report_view(report, language)
        self.app.call_from_thread(self._show, view)

    def _show(self, view: RenderableType) -> None:
        """On the UI thread: the worker never queries the DOM (the screen may be gone)."""
        if self.is_attached:
            self.query_one("#stats", Static).update(view)
