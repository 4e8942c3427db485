"""The review log summed up for reports, by the database: the log is never loaded row by row.

A report over a million reviews must take about a second. Sorting the whole log to group it is
what costs (seconds on its own), so each query here is answered from an index or groups only a
small part of the log: the reviews of one period, or the failed ones. The statistics' tally of a
period reads the log's time index alone: it carries each review's deck, stage (the columns
state_before and interval_before_s, schema 9), rating and duration.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import NamedTuple

from sqlmodel import col, func, select

from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog


class Tally(NamedTuple):
    """The reviews of one deck in one hour (UTC) of a period, with one rating, made in one stage
    (the item's state before them, tables.stage_before: 0 new, 1 learning, 2 review,
    3 relearning), and the time they took. `mature`: of an item in review whose interval was
    MATURE_DAYS or longer."""

    deck_id: str
    hour: int  # hours since the period began: 0 in its first hour
    stage: int
    mature: bool
    rating: int
    reviews: int
    duration_ms: int


MATURE_DAYS = 21  # as Anki: a review item whose interval is three weeks or more is mature
REVIEW_STATE = 2  # fsrs.State.Review (the store does not import the scheduler)


def first_review(store: Store) -> datetime | None:
    """When the first review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.min(ReviewLog.reviewed_at))).one()


def last_review(store: Store) -> datetime | None:
    """When the last review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.max(ReviewLog.reviewed_at))).one()


# The hour (UTC) of a review as 'MM-DD HH': read from the time index's column in SQLite, which
# keeps times as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC; the same text in PostgreSQL.
_HOUR = {
    "postgresql": "to_char(reviewed_at AT TIME ZONE 'UTC', 'MM-DD HH24')",
    "sqlite": "substr(reviewed_at, 6, 8)",
}
_TALLIES = """SELECT deck_id, {hour}, state_before, {mature}, rating, count(*),
 sum(CASE WHEN duration_ms > :cap THEN :cap ELSE duration_ms END)
 FROM review_log WHERE reviewed_at >= :since AND reviewed_at < :until
 GROUP BY deck_id, {hour}, state_before, {mature}, rating"""
_MATURE = f"(state_before = {REVIEW_STATE} AND coalesce(interval_before_s, 0) >= {{}})"


def _hours(since: datetime, until: datetime) -> dict[str, int]:
    """The hours from `since` up to `until` (less than a year), by their 'MM-DD HH' in UTC:
    0 for the first."""
    first = since.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    count = math.ceil((until - first) / timedelta(hours=1))
    return {(first + timedelta(hours=n)).strftime("%m-%d %H"): n for n in range(count)}


def day_tallies(store: Store, bounds: Sequence[datetime], cap_ms: int) -> list[list[Tally]]:
    """For each period from one of `bounds` up to the next (each less than a year): the reviews
    per deck, hour, stage and rating (what the report and its statistics sum up).

    Each answer's time counts for at most `cap_ms` (a card left open while the student was away
    is not study time). One query a period, each reading that period's part of the log's time
    index alone, which carries every column summed here; the rows are read through the
    store's DB-API cursor, as plain tuples (a million reviews are a quarter of a million
    tallies).
    """
    dialect = store.engine.dialect.name
    sql = store._sql(
        _TALLIES.format(
            hour=_HOUR.get(dialect, _HOUR["sqlite"]), mature=_MATURE.format(MATURE_DAYS * 86400)
        )
    )
    tallies = []
    with store._cursor() as cursor:
        for since, until in pairwise(bounds):
            hours = _hours(since, until)
            cursor.execute(
                sql, {"since": store._time(since), "until": store._time(until), "cap": cap_ms}
            )
            tallies.append(
                [
                    Tally(deck, hours[hour], stage, bool(mature), rating, reviews, ms or 0)
                    for deck, hour, stage, mature, rating, reviews, ms in cursor.fetchall()
                ]
            )
    return tallies


def item_review_counts(store: Store) -> Counter[str]:
    """How often each item was reviewed (counted in the item index alone)."""
    statement = select(ReviewLog.item_id, func.count()).group_by(col(ReviewLog.item_id))
    with store.reading() as session:
        return Counter(dict(session.exec(statement).all()))


def item_rating_counts(store: Store, ratings: Collection[int]) -> Counter[str]:
    """How often each item was given one of `ratings`."""
    statement = (
        select(ReviewLog.item_id, func.count())
        .where(col(ReviewLog.rating).in_(list(ratings)))
        # Rating first: grouped by item first, SQLite walks the item index and looks up every
        # row of the log; this way it reads the log once and sorts only the rows asked for.
        .group_by(col(ReviewLog.rating), col(ReviewLog.item_id))
    )
    counts: Counter[str] = Counter()
    with store.reading() as session:
        for item_id, count in session.exec(statement):
            counts[item_id] += count
    return counts
