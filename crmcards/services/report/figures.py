"""Every figure of a progress report, computed once from the decks, the store and the time.

The formats (markdown, html, csv, json), the class view and the statistics screen show a Report;
none of them computes a figure of its own. The review log is summed up by the database
(store.history), so a long history costs a second, not memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property, partial

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.schedule import Schedule
from crmcards.scheduling.mastery import is_mastered
from crmcards.scheduling.planner import LEARNING_STATES, Planner
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.backlog import FirstReviews, NoteReviews, overdue
from crmcards.services.exam_plan import Forecast
from crmcards.services.flags import FlagEntry, flags
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.readiness import Readiness, readiness
from crmcards.services.report.statistics import (
    DaySums,
    DeckStatistics,
    ItemNow,
    day_sums,
    deck_statistics,
)
from crmcards.services.settings import Settings
from crmcards.store.history import (
    day_tallies,
    first_review,
    item_review_counts,
    last_review,
)
from crmcards.store.repository import Store
from crmcards.store.review_hours import HourTally

FORECAST_DAYS = 14
WINDOWS = (7, 30)  # study days, today included
HARDEST = 10
HARDEST_PER_DECK = 5


@dataclass(frozen=True)
class ItemFigures:
    id: str
    deck: str
    kind: str
    prompt: str  # as plain text
    state: str  # new, learning (also relearning) or review
    recall: float  # predicted now; 0 for a new item
    mastered: bool  # see crmcards.scheduling.mastery
    reviews: int
    failures: int  # ratings 1 and 2
    due: datetime | None
    overdue: bool  # see services.backlog
    difficulty: float | None  # FSRS difficulty, 1 (easy) to 10 (hard); None for a new item
    last_review: datetime | None


@dataclass(frozen=True)
class DeckFigures:
    """The figures of one deck, or of all decks together (then `id` is empty)."""

    id: str
    title: str
    items: int
    new: int
    learning: int
    review: int
    mastered: int
    recall: float  # mean predicted recall now over all items, a new item counting 0
    overdue: int  # items the student could have studied on an earlier day (services.backlog)
    reviews_7d: int
    reviews_30d: int
    seconds_7d: int
    seconds_30d: int
    ratings: dict[int, int]  # how often each rating 1-5 was given, ever
    forecast: tuple[int, ...]  # items due on each of the next days, today (and overdue) first
    hardest: tuple[str, ...]  # item ids: most failures first, then lowest recall


@dataclass(frozen=True)
class Day:
    date: date
    reviews: int
    seconds: int


@dataclass(frozen=True)
class Report:
    student: str
    generated_at: datetime
    study_day: date
    first_review: datetime | None  # when the student first studied (tells histories apart)
    last_review: datetime | None  # when the student last studied
    answer_seconds_cap: int  # each answer counted as study time for at most this long
    streak: int  # consecutive study days with reviews, ending today or yesterday
    total: DeckFigures
    decks: tuple[DeckFigures, ...]
    days: tuple[Day, ...]  # every study day with reviews, oldest first
    items: tuple[ItemFigures, ...]
    exam: Readiness | None = None
    flags: tuple[FlagEntry, ...] = ()  # cards the student flagged (key f), oldest first
    # all decks first (deck ""), then each deck; empty when the log read does not tell the stage
    # of each review (the class server's)
    statistics: tuple[DeckStatistics, ...] = ()

    @cached_property
    def _by_id(self) -> dict[str, ItemFigures]:
        return {item.id: item for item in self.items}

    def item(self, item_id: str) -> ItemFigures:
        return self._by_id[item_id]

    def statistics_of(self, deck: str) -> DeckStatistics | None:
        """The statistics of one deck, or of all with `deck` empty (None without statistics)."""
        return next((figures for figures in self.statistics if figures.deck == deck), None)


def _state_name(state: Schedule | None) -> str:
    if state is None:
        return "new"
    return "learning" if state.state in LEARNING_STATES else "review"


def _item_figures(
    item: Item,
    prompt: str,
    state: Schedule | None,
    recall: float,
    reviews: int,
    failures: int,
    overdue: bool,
) -> ItemFigures:
    return ItemFigures(
        id=item.id,
        deck=item.deck.id,
        kind=item.kind,
        prompt=prompt,
        state=_state_name(state),
        recall=recall,
        mastered=is_mastered(state),
        reviews=reviews,
        failures=failures,
        due=None if state is None else state.due,
        overdue=overdue,
        difficulty=None if state is None else state.difficulty,
        last_review=None if state is None else state.last_review,
    )


@dataclass
class _Log:
    """The review log summed up per study day, and per deck."""

    days: list[Day] = field(default_factory=list)
    windows: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    ratings: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))


@dataclass(frozen=True)
class History:
    """What a report reads of one student's review log (`read_history`)."""

    states: dict[str, Schedule]
    reviews: Counter[str]  # per item
    failures: Counter[str]  # per item: ratings 1 and 2
    first_review: datetime | None
    last_review: datetime | None
    answer_seconds_cap: int  # each answer counts as study time for at most this long
    # see store.history.day_tallies: per period, deck and hour, by stage and rating, each
    # answer's time counted up to the cap
    day_tallies: Callable[[Sequence[datetime]], list[list[HourTally]]]
    note_reviews: NoteReviews  # see Store.note_reviews_since
    first_reviews: FirstReviews  # see Store.first_reviews
    flags: tuple[FlagEntry, ...] = ()
    # The cards the student set aside (services.suspension): never overdue nor in the exam plan,
    # counted as suspended in the statistics.
    suspended: frozenset[str] = frozenset()


def read_history(store: Store, answer_seconds_cap: int) -> History:
    reviews, failures = item_review_counts(store)
    return History(
        states=store.states(),
        reviews=reviews,
        failures=failures,
        first_review=first_review(store),
        last_review=last_review(store),
        answer_seconds_cap=answer_seconds_cap,
        day_tallies=partial(day_tallies, store, cap_ms=answer_seconds_cap * 1000),
        note_reviews=store.note_reviews_since,
        first_reviews=store.first_reviews,
        flags=tuple(flags(store)),
        suspended=frozenset(store.suspended_ids()),
    )


def _study_days(history: History, today: date) -> tuple[list[date], list[datetime]]:
    """Every study day since the first review, and the moments each begins (and today ends)."""
    first = history.first_review
    if first is None:
        return [], []
    dates = [
        study_date(first) + timedelta(days=n) for n in range((today - study_date(first)).days + 1)
    ]
    return dates, [*map(day_start, dates), day_start(today + timedelta(days=1))]


def _read_log(history: History, today: date) -> dict[date, list[HourTally]]:
    """The tallies of every study day since the first review (store.history.day_tallies)."""
    dates, bounds = _study_days(history, today)
    return dict(zip(dates, history.day_tallies(bounds), strict=True)) if dates else {}


def _sum_up(sums: Mapping[str, Mapping[date, DaySums]], today: date) -> _Log:
    """The log's figures per study day, and per deck, from its sums (statistics.day_sums)."""
    log = _Log()
    for day, every in sorted(sums[""].items()):
        log.days.append(Day(day, sum(every.reviews), round(sum(every.milliseconds) / 1000)))
    for deck, days in sums.items():
        if not deck:
            continue
        for day, figures in days.items():
            for rating, count in zip(RATINGS, figures.ratings, strict=True):
                log.ratings[deck][rating] += count
            for window in WINDOWS:
                if (today - day).days < window:
                    log.windows[deck][f"reviews_{window}d"] += sum(figures.reviews)
                    log.windows[deck][f"ms_{window}d"] += sum(figures.milliseconds)
    return log


def streak(days: Iterable[date], today: date) -> int:
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= timedelta(days=1)
    return count


def _hardest(items: Iterable[ItemFigures], count: int) -> tuple[str, ...]:
    reviewed = sorted((i for i in items if i.reviews), key=lambda i: (-i.failures, i.recall, i.id))
    return tuple(i.id for i in reviewed[:count])


def _deck_figures(
    id: str,
    title: str,
    items: Sequence[ItemFigures],
    ratings: Counter[int],
    window: Counter[str],
    now: datetime,
    hardest: int,
) -> DeckFigures:
    today = study_date(now)
    forecast = [0] * FORECAST_DAYS
    for item in items:
        if item.due is not None:
            ahead = (study_date(max(item.due, now)) - today).days
            if ahead < FORECAST_DAYS:
                forecast[ahead] += 1
    states = Counter(item.state for item in items)
    return DeckFigures(
        id=id,
        title=title,
        items=len(items),
        new=states["new"],
        learning=states["learning"],
        review=states["review"],
        mastered=sum(1 for item in items if item.mastered),
        recall=sum(item.recall for item in items) / len(items) if items else 0.0,
        overdue=sum(1 for item in items if item.overdue),
        reviews_7d=window["reviews_7d"],
        reviews_30d=window["reviews_30d"],
        seconds_7d=round(window["ms_7d"] / 1000),
        seconds_30d=round(window["ms_30d"] / 1000),
        ratings={rating: ratings[rating] for rating in RATINGS},
        forecast=tuple(forecast),
        hardest=_hardest(items, hardest),
    )


def build_report(
    library: Library,
    store: Store,
    now: datetime,
    *,
    planner: Planner,
    settings: Settings = Settings(),
    student: str = "",
    exam: tuple[date, Forecast, float] | None = None,
) -> Report:
    """The report on every deck in `library`; with `exam` (its date, the exam plan's forecast
    from today, services.exam_plan, and the plan's target recall), the readiness for it. The
    settings give the answer-time cap."""
    history = read_history(store, settings.answer_seconds_cap)
    return report_from(library, history, now, planner=planner, student=student, exam=exam)


def report_from(
    library: Library,
    history: History,
    now: datetime,
    *,
    planner: Planner,
    student: str = "",
    exam: tuple[date, Forecast, float] | None = None,
) -> Report:
    """build_report on a History however it was read."""
    states, reviews, failures = history.states, history.reviews, history.failures
    prompts = library.prompts
    today = study_date(now)
    sums = day_sums(_read_log(history, today), [deck.id for deck in library.decks])
    log = _sum_up(sums, today)
    deck_items = [(deck, library.items([deck])) for deck in library.decks]
    studyable = [
        (deck, [i for i in items if i.id not in history.suspended]) for deck, items in deck_items
    ]
    behind = overdue(
        [item.id for _, items in studyable for item in items],
        states,
        history.note_reviews,
        history.first_reviews,
        now,
    )
    decks, everything, now_items = [], [], {}
    for deck, items in deck_items:
        now_items[deck.id] = [
            ItemNow(
                i.id,
                states.get(i.id),
                planner.retrievability(states.get(i.id), now),
                i.id in behind,
                i.id in history.suspended,
            )
            for i in items
        ]
        figures = [
            _item_figures(
                i,
                prompts[i.id],
                now_item.state,
                now_item.recall,
                reviews[i.id],
                failures[i.id],
                now_item.overdue,
            )
            for i, now_item in zip(items, now_items[deck.id], strict=True)
        ]
        everything.extend(figures)
        decks.append(
            _deck_figures(
                deck.id,
                deck.title,
                figures,
                log.ratings[deck.id],
                log.windows[deck.id],
                now,
                HARDEST_PER_DECK,
            )
        )
    total = _deck_figures(
        "",
        "Total",
        everything,
        sum((log.ratings[deck.id] for deck in library.decks), Counter()),
        sum((log.windows[deck.id] for deck in library.decks), Counter()),
        now,
        HARDEST,
    )
    ready = None
    if exam is not None:
        day, plan, target = exam
        ready = readiness(studyable, states, day, plan, now, planner, target)
    return Report(
        student=student,
        generated_at=now,
        study_day=today,
        first_review=history.first_review,
        last_review=history.last_review,
        answer_seconds_cap=history.answer_seconds_cap,
        streak=streak((day.date for day in log.days), today),
        total=total,
        decks=tuple(decks),
        days=tuple(log.days),
        items=tuple(everything),
        exam=ready,
        flags=history.flags,
        statistics=_statistics(sums, now_items, history.first_review, now),
    )


def _statistics(
    sums: Mapping[str, Mapping[date, DaySums]],
    items: dict[str, list[ItemNow]],
    first_review: datetime | None,
    now: datetime,
) -> tuple[DeckStatistics, ...]:
    """All decks' statistics, then each deck's, of `items` (per deck id), from the sums of every
    study day since the first review (statistics.day_sums)."""
    first = None if first_review is None else study_date(first_review)
    everything = [item for deck_items in items.values() for item in deck_items]
    return (
        deck_statistics("", everything, sums[""], first, now),
        *(deck_statistics(deck, items[deck], sums[deck], first, now) for deck in items),
    )
