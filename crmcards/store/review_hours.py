"""The review log summed up per hour (UTC) and deck, for the reports' figures.

A report sums up every study day since the first review. Grouping the log itself costs seconds
at a million reviews, so in SQLite a table of its own (REVIEW_HOUR_TABLE) keeps the sums,
kept exact by triggers on every insert, delete and change of a rating, whoever writes it (a
study session, an undo, an import, a sync). Other databases sum up the log itself.

An hour in UTC is a fact of each rating that no setting or time zone changes. A study day starts
at 04:00 local time; where the time zone is a whole number of hours off UTC, every study day is
made of whole UTC hours; an hour a day starts in (half an hour off, say) is read from the log.

Each answer's time counts for at most a cap (the settings' answer_seconds_cap). The table keeps
its sums for one cap (meta CAP_KEY); a report asking for another rebuilds it once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import pairwise
from typing import Any, NamedTuple

from sqlalchemy import Connection, text

from crmcards.store.meta import meta_value, set_meta
from crmcards.store.schema import REVIEW_HOUR_TABLE

CAP_KEY = "review_hour.cap_ms"  # meta: the answer-time cap the table's times are summed with
DEFAULT_CAP_MS = 60_000  # the settings' default answer_seconds_cap
MATURE_DAYS = 21  # as Anki: a review item whose interval is three weeks or more is mature
REVIEW_STATE = 2  # fsrs.State.Review (the store does not import the scheduler)
RELEARNING_STATE = 3  # fsrs.State.Relearning
FIRST_PASSING_RATING = 3  # ratings 3-5 pass, 1 and 2 fail (scheduling.ratings.FAILED)
RATINGS = (1, 2, 3, 4, 5)


class HourTally(NamedTuple):
    """The reviews of one deck in one hour (UTC) of a period: per stage the item was in before
    them (tables.stage_before: a new item counts as learning), the time they took, and per
    rating. `mature`: reviews of an item in review whose interval was MATURE_DAYS or longer."""

    deck_id: str
    hour: int  # hours since the period began: 0 in its first hour
    learning: int
    review: int
    relearning: int
    learning_ms: int
    review_ms: int
    relearning_ms: int
    review_passed: int  # of `review`, rated FIRST_PASSING_RATING or higher
    mature: int  # of `review`
    mature_passed: int
    rated_1: int
    rated_2: int
    rated_3: int
    rated_4: int
    rated_5: int


SUMMED = HourTally._fields[2:]


def _summands(row: str, cap: str) -> tuple[str, ...]:
    """What one rating adds to each column of SUMMED, for a log row named `row` ("NEW.", "OLD."
    in a trigger, "" in a query) and each answer's time counted up to `cap` (SQL)."""
    stage = f"{row}state_before"
    stages = (
        f"{stage} NOT IN ({REVIEW_STATE}, {RELEARNING_STATE})",
        f"{stage} = {REVIEW_STATE}",
        f"{stage} = {RELEARNING_STATE}",
    )
    passed = f"{row}rating >= {FIRST_PASSING_RATING}"
    mature = f"{stages[1]} AND coalesce({row}interval_before_s, 0) >= {MATURE_DAYS * 86400}"
    duration = f"coalesce({row}duration_ms, 0)"
    capped = f"CASE WHEN {duration} > {cap} THEN {cap} ELSE {duration} END"

    def count(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    return (
        *map(count, stages),
        *(f"CASE WHEN {condition} THEN {capped} ELSE 0 END" for condition in stages),
        count(f"{stages[1]} AND {passed}"),
        count(mature),
        count(f"{mature} AND {passed}"),
        *(count(f"{row}rating = {rating}") for rating in RATINGS),
    )


# The hour of a rating since 1970-01-01 00:00 UTC; SQLite keeps times as UTC text.
_HOUR = {
    "sqlite": "CAST(strftime('%s', {row}reviewed_at) AS INTEGER) / 3600",
    "postgresql": "CAST(floor(extract(epoch FROM {row}reviewed_at) / 3600) AS BIGINT)",
}
_CAP = f"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{CAP_KEY}')"


def _log_sums(dialect: str, cap: str, where: str) -> str:
    """The log's ratings `where` (SQL) summed up per hour and deck (rows as HourRows)."""
    sums = ", ".join(f"sum({summand})" for summand in _summands("", cap))
    hour = _HOUR.get(dialect, _HOUR["sqlite"]).format(row="")
    return f"SELECT {hour}, deck_id, {sums} FROM review_log {where} GROUP BY 1, 2"


def log_sums(dialect: str) -> str:
    """The query summing up the log's ratings from :since up to :until, each answer's time
    counted up to :cap, per hour and deck."""
    return _log_sums(dialect, ":cap", "WHERE reviewed_at >= :since AND reviewed_at < :until")


TABLE_SUMS = (
    f"SELECT hour, deck_id, {', '.join(SUMMED)} FROM {REVIEW_HOUR_TABLE}"
    " WHERE hour >= :first AND hour < :end ORDER BY hour"
)


def _trigger_sql(row: str, sign: str) -> str:
    """Adds (`sign` "+") or takes away ("-") the rating `row` to/from its hour's sums."""
    hour = _HOUR["sqlite"].format(row=row)
    summands = _summands(row, _CAP)
    if sign == "+":
        columns = ", ".join(SUMMED)
        updates = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUMMED)
        return (
            f"INSERT INTO {REVIEW_HOUR_TABLE} (hour, deck_id, {columns})"
            f" VALUES ({hour}, {row}deck_id, {', '.join(summands)})"
            f" ON CONFLICT (hour, deck_id) DO UPDATE SET {updates};"
        )
    updates = ", ".join(f"{c} = {c} - ({s})" for c, s in zip(SUMMED, summands, strict=True))
    where = f"hour = {hour} AND deck_id = {row}deck_id"
    return (
        f"UPDATE {REVIEW_HOUR_TABLE} SET {updates} WHERE {where};"
        f" DELETE FROM {REVIEW_HOUR_TABLE} WHERE {where} AND learning + review + relearning <= 0;"
    )


_TALLIED_COLUMNS = "reviewed_at, deck_id, state_before, interval_before_s, rating, duration_ms"
REVIEW_HOUR_SCHEMA = (
    f"CREATE TABLE {REVIEW_HOUR_TABLE} (hour INTEGER NOT NULL, deck_id VARCHAR(100) NOT NULL,"
    f" {', '.join(f'{c} INTEGER NOT NULL' for c in SUMMED)},"
    " PRIMARY KEY (hour, deck_id)) WITHOUT ROWID",
    "CREATE TRIGGER review_hour_added AFTER INSERT ON review_log"
    f" BEGIN {_trigger_sql('NEW.', '+')} END",
    "CREATE TRIGGER review_hour_removed AFTER DELETE ON review_log"
    f" BEGIN {_trigger_sql('OLD.', '-')} END",
    f"CREATE TRIGGER review_hour_changed AFTER UPDATE OF {_TALLIED_COLUMNS} ON review_log"
    f" BEGIN {_trigger_sql('OLD.', '-')} {_trigger_sql('NEW.', '+')} END",
)


def create_review_hours(connection: Connection) -> None:
    """Makes the table and its triggers (SQLite) and fills it from the log, with the default
    cap."""
    for statement in REVIEW_HOUR_SCHEMA:
        connection.execute(text(statement))
    _fill(connection, DEFAULT_CAP_MS)


def _fill(connection: Connection, cap_ms: int) -> None:
    """(Re)fills the table from the whole log, each answer's time counted up to `cap_ms`."""
    set_meta(connection, {CAP_KEY: str(cap_ms)})
    connection.execute(text(f"DELETE FROM {REVIEW_HOUR_TABLE}"))
    select = _log_sums("sqlite", _CAP, "")
    connection.execute(
        text(f"INSERT INTO {REVIEW_HOUR_TABLE} (hour, deck_id, {', '.join(SUMMED)}) {select}")
    )


def summed_with(connection: Connection, cap_ms: int) -> bool:
    """Whether the table's times are summed with `cap_ms`."""
    return meta_value(connection, CAP_KEY) == str(cap_ms)


def refill_for_cap(connection: Connection, cap_ms: int) -> None:
    """Makes sure the table's times are summed with `cap_ms`: rebuilt when they are not."""
    if not summed_with(connection, cap_ms):
        _fill(connection, cap_ms)


def _epoch_hour(moment: datetime) -> tuple[int, bool]:
    """The hour since 1970 (UTC) `moment` falls in, and whether it starts that hour."""
    hour, rest = divmod(moment.timestamp(), 3600)
    return int(hour), rest == 0


HourRow = Sequence[Any]  # (hour since 1970 UTC, deck id, *SUMMED)
LogReads = Callable[[datetime, datetime], Iterable[HourRow]]  # the log's sums, since-until
TableReads = Callable[[int, int], Iterable[HourRow]]  # the table's, first hour up to an end


def _tallies(rows: Iterable[HourRow], first_hour: int) -> list[HourTally]:
    return [HourTally(row[1], row[0] - first_hour, *row[2:]) for row in rows]


def from_log(log: LogReads, bounds: Sequence[datetime]) -> list[list[HourTally]]:
    """For each period from one of `bounds` up to the next: its sums, from the log."""
    return [_tallies(log(since, until), _epoch_hour(since)[0]) for since, until in pairwise(bounds)]


def from_table(
    log: LogReads, table: TableReads, bounds: Sequence[datetime]
) -> list[list[HourTally]]:
    """from_log, read from the table: each period's whole hours from the table, an hour a
    bound falls inside of from the log, split at the bound (periods last an hour or longer)."""
    if len(bounds) < 2:
        return []
    hours = [_epoch_hour(bound) for bound in bounds]
    periods: list[list[HourTally]] = [[] for _ in bounds[1:]]
    split = {hour for hour, whole in hours if not whole}
    period = 0
    for row in table(hours[0][0], hours[-1][0] + (not hours[-1][1])):
        hour = row[0]
        if hour in split:
            continue
        while hours[period + 1][0] <= hour:
            period += 1
        periods[period].append(HourTally(row[1], hour - hours[period][0], *row[2:]))
    for n, (hour, whole) in enumerate(hours):
        if whole:
            continue
        zone = bounds[n].tzinfo
        if n > 0:  # the part of the hour before the bound belongs to the period before
            since = max(bounds[n - 1], datetime.fromtimestamp(hour * 3600, zone))
            periods[n - 1].extend(_tallies(log(since, bounds[n]), hours[n - 1][0]))
        if n < len(periods):  # the part from the bound on to its own period
            until = min(bounds[n + 1], datetime.fromtimestamp((hour + 1) * 3600, zone))
            periods[n].extend(_tallies(log(bounds[n], until), hour))
    return periods
