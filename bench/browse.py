"""The card browser at 100,000 items: building its index once, then one query per keystroke.

Writes bench/scale.py's generated decks (100,000 items) and bench/report.py's history (states
for nine items in ten, 1,000,000 reviews) into a temporary data folder, then measures in process:

  - opening the browser: reading every item's study marks from the database and building the
    in-memory index (services.card_search.CardFinder), against loading the library itself;
  - each keystroke of typing "klantwaarde" and then a filtered query, as `CardFinder.find`, against
    the reference a browser without an index would pay per keystroke: a Python scan of the items
    folding each note's text and testing the words (no object built, no rendering).

The machine may be shared: compare the ratios, taken in one run.

    nice python bench/browse.py [--items 100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from report import NOW, fill
from scale import write_decks

from crmcards.decks.cache import DeckCache
from crmcards.decks.catalog import Library
from crmcards.services.card_search import CardFinder, note_text, parse_query, read_marks
from crmcards.store.card_index import fold
from crmcards.store.repository import Store

TYPED = "klantwaarde"
FILTERED = "begrip deck:generated-003"


def median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="use (and keep) this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="crmcards-browse-"))
    try:
        home = folder / "home"
        decks = home / "decks"
        if not decks.exists():
            decks.mkdir(parents=True)
            write_decks(decks, args.items)
            library = Library.load([decks], DeckCache(home / "cache"))
            fill(home, library.items(), reviews=10 * args.items, days=730)
        started = time.perf_counter()
        library = Library.load([decks], DeckCache(home / "cache"))
        items = library.items()
        load_ms = 1000 * (time.perf_counter() - started)
        store = Store.open(home=home)
        try:
            finder: list[CardFinder] = []
            build_ms = median_ms(lambda: finder.append(CardFinder(items, read_marks(store))), 3)
        finally:
            store.close()
        browser = finder[-1]
        now = NOW + timedelta(days=1)
        print(f"{len(items):,} items; figures are medians of {args.runs} runs (ms)")
        print(f"open the browser (marks + index): {build_ms:7.0f}   library load: {load_ms:7.0f}")
        print(f"{'query':<36} {'found':>7} {'index':>8} {'python scan':>12} {'ratio':>7}")
        for line in [TYPED[: n + 1] for n in range(len(TYPED))] + [FILTERED]:
            query = parse_query(line)
            found = browser.find(query, now=now, leech_lapses=6)
            index_ms = median_ms(
                lambda q=query: browser.find(q, now=now, leech_lapses=6), args.runs
            )
            words = [fold(w) for w in (query.text or "").split()]

            def scan(words: list[str] = words) -> list[int]:
                return [
                    n
                    for n, item in enumerate(items)
                    if all(w in fold(note_text(item.note)) for w in words)
                ]

            scan_ms = median_ms(scan, max(1, args.runs // 2))
            ratio = scan_ms / index_ms if index_ms else float("inf")
            print(f"{line:<36} {len(found):>7,} {index_ms:>8.1f} {scan_ms:>12.1f} {ratio:>6.0f}x")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
