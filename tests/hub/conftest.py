"""Fixtures for the class hub: one real PostgreSQL server for the whole test session, and a fresh
class database on it for each test."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from tests.conftest import RunCli
from tests.hub.helpers import Cli
from tests.pgserver import PostgresServer, started_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = started_server()
    if server is None:
        if os.environ.get("CI") or os.environ.get("CRMCARDS_REQUIRE_POSTGRES"):
            pytest.fail("CI must run the class hub tests, but PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
    try:
        yield server
    finally:
        server.stop()
        server.remove()


@pytest.fixture
def class_db(postgres: PostgresServer) -> Iterator[str]:
    """The admin URL of a new, empty database (a class not set up yet)."""
    import psycopg

    name = f"class_{secrets.token_hex(4)}"
    with psycopg.connect(postgres.url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres.url(name)


@pytest.fixture
def cli(crmcards: RunCli) -> Cli:
    return Cli(crmcards)
