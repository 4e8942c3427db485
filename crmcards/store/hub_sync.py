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
from dataclasses import replace
from datetime import UTC
from itertools import zip_longest

from sqlalchemy import Connection, text

from crmcards.store.hub import SCHEMA, ClassInfo, Hub, class_info, has_flags_table, tables_present
from crmcards.store.synclog import Outgoing, Pulled, Watermarks
from crmcards.store.tables import Flag, ItemReset, Retraction, ReviewLog, SuspensionChange

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
_PUSH_RESETS = text(
    f"INSERT INTO {SCHEMA}.resets (uid, item_id, reset_at)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:item_id AS text[]),"
    " CAST(:reset_at AS timestamptz[])) ON CONFLICT DO NOTHING"
)
_PUSH_SUSPENSIONS = text(
    f"INSERT INTO {SCHEMA}.suspensions (uid, item_id, deck_id, suspended, changed_at)"
    " SELECT * FROM unnest(CAST(:uid AS uuid[]), CAST(:item_id AS text[]),"
    " CAST(:deck_id AS text[]), CAST(:suspended AS boolean[]),"
    " CAST(:changed_at AS timestamptz[])) ON CONFLICT DO NOTHING"
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
_PULL_RESETS = text(
    f"SELECT seq, uid::text, item_id, reset_at FROM {SCHEMA}.resets WHERE seq > :after ORDER BY seq"
)
_PULL_SUSPENSIONS = text(
    "SELECT seq, uid::text, item_id, deck_id, suspended, changed_at"
    f" FROM {SCHEMA}.suspensions WHERE seq > :after ORDER BY seq"
)
# A class made before resets and suspensions travelled has no table for them: they wait on the
# devices until `class init` runs again (as flags do, see hub.has_flags_table).
_EVENTS = ("resets", "suspensions")


def _columns(rows: Sequence[object], *names: str) -> dict[str, list[object]]:
    """The rows as one array per column: the parameters of an INSERT ... SELECT FROM unnest."""
    return {name: [getattr(row, name) for row in rows] for name in names}


def _push(connection: Connection, outgoing: Outgoing, with_events: bool) -> None:
    """`with_events`: whether the class takes resets and suspensions."""
    if outgoing.reviews:
        connection.exec_driver_sql(_INCOMING)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy("COPY incoming_reviews FROM STDIN") as copy:
            for row in outgoing.reviews:
                copy.write_row(row)
        connection.exec_driver_sql(_ADD_INCOMING)
    if outgoing.retractions:
        connection.execute(
            _PUSH_RETRACTIONS,
            _columns(outgoing.retractions, "uid", "review_uid", "item_id", "retracted_at"),
        )
    if outgoing.resets and with_events:  # after the ratings: the summary of each is there
        connection.execute(_PUSH_RESETS, _columns(outgoing.resets, "uid", "item_id", "reset_at"))
    if outgoing.suspensions and with_events:
        connection.execute(
            _PUSH_SUSPENSIONS,
            _columns(outgoing.suspensions, "uid", "item_id", "deck_id", "suspended", "changed_at"),
        )


def _pull(connection: Connection, after: Watermarks, with_events: bool) -> Pulled:
    reviews, retractions, resets, suspensions = [], [], [], []
    last = list(after)
    for row in connection.execute(_PULL_REVIEWS, {"after": after.reviews}):
        last[0] = row.seq
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
    for row in connection.execute(_PULL_RETRACTIONS, {"after": after.retractions}):
        last[1] = row.seq
        retractions.append(
            Retraction(
                uid=row.uid,
                review_uid=row.review_uid,
                item_id=row.item_id,
                retracted_at=row.retracted_at.astimezone(UTC),
            )
        )
    if with_events:
        for row in connection.execute(_PULL_RESETS, {"after": after.resets}):
            last[2] = row.seq
            resets.append(
                ItemReset(uid=row.uid, item_id=row.item_id, reset_at=row.reset_at.astimezone(UTC))
            )
        for row in connection.execute(_PULL_SUSPENSIONS, {"after": after.suspensions}):
            last[3] = row.seq
            suspensions.append(
                SuspensionChange(
                    uid=row.uid,
                    item_id=row.item_id,
                    deck_id=row.deck_id,
                    suspended=row.suspended,
                    changed_at=row.changed_at.astimezone(UTC),
                )
            )
    return Pulled(reviews, retractions, resets, suspensions, Watermarks(*last))


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
    outgoing: Outgoing,
    pulled_through: Watermarks,
    expected_class: str | None,
    flags: Sequence[Flag] = (),
) -> tuple[ClassInfo, Pulled, bool, bool]:
    """Send `outgoing` and `flags`, then read the student's rows after `pulled_through`; one
    transaction. Refuses a server of another class than `expected_class`. The flags say whether
    the server took the flags, and the resets and suspensions."""
    from crmcards.store.hub import HubError

    with hub.transaction() as connection:
        info = class_info(connection, hub.where)
        if expected_class is not None and info.class_id != expected_class:
            raise HubError("other_class", hub.where)
        with_events = tables_present(connection, _EVENTS) == set(_EVENTS)
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_user))"))
        pulled = _pull(connection, pulled_through, with_events)
        _push(connection, outgoing, with_events)
        flags_sent = _push_flags(connection, flags)
        through = _highest_seqs(connection, pulled.through, with_events)
        return info, replace(pulled, through=through), flags_sent, with_events


def _highest_seqs(connection: Connection, pulled: Watermarks, with_events: bool) -> Watermarks:
    tables = ("reviews", "retractions", *(_EVENTS if with_events else ()))
    highest = connection.execute(
        text(
            "SELECT "
            + ", ".join(
                f"(SELECT max(seq) FROM {SCHEMA}.{table} WHERE student = current_user)"
                for table in tables
            )
        )
    ).one()
    return Watermarks(*(seq or known for seq, known in zip_longest(highest, pulled)))
