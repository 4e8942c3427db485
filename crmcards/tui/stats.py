"""The statistics screen: the progress report's figures and statistics as terminal charts.

It shows the same Report, statistics and tables as `crmcards report`, for one deck (or all) and
one period at a time (keys d and p). The report is computed in a worker thread, so a long history
does not freeze the screen; drawing it (again after a resize or another choice) is cheap and
happens on the UI thread, as wide as the screen is: nothing scrolls sideways, from 80 columns
up. Deck text always goes in as Text, never as a string, which Rich would read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

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
from crmcards.services.exam_plan import PlanStopped
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.statistics import PERIODS, STAGES, DeckStatistics, Stages, StudyDay
from crmcards.services.report.tables import (
    CARD_STAGES,
    Table,
    bucket_labels,
    duration,
    exam_sentences,
    exam_table,
    flags_table,
    hardest_table,
    heat_days,
    heat_legend,
    heat_levels,
    heat_weeks,
    mastered_fact,
    percent,
    period_names,
    plural,
    rating_label,
    statistics_tables,
    streak_fact,
)
from crmcards.tui.screen import CrmcardsScreen, worker_cancelled
from crmcards.tui.styles import RATING_STYLES

HEAT_STYLES = ("grey30", "green4", "green3", "green1", "bold bright_green")
STAGE_STYLES = dict(zip(STAGES, ("dodger_blue2", "green3", "red3"), strict=True))
CARD_STYLES = ("grey50", "dodger_blue2", "red3", "pale_green3", "green4", "gold3")
DISTRIBUTION_STYLE = "medium_purple"
CHART_HEIGHT = 6  # rows of a column chart
TEXT_MIN_WIDTH = 12
# A text column is at least as wide as its longest word, up to this; a column of deck titles
# up to DECK_WORD, so no deck title breaks mid-word.
MAX_WORD = 20
DECK_WORD = 40
DEFAULT_PERIOD = "30d"
MASTERY_STYLES = (
    ("part_mastered", "green"),
    ("part_studying", "dodger_blue2"),
    ("part_new", "grey42"),
)


def _title(text: str) -> Text:
    return Text(text, style="bold")


def _bar(count: float, most: float, width: int, style: str) -> Text:
    return Text("█" * round(width * count / most) if most else "", style=style)


def _bars(title: str, rows: Sequence[tuple[str, int, str]], width: int) -> RichTable:
    """A horizontal bar chart: a (label, count, style) row per bar, as wide as `width`."""
    chart = RichTable(
        title=title, title_justify="left", title_style="bold", show_header=False, box=None
    )
    most = max((count for _, count, _ in rows), default=0)
    label_width = max((len(label) for label, _, _ in rows), default=0)
    room = max(8, width - label_width - len(str(most)) - 6)  # 2 columns of padding each
    for label, count, style in rows:
        chart.add_row(
            Text(label), Text(str(count), justify="right"), _bar(count, most, room, style)
        )
    return chart


def _columns(
    title: str,
    columns: Sequence[Sequence[tuple[float, str]]],
    width: int,
    *,
    axis: str = "{:g}",
    top: float | None = None,
    below: Sequence[Text] = (),
) -> Group:
    """A vertical bar per column, its (value, style) parts stacked, CHART_HEIGHT rows high, each
    column as wide as fits in `width`; the top of the axis on the left, `below` under it."""
    totals = [sum(value for value, _ in column) for column in columns]
    top = top or max(totals, default=0) or 1
    axis_width = max(len(axis.format(top)), 1)
    pitch = max(1, min(3, (width - axis_width - 2) // max(len(columns), 1)))
    lines = [_title(title)]
    for row in range(CHART_HEIGHT):
        level = top * (CHART_HEIGHT - row - 0.5) / CHART_HEIGHT  # the middle of this row
        label = axis.format(top) if row == 0 else "0" if row == CHART_HEIGHT - 1 else ""
        line = Text(f"{label:>{axis_width}} │")
        for column in columns:
            reached, style = 0.0, ""
            for value, part_style in column:
                reached += value
                if reached >= level and value:
                    style = part_style
                    break
            cell = "█" * max(1, pitch - 1) + " " * (pitch > 1)
            line.append(cell if style else " " * pitch, style=style or None)
        lines.append(line)
    lines += [Text(" " * (axis_width + 2)) + text for text in below]
    return Group(*lines)


def _legend(entries: Sequence[tuple[str, str]]) -> Text:
    legend = Text()
    for name, style in entries:
        legend.append("█ ", style=style)
        legend.append(f"{name}   ")
    return legend


def _heatmap(report: Report, deck: str, language: str, width: int) -> Group:
    """Reviews per day of `deck` (all with it empty) from the first study day's week up to today
    (as many weeks as fit)."""
    labels = LABELS[language]
    statistics = report.statistics_of(deck)
    if statistics is None:  # a report without statistics: the days of all decks
        reviews = {day.date: day.reviews for day in report.days}
    else:
        reviews = {day.date: day.reviews.total for day in statistics.days}
    first = min(reviews, default=None)
    weeks = heat_weeks(first, report.study_day, most=max(1, (width - 4) // 2))
    days = heat_days(report.study_day, weeks)
    levels = dict(zip(days, heat_levels(reviews, days), strict=True))
    lines = [_title(labels["heatmap_weeks"].format(weeks=plural(weeks, "week", language)))]
    for weekday, name in enumerate(labels["weekdays"].split()):
        line = Text(f"{name:<3} ")
        for day in days[weekday::7]:
            line.append("■ ", style=HEAT_STYLES[levels[day]])
        lines.append(line)
    legend = [
        (text, style)
        for text, style in zip(heat_legend(reviews, days), HEAT_STYLES, strict=True)
        if text
    ]
    lines.append(Text(labels["heat_legend"] + " ") + _legend(legend))
    return Group(*lines)


def _mastery(report: Report, language: str, width: int) -> RichTable:
    labels = LABELS[language]
    chart = RichTable(
        title=labels["mastery_per_deck"],
        title_justify="left",
        title_style="bold",
        show_header=False,
        box=None,
    )
    bar_width = max(10, width // 3)
    chart.add_column(min_width=_longest_word([deck.title for deck in report.decks], DECK_WORD))
    chart.add_column()
    chart.add_column()
    for deck in report.decks:
        parts = (deck.mastered, deck.items - deck.new - deck.mastered, deck.new)
        bar = Text()
        for count, (_, style) in zip(parts, MASTERY_STYLES, strict=True):
            bar.append("█" * round(bar_width * count / (deck.items or 1)), style=style)
        chart.add_row(
            _words(deck.title), bar, labels["deck_recall"].format(recall=percent(deck.recall))
        )
    legend = " ".join(f"[{style}]█[/] {labels[name]}" for name, style in MASTERY_STYLES)
    chart.caption, chart.caption_justify = legend, "left"
    return chart


def _words(text: str) -> Text:
    """Text that wraps between words only: a word never breaks in the middle (up to MAX_WORD)."""
    return Text(text, overflow="fold", no_wrap=False)


def _longest_word(cells: Sequence[str], most: int) -> int:
    return min(most, max((len(word) for cell in cells for word in cell.split()), default=0))


def _table(table: Table) -> RenderableType:
    if not table.rows:
        return Group(_title(table.title), Text(table.empty, style="dim"))
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
            cells = [column, *(row[n] for row in table.rows)]
            most = DECK_WORD if n == table.deck_column else MAX_WORD
            rich.add_column(column, min_width=max(TEXT_MIN_WIDTH, _longest_word(cells, most)))
        else:  # a heading without spaces (a date) cannot wrap: keep it whole
            rich.add_column(column, justify="right", min_width=0 if " " in column else len(column))
    for n, row in enumerate(table.rows):
        total = table.total_row and n == len(table.rows) - 1
        if total:
            rich.add_section()
        rich.add_row(*map(_words, row), style="bold" if total else None)
    return rich


def _chart_days(
    statistics: DeckStatistics, report: Report, period: str, width: int
) -> list[StudyDay]:
    """The study days a per-day chart of `period` shows: the period's days (at least a week), as
    many as fit in `width`, days without reviews too."""
    span = min(max(statistics.period(period).days, 7), max(7, width - 8))
    by_date = {day.date: day for day in statistics.days}
    dates = [report.study_day - timedelta(days=span - 1 - n) for n in range(span)]
    return [by_date.get(day, StudyDay(day, Stages(), Stages())) for day in dates]


def _day_charts(
    statistics: DeckStatistics, report: Report, period: str, language: str, width: int
) -> list[RenderableType]:
    labels = LABELS[language]
    days = _chart_days(statistics, report, period, width)
    legend = _legend([(labels[f"stage_{stage}"], STAGE_STYLES[stage]) for stage in STAGES])
    first, last = (labels["day_month"].format(day.date) for day in (days[0], days[-1]))
    dates = Text(f"{first} … {last}")

    def stacked(read: str, scale: float) -> list[list[tuple[float, str]]]:
        return [
            [
                (value / scale, STAGE_STYLES[stage])
                for stage, value in zip(STAGES, getattr(day, read).values(), strict=True)
            ]
            for day in days
        ]

    return [
        _columns(
            labels["reviews_by_stage"].format(days=len(days)),
            stacked("reviews", 1),
            width,
            below=[dates, legend],
        ),
        Text(""),
        _columns(
            labels["time_by_stage"].format(days=len(days)),
            stacked("seconds", 60),
            width,
            axis="{:.0f}",
            below=[dates, legend],
        ),
    ]


def _forecast(statistics: DeckStatistics, language: str, width: int) -> Group:
    labels = LABELS[language]
    forecast = statistics.forecast
    columns = [
        [(float(forecast.overdue), "red3")],
        *([(float(count), "dodger_blue2")] for count in forecast.days),
        [(float(forecast.later), "grey50")],
    ]
    summary = Text(
        f"{labels['overdue_bar']} {forecast.overdue} · {labels['today'].lower()} "
        f"{forecast.days[0]} · {labels['later_bar']} {forecast.later}"
    )
    legend = _legend(
        [
            (labels["overdue_bar"], "red3"),
            (labels["due_part"], "dodger_blue2"),
            (labels["later_bar"], "grey50"),
        ]
    )
    title = labels["forecast_long"].format(days=len(forecast.days))
    return _columns(title, columns, width, below=[summary, legend])


def _hours(statistics: DeckStatistics, period: str, language: str, width: int) -> Group:
    labels = LABELS[language]
    hours = statistics.period(period).hours
    columns = [[(100 * (hour.success or 0), "green3")] for hour in hours]
    pitch = max(1, min(3, (width - 6) // 24))
    marks = Text("".join(f"{hour.hour:<{pitch * 3}}" for hour in hours[::3]))
    busiest = max(hours, key=lambda hour: hour.reviews)
    note = Text(
        f"{labels['reviews']}: "
        + " ".join(f"{hour.hour}h {hour.reviews}" for hour in hours if hour.reviews)
        if busiest.reviews
        else labels["no_reviews"]
    )
    names = dict(zip((name for name, _ in PERIODS), period_names(language), strict=True))
    title = labels["hours_chart"].format(period=names[period].lower())
    return _columns(title, columns, width, axis="{:.0f}%", top=100, below=[marks, note])


def _state_charts(statistics: DeckStatistics, language: str, width: int) -> list[RenderableType]:
    labels = LABELS[language]
    cards = [
        (labels[f"cards_{stage}"], getattr(statistics.cards, stage), style)
        for stage, style in zip(CARD_STAGES, CARD_STYLES, strict=True)
    ]
    parts: list[RenderableType] = [_bars(labels["cards_chart"], cards, width)]
    for key, distribution, kind in (
        ("intervals_chart", statistics.intervals, "days"),
        ("stability_chart", statistics.stability, "days"),
        ("difficulty_chart", statistics.difficulty, "difficulty"),
        ("recall_chart", statistics.recall, "recall"),
    ):
        rows = [
            (label, count, DISTRIBUTION_STYLE)
            for label, count in zip(
                bucket_labels(distribution, kind), distribution.counts, strict=True
            )
        ]
        parts += [Text(""), _bars(labels[key], rows, width)]
    return parts


def _facts(report: Report, language: str, exam_pending: bool) -> Text:
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
    elif exam_pending:
        facts.append(labels["exam_pending"])
    return Text("\n".join(facts))


def report_view(
    report: Report,
    language: str,
    *,
    deck: str = "",
    period: str = DEFAULT_PERIOD,
    width: int = 76,
    exam_pending: bool = False,
) -> Group:
    """Everything the screen shows for one deck (all with `deck` empty) and one period (a name
    in PERIODS), in `language`, drawn `width` columns wide; `exam_pending`: the exam readiness
    is still being worked out."""
    labels = LABELS[language]
    statistics = report.statistics_of(deck)
    figures = report.total if not deck else next(d for d in report.decks if d.id == deck)
    ratings = [(rating_label(r, language), figures.ratings[r], RATING_STYLES[r]) for r in RATINGS]
    parts: list[RenderableType] = [
        _facts(report, language, exam_pending),
        Text(""),
        _heatmap(report, deck, language, width),
    ]
    if statistics is not None:
        parts += [Text("")]
        parts += [_table(table) for table in statistics_tables(statistics, language, [period])[:1]]
        parts += [Text(""), *_day_charts(statistics, report, period, language, width)]
        parts += [Text(""), _forecast(statistics, language, width)]
        parts += [Text(""), _hours(statistics, period, language, width)]
        parts += [Text(""), *_state_charts(statistics, language, width)]
    parts += [Text(""), _bars(labels["ratings_given"], ratings, width)]
    if not deck:
        parts += [Text(""), _mastery(report, language, width)]
    tables = [hardest_table(report, deck, language), flags_table(report, language)]
    if report.exam is not None:
        tables.insert(0, exam_table(report.exam, language))
    for table in tables:
        parts += [Text(""), _table(table)]
    return Group(*parts)


class StatsScreen(CrmcardsScreen):
    DEFAULT_CSS = """
    StatsScreen VerticalScroll {
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* from the start: the report never reflows */
        scrollbar-size-vertical: 1;
        scrollbar-background: $panel;
        scrollbar-color: $accent;
    }
    #stats-choice { padding: 0 2; background: $boost; }
    #stats { padding: 0 2 1 2; }
    """
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "close", key_display="q"),
        Binding("d", "next_deck", "stats_deck"),
        Binding("p", "next_period", "stats_period"),
        Binding("down", "scroll('down')", "scroll", key_display="↑↓ PgUp PgDn"),
        Binding("up", "scroll('up')", "scroll", show=False),
        Binding("pagedown", "scroll('page_down')", "scroll", show=False),
        Binding("pageup", "scroll('page_up')", "scroll", show=False),
        Binding("home", "scroll('home')", "scroll", show=False),
        Binding("end", "scroll('end')", "scroll", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.exam_pending = False  # the report has an exam date whose readiness is on its way
        self.deck = ""  # all decks
        self.period = DEFAULT_PERIOD

    def compose(self) -> ComposeResult:
        yield Static(self.crmcards_app.text["stats"], id="home-title")
        yield Static("", id="stats-choice")
        with VerticalScroll(can_focus=False):  # the screen's keys scroll it
            yield Static(Text("…", style="dim"), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """The report's figures first, then, once its exam plan is worked out, the readiness
        (with many thousands of cards the plan takes far longer than all the rest)."""
        workspace = self.crmcards_app.workspace
        try:
            exam = workspace.upcoming_exam()
            report = workspace.build_report(readiness=False)
            self.app.call_from_thread(self._loaded, report, exam_pending=exam is not None)
            if exam is not None:
                ready = workspace.exam_readiness(exam, stop=worker_cancelled())
                self.app.call_from_thread(self._loaded, replace(report, exam=ready))
        except CrmcardsError as error:  # a damaged or busy database: say so, do not crash
            self.app.call_from_thread(self._loaded, error)
        except PlanStopped:  # the screen was closed, or the app quit, meanwhile
            return

    def _loaded(self, report: Report | CrmcardsError, *, exam_pending: bool = False) -> None:
        """On the UI thread: the worker never queries the DOM (the screen may be gone)."""
        if not self.is_attached:
            return
        if isinstance(report, CrmcardsError):
            shown = report.shown(self.crmcards_app.language)
            self.query_one("#stats", Static).update(Text(shown, style="bold red"))
            return
        self.report, self.exam_pending = report, exam_pending
        self._draw()

    def _draw(self) -> None:
        if self.report is None:
            return
        language, text = self.crmcards_app.language, self.crmcards_app.text
        titles = {deck.id: deck.title for deck in self.report.decks}
        names = dict(zip((name for name, _ in PERIODS), period_names(language), strict=True))
        choice = Text()
        choice.append(f"{text['stats_deck']}: ", style="bold")
        choice.append(titles.get(self.deck, text["stats_all_decks"]))
        choice.append(f"  (d)   {text['stats_period']}: ", style="bold")
        choice.append(f"{names[self.period]}  (p)")
        self.query_one("#stats-choice", Static).update(choice)
        width = max(40, self.size.width - 6)  # the padding and the scrollbar
        view = report_view(
            self.report,
            language,
            deck=self.deck,
            period=self.period,
            width=width,
            exam_pending=self.exam_pending,
        )
        self.query_one("#stats", Static).update(view)

    def on_resize(self) -> None:
        self._draw()

    def action_next_deck(self) -> None:
        if self.report is None:
            return
        decks = ["", *(deck.id for deck in self.report.decks)]
        self.deck = decks[(decks.index(self.deck) + 1) % len(decks)]
        self._draw()

    def action_next_period(self) -> None:
        names = [name for name, _ in PERIODS]
        self.period = names[(names.index(self.period) + 1) % len(names)]
        self._draw()

    def action_scroll(self, how: str) -> None:
        scroller = self.query_one(VerticalScroll)
        getattr(scroller, f"scroll_{how}")(animate=False)
