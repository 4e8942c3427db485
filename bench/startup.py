"""How long until a student sees the first card, and how long a rating takes to show the next one.

Runs the real `crmcards review` in a pseudo-terminal (as a terminal would), with a fresh temporary
CRMCARDS_HOME, and times:
  - home: process start until the home screen is drawn, and until its counts are in;
  - start: process start until the first question of `crmcards review` is on screen;
  - rate: from pressing 4 (once the revealed answer is drawn) until the next question is on
    screen (median of several);
next to two references measured in the same run on the same machine:
  - `python -c pass` (interpreter start) and `python -c "import textual.app"` (the toolkit alone).

    python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION_MARKER = b"spatie of enter"  # the hint under every question
HOME_MARKER = b"Kies een deck"  # the home screen's subtitle, drawn before the database opens
COUNTS_MARKER = b"0%"  # the mastery column of a fresh data folder, once the counts are in
RATING_MARKER = b"Hoe goed wist je dit?"
# A rating is pressed once the answer's screen has had no output for this long. A student takes
# far longer to read an answer; pressing within a frame of the reveal would time Textual's frame
# pacing instead (the screen's next update waits for its 60 fps timer, 17-33 ms after a pause).
SETTLED_AFTER = 0.1


def compile_crmcards() -> None:
    """Compile crmcards' byte-code first, as installing it does: the references' packages have
    theirs, and where PYTHONDONTWRITEBYTECODE is set (as on the machine these benches run on)
    every start would compile crmcards' hundred modules from source again."""
    import compileall

    import crmcards

    compileall.compile_dir(Path(crmcards.__file__).parent, quiet=1)


def crmcards_command() -> list[str]:
    script = Path(sys.executable).with_name("crmcards")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crmcards"]


class Terminal:
    """A process in a pseudo-terminal whose output we can wait on."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.buffer = b""

    def wait_for(self, marker: bytes, timeout: float = 20) -> float:
        """Seconds from now until `marker` appears in new output."""
        start = time.perf_counter()
        self.buffer = b""
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.buffer += os.read(self.master, 65536)
                except OSError:
                    break
                if marker in self.buffer:
                    return time.perf_counter() - start
        raise TimeoutError(f"{marker!r} not seen; last output: {self.buffer[-400:]!r}")

    def settle(self, quiet: float = SETTLED_AFTER) -> None:
        """Wait until the terminal has had no output for `quiet` seconds: the screen is drawn
        to its last frame, as it is when a student has read it."""
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return
            try:
                self.buffer += os.read(self.master, 65536)
            except OSError:
                return

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self.master)


def time_command(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def review_in_terminal(
    env: dict[str, str], ratings: int, first_timeout: float = 20
) -> tuple[float, list[float]]:
    """Seconds until the first card of `crmcards review` shows, and each rating -> next card."""
    terminal = Terminal([*crmcards_command(), "review"], env)
    try:
        terminal.wait_for(QUESTION_MARKER, timeout=first_timeout)
        first = time.perf_counter() - terminal.started
        next_card = []
        for _ in range(ratings):
            terminal.send(b" ")
            terminal.wait_for(RATING_MARKER)
            terminal.settle()  # the answer read, as a student reads it, before rating
            started = time.perf_counter()
            terminal.send(b"4")
            terminal.wait_for(QUESTION_MARKER)
            next_card.append(time.perf_counter() - started)
        return first, next_card
    finally:
        terminal.close()


def one_session(rates: int) -> tuple[float, list[float]]:
    home = tempfile.mkdtemp(prefix="crmcards-bench-")
    try:
        return review_in_terminal({**os.environ, "CRMCARDS_HOME": home}, rates)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def home_screen() -> tuple[float, float]:
    """Seconds until the home screen is on screen, and until its counts are."""
    home = tempfile.mkdtemp(prefix="crmcards-bench-")
    try:
        terminal = Terminal(crmcards_command(), {**os.environ, "CRMCARDS_HOME": home})
        try:
            terminal.wait_for(HOME_MARKER)
            shown = time.perf_counter() - terminal.started
            if COUNTS_MARKER not in terminal.buffer:
                terminal.wait_for(COUNTS_MARKER)
            return shown, time.perf_counter() - terminal.started
        finally:
            terminal.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rates", type=int, default=5)
    args = parser.parse_args()

    python_start = [time_command([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    textual_import = [
        time_command([sys.executable, "-c", "import textual.app"]) for _ in range(args.runs)
    ]
    homes = [home_screen() for _ in range(args.runs)]
    starts, rates = [], []
    for _ in range(args.runs):
        first, rating_times = one_session(args.rates)
        starts.append(first)
        rates.extend(rating_times)

    def ms(values: list[float]) -> str:
        median, low, high = (
            1000 * v for v in (statistics.median(values), min(values), max(values))
        )
        return f"median {median:6.0f} ms  (min {low:.0f}, max {high:.0f})"

    print(f"reference: python -c pass              {ms(python_start)}")
    print(f"reference: python -c 'import textual'  {ms(textual_import)}")
    print(f"crmcards: home screen on screen        {ms([shown for shown, _ in homes])}")
    print(f"crmcards: home screen with its counts  {ms([counted for _, counted in homes])}")
    print(f"crmcards review: first card on screen  {ms(starts)}")
    print(f"crmcards review: rating -> next card   {ms(rates)}")


if __name__ == "__main__":
    main()
