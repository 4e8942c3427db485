"""The real app in a real pseudo-terminal: rate, undo, then SIGTERM, SIGHUP or quitting. Every
rating that was committed (and only those not undone) stays, the terminal gets its echo, line
mode, cursor and normal screen back, and the exit code is the usual one."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DECKS

DEADLINE = 60.0  # seconds before a step counts as hung (never reached when things work)


class Terminal:
    """`crmcards review voorbeeld` on the slave side of a pty (`python`: how Python is told to
    run crmcards); the test types on the master."""

    def __init__(self, home: Path, python: Sequence[str] = ("-m", "crmcards")) -> None:
        self.home = home
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        self.before = termios.tcgetattr(self.slave)
        self.output = b""
        self.process = subprocess.Popen(
            [sys.executable, *python, "--decks", str(SAMPLE_DECKS), "review", "voorbeeld"],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env={**os.environ, "CRMCARDS_HOME": str(home), "TERM": "xterm-256color"},
            start_new_session=True,
        )

    def read(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except (BlockingIOError, OSError):
            pass

    def wait_for(self, condition: object, what: str) -> None:
        started = time.monotonic()
        while not condition():  # type: ignore[operator]
            self.read()
            assert self.process.poll() is None, f"exited while waiting for {what}"
            assert time.monotonic() - started < DEADLINE, f"no {what}: {self.output[-500:]!r}"
            time.sleep(0.02)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def ratings(self) -> list[int]:
        database = self.home / "crmcards.db"
        if not database.exists():
            return []
        with sqlite3.connect(database) as connection:
            rows = [r for (r,) in connection.execute("SELECT rating FROM review_log ORDER BY id")]
        connection.close()
        return rows

    def ended(self) -> int:
        code = self.process.wait(timeout=DEADLINE)
        self.read()
        return code

    def restored(self) -> bool:
        """Line mode and echo are back, as they were before the app started."""
        lflag = termios.tcgetattr(self.slave)[3]
        return bool(lflag & termios.ECHO and lflag & termios.ICANON) and (
            termios.tcgetattr(self.slave) == self.before
        )

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def terminal(home: Path) -> object:
    opened = Terminal(home)
    yield opened
    opened.close()


def rate_then_undo_then_rate(terminal: Terminal) -> None:
    terminal.wait_for(lambda: b"spatie" in terminal.output, "first card")
    terminal.type(" ")
    terminal.wait_for(lambda: b"Hoe goed" in terminal.output, "the answer")
    terminal.type("4")
    terminal.wait_for(lambda: terminal.ratings() == [4], "the rating stored")
    terminal.type("u")
    terminal.wait_for(lambda: terminal.ratings() == [], "the undo stored")
    terminal.output = b""
    terminal.type(" ")
    terminal.wait_for(lambda: b"Hoe goed" in terminal.output, "the answer again")
    terminal.type("5")
    terminal.wait_for(lambda: terminal.ratings() == [5], "the second rating stored")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_cleanly_and_keeps_every_rating(
    terminal: Terminal, signum: int
) -> None:
    rate_then_undo_then_rate(terminal)
    terminal.output = b""
    terminal.process.send_signal(signum)
    assert terminal.ended() == 128 + signum
    assert terminal.ratings() == [5]
    assert terminal.restored()
    for sequence in (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l"):  # screen, cursor, mouse
        assert sequence in terminal.output
    assert b"Traceback" not in terminal.output


def test_quitting_keeps_every_rating(terminal: Terminal) -> None:
    rate_then_undo_then_rate(terminal)
    terminal.type("q")  # the summary
    terminal.wait_for(lambda: b"Sessie gestopt" in terminal.output, "the summary")
    terminal.type("q")
    assert terminal.ended() == 0
    assert terminal.ratings() == [5]
    assert terminal.restored()
