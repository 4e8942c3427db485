"""The class's review log summed up by PostgreSQL, for the live class view and the class-pooled
FSRS fit: the teacher's machine receives a few rows per student and item, never the log itself.

Undone ratings (those with a retraction of their own student) do not count anywhere here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import column, text
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from crmcards.store.history import Tally
from crmcards.store.hub import SCHEMA, Hub, class_info, has_flags_table
from crmcards.store.tables import Flag, ItemState

_COUNTED = (
    f"SELECT * FROM {SCHEMA}.reviews r WHERE NOT EXISTS (SELECT 1 FROM {SCHEMA}.retractions x"
    " WHERE x.review_uid = r.uid AND x.student = r.student)"
)
# Per student and item: counts in one hashed pass over the log, then the latest rating's state
# looked up through the (student, item_id, reviewed_at) index; no sort of the whole log.
_ITEMS = text(
    f"WITH totals AS (SELECT student, item_id, count(*) AS reviews,"
    " count(*) FILTER (WHERE rating = ANY(:failed)) AS failures,"
    f" min(reviewed_at) AS first, max(reviewed_at) AS last FROM ({_COUNTED}) counted"
    " GROUP BY student, item_id)"
    # item_id is made unique per student for the ORM's identity map (see class_logs)
    " SELECT t.student, t.student || ' ' || t.item_id AS item_id, t.item_id AS item,"
    " l.deck_id, l.note_key, l.state, NULL AS step, l.stability,"
    " l.difficulty, coalesce(l.due, t.last) AS due, t.last AS last_review, t.reviews AS reps,"
    " 0 AS lapses, t.failures, t.first"
    " FROM totals t CROSS JOIN LATERAL (SELECT deck_id, note_key, state, stability, difficulty,"
    f" due FROM {SCHEMA}.reviews r WHERE r.student = t.student AND r.item_id = t.item_id"
    " AND r.reviewed_at = t.last"
    f" AND NOT EXISTS (SELECT 1 FROM {SCHEMA}.retractions x"
    " WHERE x.review_uid = r.uid AND x.student = r.student)"
    " ORDER BY r.uid DESC LIMIT 1) l"
)
_TALLIES = text(
    f"WITH counted AS ({_COUNTED})"
    " SELECT student, width_bucket(reviewed_at, CAST(:bounds AS timestamptz[])) AS period,"
    " deck_id, rating, count(*) AS reviews,"
    " coalesce(sum(least(duration_ms, :cap_ms)), 0) AS duration_ms"
    " FROM counted GROUP BY 1, 2, 3, 4"
)


_FLAGS = text(
    f"SELECT student, uid::text AS uid, item_id, deck_id, note, flagged_at FROM {SCHEMA}.flags"
    " ORDER BY flagged_at, uid"
)


@dataclass
class StudentLog:
    """One student's log, summed up: what services.report needs to build their report."""

    name: str
    login: str = ""
    states: dict[str, ItemState] = field(default_factory=dict)
    reviews: dict[str, int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    first_review: datetime | None = None
    first_reviews: dict[str, datetime] = field(default_factory=dict)  # per item
    tallies: dict[datetime, list[Tally]] = field(default_factory=dict)  # by the period's start
    flags: list[Flag] | None = None  # None: the class holds no flags yet (see has_flags_table)


def first_class_review(hub: Hub) -> datetime | None:
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        first = connection.execute(text(f"SELECT min(reviewed_at) FROM {SCHEMA}.reviews")).scalar()
    return None if first is None else first.astimezone(UTC)


def class_logs(
    hub: Hub, failed: Collection[int], bounds: Sequence[datetime], cap_ms: int
) -> list[StudentLog]:
    """Every student's log summed up; `bounds` are the starts of the periods (study days) to
    count reviews in, and the end of the last one; each answer's time counts up to `cap_ms`."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        connection.execute(text("SET LOCAL work_mem = '256MB'"))  # group the log in memory
        connection.execute(text("SET LOCAL TimeZone = 'UTC'"))  # as the store reads times
        with_flags = has_flags_table(connection)
        students = connection.execute(text(f"SELECT login, name FROM {SCHEMA}.students"))
        logs = {
            str(login): StudentLog(str(name), str(login), flags=[] if with_flags else None)
            for login, name in students
        }

        def log_of(login: str) -> StudentLog:  # a removed student's kept rows too
            return logs.setdefault(
                login, StudentLog(login, login, flags=[] if with_flags else None)
            )

        # Loaded by the ORM, which builds table objects many times faster than their
        # constructor; each student's item gets its own object, then its real id back.
        rows = Session(bind=connection).execute(
            select(ItemState, column("student"), column("item"), column("failures"))
            .add_columns(column("first"))
            .from_statement(_ITEMS)
            .params(failed=list(failed))
        )
        for state, student, item, failures, first in rows:
            set_committed_value(state, "item_id", item)
            log = log_of(student)
            log.states[item] = state
            log.reviews[item] = state.reps
            log.failures[item] = failures
            first = first.astimezone(UTC)
            log.first_reviews[item] = first
            if log.first_review is None or first < log.first_review:
                log.first_review = first
        if bounds:
            for row in connection.execute(_TALLIES, {"bounds": list(bounds), "cap_ms": cap_ms}):
                if 1 <= row.period < len(bounds):
                    start = bounds[row.period - 1]
                    log_of(row.student).tallies.setdefault(start, []).append(
                        Tally(row.deck_id, row.rating, row.reviews, row.duration_ms)
                    )
        for row in connection.execute(_FLAGS) if with_flags else ():
            flags = log_of(row.student).flags
            assert flags is not None
            flags.append(
                Flag(
                    uid=row.uid,
                    item_id=row.item_id,
                    deck_id=row.deck_id,
                    note=row.note,
                    flagged_at=row.flagged_at.astimezone(UTC),
                )
            )
    return sorted(logs.values(), key=lambda log: log.name)


_NOTE_REVIEWS = text(
    f"WITH counted AS ({_COUNTED})"
    " SELECT note_key, reviewed_at FROM counted"
    " WHERE student = :student AND note_key = ANY(:notes) AND reviewed_at >= :since"
)


def note_reviews(
    hub: Hub, login: str, notes: Collection[str], since: datetime
) -> list[tuple[str, datetime]]:
    """(note key, when) of every review by student `login` of one of `notes` since `since`."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        rows = connection.execute(
            _NOTE_REVIEWS, {"student": login, "notes": list(notes), "since": since}
        )
        return [(str(note), moment.astimezone(UTC)) for note, moment in rows]


_RATINGS = text(
    f"WITH counted AS ({_COUNTED}) SELECT student, item_id, rating, reviewed_at FROM counted"
)


def class_ratings(hub: Hub) -> list[tuple[str, str, int, datetime]]:
    """Every counted rating of the class: (student, item, raw 1-5 rating, time)."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        return [
            (student, item_id, rating, moment.astimezone(UTC))
            for student, item_id, rating, moment in connection.execute(_RATINGS)
        ]


def save_class_parameters(hub: Hub, parameters: str) -> None:
    """Keep the class-pooled FSRS model (JSON) where every student's sync reads it."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        connection.execute(
            text(
                f"INSERT INTO {SCHEMA}.hub_meta (key, value) VALUES ('class_parameters', :p)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"p": parameters},
        )
