"""Exam day: a simulated cohort studies the bundled decks for 42 days, once with plain FSRS and
once with the exam planner, and each student's true recall is read on exam morning.

Every student has a true memory: FSRS-6 parameters drawn around the defaults (each one scaled
by a log-normal factor), and a way of using rating 2 ("again" for some, "hard" for others).
Each day at 18:00 they open the app's own review session through `crmcards.api` (a fresh
temporary data folder per student and arm, on /dev/shm when there is one), and answer every
card it shows: recall is drawn from the true memory, the rating from whether it was recalled,
and the session's learning steps come back within the session as in the app. The session's
end (`end()`, which re-fits the memory model every 500 reviews) is called as the app does.

  - baseline: no exam date, the default settings (desired retention 0.9, 20 new a day);
  - planner: the same, with `exam_date` set to 42 days after the first session.

On exam morning (04:00, the start of the exam's study day) the true recall of every item is
computed (0 for an item never introduced). Per arm: the cohort's mean recall, the worst
student's 10th-percentile item, and the mean number of ratings per student.

    nice python bench/exam.py [--students 30] [--days 42] [--jobs 2] [--seed 18] [--json]
                              [--arm both|planner|baseline]

`--arm planner` runs only the planner (the baseline does not change when the planner does):
half the time while working on it; the goals that compare with the baseline are then left out.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs_rs_python as fsrs_rs
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from crmcards import api
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel

START = datetime(2027, 2, 1, 18, 0, tzinfo=UTC)  # the first session
SPREAD = 0.25  # standard deviation of the log of each parameter's factor
SECONDS_PER_CARD = (6, 20)  # thinking and answering, drawn uniformly
FIRST_RATINGS = ((1, 3, 4, 5), (0.25, 0.1, 0.55, 0.1))  # a new card's first answer
RECALLED = ((3, 4, 5), (0.15, 0.7, 0.15))
TWO_SHARE = 0.3  # how often a student says 2 for what their 2 means
TRUE_FSRS = {1: 1, 3: 2, 4: 3, 5: 4}


@dataclass(frozen=True)
class Student:
    number: int
    parameters: tuple[float, ...]
    two_means: str  # "again" or "hard": what this student's 2 really means


def cohort(size: int, seed: int) -> list[Student]:
    rng = random.Random(seed)
    students = []
    for number in range(size):
        parameters = tuple(
            min(high, max(low, w * math.exp(rng.gauss(0, SPREAD))))
            for w, low, high in zip(
                DEFAULT_MODEL.parameters,
                LOWER_BOUNDS_PARAMETERS,
                UPPER_BOUNDS_PARAMETERS,
                strict=True,
            )
        )
        students.append(Student(number, parameters, rng.choice(["again", "hard"])))
    return students


class TrueMemory:
    """What the student really remembers of each item (FSRS-6 with their own parameters)."""

    def __init__(self, student: Student) -> None:
        self.student = student
        self.model = MemoryModel.of(student.parameters)
        self.engine = fsrs_rs.FSRS(list(student.parameters))
        self.states: dict[str, tuple[fsrs_rs.MemoryState, datetime]] = {}

    def recall(self, item_id: str, now: datetime) -> float:
        state, last = self.states[item_id]
        return self.model.recall((now - last).total_seconds() / 86400, state.stability)

    def answer(self, item_id: str, now: datetime, rng: random.Random) -> int:
        """The student's 1–5 for `item_id` at `now`, and what it does to their memory."""
        two = self.student.two_means
        known = self.states.get(item_id)
        if known is None:
            rating = rng.choices(*FIRST_RATINGS)[0]
            remembered = rating > 1
        else:
            remembered = rng.random() < self.recall(item_id, now)
            rating = rng.choices(*RECALLED)[0] if remembered else 1
        if rng.random() < TWO_SHARE and (
            (two == "hard" and rating == 3) or (two == "again" and rating == 1)
        ):
            rating = 2
        true_rating = {2: 2 if two == "hard" else 1}.get(rating) or TRUE_FSRS[rating]
        if known is None:
            options = self.engine.next_states(None, 0.9, 0)
        else:
            state, last = known
            elapsed = (now.date() - last.date()).days
            options = self.engine.next_states(state, 0.9, elapsed)
        chosen = (options.again, options.hard, options.good, options.easy)[true_rating - 1]
        self.states[item_id] = (chosen.memory, now)
        return rating


def study(student: Student, planned: bool, days: int, seed: int) -> dict[str, Any]:
    """One student, one arm: `days` daily sessions, then their true recall on exam morning."""
    rng = random.Random(seed * 1000 + student.number)
    memory = TrueMemory(student)
    clock = [START]
    exam = (START + timedelta(days=days)).date()
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as home:
        if planned:
            (Path(home) / "config.toml").write_text(f'exam_date = "{exam.isoformat()}"\n')
        ratings = 0
        per_day = []
        with api.open(home=home, now=lambda: clock[0]) as ws:
            items = [item.id for item in ws.library.items()]
            for day in range(days):
                clock[0] = START + timedelta(days=day, minutes=rng.randint(-30, 30))
                session = ws.review()
                before = ratings
                while not session.finished:
                    assert session.current is not None
                    item_id = session.current.id
                    session.reveal()
                    clock[0] += timedelta(seconds=rng.uniform(*SECONDS_PER_CARD))
                    session.rate(memory.answer(item_id, clock[0], rng))
                    ratings += 1
                session.end()
                per_day.append(ratings - before)
        morning = datetime.combine(exam, datetime.min.time()).astimezone() + timedelta(hours=4)
        recall = [memory.recall(i, morning) if i in memory.states else 0.0 for i in items]
    recall.sort()
    return {
        "mean_recall": statistics.fmean(recall),
        "p10_recall": recall[len(recall) // 10],
        "reviews": ratings,
        "peak_day": max(per_day) / statistics.fmean(per_day),
        "never_introduced": sum(1 for i in items if i not in memory.states),
    }


def _job(job: tuple[Student, bool, int, int]) -> tuple[int, bool, dict[str, Any]]:
    student, planned, days, seed = job
    return (
        student.number,
        planned,
        study(student, planned, days, seed) | {"student": student.number},
    )


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    worst = sorted(results, key=lambda r: r["p10_recall"])[:3]
    return {
        "mean_recall": statistics.fmean(r["mean_recall"] for r in results),
        "min_student_p10_recall": min(r["p10_recall"] for r in results),
        "reviews": statistics.fmean(r["reviews"] for r in results),
        "peak_day": statistics.fmean(r["peak_day"] for r in results),
        "never_introduced": sum(r["never_introduced"] for r in results),
        "students_never_introduced": sum(1 for r in results if r["never_introduced"]),
        "worst_students": [
            {k: r[k] for k in ("student", "p10_recall", "mean_recall", "reviews")} for r in worst
        ],
    }


def goals(planner: dict[str, Any], baseline: dict[str, Any] | None) -> dict[str, bool]:
    met = {
        "planner_mean_at_least_0.95": planner["mean_recall"] >= 0.95,
        "worst_p10_at_least_0.90": planner["min_student_p10_recall"] >= 0.90,
        "every_item_introduced": planner["never_introduced"] == 0,
    }
    if baseline is not None:
        met["planner_mean_0.03_above_baseline"] = (
            planner["mean_recall"] >= baseline["mean_recall"] + 0.03
        )
        met["reviews_at_most_1.25x"] = planner["reviews"] <= 1.25 * baseline["reviews"]
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--days", type=int, default=42)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--arm", choices=("both", "planner", "baseline"), default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    students = cohort(args.students, args.seed)
    arms_run = {"both": (False, True), "planner": (True,), "baseline": (False,)}[args.arm]
    jobs = [(s, planned, args.days, args.seed) for s in students for planned in arms_run]
    started = time.perf_counter()
    with multiprocessing.Pool(args.jobs) as pool:
        done = pool.map(_job, jobs, chunksize=1)
    seconds = time.perf_counter() - started
    arms: dict[bool, list[dict[str, Any]]] = {planned: [] for planned in arms_run}
    for _, planned, result in sorted(done, key=lambda d: (d[1], d[0])):
        arms[planned].append(result)
    summaries = {planned: summary(results) for planned, results in arms.items()}
    baseline, planner = summaries.get(False), summaries.get(True)
    report: dict[str, Any] = {"students": args.students, "days": args.days}
    if planner is not None:
        report["planner"] = planner
    if baseline is not None:
        report["baseline"] = baseline
    if planner is not None:
        report["goals"] = goals(planner, baseline)
    report["seconds"] = round(seconds, 1)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{args.students} students, exam {args.days} days after the first session")
    print(
        f"{'':<10}{'mean recall':>12}{'worst p10':>11}{'reviews':>9}{'peak day':>10}"
        f"{'never seen':>12}  worst students (p10)"
    )
    for name, arm in (("baseline", baseline), ("planner", planner)):
        if arm is None:
            continue
        worst = ", ".join(f"{w['student']} ({w['p10_recall']:.3f})" for w in arm["worst_students"])
        print(
            f"{name:<10}{arm['mean_recall']:>12.3f}{arm['min_student_p10_recall']:>11.3f}"
            f"{arm['reviews']:>9.0f}{arm['peak_day']:>9.1f}x{arm['never_introduced']:>12}  {worst}"
        )
    if planner is not None and baseline is not None:
        ratio = planner["reviews"] / baseline["reviews"]
        print(f"planner reviews = {ratio:.2f}x baseline")
    print(f"{seconds:.0f} s")
    for goal, met in report.get("goals", {}).items():
        print(f"  {'ok  ' if met else 'MISS'} {goal}")


if __name__ == "__main__":
    sys.exit(main())
