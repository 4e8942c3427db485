"""A student's sync with the class server: push the local log, pull their own rows back.

Push is `INSERT ... ON CONFLICT DO NOTHING`, so sending a row twice (after a sync that died
half-way) is harmless. Pull reads rows by the server's `seq` after the last one pulled. A sync
holds a lock named after the student's login for its whole transaction, so two of their devices
sync one after the other: the pull sees every row of theirs committed before, and afterwards
every row up to their highest `seq` is either pulled or just pushed, which is the new watermark.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from crmcards.store.hub import SCHEMA, ClassInfo, Hub, class_info
from crmcards.store.tables import Retraction, ReviewLog

PUSH_CHUNK = 5000

_PUSH_REVIEWS = text(
    f"INSERT INTO {SCHEMA}.reviews (uid, item_id, deck_id, note_key, rating, fsrs_rating,"
    " reviewed_at, duration_ms, state, stability, difficulty, due)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:item_id AS text[]),"
    " CAST(:deck_id AS text[]), CAST(:note_key AS text[]), CAST(:rating AS smallint[]),"
    " CAST(:fsrs_rating AS smallint[]), CAST(:reviewed_at AS timestamptz[]),"
    " CAST(:duration_ms AS integer[]), CAST(:state AS smallint[]),"
    " CAST(:stability AS double precision[]), CAST(:difficulty AS double precision[]),"
    " CAST(:due AS timestamptz[]))"
    " ON CONFLICT DO NOTHING"
)
_PUSH_RETRACTIONS = text(
    f"INSERT INTO {SCHEMA}.retractions (uid, review_uid, item_id, retracted_at)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:review_uid AS uuid[]),"
    " CAST(:item_id AS text[]), CAST(:retracted_at AS timestamptz[]))"
    " ON CONFLICT DO NOTHING"
)
_PULL_REVIEWS = text(
    "SELECT seq, uid::text, item_id, deck_id, note_key, rating, fsrs_rating, reviewed_at,"
    f" duration_ms, state FROM {SCHEMA}.reviews WHERE seq > :after ORDER BY seq"
)
_PULL_RETRACTIONS = text(
    "SELECT seq, uid::text, review_uid::text, item_id, retracted_at"
    f" FROM {SCHEMA}.retractions WHERE seq > :after ORDER BY seq"
)


@dataclass(frozen=True)
class Pulled:
    reviews: list[ReviewLog]
    retractions: list[Retraction]
    through: tuple[int, int]  # the last seqs read (the watermarks to keep)


def _after_fields(log: ReviewLog) -> dict[str, Any]:
    """The state a rating led to, as the server stores it."""
    after = json.loads(log.after) if log.after else {}
    due = after.get("due")
    return {
        "state": after.get("state", log.state_after),
        "stability": after.get("stability"),
        "difficulty": after.get("difficulty"),
        "due": datetime.fromisoformat(due) if due else None,
    }


def _columns(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in names}


def _push(
    connection: Connection, reviews: Sequence[ReviewLog], retractions: Sequence[Retraction]
) -> None:
    rows = [
        {
            "uid": log.uid,
            "item_id": log.item_id,
            "deck_id": log.deck_id,
            "note_key": log.note_key,
            "rating": log.rating,
            "fsrs_rating": log.fsrs_rating,
            "reviewed_at": log.reviewed_at,
            "duration_ms": log.duration_ms,
            **_after_fields(log),
        }
        for log in reviews
    ]
    for start in range(0, len(rows), PUSH_CHUNK):
        chunk = rows[start : start + PUSH_CHUNK]
        connection.execute(_PUSH_REVIEWS, _columns(chunk, list(chunk[0])))
    if retractions:
        connection.execute(
            _PUSH_RETRACTIONS,
            {
                "uid": [r.uid for r in retractions],
                "review_uid": [r.review_uid for r in retractions],
                "item_id": [r.item_id for r in retractions],
                "retracted_at": [r.retracted_at for r in retractions],
            },
        )


def _pull(connection: Connection, after: tuple[int, int]) -> Pulled:
    reviews, retractions = [], []
    last_review, last_retraction = after
    for row in connection.execute(_PULL_REVIEWS, {"after": after[0]}):
        last_review = row.seq
        reviews.append(
            ReviewLog(
                uid=row.uid,
                item_id=row.item_id,
                deck_id=row.deck_id,
                note_key=row.note_key,
                rating=row.rating,
                fsrs_rating=row.fsrs_rating,
                reviewed_at=row.reviewed_at.astimezone(UTC),
                duration_ms=row.duration_ms,
                state_after=row.state,
            )
        )
    for row in connection.execute(_PULL_RETRACTIONS, {"after": after[1]}):
        last_retraction = row.seq
        retractions.append(
            Retraction(
                uid=row.uid,
                review_uid=row.review_uid,
                item_id=row.item_id,
                retracted_at=row.retracted_at.astimezone(UTC),
            )
        )
    return Pulled(reviews, retractions, (last_review, last_retraction))


def exchange(
    hub: Hub,
    reviews: Sequence[ReviewLog],
    retractions: Sequence[Retraction],
    pulled_through: tuple[int, int],
    expected_class: str | None,
) -> tuple[ClassInfo, Pulled]:
    """Send `reviews` and `retractions`, then read the student's rows after `pulled_through`;
    one transaction. Refuses a server of another class than `expected_class`."""
    from crmcards.store.hub import HubError

    with hub.transaction() as connection:
        info = class_info(connection, hub.where)
        if expected_class is not None and info.class_id != expected_class:
            raise HubError("other_class", hub.where)
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_user))"))
        pulled = _pull(connection, pulled_through)
        _push(connection, reviews, retractions)
        return info, replace(pulled, through=_highest_seqs(connection, pulled.through))


def _highest_seqs(connection: Connection, pulled: tuple[int, int]) -> tuple[int, int]:
    highest = [
        connection.execute(
            text(f"SELECT max(seq) FROM {SCHEMA}.{table} WHERE student = current_user")
        ).scalar()
        for table in ("reviews", "retractions")
    ]
    return (highest[0] or pulled[0], highest[1] or pulled[1])
