"""How long a progress report takes over a long review history (by default 1,000,000 reviews).

Fills a fresh temporary CRMCARDS_HOME with the bundled decks' items (or, with --items, that many
generated ones): one evening session a day over two years, a rating every few seconds, and for
every item the FSRS state its own reviews give. Then times, in the same run:
  - references: `SELECT COUNT(*)` on the log (an index count), a full scan summing durations,
    and the statistics' read of the log as it was before schema 9 (each review's JSON parsed);
  - the log's sums per hour as the report reads them (kept as ratings are written, schema 13),
    the same sums from the log itself, and rebuilding them from the whole log;
  - the report's figures (`build_report`) without an exam date and with one (exam readiness,
    read from the exam plan's forecast, which is timed apart), and each output format;
  - reading the JSON back and merging two copies into a class view.

    python bench/report.py [--reviews 1000000] [--days 730] [--items 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from crmcards import api
from crmcards.decks.items import Item
from crmcards.locations import DB_FILENAME
from crmcards.schedule import Schedule
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import day_start, study_date
from crmcards.scheduling.ratings import to_fsrs
from crmcards.services.report.json import parse_report
from crmcards.services.report.merge import class_view
from crmcards.services.report.output import render_class, render_report
from crmcards.store.history import day_tallies
from crmcards.store.repository import Store
from crmcards.store.review_hours import DEFAULT_CAP_MS, from_log, log_sums
from crmcards.store.tables import stage_before

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
RATING_WEIGHTS = (1, 2, 3, 4, 5), (0.05, 0.10, 0.20, 0.45, 0.20)
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a datetime in SQLite
LOG_COLUMNS = (
    "uid, item_id, deck_id, note_key, rating, fsrs_rating, reviewed_at, duration_ms, state_after,"
    " previous, state_before, interval_before_s"
)
# the state before a review (Schedule.to_json), which the statistics read the stage from:
# new (none) or learning, review, relearning, with an interval of a few days to months
PREVIOUS_STATES = (None, 1, 2, 2, 2, 2, 2, 3)
INTERVAL_DAYS = (1, 3, 7, 15, 30, 60)
STATE_COLUMNS = (
    "item_id, deck_id, note_key, state, step, stability, difficulty, due, last_review, reps, lapses"
)


def day_counts(reviews: int, days: int, rng: random.Random) -> list[int]:
    """Reviews per day, oldest first: uneven, and a day off now and then (not in the last two
    weeks, so the streak is at least that long)."""
    weights = [
        0.0 if day > 14 and rng.random() < 0.1 else rng.uniform(0.3, 1.7)
        for day in range(days, 0, -1)
    ]
    counts = [int(reviews * weight / sum(weights)) for weight in weights]
    counts[-1] += reviews - sum(counts)
    return counts


LogRow = tuple[str, str, str, str, int, int, str, int, int, str | None, int, int | None]


def previous_state(moment: datetime, rng: random.Random) -> Schedule | None:
    state = rng.choice(PREVIOUS_STATES)
    if state is None:
        return None
    interval = timedelta(days=rng.choice(INTERVAL_DAYS))
    last = moment - interval
    return Schedule(
        state=state,
        stability=interval.days * 1.1,
        difficulty=5.0,
        due=last + interval,
        last_review=last,
        reps=3,
    )


def log_rows(
    items: list[Item], reviews: int, days: int, rng: random.Random, now: datetime = NOW
) -> Iterator[LogRow]:
    ratings = rng.choices(*RATING_WEIGHTS, k=4096)
    written = 0
    for day, count in zip(range(days, 0, -1), day_counts(reviews, days, rng), strict=True):
        moment = (now - timedelta(days=day)).replace(hour=17) + timedelta(
            minutes=rng.randrange(120)
        )
        for _ in range(count):
            item = items[rng.randrange(len(items))]
            rating = ratings[written % len(ratings)]
            moment += timedelta(milliseconds=rng.randrange(2000, 12000))
            before = previous_state(moment, rng)
            yield (
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),  # as ReviewLog.uid
                item.id,
                item.deck.id,
                item.note_key,
                rating,
                to_fsrs(rating).value,
                moment.strftime(STORED_TIME),
                rng.randrange(2000, 12000),
                2,
                None if before is None else before.to_json(),
                *stage_before(before),
            )
            written += 1


# Simulating FSRS takes ~0.1 ms a review: beyond this many items, histories are reused.
DISTINCT_HISTORIES = 2000
HISTORY_NOTE = "bench/history"  # the histories are reused across notes; no exam plan to mind them
StateRow = tuple[
    str, str, str, int, int | None, float | None, float | None, str, str | None, int, int
]


def item_states(items: list[Item], rng: random.Random, now: datetime = NOW) -> list[StateRow]:
    """Each item's state after a few reviews spread over the weeks before `now` (a tenth stays
    new), as rows of `item_state`."""
    planner = Planner(fuzz=False)
    histories: list[Schedule] = []
    for _ in range(min(DISTINCT_HISTORIES, len(items))):
        state = None
        moment = now - timedelta(days=rng.randrange(20, 90))
        while moment < now:
            rating = rng.choices(*RATING_WEIGHTS)[0]
            state = planner.review(state, rating, moment, note_key=HISTORY_NOTE).after
            moment = max(state.due, moment + timedelta(hours=1))
        assert state is not None
        histories.append(state)

    def stored(moment: datetime | None) -> str | None:
        return None if moment is None else moment.astimezone(UTC).strftime(STORED_TIME)

    return [
        (
            item.id,
            item.deck.id,
            item.note_key,
            s.state,
            s.step,
            s.stability,
            s.difficulty,
            stored(s.due) or "",
            stored(s.last_review),
            s.reps,
            s.lapses,
        )
        for item, s in zip(items[: len(items) * 9 // 10], itertools.cycle(histories))
    ]


def fill(home: Path, items: list[Item], reviews: int, days: int, now: datetime = NOW) -> float:
    """Write the history of `items` up to `now`; returns the seconds the bulk insert took."""
    rng = random.Random(2026)
    Store.open(home=home).close()  # creates the database with the current schema
    started = time.perf_counter()
    # the store's last connection may still be checkpointing its log: wait for it
    with sqlite3.connect(home / DB_FILENAME, timeout=60) as connection:
        # Building the indexes once afterwards is far faster than updating them per row.
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name IN ('review_log', 'item_state') AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(f"DROP INDEX {name}")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executemany(
            f"INSERT INTO item_state ({STATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            item_states(items, rng, now),
        )
        connection.executemany(
            f"INSERT INTO review_log ({LOG_COLUMNS})"
            f" VALUES ({', '.join('?' * len(LOG_COLUMNS.split(',')))})",
            log_rows(items, reviews, days, rng, now),
        )
        for _, sql in indexes:
            connection.execute(sql)
    return time.perf_counter() - started


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


# The reference the statistics are measured against: how they read the log before schema 9, the
# stage of each review parsed from its JSON snapshot `previous` (SQL only: what followed in Python
# then, parsing each hour's text, took as long again).
STAGES_FROM_JSON = """
SELECT deck_id, substr(reviewed_at, 1, 13) AS hour,
       COALESCE(json_extract(previous, '$.state'), 0) AS stage,
       CASE WHEN COALESCE(json_extract(previous, '$.state'), 0) = 2
            THEN julianday(json_extract(previous, '$.due'))
                 - julianday(json_extract(previous, '$.last_review')) >= 21
            ELSE 0 END AS mature,
       rating, count(*), sum(CASE WHEN duration_ms > 60000 THEN 60000 ELSE duration_ms END)
FROM review_log WHERE reviewed_at >= ? AND reviewed_at < ?
GROUP BY deck_id, hour, stage, mature, rating
"""


def sums_from_the_log(connection: sqlite3.Connection, bounds: list[datetime]) -> None:
    """What the report's tally reads, summed up from the log itself, a query per study day."""
    sql = log_sums("sqlite")

    def log(since: datetime, until: datetime) -> list[Any]:
        stored = {"since": since.astimezone(UTC).strftime(STORED_TIME), "cap": DEFAULT_CAP_MS}
        return connection.execute(
            sql, {**stored, "until": until.astimezone(UTC).strftime(STORED_TIME)}
        ).fetchall()

    from_log(log, bounds)


def rebuild(home: Path) -> float:
    """Seconds to rebuild the sums per hour from the whole log, as the upgrade to schema 13 and
    a report with another answer-time cap do (then back to the default cap, untimed)."""
    store = Store.open(home=home)
    try:
        seconds, _ = timed(lambda: day_tallies(store, [], DEFAULT_CAP_MS + 1))
        day_tallies(store, [], DEFAULT_CAP_MS)
    finally:
        store.close()
    return seconds


def measure(home: Path, reviews: int, days: int, items: int) -> None:
    decks = ()
    if items:
        from scale import write_decks  # bench/scale.py fills its collections with this module

        decks = (home / "decks",)
        write_decks(decks[0], items)
    print(f"filling {home} with {reviews:,} reviews over {days} days ...", flush=True)
    with api.open(home=home, decks=decks, now=NOW, fuzz=False) as workspace:
        library_items = workspace.library.items()
        workspace.close()
        print(f"  bulk insert                 {fill(home, library_items, reviews, days):7.2f} s")
        today = study_date(NOW)
        bounds = [day_start(today - timedelta(days=n)) for n in range(days + 1, -2, -1)]
        stored = [moment.astimezone(UTC).strftime(STORED_TIME) for moment in bounds]
        with sqlite3.connect(home / DB_FILENAME) as connection:
            count_time, (count,) = timed(
                lambda: connection.execute("SELECT COUNT(*) FROM review_log").fetchone()
            )
            scan_time, _ = timed(
                lambda: connection.execute("SELECT SUM(duration_ms) FROM review_log").fetchone()
            )
            json_time, _ = timed(
                lambda: [
                    connection.execute(STAGES_FROM_JSON, period).fetchall()
                    for period in itertools.pairwise(stored)
                ]
            )
        exam = date(2027, 1, 15)
        workspace.open_store()  # opening makes the day's backup of the database: not timed
        plain_time, _ = timed(lambda: workspace.build_report(student="Bench", exam=today))
        figures_time, report = timed(lambda: workspace.build_report(student="Bench", exam=exam))
        plan_time, _ = timed(lambda: workspace.exam_forecast(exam))
        store = Store.open(home=home)
        stages_time, _ = timed(lambda: day_tallies(store, bounds, DEFAULT_CAP_MS))
        store.close()
        with sqlite3.connect(home / DB_FILENAME) as connection:
            log_time, _ = timed(lambda: sums_from_the_log(connection, bounds))
        rebuild_time = rebuild(home)
    print(f"{count:,} reviews, {len(report.items):,} items, python {sys.version.split()[0]}")
    print("references")
    print(f"  SELECT COUNT(*)             {count_time:7.3f} s")
    print(f"  SELECT SUM(duration_ms)     {scan_time:7.3f} s  (reads every row)")
    print(
        f"  stages from each JSON       {json_time:7.3f} s  (the statistics' read before schema 9)"
    )
    print("report")
    print(f"  figures (build_report)      {plain_time:7.3f} s  (no exam date)")
    print(f"    of which the log's tally  {stages_time:7.3f} s  (day_tallies: the sums per hour)")
    print(f"  the same sums from the log  {log_time:7.3f} s  (before schema 13; other databases)")
    print(f"  the sums per hour rebuilt   {rebuild_time:7.3f} s  (schema 13 upgrade, a new cap)")
    print(f"  with exam readiness         {figures_time:7.3f} s  (exam {exam})")
    print(f"    of which the exam plan    {plan_time:7.3f} s  (its forecast: services.exam_plan)")
    for name in ("md", "html", "csv", "json"):
        seconds, text = timed(partial(render_report, report, name))
        print(f"  render {name:<5}                {seconds:7.3f} s  ({len(text):,} characters)")
    parse_time, again = timed(lambda: parse_report(render_report(report, "json"), "bench"))
    merge_time, view = timed(lambda: class_view([("A", report), ("B", again)]))
    html_time, _ = timed(lambda: render_class(view, "html"))
    print(f"  read the JSON back          {parse_time:7.3f} s")
    print(f"  class view of 2, as html    {merge_time + html_time:7.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument(
        "--items",
        type=int,
        default=0,
        help="generated items (bench/scale.py's decks) instead of the bundled decks, e.g. 100000",
    )
    parser.add_argument("--keep", type=Path, help="fill this (new) folder and keep it")
    args = parser.parse_args()
    if args.keep:
        measure(args.keep, args.reviews, args.days, args.items)
        return
    with tempfile.TemporaryDirectory(prefix="crmcards-bench-") as folder:
        measure(Path(folder), args.reviews, args.days, args.items)


if __name__ == "__main__":
    main()
