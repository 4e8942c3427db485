"""The class's review log summed up by PostgreSQL, for the live class view and the class-pooled
FSRS fit: the teacher's machine receives a few rows per student and item, never the log itself.

Undone ratings (those with a retraction of their own student) do not count anywhere here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import Connection, text

from crmcards.store.hub import (
    NOT_RETRACTED,
    SCHEMA,
    Hub,
    HubError,
    class_info,
    has_flags_table,
    has_summaries,
)
from crmcards.store.review_hours import MATURE_DAYS
from crmcards.store.tables import Flag

_COUNTED = f"SELECT * FROM {SCHEMA}.reviews r WHERE {NOT_RETRACTED}"
_FLAGS = text(
    f"SELECT student, uid::text AS uid, item_id, deck_id, note, flagged_at FROM {SCHEMA}.flags"
    " ORDER BY flagged_at, uid"
)


@dataclass(frozen=True)
class Curve:
    """How the class view reads the summaries: the forgetting curve recall is predicted with
    (FSRS: (1 + factor * days / stability) ** decay, days since the last review, whole days)
    and which states and ratings count as what."""

    factor: float
    decay: float
    review_state: int
    learning_states: frozenset[int]
    mastered_stability: float
    failed: frozenset[int]


@dataclass(frozen=True)
class Figures:
    """Sums over students (of an item, deck or concept), in the order the students are listed,
    so that dividing them gives the very means the class view of the reports gives."""

    key: str
    students: int
    studied: int
    mastered: int
    recall: float  # the sum of the students' recall
    reviews: int
    failures: int
    difficulty: float | None  # the mean of the students' difficulty
    last_review: datetime | None


class StageTally(NamedTuple):
    """A student's counted reviews on one study day (1: the first of the window's `bounds`) made
    in one stage (the item's state before them: 0 new, 1 learning, 2 review, 3 relearning),
    `mature` for an item in review whose interval was MATURE_DAYS or longer, as the student's
    own log keeps them (store.history.Tally)."""

    day: int
    stage: int
    mature: bool
    reviews: int
    passed: int  # not rated a failure
    milliseconds: int  # each answer counted up to the cap


@dataclass(frozen=True)
class StudentFigures:
    login: str
    name: str
    mastered: int
    recall: float  # summed over the library's items
    overdue: int
    last_review: datetime | None
    reviews_7d: int  # in the library's decks
    days: tuple[int, ...]  # the periods (of `bounds`, from 1) with a review
    flags: tuple[Flag, ...] | None  # None: the class holds no flags yet (see has_flags_table)
    stages: tuple[StageTally, ...]  # in the library's decks, over the window's study days


@dataclass(frozen=True)
class ClassFigures:
    students: list[StudentFigures]  # by name
    items: list[Figures]
    decks: list[Figures]
    concepts: list[Figures]  # concept: the item id up to '#'


# -- the class view in SQL ------------------------------------------------------------------------
# One cell per student and library item they have reviewed, read from item_summaries; every
# figure is summed up from the cells by PostgreSQL. An item put back to new and not rated since
# counts as new (its reviews still count), as in the student's own report; a suspended one is
# never overdue. Students are ordered by name (code points,
# as Python sorts) and items by their place in the library, inside every sum, so the sums are
# those the reports' class view adds up.

_MEAN = "sum({0} ORDER BY {1}) FILTER (WHERE {0} IS NOT NULL) / nullif(count({0}), 0)"


def _cells(curve: Curve, with_flags: bool) -> str:
    failures = " + ".join(f"s.rated_{rating}" for rating in sorted(curve.failed)) or "0"
    days = "floor(extract(epoch FROM CAST(:now AS timestamptz) - s.last_review) / 86400)"
    flagged = f" UNION SELECT student FROM {SCHEMA}.flags" if with_flags else ""
    return (
        "WITH RECURSIVE lib AS (SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:decks AS text[]),"
        " CAST(:notes AS text[])) WITH ORDINALITY AS l(item_id, deck_id, note_key, ord)),"
        # every student with a login, or with rows kept after their login was removed
        ' people AS (SELECT p.student, coalesce(t.name, p.student) COLLATE "C" AS name'
        f" FROM (SELECT login AS student FROM {SCHEMA}.students"
        f" UNION SELECT student FROM {SCHEMA}.item_summaries{flagged}) p"
        f" LEFT JOIN {SCHEMA}.students t ON t.login = p.student),"
        f" suspended AS (SELECT DISTINCT ON (student, item_id) student, item_id, suspended"
        f" FROM {SCHEMA}.suspensions ORDER BY student, item_id, changed_at DESC, uid DESC),"
        " summaries AS (SELECT s.*, (s.reset_at IS NOT NULL AND s.last_review <= s.reset_at)"
        f" AS new FROM {SCHEMA}.item_summaries s),"
        " cells AS (SELECT s.student, p.name, l.item_id, l.deck_id, l.note_key, l.ord,"
        f" s.reviews, {failures} AS failures, CASE WHEN NOT s.new THEN s.state END AS state,"
        " CASE WHEN NOT s.new THEN s.difficulty END AS difficulty,"
        " CASE WHEN NOT s.new THEN s.last_review END AS last_review,"
        " CASE WHEN NOT s.new THEN coalesce(s.due, s.last_review) END AS due,"
        " CASE WHEN s.stability IS NULL OR s.new THEN 0.0::float8 ELSE power(1 + :factor"
        f" * greatest(0, {days})::float8 / s.stability, :decay) END AS recall,"
        " (NOT s.new AND s.state = :review_state AND coalesce(s.stability, 0) >= :mastered)"
        " AS mastered, coalesce(x.suspended, false) AS suspended"
        " FROM summaries s JOIN lib l USING (item_id) JOIN people p USING (student)"
        " LEFT JOIN suspended x USING (student, item_id))"
    )


def _over_students(key: str, cells: str) -> str:
    """Figures per `key` from `cells` (one row per student and key), named by `key`."""
    return (
        f"SELECT '{key}', {key}, count(*), count(*) FILTER (WHERE reviews > 0),"
        " count(*) FILTER (WHERE mastered), sum(recall ORDER BY name), sum(reviews)::bigint,"
        f" sum(failures)::bigint, {_MEAN.format('difficulty', 'name')}, max(last_review)"
        f" FROM ({cells}) per_student GROUP BY {key}"
    )


_ITEMS = _over_students(
    "item",
    "SELECT item_id AS item, name, reviews, failures, mastered, recall, last_review,"
    " CASE WHEN reviews > 0 THEN difficulty END AS difficulty FROM cells",
)
_DECKS = _over_students(
    "deck",
    "SELECT c.deck_id AS deck, c.name, sum(c.reviews) AS reviews, sum(c.failures) AS failures,"
    " count(*) FILTER (WHERE c.mastered) = d.size AS mastered,"
    " sum(c.recall ORDER BY c.ord) / d.size AS recall, max(c.last_review) AS last_review,"
    f" {_MEAN.format('CASE WHEN c.reviews > 0 THEN c.difficulty END', 'c.ord')} AS difficulty"
    " FROM cells c JOIN (SELECT deck_id, count(*) AS size FROM lib GROUP BY deck_id) d"
    " USING (deck_id) GROUP BY c.deck_id, c.student, c.name, d.size",
)
_CONCEPTS = _over_students(
    "concept",
    "SELECT split_part(item_id, '#', 1) AS concept, name, sum(reviews) AS reviews,"
    " sum(failures) AS failures, bool_and(mastered) AS mastered,"
    " sum(recall ORDER BY ord) / count(*) AS recall, max(last_review) AS last_review,"
    f" {_MEAN.format('difficulty', 'ord')} AS difficulty"
    " FROM cells WHERE reviews > 0 GROUP BY 1, student, name",
)
_GROUPS = f"{_ITEMS} UNION ALL {_DECKS} UNION ALL {_CONCEPTS}"
# Overdue (see scheduling.backlog): an item in (re)learning due before today; per note, of its
# items in review due before today (ranked by due, then id), as many as the note had free days
# (study days from one's due day up to yesterday without a review of the note, counting from
# the earliest due of the student's waiting items on; its due day itself only when that day's
# study did not begin before it fell due). The walk of scheduling.backlog offers
# min over ranks j of (j + free days from item j's due day), all of them at most: the count of
# items a walk that offers one item a free day reaches, for release days in order.
# Only the log from the day of a student's earliest waiting due (or the last 7 days) on is read,
# through the (student, reviewed_at) index; the streak walks back a day at a time while there
# are reviews.
_DAY_HAS_REVIEWS = (
    f"EXISTS (SELECT 1 FROM {SCHEMA}.reviews r WHERE r.student = {{0}}.student"
    " AND r.reviewed_at >= (CAST(:bounds AS timestamptz[]))[{1}]"
    f" AND r.reviewed_at < (CAST(:bounds AS timestamptz[]))[{{1}} + 1] AND {NOT_RETRACTED})"
)
_STUDENTS = (
    " , waiting AS (SELECT * FROM cells WHERE due < :today_began AND NOT suspended),"
    " since AS (SELECT student, min(due) AS since FROM waiting GROUP BY student),"
    " log_days AS (SELECT p.student, r.note_key,"
    " width_bucket(r.reviewed_at, CAST(:bounds AS timestamptz[])) AS day,"
    " count(*) FILTER (WHERE r.deck_id = ANY(CAST(:deck_ids AS text[]))) AS in_decks,"
    " min(r.reviewed_at) AS earliest, max(r.reviewed_at) AS latest"
    " FROM people p LEFT JOIN since s USING (student)"
    f" CROSS JOIN LATERAL (SELECT * FROM {SCHEMA}.reviews r WHERE r.student = p.student"
    " AND r.reviewed_at >= least(coalesce((CAST(:bounds AS timestamptz[]))"
    "[width_bucket(s.since, CAST(:bounds AS timestamptz[]))], s.since), :week_began)"
    f" AND {NOT_RETRACTED}) r GROUP BY 1, 2, 3),"
    # the first review of each study day (from the one the earliest waiting item fell due on)
    " began AS (SELECT student, day AS released, min(earliest) AS began FROM log_days"
    " GROUP BY 1, 2),"
    " ranked AS (SELECT student, note_key, due,"
    " width_bucket(due, CAST(:bounds AS timestamptz[])) AS released,"
    ' row_number() OVER (PARTITION BY student, note_key ORDER BY due, item_id COLLATE "C")'
    " - 1 AS rank FROM waiting WHERE NOT state = ANY(CAST(:learning AS smallint[]))),"
    " note_days AS (SELECT d.student, d.note_key, array_agg(d.day ORDER BY d.day) AS days"
    " FROM log_days d JOIN since s USING (student) WHERE d.latest >= s.since"
    " AND (d.student, d.note_key) IN (SELECT student, note_key FROM ranked)"
    " GROUP BY d.student, d.note_key),"
    # the day an item fell due is no free day for it when that day's study began before it
    " offered AS (SELECT student, rank, count(*) OVER notes AS waiting,"
    " min(rank + greatest(0, (:today - released) - coalesce(width_bucket(:today - 1, days)"
    " - width_bucket(released - 1, days), 0) - CASE WHEN released < :today AND began < due"
    " AND NOT released = ANY(coalesce(days, '{}')) THEN 1 ELSE 0 END)) OVER notes AS offered"
    " FROM ranked LEFT JOIN note_days USING (student, note_key)"
    " LEFT JOIN began USING (student, released)"
    " WINDOW notes AS (PARTITION BY student, note_key)),"
    " overdue AS (SELECT student, count(*) AS overdue FROM (SELECT student FROM offered"
    " WHERE rank < least(waiting, offered) UNION ALL SELECT student FROM waiting"
    " WHERE state = ANY(CAST(:learning AS smallint[]))) o GROUP BY student),"
    # today, then back a day at a time while the day has reviews (today may have none)
    " streak AS (SELECT student, CAST(:today AS integer) AS day,"
    f" {_DAY_HAS_REVIEWS.format('p', ':today')} AS studied"
    " FROM people p UNION ALL SELECT k.student, k.day - 1,"
    f" {_DAY_HAS_REVIEWS.format('k', 'k.day - 1')} FROM streak k"
    " WHERE k.day > 1 AND (k.studied OR k.day = :today)),"
    " study_days AS (SELECT student, array_agg(DISTINCT day) AS days,"
    " sum(in_decks) FILTER (WHERE day > :today - 7)::bigint AS reviews_7d"
    " FROM (SELECT student, day, in_decks FROM log_days WHERE day BETWEEN 1 AND :today"
    " UNION ALL SELECT student, day, 0 FROM streak WHERE studied) d GROUP BY student),"
    " totals AS (SELECT student, count(*) FILTER (WHERE mastered) AS mastered,"
    " sum(recall ORDER BY ord) AS recall FROM cells GROUP BY student)"
    " SELECT p.student, p.name, coalesce(t.mastered, 0), coalesce(t.recall, 0.0),"
    " coalesce(o.overdue, 0), l.last_review, coalesce(d.reviews_7d, 0), d.days"
    " FROM people p LEFT JOIN totals t USING (student) LEFT JOIN overdue o USING (student)"
    " LEFT JOIN study_days d USING (student) LEFT JOIN (SELECT student, max(last_review)"
    f" AS last_review FROM {SCHEMA}.item_summaries GROUP BY student) l USING (student)"
    " ORDER BY p.name"
)

# The class's statistics: each student's counted reviews in the library's decks over the window's
# study days, per day and the stage each was made in. The stage is the state the item's previous
# counted rating left it in (the server keeps each rating's state after it), as the student's own
# log keeps it (tables.stage_before): 0 when there is none, and a reset starts the item anew, so
# only an item's ratings since its last reset before a rating count as previous. A rating undone
# (retracted) is no previous rating either. The window's part of each student's log is read
# through the (student, reviewed_at) index; an item rated before the window too starts from its
# last counted rating before it. The log has no index by item (one less to keep up at every
# push), so those are found in one pass over the log before the window, joined to the window's
# items by hash: a lookup per item would walk back through the student's log for each (6 s
# against 1.3 s for 5,172 items in bench/classhub.py's class).
_STAGE_TALLIES = (
    "WITH window_log AS (SELECT r.student, r.item_id, r.deck_id, r.reviewed_at, r.uid,"
    " r.rating, r.duration_ms, r.state, r.due, false AS earlier"
    f" FROM (SELECT DISTINCT student FROM {SCHEMA}.item_summaries) p"
    f" CROSS JOIN LATERAL (SELECT * FROM {SCHEMA}.reviews r WHERE r.student = p.student"
    f" AND r.reviewed_at >= :since AND r.reviewed_at < :until AND {NOT_RETRACTED}) r),"
    " earlier AS (SELECT DISTINCT ON (r.student, r.item_id) r.student, r.item_id, r.deck_id,"
    " r.reviewed_at, r.uid, r.rating, r.duration_ms, r.state, r.due, true AS earlier"
    f" FROM {SCHEMA}.reviews r JOIN (SELECT DISTINCT w.student, w.item_id FROM window_log w"
    f" JOIN {SCHEMA}.item_summaries s USING (student, item_id) WHERE s.first_review < :since) i"
    f" USING (student, item_id) WHERE r.reviewed_at < :since AND {NOT_RETRACTED}"
    " ORDER BY r.student, r.item_id, r.reviewed_at DESC, r.uid DESC),"
    f" reset_items AS (SELECT student, item_id, array_agg(reset_at) AS resets FROM {SCHEMA}.resets"
    " GROUP BY 1, 2),"
    # a rating at the very moment of a reset came before it (as item_summaries' `new`)
    " segments AS (SELECT l.*, CASE WHEN x.resets IS NOT NULL THEN (SELECT max(t)"
    " FROM unnest(x.resets) t WHERE t < l.reviewed_at) END AS since_reset"
    " FROM (SELECT * FROM window_log UNION ALL SELECT * FROM earlier) l"
    " LEFT JOIN reset_items x USING (student, item_id)),"
    " staged AS (SELECT s.*, coalesce(lag(s.state) OVER w, 0) AS stage,"
    " round(extract(epoch FROM lag(s.due) OVER w - lag(s.reviewed_at) OVER w)) AS interval_s"
    " FROM segments s WINDOW w AS (PARTITION BY s.student, s.item_id, s.since_reset"
    " ORDER BY s.reviewed_at, s.uid))"
    " SELECT student, width_bucket(reviewed_at, CAST(:bounds AS timestamptz[])), stage,"
    " stage = :review_state AND coalesce(interval_s, 0) >= :mature_seconds, count(*),"
    " count(*) FILTER (WHERE NOT rating = ANY(CAST(:failed AS smallint[]))),"
    " coalesce(sum(CASE WHEN duration_ms > :cap THEN :cap ELSE duration_ms END), 0)"
    " FROM staged WHERE NOT earlier AND deck_id = ANY(CAST(:deck_ids AS text[]))"
    " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
)


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def first_class_review(hub: Hub) -> datetime | None:
    """When the class's first counted rating was made."""
    with hub.transaction() as connection:
        _check_summaries(connection, hub)
        first = connection.execute(
            text(f"SELECT min(first_review) FROM {SCHEMA}.item_summaries")
        ).scalar()
    return _utc(first)


def _check_summaries(connection: Connection, hub: Hub) -> None:
    class_info(connection, hub.where)
    if not has_summaries(connection):
        raise HubError("old_class", hub.where)


def class_figures(
    hub: Hub,
    items: Sequence[tuple[str, str, str]],
    deck_ids: Collection[str],
    curve: Curve,
    now: datetime,
    bounds: Sequence[datetime],
    window: Sequence[datetime],
    cap_ms: int,
) -> ClassFigures:
    """The class's figures over the library's `items` ((id, deck id, note key), in library
    order) and decks, as of `now`; `bounds` are the starts of the study days from the class's
    first review to today, and the end of today; `window` the same of the days the statistics
    span (StudentFigures.stages), each answer's time counted up to `cap_ms`."""
    with hub.transaction() as connection:
        _check_summaries(connection, hub)
        connection.execute(text("SET LOCAL work_mem = '256MB'"))  # group the log in memory
        # compiling the plans (its cost estimates are high) takes longer than running them
        connection.execute(text("SET LOCAL jit = off"))
        with_flags = has_flags_table(connection)
        cells = _cells(curve, with_flags)
        params = {
            "ids": [i for i, _, _ in items],
            "decks": [d for _, d, _ in items],
            "notes": [n for _, _, n in items],
            "now": now,
            "factor": curve.factor,
            "decay": curve.decay,
            "review_state": curve.review_state,
            "mastered": curve.mastered_stability,
        }

        figures: dict[str, list[Figures]] = {"item": [], "deck": [], "concept": []}
        for (
            kind,
            key,
            students,
            studied,
            mastered,
            recall,
            reviews,
            failures,
            hard,
            last,
        ) in connection.execute(text(f"{cells} {_GROUPS}"), params):
            figures[kind].append(
                Figures(
                    key, students, studied, mastered, recall, reviews, failures, hard, _utc(last)
                )
            )

        students = connection.execute(
            text(cells + _STUDENTS),
            {
                **params,
                "bounds": list(bounds),
                "deck_ids": list(deck_ids),
                "today_began": bounds[-2],
                "week_began": bounds[max(0, len(bounds) - 8)],
                "today": len(bounds) - 1,
                "learning": sorted(curve.learning_states),
            },
        ).all()
        stages: dict[str, list[StageTally]] = {}
        for student, *tally in connection.execute(
            text(_STAGE_TALLIES),
            {
                "since": window[0],
                "until": window[-1],
                "bounds": list(window),
                "review_state": curve.review_state,
                "mature_seconds": MATURE_DAYS * 86400,
                "failed": sorted(curve.failed),
                "cap": cap_ms,
                "deck_ids": list(deck_ids),
            },
        ):
            stages.setdefault(student, []).append(StageTally(*tally))
        flags: dict[str, list[Flag]] = {}
        for row in connection.execute(_FLAGS) if with_flags else ():
            flags.setdefault(row.student, []).append(
                Flag(
                    uid=row.uid,
                    item_id=row.item_id,
                    deck_id=row.deck_id,
                    note=row.note,
                    flagged_at=row.flagged_at.astimezone(UTC),
                )
            )
        return ClassFigures(
            students=[
                StudentFigures(
                    login=login,
                    name=name,
                    mastered=mastered,
                    recall=recall,
                    overdue=overdue,
                    last_review=_utc(last),
                    reviews_7d=reviews_7d,
                    days=tuple(days or ()),
                    flags=tuple(flags.get(login, ())) if with_flags else None,
                    stages=tuple(stages.get(login, ())),
                )
                for login, name, mastered, recall, overdue, last, reviews_7d, days in students
            ],
            items=figures["item"],
            decks=figures["deck"],
            concepts=figures["concept"],
        )


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
