"""The Store: every read and write of scheduling state and the review log goes through here."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, delete
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from crmcards.locations import Locations
from crmcards.messages import Said
from crmcards.schedule import Review, Schedule
from crmcards.store.checkpoint import Checkpointer
from crmcards.store.database import (
    DatabaseBusy,
    StoreError,
    copy_database,
    describe,
    is_busy,
    open_engine,
    sqlite_path,
    sqlite_url,
)
from crmcards.store.history_reads import (
    CHUNK,
    HistoryReads,
    one_of,
    sqlite_datetime,
    sqlite_time,
)
from crmcards.store.leftovers import lock_for_use
from crmcards.store.lockfile import DatabaseLock
from crmcards.store.queue_reads import QueueReads
from crmcards.store.resets import last_resets, since_reset
from crmcards.store.tables import (
    CLASS_ID,
    ItemReset,
    ItemState,
    Meta,
    NoteFingerprint,
    Retraction,
    ReviewLog,
    UnsentReview,
    UTCDateTime,
    core_table,
    schedule_of,
)


def _same_state(a: Schedule | None, b: Schedule | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.reps, a.last_review) == (b.reps, b.last_review)


def _in_a_class(session: Session) -> bool:
    """Whether this history belongs to a class, whose syncs may be sending any rating."""
    return session.get(Meta, CLASS_ID) is not None


def _is_latest(log: ReviewLog, current: ItemState | None) -> bool:
    """Whether `current` is the state the rating `log` produced (a log from before schema 3
    did not keep that state: it is taken as the latest)."""
    if log.after is None:
        return True
    return _same_state(schedule_of(current), Schedule.from_json(log.after))


Rebuild = Callable[[Sequence[ReviewLog]], Sequence[Review]]
"""The ratings of an item's whole log applied again, oldest first (scheduling.replay, which the
store cannot import); `apply_replay` keeps what they give."""


def apply_replay(
    session: Session, item_id: str, logs: Sequence[ReviewLog], rebuild: Rebuild
) -> ItemState | None:
    """Rebuild item `item_id`'s schedule from its whole log `logs`: each row gets the schedules
    its rating now gives, and the item the last one (its row is deleted when no rating is left).
    Returns the item's row (None when it is new again)."""
    reviews = rebuild(logs)
    by_uid = {log.uid: log for log in logs}
    for review in reviews:
        by_uid[review.uid].set_schedules(review)
    current = session.get(ItemState, item_id)
    if not reviews:
        if current is not None:
            session.delete(current)
        return None
    last = reviews[-1].after
    if current is None:
        first = logs[0]
        current = ItemState.of(item_id, first.deck_id, first.note_key, last)
        session.add(current)
    else:
        current.set_schedule(last)
    return current


SCHEDULE_COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)


def _schedule_in(row: Sequence[Any], read: Callable[[Any], datetime]) -> Schedule:
    """The schedule in the SCHEDULE_COLUMNS of an item_state row (`read` turns the driver's
    times into datetimes)."""
    fields = dict(zip(SCHEDULE_COLUMNS, row, strict=True))
    fields["due"] = read(fields["due"])
    if fields["last_review"] is not None:
        fields["last_review"] = read(fields["last_review"])
    return Schedule(**fields)


# What `Store.record` says to the database, through the DB-API (`:name` parameters, see _sql).
_LOG_COLUMNS = tuple(column.name for column in core_table(ReviewLog).columns if column.name != "id")
_READ_STATE = f"SELECT {', '.join(SCHEDULE_COLUMNS)} FROM item_state WHERE item_id = :item_id"
_INSERT_STATE = (
    f"INSERT INTO item_state (item_id, deck_id, note_key, {', '.join(SCHEDULE_COLUMNS)}) "
    f"VALUES (:item_id, :deck_id, :note_key, {', '.join(f':{n}' for n in SCHEDULE_COLUMNS)})"
)
_UPDATE_STATE = (
    f"UPDATE item_state SET {', '.join(f'{n} = :{n}' for n in SCHEDULE_COLUMNS)} "
    "WHERE item_id = :item_id"
)
_INSERT_LOG = (
    f"INSERT INTO review_log ({', '.join(_LOG_COLUMNS)}) "
    f"VALUES ({', '.join(f':{n}' for n in _LOG_COLUMNS)}) RETURNING id"
)
_UPDATE_FINGERPRINT = (
    "UPDATE note_fingerprint SET fingerprint = :fingerprint, recorded_at = :recorded_at "
    "WHERE note_key = :note_key"
)
_INSERT_FINGERPRINT = (
    "INSERT INTO note_fingerprint (note_key, fingerprint, recorded_at) "
    "VALUES (:note_key, :fingerprint, :recorded_at)"
)


class StaleState(Exception):
    """The item was rated elsewhere after this session read it; `current` is its state now."""

    def __init__(self, current: Schedule | None) -> None:
        super().__init__("the item was rated in another session")
        self.current = current


class Store(HistoryReads):
    """Scheduling state and review log of one student, in one database."""

    def __init__(
        self,
        engine: Engine,
        lock: DatabaseLock | None = None,
        notices: Sequence[Said] = (),
        checkpointer: Checkpointer | None = None,
    ) -> None:
        self.engine = engine
        self._writer = engine.execution_options(write=True)
        self._lock = lock
        self.notices = tuple(notices)  # what opening found and tidied up, to tell the student
        self.checkpointer = checkpointer  # a SQLite file's (see crmcards.store.checkpoint)

    @classmethod
    def open(cls, *, home: Path, url: str | None = None) -> Store:
        """The database at `url`, or `crmcards.db` in the data folder `home`.

        A database file is opened under its lock file (shared; it waits while a restore runs),
        held until `close`. The first program to open it after a crash tidies up first.
        """
        url = url or sqlite_url(Locations(home).database)
        path = sqlite_path(url)
        if path is None:
            return cls(open_engine(url))
        lock, notices = lock_for_use(path)
        try:
            engine = open_engine(url)
        except BaseException:
            lock.release()
            raise
        checkpointer = Checkpointer(path)
        checkpointer.wrote()  # what opening wrote (a migration), or a crash left in the log
        return cls(engine, lock, notices, checkpointer)

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer = None
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; database errors become one clear StoreError."""
        with self._translated_errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock at once (BEGIN IMMEDIATE)."""
        with self._translated_errors(), Session(self._writer, expire_on_commit=False) as session:
            yield session
        if self.checkpointer is not None:
            self.checkpointer.wrote()

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise self._store_error(error) from None

    def _store_error(self, error: Exception) -> StoreError:
        """A database error as one clear StoreError naming the database (DatabaseBusy when it
        is locked)."""
        where = self.engine.url.database or self.engine.url
        kind = DatabaseBusy if is_busy(error) else StoreError
        return kind(Said.of("at", where=where, message=describe(error)))

    def states(self, item_ids: Iterable[str] | None = None) -> dict[str, Schedule]:
        """The schedule of every item that has been reviewed (optionally only of `item_ids`);
        read through the DB-API, without an ORM object per row."""
        to_datetime = self._datetimes()
        sql = f"SELECT item_id, {', '.join(SCHEDULE_COLUMNS)} FROM item_state"
        states: dict[str, Schedule] = {}
        with self._cursor() as cursor:
            if item_ids is None:
                cursor.execute(sql)
                chunks: Iterable[Sequence[Any]] = [cursor]
            else:
                ids = list(item_ids)
                chunks = (
                    self._rows_of(cursor, sql, ids[n : n + CHUNK])
                    for n in range(0, len(ids), CHUNK)
                )
            for rows in chunks:
                for item_id, state, step, stability, difficulty, due, last, reps, lapses in rows:
                    states[item_id] = Schedule(
                        state=state,
                        step=step,
                        stability=stability,
                        difficulty=difficulty,
                        due=to_datetime(due),
                        last_review=None if last is None else to_datetime(last),
                        reps=reps,
                        lapses=lapses,
                    )
        return states

    def _rows_of(self, cursor: Any, sql: str, ids: Sequence[str]) -> Any:
        """`cursor` after `sql` restricted to the items `ids` (at most CHUNK of them)."""
        condition, names = one_of("item_id", ids)
        cursor.execute(self._sql(f"{sql} WHERE {condition}"), names)
        return cursor

    def _datetimes(self) -> Callable[[Any], datetime]:
        """Turns a UTCDateTime value as the driver returns it into an aware datetime."""
        dialect = self.engine.dialect
        if dialect.name == "sqlite":
            return sqlite_datetime
        processor = UTCDateTime().dialect_impl(dialect).result_processor(dialect, None)
        return cast("Callable[[Any], datetime]", processor or (lambda value: value))

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """The DB-API connection, in a read transaction: for reads of many rows, plain tuples
        come back several times faster than through SQLAlchemy's result objects (90,000 rows:
        ~20 ms instead of ~100 ms)."""
        with self.reading() as session, self._driver_errors():
            yield session.connection().connection.dbapi_connection

    @contextmanager
    def _driver_errors(self) -> Iterator[None]:
        """The DB-API's errors as one clear StoreError, as `_translated_errors` does
        SQLAlchemy's (DatabaseBusy when the database is locked)."""
        try:
            yield
        except self.engine.dialect.loaded_dbapi.Error as error:
            raise self._store_error(error) from None

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        """A DB-API cursor (see `_connection`)."""
        with self._connection() as connection:
            cursor = connection.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    @contextmanager
    def queue_reads(self, now: datetime, learning_states: Collection[int]) -> Iterator[QueueReads]:
        """What a session's queue is chosen from at `now`, read as the queue asks for it, in
        one read transaction (see crmcards.store.queue_reads)."""
        with self._connection() as connection:
            yield QueueReads(connection, self._sql, self._time(now), learning_states)

    def _sql(self, sql: str) -> str:
        """`sql` with its `:name` parameters in the driver's own style."""
        if self.engine.dialect.name == "sqlite":  # sqlite3 takes :name as it is
            return sql
        return re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)  # psycopg's %(name)s

    def _time(self, moment: datetime) -> Any:
        """`moment` as the driver stores it in a UTCDateTime column."""
        return self._bind_time()(moment)

    def _bind_time(self) -> Callable[[datetime], Any]:
        """Turns an aware datetime into a UTCDateTime value as the driver stores it."""
        dialect = self.engine.dialect
        if dialect.name == "sqlite":
            return sqlite_time
        processor = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
        return processor or (lambda moment: moment)

    def study_marks(
        self, *, mastered_state: int, mastered_stability: float
    ) -> list[tuple[str, float, int, int, bool]]:
        """For every scheduled item: (item id, due as POSIX seconds, FSRS state, lapses,
        mastered), in one query that builds no objects (for the card browser's index); the
        database turns the times into numbers, which is many times faster than Python."""
        seconds = (
            "(julianday(due) - 2440587.5) * 86400.0"  # SQLite keeps naive UTC text
            if self.engine.dialect.name == "sqlite"
            else "EXTRACT(EPOCH FROM due AT TIME ZONE 'UTC')"
        )
        sql = self._sql(
            f"SELECT item_id, {seconds}, state, lapses,"
            " state = :mastered_state AND COALESCE(stability, 0) >= :mastered_stability"
            " FROM item_state"
        )
        parameters = {"mastered_state": mastered_state, "mastered_stability": mastered_stability}
        with self._cursor() as cursor:
            cursor.execute(sql, parameters)
            return [
                (item_id, float(due), state, lapses, bool(mastered))
                for item_id, due, state, lapses, mastered in cursor
            ]

    def due_entries(self, now: datetime) -> list[tuple[str, str, int]]:
        """(item id, note key, FSRS state) of every item due at `now`, most overdue first (ties
        by item id); read along the `due` index without building an object per item."""
        sql = (
            "SELECT item_id, note_key, state FROM item_state WHERE due <= :now"
            " ORDER BY due, item_id"
        )
        with self._cursor() as cursor:
            cursor.execute(self._sql(sql), {"now": self._time(now)})
            return cursor.fetchall()  # type: ignore[no-any-return]

    def soonest_due(
        self, item_ids: Container[str], *, after: datetime | None = None
    ) -> datetime | None:
        """When the first of `item_ids` falls due (after `after`, if given; None if none has a
        schedule): read along the `due` index, usually no further than its first rows."""
        with self._cursor() as cursor:
            if after is None:
                cursor.execute("SELECT item_id, due FROM item_state ORDER BY due")
            else:
                sql = "SELECT item_id, due FROM item_state WHERE due > :after ORDER BY due"
                cursor.execute(self._sql(sql), {"after": self._time(after)})
            due = next((due for item_id, due in cursor if item_id in item_ids), None)
        return None if due is None else self._datetimes()(due)

    def record(
        self,
        item_id: str,
        deck_id: str,
        note_key: str,
        review: Review,
        *,
        fingerprint: int | None = None,
    ) -> ReviewLog:
        """Store a rating, the item's new schedule and its note's fingerprint in one durable
        transaction. Returns the stored log entry; its `id` is what `undo` takes.

        `review.before` is the schedule the new one was computed from. If another session
        (another terminal) rated the item meanwhile, nothing is stored and StaleState says what
        the item's schedule is now, so the caller can compute again instead of overwriting that
        rating.
        """
        log = ReviewLog.of(item_id, deck_id, note_key, review)
        stored, read = self._bind_time(), self._datetimes()
        # Plain DB-API statements in the session's transaction (BEGIN IMMEDIATE, committed as
        # every write is): a rating is written while the student waits for the next card, and
        # SQLAlchemy's statements cost twice SQLite's own work (the ORM's unit of work more).
        with self.writing() as session, self._driver_errors():
            driver: Any = session.connection().connection.dbapi_connection
            cursor = driver.cursor()
            try:
                cursor.execute(self._sql(_READ_STATE), {"item_id": item_id})
                found = cursor.fetchone()
                current = None if found is None else _schedule_in(found, read)
                if not _same_state(current, review.before):
                    raise StaleState(current)
                after = review.after
                schedule = {name: getattr(after, name) for name in SCHEDULE_COLUMNS}
                schedule["due"] = stored(after.due)
                if after.last_review is not None:
                    schedule["last_review"] = stored(after.last_review)
                key = {"item_id": item_id}
                if current is None:
                    key |= {"deck_id": deck_id, "note_key": note_key}
                cursor.execute(
                    self._sql(_INSERT_STATE if current is None else _UPDATE_STATE),
                    key | schedule,
                )
                values = {name: getattr(log, name) for name in _LOG_COLUMNS}
                values["reviewed_at"] = stored(log.reviewed_at)
                cursor.execute(self._sql(_INSERT_LOG), values)
                log.id = cursor.fetchone()[0]
                if fingerprint is not None:  # as of this review: the latest for its note
                    kept = {
                        "note_key": note_key,
                        "fingerprint": fingerprint,
                        "recorded_at": values["reviewed_at"],
                    }
                    cursor.execute(self._sql(_UPDATE_FINGERPRINT), kept)
                    if not cursor.rowcount:
                        cursor.execute(self._sql(_INSERT_FINGERPRINT), kept)
            finally:
                cursor.close()
            session.commit()
        return log

    def undo(
        self, log_id: int, rebuild: Rebuild | None = None, *, only_if_latest: bool = False
    ) -> Schedule | None:
        """Remove rating `log_id` and put the item's schedule back as it was before it.

        When a sync has meanwhile brought a later rating of the item (from another device), the
        state before the undone one would drop that rating: then `rebuild` replays the item's
        remaining log instead. A rating that a sync has sent (or is sending) to the class server
        is also recorded as a retraction, which the next sync sends: the server keeps the rating
        and learns that it no longer counts. Returns the restored state (None when the item is
        new again).

        `only_if_latest` is for a study session taking back its own last rating: if the item's
        state is no longer the one this rating produced (another window rated the card since),
        nothing is changed and StaleState says what the state is now, as `record` does.
        """
        with self.writing() as session:
            log = session.get(ReviewLog, log_id)
            if log is None:
                raise StoreError(f"rating {log_id} is not in the review log")
            state = session.get(ItemState, log.item_id)
            if only_if_latest and not _is_latest(log, state):
                raise StaleState(schedule_of(state))
            restored = None if state is None else log.schedule_before
            if state is not None:
                if restored is None:
                    session.delete(state)
                else:
                    state.set_schedule(restored)
            if session.get(UnsentReview, log_id) is None or _in_a_class(session):
                session.add(
                    Retraction(
                        review_uid=log.uid, item_id=log.item_id, retracted_at=datetime.now(UTC)
                    )
                )
            session.delete(log)
            if rebuild is not None:
                remaining = since_reset(
                    list(
                        session.exec(select(ReviewLog).where(col(ReviewLog.item_id) == log.item_id))
                    ),
                    last_resets(session, [log.item_id]).get(log.item_id),
                )
                if any((r.reviewed_at, r.uid) > (log.reviewed_at, log.uid) for r in remaining):
                    session.flush()  # the row deleted above is gone before the replay looks
                    restored = schedule_of(apply_replay(session, log.item_id, remaining, rebuild))
            session.commit()
            return restored

    def reset_to_new(self, item_id: str, at: datetime) -> bool:
        """Make an item new again: its schedule goes and the reset is recorded as an event;
        every rating stays in the log. Returns whether the item had a schedule."""
        with self.writing() as session:
            state = session.get(ItemState, item_id)
            if state is not None:
                session.delete(state)
            session.add(ItemReset(item_id=item_id, reset_at=at))
            session.commit()
            return state is not None

    def logs_since(self, since: datetime, until: datetime | None = None) -> list[ReviewLog]:
        """The ratings made from `since` (up to, not including, `until`)."""
        statement = select(ReviewLog).where(col(ReviewLog.reviewed_at) >= since)
        if until is not None:
            statement = statement.where(col(ReviewLog.reviewed_at) < until)
        # by time, so that SQLite reads the reviewed_at index (by id it scans the whole log)
        statement = statement.order_by(col(ReviewLog.reviewed_at), col(ReviewLog.id))
        with self.reading() as session:
            return list(session.exec(statement))

    @property
    def _counted(self) -> bool:
        """Whether the database keeps per-item review counts (SQLite does)."""
        return self.engine.dialect.name == "sqlite"

    def forget(self, item_ids: Iterable[str]) -> int:
        """Delete the schedule and review log of `item_ids`; returns the ratings deleted."""
        ids = list(item_ids)
        with self.writing() as session:
            deleted = 0
            for start in range(0, len(ids), CHUNK):  # stay under SQL parameter limits
                chunk = ids[start : start + CHUNK]
                result = session.execute(delete(ReviewLog).where(col(ReviewLog.item_id).in_(chunk)))
                deleted += cast("CursorResult[Any]", result).rowcount
                session.execute(delete(ItemState).where(col(ItemState.item_id).in_(chunk)))
            remaining_notes = select(ItemState.note_key)
            session.execute(
                delete(NoteFingerprint).where(col(NoteFingerprint.note_key).not_in(remaining_notes))
            )
            session.commit()
            return deleted

    def backup_to(self, target: Path) -> None:
        copy_database(self.engine, target)
