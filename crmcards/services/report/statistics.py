"""The statistics of a report, as Anki's statistics screen shows them and more, per deck.

Computed once here; the HTML, the JSON and the statistics screen each draw them. The review log
reaches this module already summed up by the database (store.history.day_tallies: per study
day, deck and hour, by stage and rating), so a million reviews are tens of thousands of tallies.

- True retention: of the reviews of items in review (not learning or relearning), how many
  passed (rated 3 or higher), young (interval under 21 days) and mature apart, per period.
- Reviews and time per study day, by the stage the item was in: learning (a new item's first
  review counts as learning), review, relearning.
- Success by hour of the day (local time), average time per review, days studied of the days
  a period spans.
- Items by stage (new, learning, relearning, young, mature, suspended), distributions of
  intervals, stability, difficulty and predicted recall, and a forecast that keeps overdue
  items (services.backlog) apart from what falls due, a month ahead and beyond.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from crmcards.schedule import Schedule
from crmcards.scheduling.mastery import REVIEW_STATE
from crmcards.scheduling.planner import LEARNING_STATES
from crmcards.scheduling.ratings import FAILED, RATINGS
from crmcards.services.report.days import day_start, study_date
from crmcards.store.review_hours import MATURE_DAYS, HourTally

if TYPE_CHECKING:
    from crmcards.store.hub_report import StageTally

RELEARNING_STATE = 3  # fsrs.State.Relearning
STAGES = ("learning", "review", "relearning")
# (name, study days it spans, today included); "all" spans every day since the first review
PERIODS: tuple[tuple[str, int | None], ...] = (("today", 1), ("7d", 7), ("30d", 30), ("all", None))
LONG_FORECAST_DAYS = 31  # today and the next 30 days, one by one; later ones in one figure
# lower bounds of the buckets of each distribution (the last bucket has no upper bound)
DAY_EDGES = (0.0, 1.0, 2.0, 3.0, 7.0, 14.0, 21.0, 30.0, 60.0, 90.0, 180.0, 365.0)
DIFFICULTY_EDGES = tuple(float(n) for n in range(1, 10))  # FSRS difficulty runs from 1 to 10
RECALL_EDGES = tuple(n / 10 for n in range(10))


@dataclass(frozen=True)
class Stages:
    """A figure split by the stage an item was in when it was reviewed."""

    learning: int = 0
    review: int = 0
    relearning: int = 0

    @property
    def total(self) -> int:
        return self.learning + self.review + self.relearning

    def values(self) -> tuple[int, int, int]:
        """In the order of STAGES."""
        return self.learning, self.review, self.relearning


@dataclass(frozen=True)
class StudyDay:
    date: date
    reviews: Stages
    seconds: Stages  # each answer counted up to the report's answer_seconds_cap


@dataclass(frozen=True)
class Retention:
    """True retention: reviews of items in review, and how many of them passed (rated 3-5)."""

    young_reviews: int
    young_passed: int
    mature_reviews: int
    mature_passed: int

    @property
    def young(self) -> float | None:
        return _rate(self.young_passed, self.young_reviews)

    @property
    def mature(self) -> float | None:
        return _rate(self.mature_passed, self.mature_reviews)

    @property
    def total(self) -> float | None:
        return _rate(
            self.young_passed + self.mature_passed, self.young_reviews + self.mature_reviews
        )


@dataclass(frozen=True)
class Hour:
    """The reviews made in one hour of the day (local time), on any day of a period."""

    hour: int  # 0-23
    reviews: int
    passed: int  # rated 3-5

    @property
    def success(self) -> float | None:
        return _rate(self.passed, self.reviews)


@dataclass(frozen=True)
class Period:
    period: str  # a name in PERIODS
    days: int  # study days the period spans
    days_studied: int  # of those, the days with a review
    reviews: Stages
    seconds: Stages
    retention: Retention
    hours: tuple[Hour, ...]  # every hour of the day, 0 first

    @property
    def seconds_per_review(self) -> float | None:
        return self.seconds.total / self.reviews.total if self.reviews.total else None


@dataclass(frozen=True)
class CardCounts:
    """Items by stage now; a suspended item counts as suspended only."""

    new: int
    learning: int
    relearning: int
    young: int  # in review, interval under MATURE_DAYS
    mature: int
    suspended: int


@dataclass(frozen=True)
class Distribution:
    """How many items have a value in each bucket: from edges[n] up to edges[n + 1]."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Forecast:
    overdue: int  # could have been studied on an earlier day and were not (services.backlog)
    days: tuple[int, ...]  # the others due on each of the next LONG_FORECAST_DAYS days, today first
    later: int  # due after those days


@dataclass(frozen=True)
class DeckStatistics:
    """The statistics of one deck, or of all decks together (then `deck` is empty)."""

    deck: str
    cards: CardCounts
    periods: tuple[Period, ...]  # in the order of PERIODS
    days: tuple[StudyDay, ...]  # every study day with reviews, oldest first
    forecast: Forecast
    intervals: Distribution  # days between the last review and the next, items in review
    stability: Distribution  # days, every studied item
    difficulty: Distribution  # 1-10, every studied item
    recall: Distribution  # predicted now, every studied item

    def period(self, name: str) -> Period:
        return next(period for period in self.periods if period.period == name)


@dataclass(frozen=True)
class ItemNow:
    """What the statistics read of one item: its state now and what the report made of it."""

    id: str
    state: Schedule | None
    recall: float
    overdue: bool
    suspended: bool


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def interval_days(state: Schedule) -> float:
    """The days from the last review to the due date (0 without a last review)."""
    if state.last_review is None:
        return 0.0
    return (state.due - state.last_review).total_seconds() / 86400


def _distribution(values: Iterable[float], edges: Sequence[float]) -> Distribution:
    """How many values fall in each bucket: from one edge up to the next (the first also takes
    what is below it, the last what is above)."""
    counts = [0] * len(edges)
    for value in values:
        counts[bisect_right(edges, value, 1) - 1] += 1
    return Distribution(tuple(edges), tuple(counts))


def _cards(items: Sequence[ItemNow]) -> CardCounts:
    counts: Counter[str] = Counter()
    for item in items:
        state = item.state
        if item.suspended:
            counts["suspended"] += 1
        elif state is None:
            counts["new"] += 1
        elif state.state == RELEARNING_STATE:
            counts["relearning"] += 1
        elif state.state in LEARNING_STATES:
            counts["learning"] += 1
        else:
            counts["mature" if interval_days(state) >= MATURE_DAYS else "young"] += 1
    return CardCounts(**{name: counts[name] for name in CardCounts.__dataclass_fields__})


def _forecast(items: Sequence[ItemNow], now: datetime) -> Forecast:
    today = study_date(now)
    days = [0] * LONG_FORECAST_DAYS
    overdue = later = 0
    for item in items:
        if item.state is None or item.suspended:
            continue
        if item.overdue:
            overdue += 1
            continue
        ahead = (study_date(max(item.state.due, now)) - today).days
        if ahead < LONG_FORECAST_DAYS:
            days[ahead] += 1
        else:
            later += 1
    return Forecast(overdue, tuple(days), later)


@dataclass
class DaySums:
    """What the reviews of one deck (or of all) on one study day add up to."""

    reviews: list[int] = field(default_factory=lambda: [0] * len(STAGES))  # in STAGES' order
    milliseconds: list[int] = field(default_factory=lambda: [0] * len(STAGES))
    # young reviews, young passed, mature reviews, mature passed (see Retention)
    retention: list[int] = field(default_factory=lambda: [0] * 4)
    hours: list[int] = field(default_factory=lambda: [0] * 48)  # local hour * 2 + passed
    ratings: list[int] = field(default_factory=lambda: [0] * len(RATINGS))  # 1 first

    def add_hour(self, tally: HourTally, local_hour: int, passing: Sequence[bool]) -> None:
        """Adds the reviews of one hour (`local_hour` * 2 in `hours`); `passing`: whether each
        rating (1 first) passes."""
        stages = (tally.learning, tally.review, tally.relearning)
        times = (tally.learning_ms, tally.review_ms, tally.relearning_ms)
        for n in range(len(STAGES)):
            self.reviews[n] += stages[n]
            self.milliseconds[n] += times[n]
        young, mature = tally.review - tally.mature, tally.mature
        young_passed = tally.review_passed - tally.mature_passed
        for n, value in enumerate((young, young_passed, mature, tally.mature_passed)):
            self.retention[n] += value
        ratings = (tally.rated_1, tally.rated_2, tally.rated_3, tally.rated_4, tally.rated_5)
        passed = 0
        for n, count in enumerate(ratings):
            self.ratings[n] += count
            if passing[n]:
                passed += count
        self.hours[local_hour] += sum(stages) - passed
        self.hours[local_hour + 1] += passed

    def add_stage(self, tally: StageTally) -> None:
        """Adds the reviews of one stage (a class server's sums: no hours, no ratings)."""
        index = STAGE_INDEX.get(tally.stage, 0)
        self.reviews[index] += tally.reviews
        self.milliseconds[index] += tally.milliseconds
        if index == REVIEW:
            self.retention[2 * tally.mature] += tally.reviews
            self.retention[2 * tally.mature + 1] += tally.passed

    def add(self, other: DaySums) -> None:
        for mine, theirs in (
            (self.reviews, other.reviews),
            (self.milliseconds, other.milliseconds),
            (self.retention, other.retention),
            (self.hours, other.hours),
            (self.ratings, other.ratings),
        ):
            for n, value in enumerate(theirs):
                mine[n] += value


def _stage_index(stage: int) -> int:
    if stage == REVIEW_STATE:
        return STAGES.index("review")
    return STAGES.index("relearning" if stage == RELEARNING_STATE else "learning")


STAGE_INDEX = {stage: _stage_index(stage) for stage in range(4)}  # by fsrs.State (0 new)
REVIEW = STAGES.index("review")


def day_sums(
    days: Mapping[date, Sequence[HourTally]], decks: Collection[str]
) -> dict[str, dict[date, DaySums]]:
    """The tallies of each study day summed up per deck of `decks`, and for them all (deck ""):
    what every figure of the log is read from. One pass over the tallies (a million reviews
    make tens of thousands: one per deck and hour), each hour turned into the local hour it
    was."""
    passing = [rating not in FAILED for rating in RATINGS]
    sums: dict[str, dict[date, DaySums]] = {deck: {} for deck in decks}
    every: dict[date, DaySums] = {}
    for day, tallies in days.items():
        begins = day_start(day)
        local = [(begins + timedelta(hours=n)).astimezone().hour * 2 for n in range(26)]
        of_day: dict[str, DaySums] = {}
        for tally in tallies:
            figures = of_day.get(tally.deck_id)
            if figures is None:
                if tally.deck_id not in sums:
                    continue
                figures = of_day[tally.deck_id] = sums[tally.deck_id][day] = DaySums()
            figures.add_hour(tally, local[tally.hour], passing)
        if of_day:
            total = every[day] = DaySums()
            for figures in of_day.values():
                total.add(figures)
    return {**sums, "": every}


def period_of(name: str, first_day: date, today: date, days: Mapping[date, DaySums]) -> Period:
    """The period `name` (in PERIODS) up to `today`; "all" starts on `first_day`."""
    length = dict(PERIODS)[name]
    span = (today - first_day).days + 1 if length is None else length
    since = today - timedelta(days=span - 1)
    total, studied = DaySums(), 0
    for day, sums in days.items():
        if since <= day <= today and any(sums.reviews):
            studied += 1
            total.add(sums)
    return Period(
        period=name,
        days=span,
        days_studied=studied,
        reviews=Stages(*total.reviews),
        seconds=_seconds(total.milliseconds),
        retention=Retention(*total.retention),
        hours=tuple(
            Hour(hour, total.hours[2 * hour] + total.hours[2 * hour + 1], total.hours[2 * hour + 1])
            for hour in range(24)
        ),
    )


def _seconds(milliseconds: Sequence[int]) -> Stages:
    return Stages(*(round(ms / 1000) for ms in milliseconds))


def study_days(days: Mapping[date, DaySums]) -> tuple[StudyDay, ...]:
    """The days with reviews, oldest first."""
    return tuple(
        StudyDay(day, Stages(*sums.reviews), _seconds(sums.milliseconds))
        for day, sums in sorted(days.items())
        if any(sums.reviews)
    )


def deck_statistics(
    deck: str,
    items: Sequence[ItemNow],
    days: Mapping[date, DaySums],
    first_day: date | None,
    now: datetime,
) -> DeckStatistics:
    """The statistics of `items` (one deck's, or all), from the sums of each study day since
    `first_day` (the day of the first review of any deck; None when there is none)."""
    today = study_date(now)
    studied = [item for item in items if item.state is not None]
    in_review = [s for s in (i.state for i in studied) if s and s.state == REVIEW_STATE]
    return DeckStatistics(
        deck=deck,
        cards=_cards(items),
        periods=tuple(period_of(name, first_day or today, today, days) for name, _ in PERIODS),
        days=study_days(days),
        forecast=_forecast(items, now),
        intervals=_distribution(map(interval_days, in_review), DAY_EDGES),
        stability=_distribution((i.state.stability or 0.0 for i in studied if i.state), DAY_EDGES),
        difficulty=_distribution(
            (i.state.difficulty or 1.0 for i in studied if i.state), DIFFICULTY_EDGES
        ),
        recall=_distribution((i.recall for i in studied), RECALL_EDGES),
    )
