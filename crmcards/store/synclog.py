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
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from crmcards.store.repository import Rebuild, Store, apply_replay
from crmcards.store.resets import last_resets, since_reset
from crmcards.store.tables import (
    CLASS_ID,
    ON_SERVER,
    ItemState,
    Meta,
    Retraction,
    ReviewLog,
    UnsentReview,
)

CLASS_PARAMETERS = "class.parameters"  # FSRS parameters pooled over the class (JSON)
PULLED_REVIEWS = "class.pulled_reviews"  # the server's seq of the last review pulled
PULLED_RETRACTIONS = "class.pulled_retractions"
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


@dataclass(frozen=True)
class Merged:
    added: int  # ratings from other devices now in the local log
    retracted: int  # ratings undone on another device, now gone from the local log
    items: int  # items whose state was rebuilt


def _chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return None if row is None else row.value


def meta_value(store: Store, key: str) -> str | None:
    with store.reading() as session:
        return _meta(session, key)


def watermarks(store: Store) -> tuple[int, int]:
    """The server seqs of the last review and retraction this database has pulled."""
    with store.reading() as session:
        return (
            int(_meta(session, PULLED_REVIEWS) or 0),
            int(_meta(session, PULLED_RETRACTIONS) or 0),
        )


def set_class(store: Store, class_id: str, parameters: str | None = None) -> None:
    """Remember the class this history belongs to (and its pooled parameters, when fitted)."""
    known = (meta_value(store, CLASS_ID), meta_value(store, CLASS_PARAMETERS))
    if known == (class_id, parameters) or (known[0] == class_id and parameters is None):
        return  # nothing new: spare the disk a write
    with store.writing() as session:
        session.merge(Meta(key=CLASS_ID, value=class_id))
        if parameters is not None:
            session.merge(Meta(key=CLASS_PARAMETERS, value=parameters))
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
        retractions = list(
            session.exec(select(Retraction).where(col(Retraction.sync) != ON_SERVER))
        )
        return Outgoing(reviews, through, retractions)


def unsent_count(store: Store) -> int:
    """Ratings and retractions the server has not confirmed yet."""
    with store.reading() as session:
        return (
            session.exec(select(func.count()).select_from(UnsentReview)).one()
            + session.exec(
                select(func.count())
                .select_from(Retraction)
                .where(col(Retraction.sync) != ON_SERVER)
            ).one()
        )


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
    for chunk in _chunks([r.uid for r in sent.retractions]):
        session.connection().exec_driver_sql(
            f"UPDATE review_retraction SET sync = {ON_SERVER}"
            f" WHERE uid IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        )


def merge_pulled(
    store: Store,
    reviews: Sequence[ReviewLog],
    retractions: Sequence[Retraction],
    pulled_through: tuple[int, int],
    rebuild: Rebuild,
    *,
    sent: Outgoing | None = None,
) -> Merged:
    """Add the student's ratings from their other devices, drop those undone there, rebuild the
    state of every item whose log changed, remember how far the pull got and confirm what the
    server received (`sent`): one transaction, so an interrupted merge leaves nothing half done
    (and a sync costs the disk one write less)."""
    nothing_sent = sent is None or not (sent.reviews or sent.retractions)
    if not reviews and not retractions and nothing_sent and watermarks(store) == pulled_through:
        return Merged(added=0, retracted=0, items=0)  # nothing new: spare the disk a write
    with store.writing() as session:
        if sent is not None:
            _confirm(session, sent)
        known_retractions = set(session.exec(select(Retraction.review_uid)))
        new_retractions = [r for r in retractions if r.review_uid not in known_retractions]
        retracted = known_retractions | {r.review_uid for r in new_retractions}
        candidates = [r for r in reviews if r.uid not in retracted]
        present: set[str] = set()
        for chunk in _chunks([r.uid for r in candidates]):
            present.update(session.exec(select(ReviewLog.uid).where(col(ReviewLog.uid).in_(chunk))))
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
        session.flush()
        rebuild_items(session, sorted(affected), rebuild)
        session.merge(Meta(key=PULLED_REVIEWS, value=str(pulled_through[0])))
        session.merge(Meta(key=PULLED_RETRACTIONS, value=str(pulled_through[1])))
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
