"""The class's review log summed up by PostgreSQL, for the live class view and the class-pooled
FSRS fit: the teacher's machine receives a few rows per student and item, never the log itself.

Undone ratings (those with a retraction of their own student) do not count anywhere here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import text

from crmcards.store.history import Tally
from crmcards.store.hub import SCHEMA, Hub, class_info
from crmcards.store.tables import ItemState

_COUNTED = (
    f"SELECT * FROM {SCHEMA}.reviews r WHERE NOT EXISTS (SELECT 1 FROM {SCHEMA}.retractions x"
    " WHERE x.review_uid = r.uid AND x.student = r.student)"
)
_ITEMS = text(
    f"WITH counted AS ({_COUNTED}),"
    " latest AS (SELECT DISTINCT ON (student, item_id) student, item_id, deck_id, note_key,"
    " state, stability, difficulty, due, reviewed_at FROM counted"
    " ORDER BY student, item_id, reviewed_at DESC, uid DESC),"
    " totals AS (SELECT student, item_id, count(*) AS reviews,"
    " count(*) FILTER (WHERE rating = ANY(:failed)) AS failures, min(reviewed_at) AS first"
    " FROM counted GROUP BY student, item_id)"
    " SELECT l.*, t.reviews, t.failures, t.first"
    " FROM latest l JOIN totals t USING (student, item_id)"
)
_TALLIES = text(
    f"WITH counted AS ({_COUNTED})"
    " SELECT student, width_bucket(reviewed_at, CAST(:bounds AS timestamptz[])) AS period,"
    " deck_id, rating, count(*) AS reviews, coalesce(sum(duration_ms), 0) AS duration_ms"
    " FROM counted GROUP BY 1, 2, 3, 4"
)


@dataclass
class StudentLog:
    """One student's log, summed up: what services.report needs to build their report."""

    name: str
    states: dict[str, ItemState] = field(default_factory=dict)
    reviews: dict[str, int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    first_review: datetime | None = None
    tallies: dict[datetime, list[Tally]] = field(default_factory=dict)  # by the period's start


def first_class_review(hub: Hub) -> datetime | None:
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        first = connection.execute(text(f"SELECT min(reviewed_at) FROM {SCHEMA}.reviews")).scalar()
    return None if first is None else first.astimezone(UTC)


def class_logs(hub: Hub, failed: Collection[int], bounds: Sequence[datetime]) -> list[StudentLog]:
    """Every student's log summed up; `bounds` are the starts of the periods (study days) to
    count reviews in, and the end of the last one."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        students = connection.execute(text(f"SELECT login, name FROM {SCHEMA}.students"))
        logs = {str(login): StudentLog(str(name)) for login, name in students}

        def log_of(login: str) -> StudentLog:
            return logs.setdefault(login, StudentLog(login))  # a removed student's kept rows

        for row in connection.execute(_ITEMS, {"failed": list(failed)}):
            log = log_of(row.student)
            last = row.reviewed_at.astimezone(UTC)
            log.states[row.item_id] = ItemState(
                item_id=row.item_id,
                deck_id=row.deck_id,
                note_key=row.note_key,
                state=row.state,
                stability=row.stability,
                difficulty=row.difficulty,
                due=(row.due or last).astimezone(UTC),
                last_review=last,
                reps=row.reviews,
            )
            log.reviews[row.item_id] = row.reviews
            log.failures[row.item_id] = row.failures
            first = row.first.astimezone(UTC)
            if log.first_review is None or first < log.first_review:
                log.first_review = first
        if bounds:
            for row in connection.execute(_TALLIES, {"bounds": list(bounds)}):
                if 1 <= row.period < len(bounds):
                    start = bounds[row.period - 1]
                    log_of(row.student).tallies.setdefault(start, []).append(
                        Tally(row.deck_id, row.rating, row.reviews, row.duration_ms)
                    )
    return sorted(logs.values(), key=lambda log: log.name)
