"""The review log summed up for reports, by the database: the log is never loaded row by row.

A report over a million reviews must take about a second. Sorting the whole log to group it is
what costs (seconds on its own), so each query here is answered from an index, from sums kept as
the log is written (store.review_hours, the counts per item of store.migrations).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import func, select

from crmcards.store.repository import Store
from crmcards.store.review_hours import (
    FIRST_PASSING_RATING,
    TABLE_SUMS,
    HourRow,
    HourTally,
    from_log,
    from_table,
    log_sums,
    refill_for_cap,
    summed_with,
)
from crmcards.store.schema import REVIEW_COUNT_TABLE
from crmcards.store.tables import ReviewLog


def first_review(store: Store) -> datetime | None:
    """When the first review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.min(ReviewLog.reviewed_at))).one()


def last_review(store: Store) -> datetime | None:
    """When the last review in the log was made (read from the time index)."""
    with store.reading() as session:
        return session.exec(select(func.max(ReviewLog.reviewed_at))).one()


def day_tallies(store: Store, bounds: Sequence[datetime], cap_ms: int) -> list[list[HourTally]]:
    """For each period from one of `bounds` up to the next (each an hour or longer): the
    reviews per deck and hour, by stage and rating (what the report and its statistics sum up).

    Each answer's time counts for at most `cap_ms` (a card left open while the student was away
    is not study time). SQLite reads the sums kept per hour (store.review_hours; rebuilt first
    when they were summed with another cap); other databases sum up each period's part of the
    log's time index, which carries every column summed here. Rows are read through the
    store's DB-API cursor, as plain tuples.
    """
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        # read first: a report takes the write lock only to rebuild the sums, so a session
        # committing ratings in another terminal does not hold it up
        with store.reading() as session:
            ready = summed_with(session.connection(), cap_ms)
        if not ready:
            with store.writing() as session:
                refill_for_cap(session.connection(), cap_ms)  # unless another did meanwhile
                session.commit()
    log_sql = store._sql(log_sums(dialect))
    with store._cursor() as cursor:

        def log(since: datetime, until: datetime) -> list[HourRow]:
            times = {"since": store._time(since), "until": store._time(until)}
            cursor.execute(log_sql, {**times, "cap": cap_ms})
            return cursor.fetchall()  # type: ignore[no-any-return]

        def table(first: int, end: int) -> list[HourRow]:
            cursor.execute(TABLE_SUMS, {"first": first, "end": end})
            return cursor.fetchall()  # type: ignore[no-any-return]

        if dialect == "sqlite":
            return from_table(log, table, bounds)
        return from_log(log, bounds)


def item_review_counts(store: Store) -> tuple[Counter[str], Counter[str]]:
    """How often each item was reviewed, and how often failed (rated below
    FIRST_PASSING_RATING): in SQLite from the counts per item its triggers keep
    (store.migrations), elsewhere from the log."""
    if store.engine.dialect.name == "sqlite":
        sql = (
            f"SELECT item_id, sum(reviews), sum(failures) FROM {REVIEW_COUNT_TABLE}"
            " GROUP BY item_id"
        )
    else:
        sql = (
            "SELECT item_id, count(*),"
            f" sum(CASE WHEN rating < {FIRST_PASSING_RATING} THEN 1 ELSE 0 END)"
            " FROM review_log GROUP BY item_id"
        )
    reviews: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    with store._cursor() as cursor:
        cursor.execute(sql)
        for item_id, reviewed, failed in cursor.fetchall():
            reviews[item_id] = reviewed
            if failed:
                failures[item_id] = failed
    return reviews, failures
