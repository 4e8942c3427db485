"""A collection made by the real Anki (the `anki` package of the test extra) with a long review
log of a simulated student, and Anki's own fit and evaluation of it."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import fsrs_rs_python as fsrs_rs
from anki.collection import Collection, ExportAnkiPackageOptions

from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel

DAY_MS = 86_400_000
LEARNING, REVIEW, RELEARNING, FILTERED, MANUAL = 0, 1, 2, 3, 4
# A student who forgets faster than FSRS's defaults assume.
STUDENT = (0.15, 0.8, 1.8, 5.0, *DEFAULT_MODEL.parameters[4:8], 1.4, *DEFAULT_MODEL.parameters[9:])


@dataclass(frozen=True)
class AnkiFit:
    package: Path
    revlog: int  # entries in the log
    graded: int  # of them: ratings (not manual changes or cramming)
    log_loss: float  # Anki's evaluation of its own fitted parameters
    rmse_bins: float
    seconds: float  # Anki's compute_fsrs_params


def _history(rng: random.Random, start_ms: int, days: int) -> list[tuple[int, int, int]]:
    """One card's (time in ms, ease 1-4, revlog type): learning steps on the first day, then
    reviews whenever FSRS (with the student's true parameters) schedules them."""
    engine = fsrs_rs.FSRS(list(STUDENT))
    model = MemoryModel.of(STUDENT)
    day = rng.randint(0, days // 2)
    at = start_ms + day * DAY_MS + rng.randint(0, 3_600_000)
    first = rng.choice([1, 3, 3, 4])
    entries = [(at, first, LEARNING)]
    state = engine.next_states(None, 0.9, 0)
    memory = {1: state.again, 2: state.hard, 3: state.good, 4: state.easy}[first].memory
    if first < 4:  # a learning step ten minutes later
        at += 600_000
        entries.append((at, 3, LEARNING))
        memory = engine.next_states(memory, 0.9, 0).good.memory
    last = day
    while True:
        interval = max(1, round(engine.next_states(memory, 0.9, 0).good.interval))
        day += interval
        if day >= days:
            return entries
        at = start_ms + day * DAY_MS + rng.randint(0, 3_600_000)
        recalled = rng.random() < model.recall(day - last, memory.stability)
        ease = rng.choice([2, 3, 3, 3, 4]) if recalled else 1
        options = engine.next_states(memory, 0.9, day - last)
        memory = {1: options.again, 2: options.hard, 3: options.good, 4: options.easy}[ease].memory
        entries.append((at, ease, REVIEW))
        if ease == 1:  # relearning, ten minutes later
            at += 600_000
            entries.append((at, 3, RELEARNING))
            memory = engine.next_states(memory, 0.9, 0).good.memory
        last = day


def anki_collection(folder: Path, *, cards: int, days: int, seed: int = 7) -> AnkiFit:
    """Make the collection, fit and evaluate it with Anki's own FSRS, export it as a .colpkg.
    One manual entry (a reset) and one cram entry are added; both are not ratings."""
    rng = random.Random(seed)
    col = Collection(str(folder / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck = col.decks.id("Default")
        assert deck is not None
        for n in range(cards):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"Vraag {n}", f"Antwoord {n}"
            col.add_note(note, deck)
        card_ids = col.db.list("SELECT id FROM cards ORDER BY id")
        start_ms = int(time.time() * 1000) - (days + 1) * DAY_MS
        rows = []
        for cid in card_ids:
            rows += [
                (at, cid, ease, kind, 2500) for at, ease, kind in _history(rng, start_ms, days)
            ]
        rows.append((rows[-1][0] + 5_000, card_ids[0], 0, MANUAL, 0))  # a reset
        rows.append((rows[-1][0] + 5_000, card_ids[1], 3, FILTERED, 0))  # cramming
        seen: set[int] = set()
        for at, cid, ease, kind, factor in sorted(rows):
            while at in seen:  # revlog ids are unique
                at += 1
            seen.add(at)
            col.db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " VALUES (?, ?, -1, ?, 1, 0, ?, 8000, ?)",
                at,
                cid,
                ease,
                factor,
                kind,
            )
        started = time.perf_counter()
        fitted = col._backend.compute_fsrs_params(
            search="",
            current_params=[],
            ignore_revlogs_before_ms=0,
            num_of_relearning_steps=1,
            health_check=False,
        )
        seconds = time.perf_counter() - started
        judged = col._backend.evaluate_params_legacy(
            params=fitted.params, search="", ignore_revlogs_before_ms=0
        )
        package = folder / "student.colpkg"
        col.export_collection_package(str(package), include_media=False, legacy=False)
    finally:
        col.close()
    return AnkiFit(package, len(rows), len(rows) - 2, judged.log_loss, judged.rmse_bins, seconds)


def export_package(collection: Collection, path: Path, *, legacy: bool) -> Path:
    """`path` written by Anki's own .apkg export, in its current or its legacy format."""
    collection.export_anki_package(
        out_path=str(path),
        options=ExportAnkiPackageOptions(with_scheduling=True, with_media=True, legacy=legacy),
        limit=None,
    )
    return path
