"""The Store: every read and write of scheduling state and the review log goes through here."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from crmcards.store.database import StoreError, describe, open_engine, sqlite_url
from crmcards.store.tables import ItemState, ReviewLog

DB_FILENAME = "crmcards.db"

_STATE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def _snapshot(state: ItemState) -> str:
    values = {name: getattr(state, name) for name in _STATE_FIELDS}
    for name in ("due", "last_review"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    return json.dumps(values)


def _restore(state: ItemState, snapshot: str) -> None:
    values = json.loads(snapshot)
    for name in ("due", "last_review"):
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    for name, value in values.items():
        setattr(state, name, value)


class Store:
    """Scheduling state and review log of one student, in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(write=True)

    @classmethod
    def open(cls, *, home: Path, url: str | None = None) -> Store:
        """The database at `url`, or `crmcards.db` in the data folder `home`."""
        return cls(open_engine(url or sqlite_url(home / DB_FILENAME)))

    def close(self) -> None:
        self.engine.dispose()

    def _read(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _write(self) -> Session:
        return Session(self._writer, expire_on_commit=False)

    def _fail(self, error: SQLAlchemyError) -> StoreError:
        return StoreError(f"{self.engine.url.database or self.engine.url}: {describe(error)}")

    def states(self, item_ids: Iterable[str] | None = None) -> dict[str, ItemState]:
        """The state of every item that has been reviewed (optionally only of `item_ids`)."""
        statement = select(ItemState)
        if item_ids is not None:
            statement = statement.where(col(ItemState.item_id).in_(list(item_ids)))
        try:
            with self._read() as session:
                return {state.item_id: state for state in session.exec(statement)}
        except SQLAlchemyError as error:
            raise self._fail(error) from None

    def record(self, state: ItemState, log: ReviewLog) -> ReviewLog:
        """Store a rating and the item's new state in one durable transaction.

        Returns the stored log entry; its `id` is what `undo` takes.
        """
        try:
            with self._write() as session:
                previous = session.get(ItemState, state.item_id)
                log.previous = None if previous is None else _snapshot(previous)
                session.merge(state)
                session.add(log)
                session.commit()
                return log
        except SQLAlchemyError as error:
            raise self._fail(error) from None

    def undo(self, log_id: int) -> ItemState | None:
        """Remove rating `log_id` and put the item's state back as it was before it.

        Returns the restored state (None when the item is new again).
        """
        try:
            with self._write() as session:
                log = session.get(ReviewLog, log_id)
                if log is None:
                    raise StoreError(f"rating {log_id} is not in the review log")
                state = session.get(ItemState, log.item_id)
                restored: ItemState | None = None
                if log.previous is None:
                    if state is not None:
                        session.delete(state)
                elif state is not None:
                    _restore(state, log.previous)
                    restored = state
                session.delete(log)
                session.commit()
                return restored
        except SQLAlchemyError as error:
            raise self._fail(error) from None

    def logs_since(self, since: datetime) -> list[ReviewLog]:
        statement = (
            select(ReviewLog).where(col(ReviewLog.reviewed_at) >= since).order_by(col(ReviewLog.id))
        )
        try:
            with self._read() as session:
                return list(session.exec(statement))
        except SQLAlchemyError as error:
            raise self._fail(error) from None

    def review_counts(self) -> dict[str, int]:
        """Number of logged reviews per deck id."""
        statement = select(ReviewLog.deck_id, func.count()).group_by(col(ReviewLog.deck_id))
        try:
            with self._read() as session:
                return {deck_id: count for deck_id, count in session.exec(statement)}
        except SQLAlchemyError as error:
            raise self._fail(error) from None
