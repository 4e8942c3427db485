"""What goes wrong between a device and its class: one clear line each, no password in it,
nothing lost locally, and the next sync picks up where the last one stopped."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import psycopg
import pytest

from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.services.class_admin import add_student, init_class
from crmcards.services.membership import Membership, write_join_file
from crmcards.services.sync import join, sync
from crmcards.store.repository import Store
from crmcards.store.synclog import unsent_count
from tests.conftest import FakeClock
from tests.hub.helpers import history, server_rows, study
from tests.pgserver import PostgresServer


@pytest.fixture
def joined(class_db: str, tmp_path: Path, home: Path) -> Path:
    """A device that joined the class and has three ratings to send; returns its join file."""
    init_class(class_db, "en")
    add_student(class_db, "anna", tmp_path / "anna.toml", "en")
    store = Store.open(home=home)
    try:
        join(store, home, tmp_path / "anna.toml", "en")
    finally:
        store.close()
    study(home, [4, 3, 5], FakeClock())
    return tmp_path / "anna.toml"


def sync_error(home: Path, language: str = "en") -> str:
    store = Store.open(home=home)
    try:
        with pytest.raises(CrmcardsError) as failed:
            sync(store, home, Planner(), language)
        assert unsent_count(store) == 3  # every rating still queued
    finally:
        store.close()
    message = failed.value.message
    assert "\n" not in message
    return message


def point_at(home: Path, join_file: Path, url: str) -> None:
    data = tomllib.loads(join_file.read_text())
    write_join_file(
        home / "class.toml", Membership(url, data["student"], data["class"]), force=True
    )


def test_wrong_password(joined: Path, home: Path, postgres: PostgresServer, class_db: str) -> None:
    login = tomllib.loads(joined.read_text())["url"].split("://")[1].split(":")[0]
    point_at(home, joined, postgres.url(class_db.rsplit("/", 1)[1], user=login, password="nope"))
    message = sync_error(home)
    assert "refused the login" in message and "nope" not in message
    assert "verkeerd wachtwoord" in sync_error(home, "nl")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://x:secret@127.0.0.1/db", "not a PostgreSQL URL"),
        ("not a url at all", "not a PostgreSQL URL"),
        ("postgresql://x:secret@127.0.0.1:1/db", "cannot reach the class server"),
    ],
)
def test_wrong_url(joined: Path, home: Path, url: str, expected: str) -> None:
    point_at(home, joined, url)
    message = sync_error(home)
    assert expected in message and "secret" not in message


def test_join_file_of_another_class(joined: Path, home: Path, postgres: PostgresServer) -> None:
    with psycopg.connect(postgres.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE other_class")
    other = postgres.url("other_class")
    init_class(other, "en")
    add_student(other, "anna", joined.with_name("other.toml"), "en")
    store = Store.open(home=home)
    try:
        with pytest.raises(CrmcardsError, match="another class"):
            join(store, home, joined.with_name("other.toml"), "en")
    finally:
        store.close()
    assert tomllib.loads((home / "class.toml").read_text()) == tomllib.loads(joined.read_text())


def test_schema_from_a_newer_crmcards(joined: Path, home: Path, class_db: str) -> None:
    with psycopg.connect(class_db, autocommit=True) as admin:
        admin.execute("UPDATE crmcards.hub_meta SET value = '99' WHERE key = 'schema_version'")
    assert "newer crmcards (class schema 99)" in sync_error(home)
    with pytest.raises(CrmcardsError, match="newer crmcards"):
        init_class(class_db, "en")


def test_server_killed_mid_sync_loses_nothing(
    joined: Path, home: Path, postgres: PostgresServer, class_db: str
) -> None:
    login = tomllib.loads(joined.read_text())["url"].split("://")[1].split(":")[0]
    before = history(home)
    failure: list[str] = []

    def run_sync() -> None:
        failure.append(sync_error(home))

    with psycopg.connect(class_db, autocommit=True) as admin:
        # Hold the student's sync lock, so their sync is stopped inside its transaction.
        admin.execute("SELECT pg_advisory_lock(hashtext(%s))", (login,))
        syncing = threading.Thread(target=run_sync)
        syncing.start()
        while not admin.execute(
            "SELECT 1 FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'",
            (login,),
        ).fetchone():
            syncing.join(0.05)
        postgres.stop(immediately=True)
    syncing.join()
    postgres.start()
    assert failure and "connection to the class server was lost" in failure[0]
    assert history(home) == before
    store = Store.open(home=home)
    try:
        assert sync(store, home, Planner(), "en").sent == 3
        assert sync(store, home, Planner(), "en").sent == 0
    finally:
        store.close()
    assert server_rows(class_db, "SELECT count(*) FROM crmcards.reviews") == [(3,)]
