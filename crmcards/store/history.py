"""The review log summed up for reports, by the database: the log is never loaded row by row.

A report over a million reviews must take about a second. Sorting the whole log to group it is
what costs (seconds on its own), so each query here is answered from an index or groups only a
small part of the log: the reviews of one period, or the failed ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

import sqlalchemy
from sqlalchemy import ColumnElement, Integer, bindparam, case, cast, literal_column
from sqlmodel import col, func, select

from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog


@dataclass(frozen=True)
class Tally:
    """The reviews of one deck with one rating (in some period), and the time they took."""

    deck_id: str
    rating: int
    reviews: int
    duration_ms: int


def first_review(store: Store) -> datetime | None:
    """When the first review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.min(ReviewLog.reviewed_at))).one()


def last_review(store: Store) -> datetime | None:
    """When the last review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.max(ReviewLog.reviewed_at))).one()


def period_tallies(store: Store, bounds: Sequence[datetime], cap_ms: int) -> list[list[Tally]]:
    """For each period from one of `bounds` up to the next: the reviews per deck and rating.

    Each answer's time counts for at most `cap_ms` (a card left open while the student was away
    is not study time). One query a period, each reading only that period's rows through the
    time index.
    """
    reviewed_at = col(ReviewLog.reviewed_at)
    duration = col(ReviewLog.duration_ms)
    statement = (
        select(
            ReviewLog.deck_id,
            ReviewLog.rating,
            func.count(),
            func.sum(case((duration > cap_ms, cap_ms), else_=duration)),
        )
        .where(reviewed_at >= bindparam("since"), reviewed_at < bindparam("until"))
        .group_by(col(ReviewLog.deck_id), col(ReviewLog.rating))
    )
    with store.reading() as session:
        return [
            [
                Tally(deck_id, rating, reviews, milliseconds or 0)  # no durations: NULL
                for deck_id, rating, reviews, milliseconds in session.exec(
                    statement, params={"since": since, "until": until}
                )
            ]
            for since, until in pairwise(bounds)
        ]


@dataclass(frozen=True)
class ReviewTally:
    """Reviews of one deck in one hour with one rating, made in one stage (the FSRS state the
    item was in before the review: 0 new, 1 learning, 2 review, 3 relearning), and the time they
    took. `mature`: of an item in review whose interval before it was MATURE_DAYS or longer."""

    deck_id: str
    hour: datetime  # the hour (UTC) the reviews were made in
    stage: int
    mature: bool
    rating: int
    reviews: int
    duration_ms: int


MATURE_DAYS = 21  # as Anki: a review item whose interval is three weeks or more is mature


def _stage_columns(
    dialect: str,
) -> tuple[ColumnElement[int], ColumnElement[bool], ColumnElement[str]]:
    """The stage before a review, whether it was mature, and its hour as 'YYYY-MM-DD HH' (UTC),
    read from the state snapshot `previous` (JSON; NULL for a new item, and for a log from
    before schema 3, which counts as new)."""
    if dialect == "postgresql":
        state = "(CAST(previous AS json) ->> '{}')"
        days = (
            f"EXTRACT(EPOCH FROM CAST({state.format('due')} AS timestamptz)"
            f" - CAST({state.format('last_review')} AS timestamptz)) / 86400"
        )
        hour = "to_char(reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')"
    else:  # SQLite keeps times as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC
        state = "json_extract(previous, '$.{}')"
        days = f"julianday({state.format('due')}) - julianday({state.format('last_review')})"
        hour = "substr(reviewed_at, 1, 13)"
    stage = cast(literal_column(f"COALESCE({state.format('state')}, 0)"), Integer)
    mature = case((stage == 2, literal_column(f"{days} >= {MATURE_DAYS}")), else_=False)
    return stage, mature, literal_column(hour)


def review_tallies(
    store: Store, bounds: Sequence[datetime], cap_ms: int
) -> list[list[ReviewTally]]:
    """As period_tallies, split further by hour, stage and maturity (the statistics' source).

    Reading the stage parses each review's JSON snapshot, and the grouping sorts each day's rows:
    several seconds for a million reviews (bench/report.py).
    """
    reviewed_at = col(ReviewLog.reviewed_at)
    duration = col(ReviewLog.duration_ms)
    stage, mature, hour = _stage_columns(store.engine.dialect.name)
    statement = (
        sqlalchemy.select(  # sqlmodel's select takes at most four columns
            col(ReviewLog.deck_id),
            hour,
            stage,
            mature,
            col(ReviewLog.rating),
            func.count(),
            func.sum(case((duration > cap_ms, cap_ms), else_=duration)),
        )
        .where(reviewed_at >= bindparam("since"), reviewed_at < bindparam("until"))
        .group_by(col(ReviewLog.deck_id), hour, stage, mature, col(ReviewLog.rating))
    )
    with store.reading() as session:
        return [
            [
                ReviewTally(
                    deck_id,
                    datetime.strptime(hour_text, "%Y-%m-%d %H").replace(tzinfo=UTC),
                    stage_before,
                    bool(is_mature),
                    rating,
                    reviews,
                    milliseconds or 0,
                )
                for deck_id, hour_text, stage_before, is_mature, rating, reviews, milliseconds in (
                    session.execute(statement, {"since": since, "until": until})
                )
            ]
            for since, until in pairwise(bounds)
        ]


def first_reviews(store: Store, bounds: Sequence[datetime]) -> list[datetime | None]:
    """For each period from one of `bounds` up to the next: when its first review was made (one
    look into the time index a period)."""
    reviewed_at = col(ReviewLog.reviewed_at)
    statement = select(func.min(reviewed_at)).where(
        reviewed_at >= bindparam("since"), reviewed_at < bindparam("until")
    )
    with store.reading() as session:
        return [
            session.exec(statement, params={"since": since, "until": until}).one()
            for since, until in pairwise(bounds)
        ]


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
