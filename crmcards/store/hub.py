"""The class server: one PostgreSQL database per class, reached with psycopg 3 through SQLAlchemy.

Only imported when a class is used (psycopg and the PostgreSQL dialect add to start-up).

Security is PostgreSQL's own: every student has a login role (random password, stored only as a
SCRAM verifier made on the client, so not even the server's statement log sees it), member of
the class's student group. Row-level security lets a student read and insert only rows whose
`student` is their own login; no student role may update or delete anything. The class's teacher
group reads every row. The admin (the URL given to `class init`) owns the tables.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from crmcards.errors import CrmcardsError

SCHEMA = "crmcards"
HUB_SCHEMA_VERSION = 1
CONNECT_TIMEOUT_S = 10
_DRIVERS = {"postgresql", "postgres", "postgresql+psycopg"}


class HubError(CrmcardsError):
    """Something between this device and the class server went wrong. `kind` says what (the
    services turn it into a sentence in the student's language); `where` is the server without
    any password."""

    def __init__(self, kind: str, where: str, detail: str = "") -> None:
        super().__init__(f"{where}: {kind}{': ' + detail if detail else ''}")
        self.kind = kind
        self.where = where
        self.detail = detail


def _where(url: URL) -> str:
    host = url.host or url.query.get("host") or "localhost"
    return f"{host}:{url.port or 5432}/{url.database or ''}"


def parse_url(url: str) -> URL:
    """A PostgreSQL URL for psycopg; anything else is a HubError (the URL is never echoed, as
    it may hold a password)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise HubError("bad_url", "URL") from None
    if parsed.drivername not in _DRIVERS or not parsed.database:
        raise HubError("bad_url", "URL")
    return parsed.set(drivername="postgresql+psycopg")


def _kind(error: DBAPIError, connected: bool) -> tuple[str, str]:
    """What went wrong, from the driver's error: (kind, a detail safe to show)."""
    original = error.orig
    state = getattr(original, "sqlstate", None)
    message = str(original or error)
    first = message.strip().splitlines()[0] if message.strip() else ""
    detail = re.sub(r".*(FATAL|ERROR):\s*", "", first).strip()
    if state == "42501":
        return "denied", detail
    if state in ("42P01", "3F000"):
        return "not_a_class", ""
    if "password authentication failed" in message or "no pg_hba.conf entry" in message:
        return "refused", ""
    if "does not exist" in message and "database" in message:
        return "no_database", ""
    if not connected or "could not connect" in message or "Connection refused" in message:
        return "unreachable", ""
    if state is None or state.startswith(("08", "57")):
        return "lost", ""
    return "server", detail


@dataclass
class Hub:
    """A connection target: one class database, as one login."""

    url: URL

    @classmethod
    def at(cls, url: str) -> Hub:
        return cls(parse_url(url))

    @property
    def where(self) -> str:
        return _where(self.url)

    @property
    def login(self) -> str:
        return self.url.username or ""

    def engine(self) -> Engine:
        return create_engine(
            self.url,
            poolclass=NullPool,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "crmcards"},
            use_native_hstore=False,  # crmcards uses no hstore: spares a question at connecting
        )

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction on the server; every failure becomes a HubError without secrets."""
        engine = self.engine()
        connected = False
        try:
            with engine.connect() as connection:
                connected = True
                with connection.begin():
                    yield connection
        except DBAPIError as error:
            kind, detail = _kind(error, connected)
            raise HubError(kind, self.where, detail) from None
        except SQLAlchemyError as error:
            raise HubError("server", self.where, type(error).__name__) from None
        finally:
            engine.dispose()


# -- the schema -----------------------------------------------------------------------------------


def group_roles(database: str) -> tuple[str, str]:
    """The class's (student, teacher) group roles. Roles belong to the whole server, so their
    names carry the class database's name."""
    return f"{database}_students"[:63], f"{database}_teachers"[:63]


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


# Per student and item, the counted log summed up (undone ratings left out), the state its
# latest rating led to and when the student last put it back to new: what the live class view
# reads instead of the whole log. Kept by triggers at every push, as the table's owner, so no
# student can write it.
SUMMARY_TABLE = f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.item_summaries (
    student name NOT NULL,
    item_id text NOT NULL,
    deck_id text NOT NULL,
    note_key text NOT NULL,
    reviews integer NOT NULL,
    rated_1 integer NOT NULL,
    rated_2 integer NOT NULL,
    rated_3 integer NOT NULL,
    rated_4 integer NOT NULL,
    rated_5 integer NOT NULL,
    first_review timestamptz NOT NULL,
    last_review timestamptz NOT NULL,
    last_uid uuid NOT NULL,
    state smallint NOT NULL,
    stability double precision,
    difficulty double precision,
    due timestamptz,
    reset_at timestamptz,
    PRIMARY KEY (student, item_id)
);
ALTER TABLE {SCHEMA}.item_summaries ADD COLUMN IF NOT EXISTS reset_at timestamptz;"""
_COUNTS = ("reviews", *(f"rated_{rating}" for rating in range(1, 6)))
_LATEST = (
    "deck_id",
    "note_key",
    "last_review",
    "last_uid",
    "state",
    "stability",
    "difficulty",
    "due",
)
SUMMARY_COLUMNS = "student, item_id, " + ", ".join((*_COUNTS, "first_review", *_LATEST, "reset_at"))


NOT_RETRACTED = (
    f"NOT EXISTS (SELECT 1 FROM {SCHEMA}.retractions x"
    " WHERE x.review_uid = r.uid AND x.student = r.student)"
)


def _summarise(reviews: str, where: str = "true") -> str:
    """item_summaries rows (SUMMARY_COLUMNS) of the counted rows of `reviews` (a
    table of review rows, aliased r) that meet `where`.

    One sort does it all: each item's rows newest first (by the bytes of the ids, "C", which
    costs less than the database's collation), the counts over the item's rows as a window,
    and the item's first row, its latest rating, kept."""
    newest_first = 'r.student, r.item_id COLLATE "C", r.reviewed_at DESC, r.uid DESC'
    item = (
        f'PARTITION BY r.student, r.item_id COLLATE "C" ORDER BY {newest_first}'
        " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
    )
    counts = ", ".join(
        [
            "count(*) OVER item AS reviews",
            *(
                f"count(*) FILTER (WHERE r.rating = {n}) OVER item AS rated_{n}"
                for n in range(1, 6)
            ),
        ]
    )
    return (
        "SELECT q.*, (SELECT max(x.reset_at) FROM"
        f" {SCHEMA}.resets x WHERE x.student = q.student AND x.item_id = q.item_id)"
        f' FROM (SELECT DISTINCT ON (r.student, r.item_id COLLATE "C") r.student, r.item_id,'
        f" {counts}, min(r.reviewed_at) OVER item AS first_review, r.deck_id, r.note_key,"
        " r.reviewed_at, r.uid, r.state, r.stability, r.difficulty, r.due"
        f" FROM {reviews} WHERE ({where}) AND {NOT_RETRACTED}"
        f" WINDOW item AS ({item}) ORDER BY {newest_first}) q"
    )


def _newer(column: str) -> str:
    return (
        f"{column} = CASE WHEN (excluded.last_review, excluded.last_uid) > (s.last_review,"
        f" s.last_uid) THEN excluded.{column} ELSE s.{column} END"
    )


_RETRACTED_ITEMS = (  # (student, item) of the reviews a statement retracted
    f"SELECT DISTINCT v.student, v.item_id FROM retracted t JOIN {SCHEMA}.reviews v"
    " ON v.uid = t.review_uid AND v.student = t.student"
)
# Trigger functions run as their owner (the admin), so the summary follows every push without
# students holding any right to write it; search_path is fixed so a student's temporary objects
# cannot stand in for the class's tables.
_SUMMARY_TRIGGERS = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.summarise_added_reviews() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO {SCHEMA}.item_summaries AS s ({SUMMARY_COLUMNS})
    {_summarise("added r")}
    ON CONFLICT (student, item_id) DO UPDATE SET
    {", ".join(f"{n} = s.{n} + excluded.{n}" for n in _COUNTS)},
    first_review = least(s.first_review, excluded.first_review),
    {", ".join(_newer(n) for n in _LATEST)},
    reset_at = excluded.reset_at;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION {SCHEMA}.summarise_retracted_items() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM {SCHEMA}.item_summaries s USING ({_RETRACTED_ITEMS}) a
        WHERE s.student = a.student AND s.item_id = a.item_id;
    INSERT INTO {SCHEMA}.item_summaries ({SUMMARY_COLUMNS})
    {_summarise(f"{SCHEMA}.reviews r", f"(r.student, r.item_id) IN ({_RETRACTED_ITEMS})")};
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION {SCHEMA}.summarise_resets() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE {SCHEMA}.item_summaries s SET reset_at = greatest(s.reset_at, a.reset_at)
        FROM (SELECT student, item_id, max(reset_at) AS reset_at FROM added GROUP BY 1, 2) a
        WHERE s.student = a.student AND s.item_id = a.item_id;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION {SCHEMA}.summarise_added_reviews() FROM PUBLIC;
REVOKE ALL ON FUNCTION {SCHEMA}.summarise_retracted_items() FROM PUBLIC;
REVOKE ALL ON FUNCTION {SCHEMA}.summarise_resets() FROM PUBLIC;
DROP TRIGGER IF EXISTS summarise ON {SCHEMA}.reviews;
CREATE TRIGGER summarise AFTER INSERT ON {SCHEMA}.reviews REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.summarise_added_reviews();
DROP TRIGGER IF EXISTS summarise ON {SCHEMA}.retractions;
CREATE TRIGGER summarise AFTER INSERT ON {SCHEMA}.retractions
    REFERENCING NEW TABLE AS retracted
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.summarise_retracted_items();
DROP TRIGGER IF EXISTS summarise ON {SCHEMA}.resets;
CREATE TRIGGER summarise AFTER INSERT ON {SCHEMA}.resets REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.summarise_resets();
"""
# item_summaries as the whole log gives them (what the triggers keep them equal to)
LOG_SUMMARIES = _summarise(f"{SCHEMA}.reviews r")
_FILL_SUMMARIES = f"INSERT INTO {SCHEMA}.item_summaries ({SUMMARY_COLUMNS}) {LOG_SUMMARIES}"


# A class made before 2026-12 has its reviews keyed by uid alone.
_STUDENT_FIRST_KEY = f"""DO $$ BEGIN
    IF (SELECT array_length(conkey, 1) FROM pg_constraint
        WHERE conname = 'reviews_pkey' AND conrelid = '{SCHEMA}.reviews'::regclass) = 1 THEN
        ALTER TABLE {SCHEMA}.reviews DROP CONSTRAINT reviews_pkey,
            ADD CONSTRAINT reviews_pkey PRIMARY KEY (student, uid);
    END IF;
END $$;"""


_TABLES = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC;
CREATE TABLE IF NOT EXISTS {SCHEMA}.hub_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS {SCHEMA}.students (
    login name PRIMARY KEY,
    name text NOT NULL UNIQUE,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.reviews (
    uid uuid NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    student name NOT NULL DEFAULT current_user,
    item_id text NOT NULL,
    deck_id text NOT NULL,
    note_key text NOT NULL,
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    fsrs_rating smallint NOT NULL CHECK (fsrs_rating BETWEEN 1 AND 4),
    reviewed_at timestamptz NOT NULL,
    duration_ms integer,
    state smallint NOT NULL,
    stability double precision,
    difficulty double precision,
    due timestamptz,
    -- by student first: a push adds to one student's part of each index, not all over it
    CONSTRAINT reviews_pkey PRIMARY KEY (student, uid)
);
{_STUDENT_FIRST_KEY}
CREATE INDEX IF NOT EXISTS reviews_student_seq ON {SCHEMA}.reviews (student, seq);
-- the class view reads item_summaries instead; one index less to keep up at every push
DROP INDEX IF EXISTS {SCHEMA}.reviews_student_item;
-- the class view reads a student's recent log (streak, last 7 days, days since an overdue)
CREATE INDEX IF NOT EXISTS reviews_student_time ON {SCHEMA}.reviews (student, reviewed_at);
CREATE TABLE IF NOT EXISTS {SCHEMA}.retractions (
    uid uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    review_uid uuid NOT NULL,
    student name NOT NULL DEFAULT current_user,
    item_id text NOT NULL,
    retracted_at timestamptz NOT NULL,
    UNIQUE (review_uid, student)
);
CREATE INDEX IF NOT EXISTS retractions_student_seq ON {SCHEMA}.retractions (student, seq);
-- cards a student put back to new, and set aside (suspended) or took back: events, like ratings
CREATE TABLE IF NOT EXISTS {SCHEMA}.resets (
    uid uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    student name NOT NULL DEFAULT current_user,
    item_id text NOT NULL,
    reset_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS resets_student_seq ON {SCHEMA}.resets (student, seq);
CREATE INDEX IF NOT EXISTS resets_student_item ON {SCHEMA}.resets (student, item_id, reset_at);
CREATE TABLE IF NOT EXISTS {SCHEMA}.suspensions (
    uid uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    student name NOT NULL DEFAULT current_user,
    item_id text NOT NULL,
    deck_id text NOT NULL,
    suspended boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS suspensions_student_seq ON {SCHEMA}.suspensions (student, seq);
CREATE TABLE IF NOT EXISTS {SCHEMA}.flags (
    uid uuid PRIMARY KEY,
    student name NOT NULL DEFAULT current_user,
    item_id text NOT NULL,
    deck_id text NOT NULL,
    note text NOT NULL,
    flagged_at timestamptz NOT NULL
);
{SUMMARY_TABLE}
ALTER TABLE {SCHEMA}.flags ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.retractions ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.suspensions ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.students ENABLE ROW LEVEL SECURITY;
ALTER TABLE {SCHEMA}.item_summaries ENABLE ROW LEVEL SECURITY;
"""


# What a student's sync adds to (and reads back): their own rows only, never changed afterwards.
EVENT_TABLES = ("reviews", "retractions", "resets", "suspensions", "flags")


def _policies(students: str, teachers: str) -> str:
    statements = []
    for table in EVENT_TABLES:
        statements += [
            f"DROP POLICY IF EXISTS own_read ON {SCHEMA}.{table}",
            f"CREATE POLICY own_read ON {SCHEMA}.{table} FOR SELECT TO {students}"
            " USING (student = current_user)",
            f"DROP POLICY IF EXISTS own_insert ON {SCHEMA}.{table}",
            f"CREATE POLICY own_insert ON {SCHEMA}.{table} FOR INSERT TO {students}"
            " WITH CHECK (student = current_user)",
        ]
    statements += [
        f"DROP POLICY IF EXISTS own_read ON {SCHEMA}.item_summaries",
        f"CREATE POLICY own_read ON {SCHEMA}.item_summaries FOR SELECT TO {students}"
        " USING (student = current_user)",
    ]
    for table in (*EVENT_TABLES, "students", "item_summaries"):
        statements += [
            f"DROP POLICY IF EXISTS class_read ON {SCHEMA}.{table}",
            f"CREATE POLICY class_read ON {SCHEMA}.{table} FOR SELECT TO {teachers} USING (true)",
        ]
    statements += [
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {students}, {teachers}",
        f"GRANT SELECT ON {SCHEMA}.hub_meta TO {students}, {teachers}",
        f"GRANT SELECT ON {SCHEMA}.item_summaries TO {students}",
        f"GRANT SELECT, INSERT ON {', '.join(f'{SCHEMA}.{t}' for t in EVENT_TABLES)} TO {students}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {teachers}",
    ]
    return ";\n".join(statements)


def _class_meta(connection: Connection) -> tuple[dict[str, str], str]:
    """The class's hub_meta (empty when this database holds no class yet) and the login
    connected: two questions to the server, which every sync asks."""
    exists, login = connection.execute(
        text("SELECT to_regclass(:t), current_user"), {"t": f"{SCHEMA}.hub_meta"}
    ).one()
    if exists is None:
        return {}, str(login)
    meta = connection.execute(text(f"SELECT key, value FROM {SCHEMA}.hub_meta"))
    return {key: value for key, value in meta}, str(login)


def _version(meta: dict[str, str]) -> int | None:
    """The class schema's version (None when this database holds no class yet)."""
    value = meta.get("schema_version")
    return None if value is None else int(value)


def table_exists(connection: Connection, table: str) -> bool:
    found = connection.execute(text("SELECT to_regclass(:t)"), {"t": f"{SCHEMA}.{table}"})
    return found.scalar() is not None


def tables_present(connection: Connection, tables: Sequence[str]) -> set[str]:
    """Which of the class's `tables` exist (one question to the server)."""
    found = connection.execute(
        text(
            "SELECT t FROM unnest(CAST(:tables AS text[])) t"
            " WHERE to_regclass(:schema || t) IS NOT NULL"
        ),
        {"tables": list(tables), "schema": f"{SCHEMA}."},
    )
    return set(found.scalars())


def has_flags_table(connection: Connection) -> bool:
    """Whether the class holds flags (a class made before them gets the table from the next
    `class init`; until then flags wait on the students' devices)."""
    return table_exists(connection, "flags")


def has_summaries(connection: Connection) -> bool:
    """Whether the class keeps item_summaries and the resets and suspensions the class view
    reads with them (a class made before them gets them, filled from its log, from the next
    `class init`)."""
    return table_exists(connection, "item_summaries") and table_exists(connection, "suspensions")


def check_version(version: int | None, where: str) -> None:
    if version is None:
        raise HubError("not_a_class", where)
    if version > HUB_SCHEMA_VERSION:
        raise HubError("newer", where, str(version))


def _ensure_role(connection: Connection, role: str) -> None:
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if exists.first() is None:
        connection.execute(text(f"CREATE ROLE {_quote(connection, role)} NOLOGIN"))


def init_class(hub: Hub) -> str:
    """Create (or complete) the class schema, roles and policies; returns the class id.

    Idempotent: running it again changes nothing and keeps every row."""
    with hub.transaction() as connection:
        # One init at a time, even when two teachers' terminals race.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('crmcards init'))"))
        version = _version(_class_meta(connection)[0])
        if version is not None:
            check_version(version, hub.where)
        database = str(connection.execute(text("SELECT current_database()")).scalar())
        students, teachers = group_roles(database)
        for role in (students, teachers):
            _ensure_role(connection, role)
        quoted_db = _quote(connection, database)
        quoted = _quote(connection, students), _quote(connection, teachers)
        summarised = table_exists(connection, "item_summaries")  # read before _TABLES makes it
        connection.exec_driver_sql(_TABLES)
        connection.exec_driver_sql(_SUMMARY_TRIGGERS)
        if not summarised:  # a class made before the summary: sum up the log it has
            connection.exec_driver_sql(_FILL_SUMMARIES)
        connection.exec_driver_sql(_policies(*quoted))
        connection.exec_driver_sql(f"REVOKE CONNECT, TEMPORARY ON DATABASE {quoted_db} FROM PUBLIC")
        connection.exec_driver_sql(
            f"GRANT CONNECT ON DATABASE {quoted_db} TO {quoted[0]}, {quoted[1]}"
        )
        # a sync copies its rows into a temporary table first (store.hub_sync)
        connection.exec_driver_sql(f"GRANT TEMPORARY ON DATABASE {quoted_db} TO {quoted[0]}")
        connection.execute(
            text(
                f"INSERT INTO {SCHEMA}.hub_meta (key, value) VALUES"
                " ('schema_version', :version), ('class_id', :class_id)"
                " ON CONFLICT (key) DO NOTHING"
            ),
            {"version": str(HUB_SCHEMA_VERSION), "class_id": str(_new_class_id())},
        )
        return str(
            connection.execute(
                text(f"SELECT value FROM {SCHEMA}.hub_meta WHERE key = 'class_id'")
            ).scalar()
        )


def _new_class_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class ClassInfo:
    class_id: str
    login: str  # the login connected (current_user)
    parameters: str | None = None  # class-pooled FSRS parameters (JSON), once fitted


def class_info(connection: Connection, where: str) -> ClassInfo:
    """The class behind a connection, after checking this crmcards can use its schema."""
    meta, login = _class_meta(connection)
    check_version(_version(meta), where)
    return ClassInfo(meta["class_id"], login, meta.get("class_parameters"))


# -- students -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewStudent:
    name: str
    login: str
    password: str  # shown once, in the join file; the server keeps only its SCRAM verifier
    class_id: str


def _scram_verifier(connection: Connection, login: str, password: str) -> str:
    pgconn: Any = connection.connection.driver_connection.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    text_verifier = bytes(verifier).decode()
    if "'" in text_verifier or "\\" in text_verifier:  # base64 and `$:`; never the case
        raise HubError("server", "", "unexpected SCRAM verifier")
    return text_verifier


def add_student(hub: Hub, name: str) -> NewStudent:
    """A login role for `name` with a random password, in the class's student group.

    The role's name is random too: role names are visible to every login on the server, so a
    student's name is kept only in the students table, which students cannot read."""
    with hub.transaction() as connection:
        info = class_info(connection, hub.where)
        taken = connection.execute(
            text(f"SELECT 1 FROM {SCHEMA}.students WHERE name = :n"), {"n": name}
        ).first()
        if taken is not None:
            raise HubError("student_exists", hub.where, name)
        database = str(connection.execute(text("SELECT current_database()")).scalar())
        students, _ = group_roles(database)
        login = f"{database[:40]}_s_{secrets.token_hex(5)}"
        password = secrets.token_urlsafe(24)
        verifier = _scram_verifier(connection, login, password)
        connection.exec_driver_sql(
            f"CREATE ROLE {_quote(connection, login)} LOGIN PASSWORD '{verifier}'"
            f" IN ROLE {_quote(connection, students)}"
        )
        connection.execute(
            text(f"INSERT INTO {SCHEMA}.students (login, name) VALUES (:login, :name)"),
            {"login": login, "name": name},
        )
        return NewStudent(name, login, password, info.class_id)


def _login_of(connection: Connection, name: str, where: str) -> str:
    login = connection.execute(
        text(f"SELECT login FROM {SCHEMA}.students WHERE name = :n"), {"n": name}
    ).scalar()
    if login is None:
        raise HubError("no_student", where, name)
    return str(login)


def remove_student(hub: Hub, name: str, *, delete_rows: bool) -> int:
    """Drop the student's login (they can no longer sync). Their rows stay for the class view,
    or with `delete_rows` are deleted; returns the number of reviews deleted."""
    with hub.transaction() as connection:
        class_info(connection, hub.where)
        login = _login_of(connection, name, hub.where)
        deleted = 0
        if delete_rows:
            deleted = connection.execute(
                text(f"DELETE FROM {SCHEMA}.reviews WHERE student = :l"), {"l": login}
            ).rowcount
            for table in ("retractions", "resets", "suspensions"):
                if table_exists(connection, table):
                    connection.execute(
                        text(f"DELETE FROM {SCHEMA}.{table} WHERE student = :l"), {"l": login}
                    )
            if has_summaries(connection):
                connection.execute(
                    text(f"DELETE FROM {SCHEMA}.item_summaries WHERE student = :l"), {"l": login}
                )
            connection.execute(
                text(f"DELETE FROM {SCHEMA}.students WHERE login = :l"), {"l": login}
            )
        role = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login})
        if role.first() is not None:
            connection.exec_driver_sql(f"DROP ROLE {_quote(connection, login)}")
        return deleted
