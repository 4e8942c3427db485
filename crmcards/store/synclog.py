"""The local side of syncing with the class server: what is still to be sent, and merging what
came back. The server's side is in store.hub.

A rating is unsent (listed in review_unsent) until a sync's server has confirmed it; a retraction
is LOCAL_ONLY until then (then ON_SERVER). Any sync may be sending an unsent rating, so on a
device in a class every undo leaves a Retraction (see tables.CLASS_ID): a rating that may have
reached the server is never silently forgotten. Only what the server confirmed is marked sent,
in the merge's transaction; a failed sync leaves every rating unsent and the next one sends it
again (the server ignores what it has). Reading what to send writes nothing: a class's first
sync sends thousands of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from sqlmodel import Session, col, select

from crmcards.store.meta import meta_value as stored_value
from crmcards.store.meta import meta_values, set_meta
from crmcards.store.repository import Rebuild, Store, apply_replay
from crmcards.store.resets import last_resets, since_reset
from crmcards.store.suspensions import apply_changes
from crmcards.store.tables import (
    CLASS_ID,
    ON_SERVER,
    ItemReset,
    ItemState,
    Retraction,
    ReviewLog,
    SuspensionChange,
)

CLASS_PARAMETERS = "class.parameters"  # FSRS parameters pooled over the class (JSON)
# the server's seq of the last review (retraction, ...) pulled, in the order of Watermarks
PULLED = (
    "class.pulled_reviews",
    "class.pulled_retractions",
    "class.pulled_resets",
    "class.pulled_suspensions",
)
_CHUNK = 5000  # under SQLite's limit of 32766 parameters
T = TypeVar("T")


# The columns of a rating that go to the server, read as SQLite stores them (times as naive UTC
# text): a class's first sync sends thousands, and the server converts faster than Python.
OUTGOING_COLUMNS = (
    "uid",
    "item_id",
    "deck_id",
    "note_key",
    "rating",
    "fsrs_rating",
    "reviewed_at",
    "duration_ms",
    "state_after",
    "after",
)


@dataclass(frozen=True)
class Outgoing:
    reviews: list[tuple[Any, ...]]  # OUTGOING_COLUMNS of each rating to send, oldest first
    through: int  # the highest review_unsent.seq read: confirming marks everything up to it sent
    retractions: list[Retraction]
    resets: list[ItemReset]
    suspensions: list[SuspensionChange]

    @property
    def count(self) -> int:
        return len(self.reviews) + len(self.retractions) + len(self.resets) + len(self.suspensions)


class Watermarks(NamedTuple):
    """The server's seq of the last row of each kind this database has pulled."""

    reviews: int = 0
    retractions: int = 0
    resets: int = 0
    suspensions: int = 0


@dataclass(frozen=True)
class Pulled:
    """The student's rows from the server that this database had not pulled yet."""

    reviews: list[ReviewLog]
    retractions: list[Retraction]
    resets: list[ItemReset]
    suspensions: list[SuspensionChange]
    through: Watermarks  # the watermarks to keep


@dataclass(frozen=True)
class Merged:
    added: int  # ratings from other devices now in the local log
    retracted: int  # ratings undone on another device, now gone from the local log
    items: int  # items whose state was rebuilt


def _chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# A sync's small reads and writes go as plain SQL: every sync is a new process (or Store), whose
# ORM statements would each be compiled afresh, a few milliseconds apiece.


def _meta(session: Session, *keys: str) -> dict[str, str]:
    return meta_values(session.connection(), *keys)


def _set_meta(session: Session, values: dict[str, str]) -> None:
    set_meta(session.connection(), values)


def meta_value(store: Store, key: str) -> str | None:
    with store.reading() as session:
        return stored_value(session.connection(), key)


def watermarks(store: Store) -> Watermarks:
    """The server seqs of the last rows this database has pulled."""
    with store.reading() as session:
        known = _meta(session, *PULLED)
    return Watermarks(*(int(known.get(key) or 0) for key in PULLED))


def set_class(store: Store, class_id: str, parameters: str | None = None) -> None:
    """Remember the class this history belongs to (and its pooled parameters, when fitted)."""
    with store.reading() as session:
        known = _meta(session, CLASS_ID, CLASS_PARAMETERS)
    if known.get(CLASS_ID) == class_id and parameters in (None, known.get(CLASS_PARAMETERS)):
        return  # nothing new: spare the disk a write
    with store.writing() as session:
        _set_meta(
            session,
            {CLASS_ID: class_id, **({} if parameters is None else {CLASS_PARAMETERS: parameters})},
        )
        session.commit()


def claim_unsent(store: Store) -> Outgoing:
    """Every rating and retraction the server has not confirmed, for a sync to send."""
    with store.reading() as session:
        cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:  # the highest seq first: what is read after it is at most what it covers
            (through,) = cursor.execute(
                "SELECT coalesce(max(seq), 0) FROM review_unsent"
            ).fetchone()
            # plain tuples: several times faster than SQLAlchemy's rows, for thousands
            reviews: list[tuple[Any, ...]] = cursor.execute(
                f"SELECT {', '.join(OUTGOING_COLUMNS)} FROM review_unsent"
                " JOIN review_log ON id = review_id WHERE seq <= ? ORDER BY seq",
                (through,),
            ).fetchall()
        finally:
            cursor.close()
        unsent = _unsent_events(session)
        return Outgoing(
            reviews,
            through,
            _unsent(session, Retraction, unsent),
            _unsent(session, ItemReset, unsent),
            _unsent(session, SuspensionChange, unsent),
        )


E = TypeVar("E", Retraction, ItemReset, SuspensionChange)


def _unsent(session: Session, table: type[E], unsent: dict[Any, int]) -> list[E]:
    if not unsent[table]:  # as for most syncs: no query to compile
        return []
    return list(session.exec(select(table).where(col(table.sync) != ON_SERVER)))


_EVENTS = (Retraction, ItemReset, SuspensionChange)


def _unsent_events(session: Session) -> dict[Any, int]:
    """How many retractions, resets and suspension changes the server has not confirmed."""
    counts = session.connection().exec_driver_sql(
        "SELECT "
        + ", ".join(
            f"(SELECT count(*) FROM {table.__tablename__} WHERE sync != {ON_SERVER})"
            for table in _EVENTS
        )
    )
    return dict(zip(_EVENTS, counts.one(), strict=True))


def unsent_count(store: Store) -> int:
    """Ratings, retractions, resets and suspensions the server has not confirmed yet."""
    with store.reading() as session:
        ratings = session.connection().exec_driver_sql("SELECT count(*) FROM review_unsent")
        return int(ratings.scalar_one()) + sum(_unsent_events(session).values())


def confirm_sent(store: Store, sent: Outgoing) -> None:
    """The server has `sent`: mark it so (rows undone or taken over by a later sync meanwhile
    are left alone)."""
    with store.writing() as session:
        _confirm(session, sent)
        session.commit()


def _confirm(session: Session, sent: Outgoing) -> None:
    """Mark what the server received as sent (rows undone meanwhile are gone already)."""
    session.connection().exec_driver_sql(
        "DELETE FROM review_unsent WHERE seq <= ?", (sent.through,)
    )
    for table, rows in (
        ("review_retraction", sent.retractions),
        ("item_reset", sent.resets),
        ("suspension_change", sent.suspensions),
    ):
        for chunk in _chunks([row.uid for row in rows]):
            session.connection().exec_driver_sql(
                f"UPDATE {table} SET sync = {ON_SERVER}"
                f" WHERE uid IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            )


def _present(session: Session, key: Any, uids: Sequence[str]) -> set[str]:
    """Those of `uids` the uid column `key` holds already."""
    present: set[str] = set()
    for chunk in _chunks(uids):
        present.update(session.exec(select(key).where(key.in_(chunk))))
    return present


def merge_pulled(
    store: Store, pulled: Pulled, rebuild: Rebuild, *, sent: Outgoing | None = None
) -> Merged:
    """Add the student's ratings, resets and suspensions from their other devices, drop the
    ratings undone there, rebuild the state of every item whose log (or reset) changed,
    remember how far the pull got and confirm what the server received (`sent`): one
    transaction, so an interrupted merge leaves nothing half done (and a sync costs the disk
    one write less)."""
    reviews, retractions = pulled.reviews, pulled.retractions
    nothing_new = not (reviews or retractions or pulled.resets or pulled.suspensions)
    nothing_sent = sent is None or not sent.count
    if nothing_new and nothing_sent and watermarks(store) == pulled.through:
        return Merged(added=0, retracted=0, items=0)  # nothing new: spare the disk a write
    with store.writing() as session:
        if sent is not None:
            _confirm(session, sent)
        known_retractions = (
            set(session.exec(select(Retraction.review_uid))) if reviews or retractions else set()
        )
        new_retractions = [r for r in retractions if r.review_uid not in known_retractions]
        retracted = known_retractions | {r.review_uid for r in new_retractions}
        candidates = [r for r in reviews if r.uid not in retracted]
        present = _present(session, col(ReviewLog.uid), [r.uid for r in candidates])
        added = [r for r in candidates if r.uid not in present]
        affected = {r.item_id for r in added}
        session.add_all(added)
        session.flush()
        _sent(session, [r.id for r in added if r.id is not None])  # they came from the server
        dropped = 0
        for retraction in new_retractions:
            retraction.sync = ON_SERVER
            session.add(retraction)
            gone = session.exec(
                select(ReviewLog).where(col(ReviewLog.uid) == retraction.review_uid)
            ).first()
            if gone is not None:
                affected.add(gone.item_id)
                session.delete(gone)
                dropped += 1
        present = _present(session, col(ItemReset.uid), [r.uid for r in pulled.resets])
        for reset in pulled.resets:
            if reset.uid not in present:
                reset.sync = ON_SERVER
                session.add(reset)
                affected.add(reset.item_id)
        session.flush()
        rebuild_items(session, sorted(affected), rebuild)
        present = _present(session, col(SuspensionChange.uid), [c.uid for c in pulled.suspensions])
        changes = [c for c in pulled.suspensions if c.uid not in present]
        for change in changes:
            change.sync = ON_SERVER
        apply_changes(session, changes)
        _set_meta(session, {key: str(seq) for key, seq in zip(PULLED, pulled.through, strict=True)})
        session.commit()
        return Merged(added=len(added), retracted=dropped, items=len(affected))


def _sent(session: Session, review_ids: Sequence[int]) -> None:
    for chunk in _chunks(review_ids):
        session.connection().exec_driver_sql(
            f"DELETE FROM review_unsent WHERE review_id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        )


def rebuild_items(session: Session, item_ids: Sequence[str], rebuild: Rebuild) -> None:
    """Each item's state rebuilt from its log since its last reset (deleted when no rating is
    left)."""
    for chunk in _chunks(item_ids):
        logs: dict[str, list[ReviewLog]] = defaultdict(list)
        for log in session.exec(select(ReviewLog).where(col(ReviewLog.item_id).in_(chunk))):
            logs[log.item_id].append(log)
        # read the chunk's rows at once, so that apply_replay finds them in the session
        list(session.exec(select(ItemState).where(col(ItemState.item_id).in_(chunk))))
        resets = last_resets(session, chunk)
        for item_id in chunk:
            apply_replay(session, item_id, since_reset(logs[item_id], resets.get(item_id)), rebuild)
