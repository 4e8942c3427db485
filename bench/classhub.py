"""The class hub against a real PostgreSQL server: full sync of a class, one student's
incremental sync, and the live class report, each next to a bare COPY/INSERT reference of the
same rows measured in the same run.

Starts a throw-away server (as the tests do) unless --url names an admin URL of an empty
database. Each student is a real data folder with a SQLite database holding their reviews, and
syncs through crmcards' own sync (read what is unsent, push, pull, confirm, merge), one after
the other. The logs are those of a few simulated students (SIMULATED: evening sessions, due
cards first, ratings drawn from predicted recall, the FSRS states the app would store), each
student of the class having one of them with ratings of their own; the teacher's live view is
taken the morning after the last session.

    python bench/classhub.py [--students 300] [--reviews 5000] [--url ADMIN_URL]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.pgserver

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.locations import DB_FILENAME, bundled_decks_dir
from crmcards.scheduling.planner import Planner
from crmcards.services.class_admin import add_student, init_class
from crmcards.services.class_report import live_class_view
from crmcards.services.report.output import render_class
from crmcards.services.sync import join, sync
from crmcards.store.repository import Store

START = datetime(2026, 9, 1, 17, 0, tzinfo=UTC)
SIMULATED = 12  # students simulated; the class's logs are theirs, with ratings of their own
PARALLEL = 4  # devices syncing at the same time in the second full sync
# The bench's own server is set up as docs/class-hub.md recommends for a class server: every
# confirmed push on disk (fsync, full pages after a checkpoint, synchronous commits), the class
# in memory, and no checkpoint forced by the WAL of a whole class syncing.
SERVER_SETTINGS = {
    "fsync": "on",
    "full_page_writes": "on",
    "synchronous_commit": "on",
    "shared_buffers": "1GB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "15min",
}
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a datetime in SQLite
RATINGS = (1, 2, 3, 4, 5), (0.05, 0.10, 0.20, 0.45, 0.20)
COLUMNS = (
    "uid, item_id, deck_id, note_key, rating, fsrs_rating, reviewed_at, duration_ms,"
    " state_after, previous, after"
)
TABLE = (
    "uid uuid PRIMARY KEY, item_id text, deck_id text, note_key text, rating smallint,"
    " fsrs_rating smallint, reviewed_at timestamptz, duration_ms integer, state smallint,"
    " stability double precision, difficulty double precision, due timestamptz"
)


def simulated_log(items: list[Item], count: int, rng: random.Random) -> list[tuple[Any, ...]]:
    """A student's log as the app would make it: an evening session most days (due cards
    first, up to 200, then up to 20 new ones, 5-20 s a card), each rating drawn from the
    card's predicted recall, every state the FSRS one, until `count` ratings."""
    planner = Planner()
    states: dict[str, Any] = {}
    unseen = list(items)
    skip = rng.uniform(0.05, 0.4)  # how often this student skips a day
    rows: list[tuple[Any, ...]] = []
    day = START
    while len(rows) < count:
        day += timedelta(days=1)
        if rng.random() < skip:
            continue
        moment = day + timedelta(minutes=rng.randrange(0, 240))
        due = sorted((s.due, i) for i, (s, _) in states.items() if s.due <= moment)[:200]
        session = [states[i][1] for _, i in due] + unseen[:20]
        del unseen[:20]
        for item in session[: count - len(rows)]:
            before = states.get(item.id, (None, item))[0]
            if before is None:
                rating = rng.choices(*RATINGS)[0]
            elif rng.random() < planner.retrievability(before, moment):
                rating = rng.choices((3, 4, 5), (0.15, 0.70, 0.15))[0]
            else:
                rating = 2 if rng.random() < 0.3 else 1
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            review = planner.review(before, rating, moment, note_key=item.note_key, uid=uid)
            states[item.id] = (review.after, item)
            rows.append(
                (
                    uid,
                    item.id,
                    item.deck.id,
                    item.note_key,
                    review.rating,
                    review.fsrs_rating,
                    moment.strftime(STORED_TIME),
                    rng.randrange(5000, 20000),
                    review.after.state,
                    None if before is None else before.to_json(),
                    review.after.to_json(),
                )
            )
            moment += timedelta(seconds=rng.randrange(5, 20))
    return rows


def student_rows(logs: list[list[tuple[Any, ...]]], rng: random.Random) -> list[tuple[Any, ...]]:
    """One of the simulated logs, with ratings of their own (new ids)."""
    log = logs[rng.randrange(len(logs))]
    return [(str(uuid.UUID(int=rng.getrandbits(128), version=4)), *row[1:]) for row in log]


def fill(home: Path, rows: list[tuple[Any, ...]]) -> None:
    Store.open(home=home).close()  # the current schema
    with sqlite3.connect(home / DB_FILENAME) as connection:
        connection.executemany(
            f"INSERT INTO review_log ({COLUMNS}) VALUES ({', '.join('?' * 11)})", rows
        )


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def server_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows as the server stores them (for the references)."""
    out = []
    for uid, item, deck, note, rating, fsrs, at, ms, state, _, after in rows:
        values = json.loads(after)
        out.append(
            (
                uid,
                item,
                deck,
                note,
                rating,
                fsrs,
                at + "+00",
                ms,
                state,
                values["stability"],
                values["difficulty"],
                values["due"],
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--reviews", type=int, default=5000, help="per student")
    parser.add_argument("--url", help="admin URL of an empty database (default: a new server)")
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the bench's own server instead of SERVER_SETTINGS' (repeatable)",
    )
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # each figure as it comes, also into a file
    settings = SERVER_SETTINGS | dict(setting.split("=", 1) for setting in args.setting)

    import psycopg

    server = None
    admin_url = args.url
    if admin_url is None:
        from tests.pgserver import started_server

        server = started_server(settings)
        if server is None:
            sys.exit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin); pass --url")
        with psycopg.connect(server.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")
        admin_url = server.url("bench")
    work = Path(tempfile.mkdtemp(prefix="crmcards-classhub-"))
    try:
        run(admin_url, work, args.students, args.reviews)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # 1.3 GB of student folders at full size
        if server is not None:
            server.stop()
            server.remove()


def run(admin_url: str, work: Path, students: int, reviews: int) -> None:
    import psycopg

    rng = random.Random(2026)
    items = Library.load([bundled_decks_dir()]).items()
    total = students * reviews
    print(f"class hub: {students} students x {reviews:,} reviews = {total:,} reviews")
    with psycopg.connect(admin_url) as connection:
        settings = connection.execute(
            "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)"
            " FROM pg_settings WHERE name = ANY(%s)",
            (list(SERVER_SETTINGS),),
        ).fetchone()
    print(f"  server: {settings[0] if settings else '?'}")
    print(f"  load average at the start: {os.getloadavg()[0]:.1f}")
    init_class(admin_url, "en")
    homes, logs = [], []
    started = time.perf_counter()
    simulated = [simulated_log(items, reviews, rng) for _ in range(min(SIMULATED, students))]
    # the teacher looks the morning after the class's last session
    last = max(datetime.strptime(log[-1][6], STORED_TIME) for log in simulated)
    now = datetime.combine(last.date() + timedelta(days=1), dtime(9, 0), tzinfo=UTC)
    for n in range(students):
        home = work / f"student-{n}"
        home.mkdir()
        add_student(admin_url, f"student {n}", home / "join.toml", "en")
        rows = student_rows(simulated, rng)
        fill(home, rows)
        store = Store.open(home=home)
        join(store, home, home / "join.toml", "en")
        store.close()
        homes.append(home)
        logs.append(rows)
    print(f"  set-up (students, local logs; not timed)  {time.perf_counter() - started:7.1f} s")

    # -- references: the same rows, straight into a table of the same shape --------------------
    plain = [server_rows(rows) for rows in logs]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE TABLE copy_reference ({TABLE})")
        connection.execute(f"CREATE TABLE insert_reference ({TABLE})")

        def copy_all() -> None:
            with connection.cursor().copy("COPY copy_reference FROM STDIN") as copy:
                for rows in plain:
                    for row in rows:
                        copy.write_row(row)

        copy_seconds, _ = timed(copy_all)

        def insert_all() -> None:
            for rows in plain:
                with connection.transaction():
                    connection.cursor().executemany(
                        f"INSERT INTO insert_reference VALUES ({', '.join(['%s'] * 12)})", rows
                    )

        insert_seconds, _ = timed(insert_all)
    print(f"  reference: one COPY of all rows                 {copy_seconds:7.2f} s")
    print(f"  reference: INSERT per student (executemany)     {insert_seconds:7.2f} s")

    # -- the class syncs in full ---------------------------------------------------------------
    planner = Planner()

    def sync_everyone() -> int:
        sent = 0
        for home in homes:
            store = Store.open(home=home)
            try:
                sent += sync(store, home, planner, "en").sent
            finally:
                store.close()
        return sent

    seconds, sent = timed(sync_everyone)
    assert sent == total, (sent, total)
    print(
        f"  full sync of the class (target < 60 s)          {seconds:7.2f} s"
        f"  ({total / seconds:,.0f} reviews/s)"
    )
    with psycopg.connect(admin_url) as connection:
        sizes = connection.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('crmcards.reviews')),"
            " pg_size_pretty(pg_total_relation_size('crmcards.item_summaries'))"
        ).fetchone() or ("?", "?")
    print(f"  on the server (with indexes): reviews {sizes[0]}, item_summaries {sizes[1]}")

    # -- one student's session of 100 reviews, then their sync ---------------------------------
    home = homes[0]
    store = Store.open(home=home)
    moment = now - timedelta(hours=1)  # a session before the teacher looks
    for n in range(100):
        item = items[n]
        state = store.states([item.id]).get(item.id)
        review = planner.review(state, 4, moment + timedelta(seconds=n), note_key=item.note_key)
        store.record(item.id, item.deck.id, item.note_key, review)
    seconds, result = timed(lambda: sync(store, home, planner, "en"))
    store.close()
    assert result.sent == 100
    extra = [(str(uuid.uuid4()), *row[1:]) for row in plain[0][:100]]

    def bare_insert() -> None:
        with psycopg.connect(admin_url) as connection:
            connection.cursor().executemany(
                f"INSERT INTO insert_reference VALUES ({', '.join(['%s'] * 12)})", extra
            )

    reference, _ = timed(bare_insert)
    print(f"  reference: connect + INSERT of 100 rows         {reference:7.3f} s")
    print(f"  incremental sync of 100 reviews (< 0.3 s)       {seconds:7.3f} s")

    # -- the live class report -----------------------------------------------------------------
    with psycopg.connect(admin_url) as connection:
        reference, _ = timed(
            lambda: connection.execute(
                "SELECT count(*), sum(duration_ms) FROM crmcards.reviews"
            ).fetchone()
        )
    print(f"  reference: one scan of the class's reviews      {reference:7.3f} s")
    library = Library.load([bundled_decks_dir()])
    seconds, view = timed(
        lambda: live_class_view(library, admin_url, now, planner=Planner(fuzz=False), language="en")
    )
    assert len(view.students) == students
    print(f"  live class view over {total:,} (< 5 s)      {seconds:7.2f} s")
    seconds, _ = timed(lambda: render_class(view, "html", language="en"))
    print(f"  ... rendered as html                            {seconds:7.2f} s")

    # -- the class syncs in full again, several devices at a time -------------------------------
    for home in homes:
        with sqlite3.connect(home / DB_FILENAME) as device:
            device.execute("INSERT INTO review_unsent (review_id) SELECT id FROM review_log")
            device.execute("DELETE FROM meta WHERE key LIKE 'class.pulled%'")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("TRUNCATE crmcards.reviews, crmcards.item_summaries")

    def sync_one(home: Path) -> int:
        store = Store.open(home=home)
        try:
            return sync(store, home, planner, "en").sent
        finally:
            store.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        seconds, sent = timed(lambda: sum(pool.map(sync_one, homes)))
    assert sent >= total
    print(
        f"  full sync, {PARALLEL} devices at a time (< 60 s)    {seconds:7.2f} s"
        f"  ({total / seconds:,.0f} reviews/s)"
    )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
