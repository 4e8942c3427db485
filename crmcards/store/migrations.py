"""Versioned schema migrations, run when the database is opened.

A new database gets the current schema at once and is stamped with SCHEMA_VERSION. An older one
is brought up to date step by step: MIGRATIONS[n] takes a database from version n + 1 to n + 2.
To change the schema, change the tables and append a step here (and raise SCHEMA_VERSION in
store/schema.py); never edit an existing step.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel, select

from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.schedule import Schedule, new_uid
from crmcards.store.meta import SCHEMA_VERSION_KEY, meta_value, set_meta
from crmcards.store.review_hours import FIRST_PASSING_RATING, create_review_hours
from crmcards.store.schema import REVIEW_COUNT_TABLE, SCHEMA_VERSION
from crmcards.store.tables import (
    LOCAL_ONLY,
    ON_SERVER,
    TALLIED,
    ItemState,
    stage_before,
    unsent_on_insert,
)


def _add_note_fingerprints(connection: Connection) -> None:
    """Version 2: remember each studied note's content fingerprint (lint warns on reused ids)."""
    connection.execute(
        text(
            "CREATE TABLE note_fingerprint ("
            " note_key VARCHAR(300) NOT NULL PRIMARY KEY,"
            " fingerprint BIGINT NOT NULL,"
            " recorded_at TIMESTAMP NOT NULL)"
        )
    )


def _prepare_review_log_for_sync(connection: Connection) -> None:
    """Version 3: the class hub. Every rating gets a globally unique id and the state it led to,
    and remembers whether it was sent to the class server; undone ratings the server may have
    are kept as retractions."""
    for column in (
        "uid VARCHAR(36) NOT NULL DEFAULT ''",
        "after VARCHAR",
        f"sync INTEGER NOT NULL DEFAULT {LOCAL_ONLY}",
    ):
        connection.execute(text(f"ALTER TABLE review_log ADD COLUMN {column}"))
    # The state after a rating is the state before the item's next rating, or, for its last
    # rating, the item's state now.
    states = {
        row.item_id: ItemState.model_validate(row._mapping).schedule.to_json()
        for row in connection.execute(select(ItemState))
    }
    rows = connection.execute(
        text(
            "SELECT id, item_id, previous FROM review_log"
            " ORDER BY item_id, reviewed_at DESC, id DESC"
        )
    ).all()
    updates = []
    later: tuple[str, str | None] | None = None  # (item, previous) of the row after this one
    for id, item_id, previous in rows:
        after = later[1] if later is not None and later[0] == item_id else states.get(item_id)
        updates.append({"id": id, "uid": new_uid(), "after": after})
        later = (item_id, previous)
    if updates:
        connection.execute(
            text("UPDATE review_log SET uid = :uid, after = :after WHERE id = :id"), updates
        )
    connection.execute(text("CREATE UNIQUE INDEX ix_review_log_uid ON review_log (uid)"))
    connection.execute(text("CREATE INDEX ix_review_log_sync ON review_log (sync)"))
    connection.execute(
        text(
            "CREATE TABLE review_retraction ("
            " uid VARCHAR(36) NOT NULL PRIMARY KEY,"
            " review_uid VARCHAR(36) NOT NULL,"
            " item_id VARCHAR(300) NOT NULL,"
            " retracted_at TIMESTAMP NOT NULL,"
            " sync INTEGER NOT NULL)"
        )
    )
    connection.execute(
        text(
            "CREATE UNIQUE INDEX ix_review_retraction_review_uid ON review_retraction (review_uid)"
        )
    )
    connection.execute(text("CREATE INDEX ix_review_retraction_sync ON review_retraction (sync)"))


def _add_flags(connection: Connection) -> None:
    """Version 4: cards students flagged, with their notes, for the deck's author."""
    connection.execute(
        text(
            "CREATE TABLE flag ("
            " id INTEGER NOT NULL PRIMARY KEY,"
            " item_id VARCHAR(300) NOT NULL,"
            " deck_id VARCHAR(100) NOT NULL,"
            " note VARCHAR(500) NOT NULL,"
            " flagged_at TIMESTAMP NOT NULL)"
        )
    )
    connection.execute(text("CREATE INDEX ix_flag_item_id ON flag (item_id)"))


def _add_memory_model(connection: Connection) -> None:
    """Version 5: personal FSRS parameters, fitted on the student's own history."""
    connection.execute(
        text(
            "CREATE TABLE memory_model ("
            " profile VARCHAR(100) NOT NULL PRIMARY KEY,"
            " parameters VARCHAR NOT NULL,"
            " two_means VARCHAR(10) NOT NULL,"
            " fitted_at TIMESTAMP NOT NULL,"
            " reviews INTEGER NOT NULL,"
            " log_loss FLOAT)"
        )
    )


def _prepare_flags_for_sync(connection: Connection) -> None:
    """Version 6: flags reach the class server too: a global id each, and whether it was sent."""
    connection.execute(text("ALTER TABLE flag ADD COLUMN uid VARCHAR(36) NOT NULL DEFAULT ''"))
    connection.execute(
        text(f"ALTER TABLE flag ADD COLUMN sync INTEGER NOT NULL DEFAULT {LOCAL_ONLY}")
    )
    ids = connection.execute(text("SELECT id FROM flag")).scalars().all()
    if ids:
        connection.execute(
            text("UPDATE flag SET uid = :uid WHERE id = :id"),
            [{"id": id, "uid": new_uid()} for id in ids],
        )
    connection.execute(text("CREATE UNIQUE INDEX ix_flag_uid ON flag (uid)"))


def _add_suspensions_and_resets(connection: Connection) -> None:
    """Version 7: cards set aside (suspended), and cards put back to new as events, so that
    their ratings stay in the log."""
    connection.execute(
        text(
            "CREATE TABLE item_suspension ("
            " item_id VARCHAR(300) NOT NULL PRIMARY KEY,"
            " deck_id VARCHAR(100) NOT NULL,"
            " suspended_at TIMESTAMP NOT NULL)"
        )
    )
    connection.execute(
        text(
            "CREATE TABLE item_reset ("
            " uid VARCHAR(36) NOT NULL PRIMARY KEY,"
            " item_id VARCHAR(300) NOT NULL,"
            " reset_at TIMESTAMP NOT NULL,"
            f" sync INTEGER NOT NULL DEFAULT {LOCAL_ONLY})"
        )
    )
    connection.execute(text("CREATE INDEX ix_item_reset_item_id ON item_reset (item_id)"))
    connection.execute(text("CREATE INDEX ix_item_reset_sync ON item_reset (sync)"))


def _index_for_large_collections(connection: Connection) -> None:
    """Version 8: item states indexed by (state, due), so that a session finds the due items
    in (re)learning without reading every due item of a large collection; the log's note index
    extended by the time, so that a note's recent reviews are read from the index alone."""
    connection.execute(text("CREATE INDEX ix_item_state_state_due ON item_state (state, due)"))
    connection.execute(text("DROP INDEX ix_review_log_note_key"))
    connection.execute(
        text(
            "CREATE INDEX ix_review_log_note_key_reviewed_at ON review_log (note_key, reviewed_at)"
        )
    )


_STAGE_CHUNK = 20_000  # log rows read at a time while filling in their stage


def _store_stage_per_review(connection: Connection) -> None:
    """Version 9: the stage each rating was given in (the item's state and interval before it,
    tables.stage_before) kept as columns, filled in from `previous`, and the time index carrying
    them, so that the statistics sum up a period from the index instead of reading every
    rating's JSON."""
    connection.execute(
        text("ALTER TABLE review_log ADD COLUMN state_before INTEGER NOT NULL DEFAULT 0")
    )
    connection.execute(text("ALTER TABLE review_log ADD COLUMN interval_before_s INTEGER"))
    read = text(
        "SELECT id, previous FROM review_log WHERE id > :after AND previous IS NOT NULL"
        " ORDER BY id LIMIT :chunk"
    )
    write = text(
        "UPDATE review_log SET state_before = :state, interval_before_s = :interval WHERE id = :id"
    )
    after = 0
    while rows := connection.execute(read, {"after": after, "chunk": _STAGE_CHUNK}).all():
        updates = []
        for id, previous in rows:
            state, interval = stage_before(Schedule.from_json(previous))
            updates.append({"id": id, "state": state, "interval": interval})
        connection.execute(write, updates)
        after = rows[-1][0]
    connection.execute(text("DROP INDEX ix_review_log_reviewed_at"))
    connection.execute(
        text(f"CREATE INDEX ix_review_log_reviewed_at_tally ON review_log ({', '.join(TALLIED)})")
    )


def _unsent_ratings_apart(connection: Connection) -> None:
    """Version 10: the ratings the class server has not confirmed are listed in a narrow table
    of their own (review_unsent, filled by a trigger) instead of a column of the log, so that
    confirming a class's first sync does not rewrite every rating."""
    connection.execute(
        text(
            "CREATE TABLE review_unsent (seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"
            " review_id INTEGER NOT NULL, UNIQUE (review_id),"
            " FOREIGN KEY(review_id) REFERENCES review_log (id) ON DELETE CASCADE)"
        )
    )
    connection.execute(
        text(
            "INSERT INTO review_unsent (review_id)"
            f" SELECT id FROM review_log WHERE sync != {ON_SERVER} ORDER BY id"
        )
    )
    connection.execute(text("DROP INDEX ix_review_log_sync"))
    connection.execute(text("ALTER TABLE review_log DROP COLUMN sync"))
    for statement in unsent_on_insert(connection.dialect.name):
        connection.execute(text(statement))


def _suspension_changes(connection: Connection) -> None:
    """Version 11: suspending a card (or taking it back) is also kept as an event, which a class
    server and the student's other devices receive; every card suspended now is one."""
    connection.execute(
        text(
            "CREATE TABLE suspension_change ("
            " uid VARCHAR(36) NOT NULL PRIMARY KEY,"
            " item_id VARCHAR(300) NOT NULL,"
            " deck_id VARCHAR(100) NOT NULL,"
            " suspended BOOLEAN NOT NULL,"
            " changed_at DATETIME NOT NULL,"
            f" sync INTEGER NOT NULL DEFAULT '{LOCAL_ONLY}')"
        )
    )
    connection.execute(text("CREATE INDEX ix_suspension_change_sync ON suspension_change (sync)"))
    connection.execute(
        text("CREATE INDEX ix_suspension_change_item_id ON suspension_change (item_id)")
    )
    suspended = connection.execute(
        text("SELECT item_id, deck_id, suspended_at FROM item_suspension")
    ).all()
    if suspended:
        connection.execute(
            text(
                "INSERT INTO suspension_change (uid, item_id, deck_id, suspended, changed_at)"
                " VALUES (:uid, :item_id, :deck_id, 1, :at)"
            ),
            [
                {"uid": new_uid(), "item_id": item_id, "deck_id": deck_id, "at": at}
                for item_id, deck_id, at in suspended
            ],
        )


def _count_reviews_per_item(connection: Connection) -> None:
    """Version 12 (SQLite): how many ratings the log holds per item and deck, kept by triggers
    on every insert, delete and move of a rating (whoever writes it: a study session, an
    import, a sync), so that `status` counts reviews and finds orphaned items from about one row
    per item instead of the whole log (a million rows). Other databases count the log itself."""
    if connection.dialect.name != "sqlite":
        return
    for statement in REVIEW_COUNT_SCHEMA:
        connection.execute(text(statement))
    connection.execute(
        text(
            f"INSERT INTO {REVIEW_COUNT_TABLE} (item_id, deck_id, reviews)"
            " SELECT item_id, deck_id, count(*) FROM review_log GROUP BY item_id, deck_id"
        )
    )


_COUNT_ONE = (
    f"INSERT INTO {REVIEW_COUNT_TABLE} (item_id, deck_id, reviews)"
    " VALUES (NEW.item_id, NEW.deck_id, 1)"
    " ON CONFLICT (item_id, deck_id) DO UPDATE SET reviews = reviews + 1;"
)
_UNCOUNT_ONE = (
    f"UPDATE {REVIEW_COUNT_TABLE} SET reviews = reviews - 1"
    " WHERE item_id = OLD.item_id AND deck_id = OLD.deck_id;"
    f" DELETE FROM {REVIEW_COUNT_TABLE}"
    " WHERE item_id = OLD.item_id AND deck_id = OLD.deck_id AND reviews <= 0;"
)
REVIEW_COUNT_SCHEMA = (
    f"CREATE TABLE {REVIEW_COUNT_TABLE} ("
    " item_id VARCHAR(300) NOT NULL,"
    " deck_id VARCHAR(100) NOT NULL,"
    " reviews INTEGER NOT NULL,"
    " PRIMARY KEY (item_id, deck_id))",
    f"CREATE TRIGGER review_counted AFTER INSERT ON review_log BEGIN {_COUNT_ONE} END",
    f"CREATE TRIGGER review_uncounted AFTER DELETE ON review_log BEGIN {_UNCOUNT_ONE} END",
    "CREATE TRIGGER review_moved AFTER UPDATE OF item_id, deck_id ON review_log"
    f" BEGIN {_UNCOUNT_ONE} {_COUNT_ONE} END",
)


# Version 13's counting of a rating: its review and, rated below FIRST_PASSING_RATING, its failure
_FAILED = f"CASE WHEN {{row}}.rating < {FIRST_PASSING_RATING} THEN 1 ELSE 0 END"
_COUNT_WITH_FAILURES = (
    f"INSERT INTO {REVIEW_COUNT_TABLE} (item_id, deck_id, reviews, failures)"
    f" VALUES (NEW.item_id, NEW.deck_id, 1, {_FAILED.format(row='NEW')})"
    " ON CONFLICT (item_id, deck_id) DO UPDATE"
    " SET reviews = reviews + 1, failures = failures + excluded.failures;"
)
_UNCOUNT_WITH_FAILURES = (
    f"UPDATE {REVIEW_COUNT_TABLE}"
    f" SET reviews = reviews - 1, failures = failures - {_FAILED.format(row='OLD')}"
    " WHERE item_id = OLD.item_id AND deck_id = OLD.deck_id;"
    f" DELETE FROM {REVIEW_COUNT_TABLE}"
    " WHERE item_id = OLD.item_id AND deck_id = OLD.deck_id AND reviews <= 0;"
)


def _report_sums(connection: Connection) -> None:
    """Version 13 (SQLite): what a report reads of the log, kept as ratings are written, so
    that a report over a million ratings reads about a row per item and per hour instead of
    grouping the log: each item's failures next to its reviews (review_count, its triggers
    replaced), and the log summed up per hour and deck (store.review_hours). Other databases
    sum up the log itself."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(
        text(f"ALTER TABLE {REVIEW_COUNT_TABLE} ADD COLUMN failures INTEGER NOT NULL DEFAULT 0")
    )
    connection.execute(text(f"DELETE FROM {REVIEW_COUNT_TABLE}"))  # counted again, with failures
    connection.execute(
        text(
            f"INSERT INTO {REVIEW_COUNT_TABLE} (item_id, deck_id, reviews, failures)"
            f" SELECT item_id, deck_id, count(*), sum({_FAILED.format(row='review_log')})"
            " FROM review_log GROUP BY item_id, deck_id"
        )
    )
    for trigger in ("review_counted", "review_uncounted", "review_moved"):
        connection.execute(text(f"DROP TRIGGER {trigger}"))
    for statement in (
        "CREATE TRIGGER review_counted AFTER INSERT ON review_log"
        f" BEGIN {_COUNT_WITH_FAILURES} END",
        "CREATE TRIGGER review_uncounted AFTER DELETE ON review_log"
        f" BEGIN {_UNCOUNT_WITH_FAILURES} END",
        "CREATE TRIGGER review_moved AFTER UPDATE OF item_id, deck_id, rating ON review_log"
        f" BEGIN {_UNCOUNT_WITH_FAILURES} {_COUNT_WITH_FAILURES} END",
    ):
        connection.execute(text(statement))
    create_review_hours(connection)


MIGRATIONS: list[Callable[[Connection], None]] = [
    _add_note_fingerprints,
    _prepare_review_log_for_sync,
    _add_flags,
    _add_memory_model,
    _prepare_flags_for_sync,
    _add_suspensions_and_resets,
    _index_for_large_collections,
    _store_stage_per_review,
    _unsent_ratings_apart,
    _suspension_changes,
    _count_reviews_per_item,
    _report_sums,
]
if len(MIGRATIONS) + 1 != SCHEMA_VERSION:
    raise RuntimeError(
        f"{len(MIGRATIONS)} migration steps make schema version {len(MIGRATIONS) + 1}:"
        " raise SCHEMA_VERSION in crmcards/store/schema.py to match"
    )


def version_number(value: object) -> int | None:
    """The schema version written in `meta`, or None when it is not a whole number."""
    try:
        return int(str(value))
    except ValueError:
        return None


def schema_version(connection: Connection) -> int:
    """The version stamped in the database; 0 for a database without crmcards tables.

    A version that is not a number is refused: the database is damaged.
    """
    where = connection.engine.url.database or connection.engine.url
    if not inspect(connection).has_table("meta"):
        return 0
    value = meta_value(connection, SCHEMA_VERSION_KEY)
    if value is None:
        return 0
    version = version_number(value)
    if version is None:
        raise CrmcardsError(Said.of("db_bad_version", path=where, value=repr(value)))
    return version


def migrate(engine: Engine, before_upgrade: Callable[[int], None] | None = None) -> None:
    """Bring the schema to SCHEMA_VERSION; `before_upgrade(version)` runs first when an existing
    database is about to be changed (to keep a copy of it)."""
    with engine.connect() as probe:
        version = schema_version(probe)
    if version > SCHEMA_VERSION:
        raise CrmcardsError(
            Said.of(
                "db_newer",
                path=engine.url.database or engine.url,
                version=version,
                known=SCHEMA_VERSION,
            )
        )
    if version == SCHEMA_VERSION:
        return
    if version and before_upgrade is not None:
        before_upgrade(version)
    with engine.execution_options(write=True).begin() as connection:
        version = schema_version(connection)  # another process may have migrated meanwhile
        if version == 0:
            SQLModel.metadata.create_all(connection)
            for statement in unsent_on_insert(connection.dialect.name):
                connection.execute(text(statement))
            _count_reviews_per_item(connection)  # what the tables' models do not declare
            _report_sums(connection)
        else:
            for step in MIGRATIONS[version - 1 :]:
                step(connection)
        set_meta(connection, {SCHEMA_VERSION_KEY: str(SCHEMA_VERSION)})
