"""A student's sync with the class server: push the local log, pull their own rows back.

Push adds only the rows the server does not have (by the student and the row's id), so sending
a row twice (after a sync that died half-way) is harmless. Pull reads rows by the server's `seq`
after the last one pulled. A sync holds a lock named after the student's login for its whole
transaction, so two of their devices sync one after the other: the pull sees every row of theirs
committed before, and afterwards every row up to their highest `seq` is either pulled or just
pushed, which is the new watermark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, text

from crmcards.store.hub import SCHEMA, ClassInfo, Hub, class_info, has_flags_table
from crmcards.store.tables import Flag, Retraction, ReviewLog

_REVIEW_COLUMNS = (
    "uid, item_id, deck_id, note_key, rating, fsrs_rating, reviewed_at, duration_ms,"
    " state, stability, difficulty, due"
)
# Ratings are copied into a temporary table as the device stores them (COPY is several times
# faster than INSERT), then those the server does not have yet are added to the log in one
# INSERT ... SELECT, the server reading the state each led to from its JSON. Only this student's
# login can add their rows (row-level security) and it holds their lock (see exchange), so
# nothing can add one of them in between: the anti-join does what ON CONFLICT DO NOTHING would,
# without a speculative insertion per row.
_INCOMING = (
    "CREATE TEMPORARY TABLE incoming_reviews (uid uuid, item_id text, deck_id text,"
    " note_key text, rating smallint, fsrs_rating smallint, reviewed_at timestamp,"
    " duration_ms integer, state_after smallint, after jsonb) ON COMMIT DROP"
)
_ADD_INCOMING = (
    f"INSERT INTO {SCHEMA}.reviews ({_REVIEW_COLUMNS})"
    " SELECT uid, item_id, deck_id, note_key, rating, fsrs_rating,"
    " reviewed_at AT TIME ZONE 'UTC', duration_ms,"
    " coalesce((after->>'state')::smallint, state_after), (after->>'stability')::float8,"
    " (after->>'difficulty')::float8, (after->>'due')::timestamptz"
    " FROM incoming_reviews i WHERE NOT EXISTS (SELECT 1 FROM"
    f" {SCHEMA}.reviews r WHERE r.student = current_user AND r.uid = i.uid)"
)
_PUSH_RETRACTIONS = text(
    f"INSERT INTO {SCHEMA}.retractions (uid, review_uid, item_id, retracted_at)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:review_uid AS uuid[]),"
    " CAST(:item_id AS text[]), CAST(:retracted_at AS timestamptz[]))"
    " ON CONFLICT DO NOTHING"
)
_PUSH_FLAGS = text(
    f"INSERT INTO {SCHEMA}.flags (uid, item_id, deck_id, note, flagged_at)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:item_id AS text[]),"
    " CAST(:deck_id AS text[]), CAST(:note AS text[]), CAST(:flagged_at AS timestamptz[]))"
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


def _push(
    connection: Connection, reviews: Sequence[tuple[Any, ...]], retractions: Sequence[Retraction]
) -> None:
    """`reviews` hold synclog.OUTGOING_COLUMNS."""
    if reviews:
        connection.exec_driver_sql(_INCOMING)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy("COPY incoming_reviews FROM STDIN") as copy:
            for row in reviews:
                copy.write_row(row)
        connection.exec_driver_sql(_ADD_INCOMING)
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


def _push_flags(connection: Connection, flags: Sequence[Flag]) -> bool:
    """Send `flags` (ON CONFLICT DO NOTHING); whether the class server took them."""
    if not flags or not has_flags_table(connection):
        return False
    connection.execute(
        _PUSH_FLAGS,
        {
            "uid": [f.uid for f in flags],
            "item_id": [f.item_id for f in flags],
            "deck_id": [f.deck_id for f in flags],
            "note": [f.note for f in flags],
            "flagged_at": [f.flagged_at for f in flags],
        },
    )
    return True


def exchange(
    hub: Hub,
    reviews: Sequence[tuple[Any, ...]],
    retractions: Sequence[Retraction],
    pulled_through: tuple[int, int],
    expected_class: str | None,
    flags: Sequence[Flag] = (),
) -> tuple[ClassInfo, Pulled, bool]:
    """Send `reviews`, `retractions` and `flags`, then read the student's rows after
    `pulled_through`; one transaction. Refuses a server of another class than
    `expected_class`. The flag is whether the server took the flags."""
    from crmcards.store.hub import HubError

    with hub.transaction() as connection:
        info = class_info(connection, hub.where)
        if expected_class is not None and info.class_id != expected_class:
            raise HubError("other_class", hub.where)
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_user))"))
        pulled = _pull(connection, pulled_through)
        _push(connection, reviews, retractions)
        flags_sent = _push_flags(connection, flags)
        return info, replace(pulled, through=_highest_seqs(connection, pulled.through)), flags_sent


def _highest_seqs(connection: Connection, pulled: tuple[int, int]) -> tuple[int, int]:
    highest = [
        connection.execute(
            text(f"SELECT max(seq) FROM {SCHEMA}.{table} WHERE student = current_user")
        ).scalar()
        for table in ("reviews", "retractions")
    ]
    return (highest[0] or pulled[0], highest[1] or pulled[1])
