"""How crmcards copes with a large collection: 10,000 items + 100,000 reviews, 100,000 + 1,000,000.

For each size, writes generated decks (four items a card on average: basic cards with a reverse,
lists, tables and formulas) into a fresh temporary CRMCARDS_HOME and fills its database with
bench/report.py's filler (FSRS states for nine items in ten, a review log over two years), then
measures, with every figure next to its reference taken in the same run on the same machine,
each command taken in turn with its reference (reference, command, reference, command...), the
same number of times, medians of both, so that a change in the machine's load hits both:

  - first card of `crmcards review` in a pseudo-terminal (as in bench/startup.py), deck cache warm,
    against `python -c "import textual.app, sqlmodel, fsrs, yaml"`; and the same on the day's
    first start (today's automatic backup not made yet);
  - rating -> next card on screen (p90), in the same terminal;
  - `crmcards status --json` against `python -c "import sqlmodel, fsrs, yaml"`, and the peak
    memory of `status` alone (started from a small launcher process, see `peak_memory`);
  - the day's queue (building a review session) and a rating's durable commit (p99), in process,
    the commit next to a bare sqlite3 commit with the same durability (the disk's own share);
  - `crmcards lint` of the generated decks (no cache), against a bare C-YAML load of the same files;
and, for the bundled decks alone (an empty data folder), the first card against the same import.
crmcards' byte-code is compiled first, as installing it does (the references' packages have theirs).

The machine may be shared: only the ratios, taken in one run, are comparable between runs.

    nice python bench/scale.py [--runs 5] [--sizes 10000:100000,100000:1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from report import fill
from startup import compile_crmcards, crmcards_command, review_in_terminal

from crmcards import api
from crmcards.decks.catalog import Library
from crmcards.locations import Locations

CARDS_PER_DECK = 1000  # about 160 kB of YAML, well under the 1 MiB a deck file may have
ITEMS_PER_GROUP = 16  # the four cards of `card_group` below
DAYS_OF_HISTORY = 730
UI_IMPORTS = "import textual.app, sqlmodel, fsrs, yaml"
CLI_IMPORTS = "import sqlmodel, fsrs, yaml"
C_YAML_LOAD = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)"
)


def card_group(n: int) -> str:
    """Four cards, sixteen review items: basic + reverse (2), a list of 5 (6), a table of
    3 rows (4) and a formula with 3 gaps (4)."""
    return f"""  - id: begrip-{n}
    q: Wat is begrip {n} in klantrelatiebeheer?
    a: De manier waarop een organisatie relatie {n} met haar klanten opbouwt en onderhoudt.
    reverse: true
  - id: stappen-{n}
    type: list
    q: Wat zijn de vijf stappen van proces {n}?
    items: [identificeren {n}, differentiëren, segmenteren, interactie, maatwerk]
    ordered: true
  - id: matrix-{n}
    type: table
    q: Het continuüm {n}
    columns: [naam, variantie, flexibiliteit]
    rows:
      - [Versioning {n}, laag, laag]
      - [Mass customization, midden, hoog]
      - [Personalisatie, hoog, hoog]
  - id: formule-{n}
    type: cloze
    text: "KW{n} = ({{{{T}}}} × {{{{A}}}} × {{{{P}}}}) − K"
"""


def write_decks(folder: Path, items: int) -> list[Path]:
    """Deck files with `items` review items in all (rounded to whole groups of cards)."""
    folder.mkdir(parents=True, exist_ok=True)
    groups = max(1, items // ITEMS_PER_GROUP)
    per_deck = CARDS_PER_DECK // 4
    paths = []
    for number, first in enumerate(range(0, groups, per_deck)):
        path = folder / f"generated-{number:03d}.yaml"
        body = "".join(card_group(n) for n in range(first, min(groups, first + per_deck)))
        path.write_text(
            f"deck: Gegenereerd {number}\nid: generated-{number:03d}\nlanguage: nl\n"
            f"tags: [bench]\ncards:\n{body}",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def run(args: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Run a command to its end; its wall time."""
    started = time.perf_counter()
    process = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):  # lint exits 1 on problems; that is still a figure
        raise RuntimeError(f"{' '.join(args)} failed: {process.stderr.decode()[-500:]}")
    return seconds


def imports(code: str) -> Callable[[], float]:
    """A reference: the wall time of `python -c CODE`."""
    return lambda: run([sys.executable, "-c", code])


@dataclass(frozen=True)
class Pair:
    reference: float  # seconds, median
    figure: float  # seconds, median


def paired(reference: Callable[[], float], measured: Callable[[], float], runs: int) -> Pair:
    """`reference` and `measured` taken in turn (reference, measured, reference, ...) the same
    number of times: a change in the machine's load between runs hits both medians alike."""
    references, figures = [], []
    for _ in range(runs):
        references.append(reference())
        figures.append(measured())
    return Pair(statistics.median(references), statistics.median(figures))


# Started by `peak_memory`: runs the command, prints its peak resident memory and the launcher's
# own (VmHWM: its ru_maxrss would count this bench's pages again).
LAUNCHER = (
    "import os, re, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "assert os.waitstatus_to_exitcode(status) == 0, sys.argv[1:]\n"
    "own = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "print(usage.ru_maxrss, own)"
)


def peak_memory(args: Sequence[str], env: dict[str, str]) -> tuple[int, int]:
    """The peak resident memory (KiB) of a command, and the floor under that figure (Linux).

    A child's ru_maxrss also counts the pages its parent had when it was forked (the high-water
    mark survives exec): here this bench with a 100k library loaded. So the command is started
    by a small launcher process instead, whose own peak is the floor: the figure is the larger
    of the command's own peak and the launcher's."""
    output = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], env=env, capture_output=True, check=True
    )
    command, launcher = (int(n) for n in output.stdout.split())
    return command, launcher


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the p99 of 100 figures is the 99th smallest, not the
    largest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def in_process(home: Path, ratings: int, runs: int) -> tuple[float, list[float]]:
    """Median seconds to build the day's queue (a review session), and each rating's `rate`,
    which returns once the rating is durably committed."""
    with api.open(home=home) as workspace:
        workspace.review()  # loads the decks and opens the database (with the day's backup)
        queue_times = []
        for _ in range(runs):
            started = time.perf_counter()
            session = workspace.review()
            queue_times.append(time.perf_counter() - started)
        commits = []
        for _ in range(ratings):
            if session.finished:
                break
            session.reveal()
            started = time.perf_counter()
            session.rate(4)
            commits.append(time.perf_counter() - started)
        return statistics.median(queue_times), commits


def bare_commits(folder: Path, count: int) -> list[float]:
    """The reference for a rating's commit: a bare sqlite3 transaction of one row of about a
    review's size, with crmcards' durability (WAL, synchronous=FULL), in the same folder."""
    path = folder / "bare-commit.db"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        times = []
        for _ in range(count):
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t (v) VALUES (?)", ("x" * 400,))
            connection.execute("COMMIT")
            times.append(time.perf_counter() - started)
        return times
    finally:
        connection.close()
        for leftover in folder.glob("bare-commit.db*"):
            leftover.unlink()


def ms(seconds: float) -> str:
    return f"{1000 * seconds:7.0f} ms"


class Printer:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def ratio(self, what: str, pair: Pair, goal: float | None) -> None:
        value, ratio = pair.figure, pair.figure / pair.reference
        verdict = ""
        if goal is not None:
            verdict = f"  goal <= {goal}x: " + ("met" if ratio <= goal else "MISSED")
            if ratio > goal:
                self.failed.append(what)
        print(f"  {what:<38} {ms(value)}  = {ratio:4.2f}x{verdict}")

    def limit(self, what: str, value: float, goal: float, unit: str = "ms") -> None:
        shown = f"{1000 * value:7.1f} ms" if unit == "ms" else f"{value:7.0f} {unit}"
        goal_shown = f"{1000 * goal:.0f} ms" if unit == "ms" else f"{goal:.0f} {unit}"
        met = value < goal
        if not met:
            self.failed.append(what)
        print(f"  {what:<38} {shown}  goal < {goal_shown}: " + ("met" if met else "MISSED"))


@dataclass(frozen=True)
class Size:
    items: int
    reviews: int
    first_card_goal: float
    status_goal: float
    strict: bool  # the 100k goals: queue, commit, next card, memory, lint


def first_card_shown(env: dict[str, str]) -> float:
    """Seconds until `crmcards review` shows its first card (then it is killed). The disk is
    synced first, untimed, so that no run waits for what earlier steps wrote (the filling, the
    copy a killed run was making of the database in the background)."""
    os.sync()
    return review_in_terminal(env, 0, first_timeout=60)[0]


def measure_size(size: Size, home: Path, printer: Printer, runs: int, ratings: int) -> None:
    files = write_decks(home / "decks", size.items)
    library = Library.load([home / "decks"])  # no cache: the first command finds none
    # a few days behind, so that part of the collection has fallen due by now
    filled_until = datetime.now(UTC) - timedelta(days=3)
    insert = fill(home, library.items(), size.reviews, DAYS_OF_HISTORY, filled_until)
    cards = sum(len(deck.notes) for deck in library.decks)
    print(
        f"\n{len(library.items()):,} items ({cards:,} cards in {len(files)} decks) + "
        f"{size.reviews:,} reviews; filled in {insert:.1f} s"
    )
    env = {**os.environ, "CRMCARDS_HOME": str(home)}
    crmcards = crmcards_command()
    status_command = [*crmcards, "status", "--json"]
    todays_backup = Locations(home).daily_backup(datetime.now().astimezone().date())

    cold_status = run(status_command, env)  # fills the deck cache, makes today's backup
    status = paired(imports(CLI_IMPORTS), lambda: run(status_command, env), runs)
    memory, memory_floor = peak_memory(status_command, env)
    next_card = review_in_terminal(env, ratings, first_timeout=60)[1]
    first_card = paired(imports(UI_IMPORTS), lambda: first_card_shown(env), runs)

    def first_card_of_the_day() -> float:
        todays_backup.unlink(missing_ok=True)
        return first_card_shown(env)

    day_first_card = paired(imports(UI_IMPORTS), first_card_of_the_day, runs)
    run(status_command, env)  # today's backup again, which the killed sessions may not have made
    queue, commits = in_process(home, max(ratings, 100), runs)
    bare = bare_commits(home, len(commits))

    def lint_uncached() -> float:
        shutil.rmtree(home / "cache", ignore_errors=True)
        return run([*crmcards, "lint", str(home / "decks")], env)

    c_yaml_load = [sys.executable, "-c", C_YAML_LOAD, *map(str, files)]
    lint = paired(lambda: run(c_yaml_load), lint_uncached, runs)

    print(f"  references (each taken in turn with its figure, medians of {runs})")
    print(f"    {UI_IMPORTS:<36} {ms(first_card.reference)}  (with the first card)")
    print(f"    {UI_IMPORTS:<36} {ms(day_first_card.reference)}  (with the day's first start)")
    print(f"    {CLI_IMPORTS:<36} {ms(status.reference)}  (with status)")
    print(f"    {'C-YAML load of the deck files':<36} {ms(lint.reference)}  (with lint)")
    print(f"    {'bare sqlite3 commit (WAL, FULL), p99':<36} {ms(percentile(bare, 0.99))}")
    print("  crmcards")
    printer.ratio("first card (x the UI imports)", first_card, size.first_card_goal)
    printer.ratio("first card, the day's first start", day_first_card, size.first_card_goal)
    printer.ratio("status --json (x the CLI imports)", status, size.status_goal)
    printer.ratio(
        "status --json, first run (cache cold)", Pair(status.reference, cold_status), None
    )
    printer.ratio("lint, no cache (x the C-YAML load)", lint, 3.0 if size.strict else None)
    if size.strict:
        printer.limit("day's queue (session built)", queue, 0.050)
        printer.limit(f"rating committed, p99 of {len(commits)}", percentile(commits, 0.99), 0.010)
        printer.limit(
            f"rating -> next card, p90 of {len(next_card)}", percentile(next_card, 0.90), 0.030
        )
        printer.limit("status peak memory", memory / 1024, 200, unit="MiB")
    else:
        print(f"  {'day s queue (session built)':<38} {ms(queue)}")
        print(f"  {'rating committed, p99':<38} {ms(percentile(commits, 0.99))}")
        print(f"  {'rating -> next card, p90':<38} {ms(percentile(next_card, 0.90))}")
        print(f"  {'status peak memory':<38} {memory / 1024:7.0f} MiB")
    floor = memory_floor / 1024
    print(f"    (status started by a launcher whose own peak, the floor, is {floor:.0f} MiB)")


def measure_bundled(printer: Printer, runs: int) -> None:
    """The bundled decks with an empty data folder, as a new student starts."""

    def first_card_in_a_new_folder() -> float:
        with tempfile.TemporaryDirectory(prefix="crmcards-scale-") as home:
            return first_card_shown({**os.environ, "CRMCARDS_HOME": home})

    first_card = paired(imports(UI_IMPORTS), first_card_in_a_new_folder, runs)
    print("\nbundled decks, empty data folder")
    print(f"  references (taken in turn with the figure, medians of {runs})")
    print(f"    {UI_IMPORTS:<36} {ms(first_card.reference)}")
    printer.ratio("first card (x the UI imports)", first_card, 1.2)


def parse_sizes(text: str) -> list[Size]:
    sizes = []
    for pair in text.split(","):
        items, reviews = (int(n) for n in pair.split(":"))
        strict = items >= 100_000
        sizes.append(Size(items, reviews, 1.5 if strict else 1.3, 2.0 if strict else 1.5, strict))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ratings", type=int, default=30, help="ratings timed in the terminal")
    parser.add_argument("--sizes", default="10000:100000,100000:1000000", type=parse_sizes)
    parser.add_argument("--keep", type=Path, help="keep the data folders under this folder")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    compile_crmcards()
    printer = Printer()
    measure_bundled(printer, args.runs)
    for size in args.sizes:
        if args.keep:
            home = args.keep / f"{size.items}-{size.reviews}"
            shutil.rmtree(home, ignore_errors=True)
            home.mkdir(parents=True)
            measure_size(size, home, printer, args.runs, args.ratings)
        else:
            with tempfile.TemporaryDirectory(prefix="crmcards-scale-") as folder:
                measure_size(size, Path(folder), printer, args.runs, args.ratings)
    print("\nall goals met" if not printer.failed else f"\nmissed: {'; '.join(printer.failed)}")


if __name__ == "__main__":
    main()
