"""PostgreSQL itself keeps students apart: a student's login, used directly (not through
crmcards), cannot see, change or delete another student's rows, nor make roles."""

from __future__ import annotations

import tomllib
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from crmcards.services.class_admin import add_student, init_class
from tests.hub.helpers import server_rows

INSERT = (
    "INSERT INTO crmcards.reviews (uid, student, item_id, deck_id, note_key, rating, fsrs_rating,"
    " reviewed_at, state) VALUES (%s, %s, 'd/n#q', 'd', 'd/n', 4, 3, %s, 1)"
)


def login(join_file: Path) -> psycopg.Connection:
    return psycopg.connect(tomllib.loads(join_file.read_text())["url"], autocommit=True)


@pytest.fixture
def two_students(class_db: str, tmp_path: Path) -> tuple[Path, Path]:
    init_class(class_db, "en")
    files = tmp_path / "anna.toml", tmp_path / "bram.toml"
    for name, path in zip(("anna", "bram"), files, strict=True):
        add_student(class_db, name, path, "en")
    return files


def test_a_student_reads_and_inserts_only_their_own_rows(two_students: tuple[Path, Path]) -> None:
    anna_file, bram_file = two_students
    with login(anna_file) as anna, login(bram_file) as bram:
        anna_login = anna.execute("SELECT current_user").fetchone()[0]
        bram_login = bram.execute("SELECT current_user").fetchone()[0]
        now = datetime.now(UTC)
        anna.execute(INSERT, (uuid.uuid4(), anna_login, now))
        bram.execute(INSERT, (uuid.uuid4(), bram_login, now))
        assert bram.execute("SELECT student FROM crmcards.reviews").fetchall() == [(bram_login,)]
        # the summary the class view reads (kept by the server at each push) too
        summaries = "SELECT student, reviews FROM crmcards.item_summaries"
        assert bram.execute(summaries).fetchall() == [(bram_login, 1)]
        assert anna.execute(summaries).fetchall() == [(anna_login, 1)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bram.execute(INSERT, (uuid.uuid4(), anna_login, now))  # in Anna's name
        for event in (
            "INSERT INTO crmcards.resets (uid, item_id, reset_at) VALUES (%s, 'd/a#q', now())",
            "INSERT INTO crmcards.suspensions (uid, item_id, deck_id, suspended, changed_at)"
            " VALUES (%s, 'd/a#q', 'd', true, now())",
        ):
            anna.execute(event, (uuid.uuid4(),))
            table = event.split()[2]
            assert bram.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
            assert anna.execute(f"SELECT student FROM {table}").fetchall() == [(anna_login,)]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE crmcards.reviews SET rating = 1",
        "DELETE FROM crmcards.reviews",
        "DELETE FROM crmcards.retractions",
        "UPDATE crmcards.retractions SET item_id = 'x'",
        "TRUNCATE crmcards.reviews",
        "UPDATE crmcards.resets SET item_id = 'x'",
        "DELETE FROM crmcards.resets",
        "UPDATE crmcards.suspensions SET suspended = false",
        "DELETE FROM crmcards.suspensions",
        "SELECT crmcards.summarise_resets()",
        "UPDATE crmcards.flags SET note = 'x'",
        "DELETE FROM crmcards.flags",
        "SELECT name FROM crmcards.students",
        "UPDATE crmcards.item_summaries SET reviews = 0",
        "DELETE FROM crmcards.item_summaries",
        "INSERT INTO crmcards.item_summaries SELECT * FROM crmcards.item_summaries",
        "SELECT crmcards.summarise_added_reviews()",
        "ALTER TABLE crmcards.reviews DISABLE TRIGGER summarise",
        "INSERT INTO crmcards.hub_meta VALUES ('schema_version', '99')",
        "CREATE ROLE intruder LOGIN SUPERUSER",
        "CREATE ROLE intruder",
        "ALTER TABLE crmcards.reviews DISABLE ROW LEVEL SECURITY",
        "CREATE TABLE crmcards.mine (x int)",
        "GRANT anna TO CURRENT_USER",
    ],
)
def test_a_student_changes_and_deletes_nothing(
    two_students: tuple[Path, Path], class_db: str, statement: str
) -> None:
    anna_file, bram_file = two_students
    with login(anna_file) as anna:
        anna_login = anna.execute("SELECT current_user").fetchone()[0]
        anna.execute(INSERT, (uuid.uuid4(), anna_login, datetime.now(UTC)))
    with login(bram_file) as bram, pytest.raises(psycopg.errors.Error) as refused:
        bram.execute(statement)
    assert isinstance(
        refused.value, psycopg.errors.InsufficientPrivilege | psycopg.errors.UndefinedObject
    )
    assert server_rows(class_db, "SELECT rating FROM crmcards.reviews") == [(4,)]


def test_the_teacher_group_reads_the_whole_class(
    two_students: tuple[Path, Path], class_db: str, postgres: object
) -> None:
    for path in two_students:
        with login(path) as student:
            me = student.execute("SELECT current_user").fetchone()[0]
            student.execute(INSERT, (uuid.uuid4(), me, datetime.now(UTC)))
    database = class_db.rsplit("/", 1)[1]
    with psycopg.connect(class_db, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {database}_mentor LOGIN PASSWORD 'mentor-pw'")
        admin.execute(f"GRANT {database}_teachers TO {database}_mentor")
    mentor_url = class_db.replace("crmcards_admin:", f"{database}_mentor:").split("@")
    mentor_url[0] = mentor_url[0].rsplit(":", 1)[0] + ":mentor-pw"
    with psycopg.connect("@".join(mentor_url)) as mentor:
        assert mentor.execute("SELECT count(*) FROM crmcards.reviews").fetchone() == (2,)
        assert len(mentor.execute("SELECT name FROM crmcards.students").fetchall()) == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            mentor.execute("DELETE FROM crmcards.reviews")


FLAG = (
    "INSERT INTO crmcards.flags (uid, student, item_id, deck_id, note, flagged_at)"
    " VALUES (%s, %s, 'd/n#q', 'd', 'klopt niet', %s)"
)


def test_a_students_flags_are_their_own(two_students: tuple[Path, Path], class_db: str) -> None:
    anna_file, bram_file = two_students
    with login(anna_file) as anna, login(bram_file) as bram:
        anna_login = anna.execute("SELECT current_user").fetchone()[0]
        anna.execute(FLAG, (uuid.uuid4(), anna_login, datetime.now(UTC)))
        assert bram.execute("SELECT count(*) FROM crmcards.flags").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bram.execute(FLAG, (uuid.uuid4(), anna_login, datetime.now(UTC)))
    assert server_rows(class_db, "SELECT note FROM crmcards.flags") == [("klopt niet",)]
