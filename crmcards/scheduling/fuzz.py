"""Interval fuzz (FSRS spreads reviews over nearby days), drawn from the rating's own id.

py-fsrs draws its fuzz from Python's global random generator, so the same review log replayed on
two devices would give two schedules. Here the draw is seeded by the rating's uid: a log replayed
anywhere gives the same due dates. The range is py-fsrs's own (FUZZ_RANGES).
"""

from __future__ import annotations

import random
from datetime import timedelta

from fsrs.scheduler import FUZZ_RANGES


def fuzzed_interval(interval: timedelta, *, seed: str, maximum_days: int) -> timedelta:
    """`interval` moved to a day in py-fsrs's fuzz range around it, the same for the same seed."""
    days = interval.days
    if days < 2.5:  # py-fsrs leaves short intervals alone
        return interval
    delta = 1.0
    for fuzz_range in FUZZ_RANGES:
        delta += fuzz_range["factor"] * max(
            min(float(days), fuzz_range["end"]) - fuzz_range["start"], 0.0
        )
    high = min(round(days + delta), maximum_days)
    low = min(max(2, round(days - delta)), high)
    drawn = random.Random(seed).random() * (high - low + 1) + low
    return timedelta(days=min(round(drawn), maximum_days))
