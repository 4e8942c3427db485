"""The reads of the study history that `status` (where a student stands: overdue, orphans) and
`lint` (the notes' fingerprints) print from, as plain SQL on a DB-API cursor: shared by the Store
and by the plain sqlite3 reader of `store.sqlite_reader`, which answers those commands without
importing SQLAlchemy.

Each read builds no object per row: with 100,000 items, plain tuples are several times faster
than result objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any, NamedTuple

from crmcards.store.schema import REVIEW_COUNT_TABLE

CHUNK = 500  # ids per `IN (...)`, well under every database's limit on parameters
RECENT_REVIEWS = 20_000  # read from the log by time at once; more are looked up note by note


def one_of(column: str, values: Sequence[str]) -> tuple[str, dict[str, str]]:
    """`column IN (...)` for `values` (at most CHUNK), and its parameters."""
    names = {f"{column}{n}": value for n, value in enumerate(values)}
    return f"{column} IN ({', '.join(':' + name for name in names)})", names


def sqlite_time(moment: datetime) -> str:
    """`moment` as SQLAlchemy's SQLite dialect keeps a UTCDateTime (store.tables): naive UTC
    text, microseconds always written, so that text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def sqlite_datetime(text: str) -> datetime:
    """A UTCDateTime as SQLite returns it (naive UTC text), aware: ten times faster than the
    dialect's own parser."""
    return datetime.fromisoformat(f"{text}+00:00")


class ItemMarks(NamedTuple):
    scheduled: set[str]
    due: set[str]
    mastered: set[str]


class DueAt(NamedTuple):
    state: int  # fsrs.State
    due: datetime


class HistoryReads(ABC):
    """What `status` and `lint` read of the schedules and the log. A subclass supplies the
    cursor and the driver's ways with parameters and times."""

    @abstractmethod
    def _cursor(self) -> AbstractContextManager[Any]:
        """A DB-API cursor, in a read transaction."""

    @abstractmethod
    def _sql(self, sql: str) -> str:
        """`sql` with its `:name` parameters in the driver's own style."""

    @abstractmethod
    def _time(self, moment: datetime) -> Any:
        """`moment` as the driver stores it in a UTCDateTime column."""

    @abstractmethod
    def _datetimes(self) -> Callable[[Any], datetime]:
        """Turns a UTCDateTime value as the driver returns it into an aware datetime."""

    @property
    @abstractmethod
    def _counted(self) -> bool:
        """Whether the database keeps per-item review counts (SQLite does)."""

    def item_marks(
        self, now: datetime, *, mastered_state: int, mastered_stability: float
    ) -> ItemMarks:
        """The ids of every scheduled item, of those due at `now` and of the mastered ones, in
        one pass over the schedules that builds no objects. Mastered as
        crmcards.scheduling.mastery defines it: in `mastered_state` with a stability of at
        least `mastered_stability` days."""
        sql = self._sql(
            "SELECT item_id, due <= :now,"
            " state = :mastered_state AND COALESCE(stability, 0) >= :mastered_stability"
            " FROM item_state"
        )
        parameters = {
            "now": self._time(now),
            "mastered_state": mastered_state,
            "mastered_stability": mastered_stability,
        }
        marks = ItemMarks(set(), set(), set())
        scheduled, due, mastered = marks.scheduled.add, marks.due.add, marks.mastered.add
        with self._cursor() as cursor:
            cursor.execute(sql, parameters)
            for item_id, is_due, is_mastered in cursor:
                scheduled(item_id)
                if is_due:
                    due(item_id)
                if is_mastered:
                    mastered(item_id)
        return marks

    def due_before(self, moment: datetime) -> dict[str, DueAt]:
        """The FSRS state and due time of every item due before `moment`, read by the `due`
        index without building an object per item."""
        to_datetime = self._datetimes()
        sql = self._sql("SELECT item_id, state, due FROM item_state WHERE due < :moment")
        with self._cursor() as cursor:
            cursor.execute(sql, {"moment": self._time(moment)})
            return {item_id: DueAt(state, to_datetime(due)) for item_id, state, due in cursor}

    def note_reviews_since(
        self, notes: Collection[str], since: datetime
    ) -> list[tuple[str, datetime]]:
        """(note key, when) of every review of one of `notes` since `since` (overdue asks this
        for thousands of notes). Usually `since` is a few days back: the log since then, read
        along its time index, is small. Otherwise each note is looked up in the log's
        (note_key, reviewed_at) index."""
        wanted = set(notes)
        to_datetime = self._datetimes()
        with self._cursor() as cursor:
            sql = "SELECT note_key, reviewed_at FROM review_log WHERE reviewed_at >= :since"
            cursor.execute(
                self._sql(f"{sql} LIMIT :limit"),
                {"since": self._time(since), "limit": RECENT_REVIEWS + 1},
            )
            rows = cursor.fetchall()
            if len(rows) > RECENT_REVIEWS:
                rows = []
                keys = list(wanted)
                for start in range(0, len(keys), CHUNK):  # stay under SQL parameter limits
                    condition, chunk = one_of("note_key", keys[start : start + CHUNK])
                    cursor.execute(
                        self._sql(f"{sql} AND {condition}"), {"since": self._time(since), **chunk}
                    )
                    rows.extend(cursor)
        return [(key, to_datetime(moment)) for key, moment in rows if key in wanted]

    def first_reviews(self, bounds: Sequence[datetime]) -> list[datetime | None]:
        """For each period from one of `bounds` up to the next: when its first review was made
        (one look into the time index a period; overdue asks this for every day since the
        longest waiting item fell due, which may be hundreds)."""
        to_datetime = self._datetimes()
        sql = self._sql(
            "SELECT min(reviewed_at) FROM review_log"
            " WHERE reviewed_at >= :since AND reviewed_at < :until"
        )
        firsts: list[datetime | None] = []
        with self._cursor() as cursor:
            for since, until in pairwise(bounds):
                cursor.execute(sql, {"since": self._time(since), "until": self._time(until)})
                (first,) = cursor.fetchone()
                firsts.append(None if first is None else to_datetime(first))
        return firsts

    def review_counts(self) -> dict[str, int]:
        """Number of logged reviews per deck id (in SQLite from the per-item counts its
        triggers keep, crmcards.store.migrations, not from the whole log)."""
        if self._counted:
            sql = f"SELECT deck_id, SUM(reviews) FROM {REVIEW_COUNT_TABLE} GROUP BY deck_id"
        else:
            sql = "SELECT deck_id, count(*) FROM review_log GROUP BY deck_id"
        with self._cursor() as cursor:
            cursor.execute(sql)
            return {deck_id: int(count) for deck_id, count in cursor}

    def items_with_history(self, scheduled: set[str] | None = None) -> set[str]:
        """Every item id that has a schedule or a logged rating (`scheduled`: the ids of the
        scheduled items, if already read)."""
        logged = REVIEW_COUNT_TABLE if self._counted else "review_log"
        with self._cursor() as cursor:
            # the items with ratings but no schedule, found by the database (far fewer ids to
            # bring into Python than every item with a rating)
            cursor.execute(f"SELECT item_id FROM {logged} EXCEPT SELECT item_id FROM item_state")
            unscheduled = {item_id for (item_id,) in cursor}
        return (self.scheduled_ids() if scheduled is None else scheduled) | unscheduled

    def scheduled_ids(self) -> set[str]:
        """The ids of every item that has a schedule (the others are new)."""
        with self._cursor() as cursor:
            cursor.execute("SELECT item_id FROM item_state")
            return {item_id for (item_id,) in cursor}

    def suspended_ids(self) -> set[str]:
        """The ids of every suspended card."""
        with self._cursor() as cursor:
            cursor.execute("SELECT item_id FROM item_suspension")
            return {item_id for (item_id,) in cursor}

    def fingerprints(self) -> dict[str, int]:
        """The content fingerprint of every note that has been studied."""
        with self._cursor() as cursor:
            cursor.execute("SELECT note_key, fingerprint FROM note_fingerprint")
            return {note_key: int(fingerprint) for note_key, fingerprint in cursor}
