"""A real PostgreSQL server for the class hub's tests and bench: initdb into a temporary folder,
a random loopback port, the unix socket in that folder, stopped (and removed) afterwards.

Debian's `postgresql` package puts the programs in /usr/lib/postgresql/VERSION/bin. initdb
refuses to run as root, so as root the server runs as the `postgres` user (through runuser).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ADMIN = "crmcards_admin"


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (None when PostgreSQL is not installed)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The tests' server: a crash test kills it, so commits stay synchronous, but nothing waits for
# the disk (its folder is thrown away).
FAST = {"fsync": "off", "full_page_writes": "off"}


class PostgresServer:
    """One throw-away server; `url(database)` connects as its superuser over TCP (SCRAM).
    `settings` (postgresql.conf names) are given at every start."""

    def __init__(self, bindir: Path, settings: Mapping[str, str] = FAST) -> None:
        self.bindir = bindir
        self.settings = dict(settings)
        self.root = Path(tempfile.mkdtemp(prefix="crmcards-pg-"))
        self.data = self.root / "data"
        self.password = secrets.token_urlsafe(16)
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, program: str, *args: str) -> None:
        command: Sequence[str] = [str(self.bindir / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def initdb(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(self.password)
        if self._as_postgres:
            shutil.chown(password_file, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            f"--pwfile={password_file}",
            "--auth-host=scram-sha-256",
            "--auth-local=scram-sha-256",
            "--encoding=UTF8",
            "--no-sync",
        )
        password_file.unlink()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1" + "".join(
            f" -c {name}={value}" for name, value in self.settings.items()
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self, *, immediately: bool = False) -> None:
        """Stop the server; `immediately` is a crash (no clean shutdown), as when it is killed."""
        mode = "immediate" if immediately else "fast"
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(
        self, database: str = "postgres", *, user: str = ADMIN, password: str | None = None
    ) -> str:
        return f"postgresql://{user}:{password or self.password}@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def started_server(settings: Mapping[str, str] = FAST) -> PostgresServer | None:
    """A running server, or None when PostgreSQL is not installed."""
    bindir = find_bindir()
    if bindir is None:
        return None
    server = PostgresServer(bindir, settings)
    server.initdb()
    server.start()
    return server
