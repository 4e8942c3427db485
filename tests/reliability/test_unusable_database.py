"""Database files crmcards must not use as they are: each is one clear line, never a traceback,
and the file is left as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crmcards.store.repository import Store
from tests.conftest import RunCli


def status(crmcards: RunCli) -> tuple[int, str]:
    code, _, err = crmcards("status")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return code, err


@pytest.mark.usefixtures("english")
def test_an_empty_database_file_is_damaged_not_new(
    crmcards: RunCli,
    home: Path,
) -> None:
    home.mkdir(exist_ok=True)
    (home / "crmcards.db").write_bytes(b"")
    code, err = status(crmcards)
    assert code == 1 and "empty (0 bytes)" in err and "restore a backup" in err
    assert (home / "crmcards.db").read_bytes() == b""


@pytest.mark.usefixtures("english")
def test_another_programs_sqlite_file_is_refused_and_left_untouched(
    crmcards: RunCli,
    home: Path,
) -> None:
    home.mkdir(exist_ok=True)
    with sqlite3.connect(home / "crmcards.db") as connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.close()
    before = (home / "crmcards.db").read_bytes()
    code, err = status(crmcards)
    assert code == 1 and "another program's SQLite database" in err and "moz_places" in err
    assert (home / "crmcards.db").read_bytes() == before


@pytest.mark.usefixtures("english")
def test_a_schema_version_that_is_not_a_number(
    crmcards: RunCli,
    home: Path,
) -> None:
    Store.open(home=home).close()
    with sqlite3.connect(home / "crmcards.db") as connection:
        connection.execute("UPDATE meta SET value = 'twee' WHERE key = 'schema_version'")
    connection.close()
    code, err = status(crmcards)
    assert code == 1 and "schema version is 'twee', not a number" in err
    code, _, err = crmcards("restore", "--yes", str(home / "crmcards.db"))
    assert code == 1 and "not a database of this crmcards version" in err
